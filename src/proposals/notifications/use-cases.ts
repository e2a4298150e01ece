import { sql } from 'kysely';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';

/** Marks all of a person's notifications read. */
export async function markAllRead(db: Db, user: CurrentUser): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ read_at: sql`now()` })
    .where('user_id', '=', user.id)
    .where('read_at', 'is', null)
    .execute();
}
