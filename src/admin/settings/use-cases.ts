import { audit, userActor } from '../../core/audit.ts';
import { type Action, can } from '../../core/auth/policy.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import { type CommentSettings, commentSettings, saveCommentSettings } from '../../core/comments/settings.ts';
import type { Db } from '../../core/db/database.ts';
import { HttpError } from '../../core/http/http-error.ts';
import { type PlatformSettings, platformSettings, storePlatformSettings } from '../../core/settings.ts';

/** A group of settings: who may change it, how it is read and stored, and its name in the audit log. */
interface SettingsStore<T> {
  action: Action;
  entityId: string;
  read: (trx: Db) => Promise<T>;
  store: (trx: Db, values: T) => Promise<void>;
}

/** Changes a group of settings, audited with before and after. */
async function updateSettings<T>(db: Db, user: CurrentUser, settings: SettingsStore<T>, values: T): Promise<void> {
  if (!can(user, settings.action)) throw new HttpError(403, settings.action);
  await db.transaction().execute(async (trx) => {
    const before = await settings.read(trx);
    await settings.store(trx, values);
    await audit(trx, userActor(user), {
      entity: 'settings',
      entityId: settings.entityId,
      action: 'update',
      before,
      after: values,
    });
  });
}

const PLATFORM: SettingsStore<PlatformSettings> = {
  action: 'manage-settings',
  entityId: 'platform',
  read: platformSettings,
  store: storePlatformSettings,
};

const COMMENTS: SettingsStore<CommentSettings> = {
  action: 'manage-comment-settings',
  entityId: 'comments',
  read: commentSettings,
  store: saveCommentSettings,
};

/** An administrator changes the platform's settings; audited with before and after. */
export async function updatePlatformSettings(db: Db, admin: CurrentUser, values: PlatformSettings): Promise<void> {
  await updateSettings(db, admin, PLATFORM, values);
}

/** The secretariat or an administrator changes the comment settings (core/comments/settings.ts); audited with before and after. */
export async function updateCommentSettings(db: Db, user: CurrentUser, values: CommentSettings): Promise<void> {
  await updateSettings(db, user, COMMENTS, values);
}
