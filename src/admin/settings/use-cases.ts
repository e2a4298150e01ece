import { audit, userActor } from '../../core/audit.ts';
import { can } from '../../core/auth/policy.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
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
