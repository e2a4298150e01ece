import type { Db } from '../../core/db/database.ts';
import { HttpError } from '../../core/http/http-error.ts';
import { editionOfLocale } from '../../core/http/latin-edition.ts';
import { organisationNameOf } from '../queries.ts';

/** What the account page shows of one's own account (one query). */
export async function accountView(db: Db, userId: string) {
  const row = await db
    .selectFrom('users as u')
    .select([
      'u.email',
      'u.display_name as displayName',
      'u.locale',
      'u.latin_script as latinScript',
      'u.role',
      organisationNameOf('u.organisation_id'),
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!row) throw new HttpError(404);
  const { latinScript, ...account } = row;
  return { ...account, locale: editionOfLocale(row.locale, latinScript) };
}
