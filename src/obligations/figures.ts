import { sql } from 'kysely';
import type { Db } from '../core/db/database.ts';

/**
 * The recommendations' figures for the home page: how many the state received, and how many of them
 * have been assessed (their implementation judged by someone). Recommendations are public. One query.
 */
export async function recommendationFigures(db: Db): Promise<{ total: number; assessed: number }> {
  const row = await db
    .selectFrom('recommendations as r')
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`count(*) FILTER (WHERE r.status <> 'not_assessed')::int`.as('assessed'),
    ])
    .executeTakeFirstOrThrow();
  return row;
}
