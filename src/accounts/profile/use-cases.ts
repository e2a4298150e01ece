import { lockedRow, updateAudited } from '../../core/audited-writes.ts';
import { authorizeUser } from '../../core/auth/policy.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import { type Edition, localeOfEdition } from '../../core/http/latin-edition.ts';

/** One’s own account: name and language (Kazakh in either script). */

export async function updateAccount(
  db: Db,
  user: CurrentUser,
  data: { displayName: string; locale: Edition },
): Promise<void> {
  authorizeUser(user, 'manage-own-account');
  const { locale, latinScript } = localeOfEdition(data.locale);
  const after = { display_name: data.displayName, locale, latin_script: latinScript };
  await db.transaction().execute(async (trx) => {
    const before = await lockedRow(trx, 'users', user.id, ['display_name', 'locale', 'latin_script'], 'user');
    await updateAudited(trx, user, {
      table: 'users',
      id: user.id,
      set: after,
      entity: 'user',
      action: 'update',
      before,
      after,
    });
  });
}
