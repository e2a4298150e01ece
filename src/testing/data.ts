import type { Db } from '../core/db/database.ts';
import type { DB } from '../core/db/schema.ts';

/*
 * Reads that tests of every domain make on the test database (test support: it may read any table).
 */

/** How many rows a table holds. */
export const countRows = async (db: Db, table: keyof DB): Promise<number> =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** The id of an organisation, by its slug. */
export const orgId = async (db: Db, slug: string): Promise<string> =>
  (await db.selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;

/** The date (YYYY-MM-DD, UTC) `days` from today; negative for the past. */
export const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
