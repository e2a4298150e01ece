import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import { HttpError } from '../../core/http/http-error.ts';
import { editionOfLocale } from '../../core/http/latin-edition.ts';
import { platformSettings } from '../../core/settings.ts';
import { organisationNameOf } from '../queries.ts';

/** What the account page shows of one's own account, and what deleting it would do (two queries). */
export async function accountView(db: Db, userId: string) {
  const [row, settings] = await Promise.all([accountRow(db, userId), platformSettings(db)]);
  if (!row) throw new HttpError(404);
  const { latinScript, ...account } = row;
  return {
    ...account,
    locale: editionOfLocale(row.locale, latinScript),
    commentsOnDeletion: settings.comments_on_account_deletion,
  };
}

function accountRow(db: Db, userId: string) {
  return db
    .selectFrom('users as u')
    .select([
      'u.email',
      'u.display_name as displayName',
      'u.locale',
      'u.latin_script as latinScript',
      'u.role',
      sql<boolean>`u.email_confirmed_at IS NOT NULL`.as('emailConfirmed'),
      organisationNameOf('u.organisation_id'),
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}
