import { audit, userActor } from '../../core/audit.ts';
import { can } from '../../core/auth/policy.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import { type CommentSettings, commentSettings, saveCommentSettings } from '../../core/comments/settings.ts';
import type { Db } from '../../core/db/database.ts';
import { HttpError } from '../../core/http/http-error.ts';
import { type PlatformSettings, platformSettings, storePlatformSettings } from '../../core/settings.ts';

/** An administrator changes the platform's settings; audited with before and after. */
export async function updatePlatformSettings(db: Db, admin: CurrentUser, values: PlatformSettings): Promise<void> {
  if (!can(admin, 'manage-settings')) throw new HttpError(403, 'manage-settings');
  await db.transaction().execute(async (trx) => {
    const before = await platformSettings(trx);
    await storePlatformSettings(trx, values);
    await audit(trx, userActor(admin), {
      entity: 'settings',
      entityId: 'platform',
      action: 'update',
      before,
      after: values,
    });
  });
}

/** The secretariat or an administrator changes the comment settings (core/comments/settings.ts); audited with before and after. */
export async function updateCommentSettings(db: Db, user: CurrentUser, values: CommentSettings): Promise<void> {
  if (!can(user, 'manage-comment-settings')) throw new HttpError(403, 'manage-comment-settings');
  await db.transaction().execute(async (trx) => {
    const before = await commentSettings(trx);
    await saveCommentSettings(trx, values);
    await audit(trx, userActor(user), {
      entity: 'settings',
      entityId: 'comments',
      action: 'update',
      before,
      after: values,
    });
  });
}
