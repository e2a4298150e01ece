import { type RawBuilder, sql } from 'kysely';
import type { CurrentUser } from '../auth/user.ts';
import type { Db } from '../db/database.ts';
import type { WorkRow, WorkSource } from '../extensions.ts';

/** One thing waiting for a person, as "My work" shows it. */
export interface WorkItem extends WorkRow {
  /** The deadline has passed (before today in the body's time zone). */
  overdue: boolean;
}

/** The body's day, for "overdue": the day in Kazakhstan, not the server's (which may run in UTC). */
export const WORK_TIME_ZONE = 'Asia/Almaty';
const TODAY = sql`(now() AT TIME ZONE ${WORK_TIME_ZONE})::date`;

function queriesFor(sources: readonly WorkSource[], user: CurrentUser): RawBuilder<WorkRow>[] {
  return sources.map((s) => s.waiting(user)).filter((q): q is RawBuilder<WorkRow> => q !== null);
}

/** Everything waiting for a person: the soonest deadline first, undated things last (every source in ONE query). */
export async function workItems(db: Db, sources: readonly WorkSource[], user: CurrentUser): Promise<WorkItem[]> {
  const queries = queriesFor(sources, user);
  if (queries.length === 0) return [];
  const every = sql.join(
    queries.map((q) => sql`(${q})`),
    sql` UNION ALL `,
  );
  const { rows } = await sql<WorkItem>`SELECT w.key, w.title, w.path, w.kind, w.deadline::text AS deadline,
                                              COALESCE(w.deadline::date < ${TODAY}, false) AS overdue
                                         FROM (${every}) w`.execute(db);
  return rows.sort((a, b) => {
    if (a.deadline !== b.deadline) {
      if (a.deadline === null) return 1;
      if (b.deadline === null) return -1;
      return a.deadline < b.deadline ? -1 : 1;
    }
    return a.key.localeCompare(b.key);
  });
}

/** How many things wait for a person, for the header: every source's query counted in ONE query. */
export async function workCount(db: Db, sources: readonly WorkSource[], user: CurrentUser): Promise<number> {
  const counts = queriesFor(sources, user).map((q) => sql<number>`(SELECT count(*) FROM (${q}) w)`);
  if (counts.length === 0) return 0;
  const row = await sql<{ n: string }>`SELECT (${sql.join(counts, sql` + `)})::int AS n`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}
