import { sql } from 'kysely';
import type { Db } from '../core/db/database.ts';
import { type Reader, visibleCondition } from './visibility.ts';

/** The meetings' figures for the home page, of meetings the reader may see: how many were held. One query. */
export async function meetingFigures(db: Db, reader: Reader): Promise<{ held: number }> {
  const row = await db
    .selectFrom('meetings as m')
    .select(
      sql<number>`count(*) FILTER (WHERE m.status IN ('held', 'minutes_review', 'minutes_approved', 'published'))::int`.as(
        'held',
      ),
    )
    .where(visibleCondition(reader))
    .executeTakeFirstOrThrow();
  return { held: row.held };
}
