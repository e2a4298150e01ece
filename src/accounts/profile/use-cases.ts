import { audit, userActor } from '../../core/audit.ts';
import { can } from '../../core/auth/policy.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import { HttpError } from '../../core/http/http-error.ts';
import type { Lang } from '../../core/i18n/locales.ts';

/** One’s own account: name and language. */

export async function updateAccount(
  db: Db,
  user: CurrentUser,
  data: { displayName: string; locale: Lang },
): Promise<void> {
  if (!can(user, 'manage-own-account')) throw new HttpError(403);
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('users')
      .select(['display_name', 'locale'])
      .where('id', '=', user.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('users')
      .set({ display_name: data.displayName, locale: data.locale })
      .where('id', '=', user.id)
      .execute();
    await audit(trx, userActor(user), {
      entity: 'user',
      entityId: user.id,
      action: 'update',
      before,
      after: { display_name: data.displayName, locale: data.locale },
    });
  });
}
