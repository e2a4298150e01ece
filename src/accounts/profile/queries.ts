import type { Db } from '../../core/db/database.ts';
import { HttpError } from '../../core/http/http-error.ts';

/** What the account page shows of one's own account (one query). */
export async function accountView(db: Db, userId: string) {
  const row = await db
    .selectFrom('users as u')
    .leftJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select(['u.email', 'u.display_name as displayName', 'u.locale', 'u.role', 'o.name as organisationName'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!row) throw new HttpError(404);
  return row;
}
