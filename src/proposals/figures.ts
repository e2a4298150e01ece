import { sql } from 'kysely';
import type { CurrentUser } from '../core/auth/user.ts';
import type { Db } from '../core/db/database.ts';
import { visibleProposals } from './visibility.ts';

/** Statuses in which a proposal has had its answer from the state body. */
const ANSWERED = ['answered', 'in_implementation', 'implemented'] as const;

/**
 * The proposals' figures for the home page, of proposals the reader may see: how many were submitted
 * (drafts are not counted) and how many of them were answered. One query.
 */
export async function proposalFigures(
  db: Db,
  reader: CurrentUser | null,
): Promise<{ submitted: number; answered: number }> {
  const row = await db
    .selectFrom('proposals as p')
    .select([
      sql<number>`count(*)::int`.as('submitted'),
      sql<number>`count(*) FILTER (WHERE p.status IN (${sql.join(ANSWERED)}))::int`.as('answered'),
    ])
    .where('p.status', '!=', 'draft')
    .where(visibleProposals(reader, 'p'))
    .executeTakeFirstOrThrow();
  return row;
}
