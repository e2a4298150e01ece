import type { Db } from '../core/db/database.ts';
import type { ProposalStatus } from '../core/db/schema.ts';

/*
 * What the tests of proposals (and of the domains that link to them) share. Test support only.
 */

/**
 * The id of a proposal in a status, or in any status but one (`{ not: 'draft' }`): the first the
 * database gives, or undefined when there is none.
 */
export async function proposalIn(
  db: Db,
  status: ProposalStatus | { not: ProposalStatus },
): Promise<string | undefined> {
  const row = await db
    .selectFrom('proposals')
    .select('id')
    .where('status', typeof status === 'string' ? '=' : '!=', typeof status === 'string' ? status : status.not)
    .executeTakeFirst();
  return row?.id;
}

/** As `proposalIn`, for a proposal the demo must have. */
export async function demoProposalIn(db: Db, status: ProposalStatus | { not: ProposalStatus }): Promise<string> {
  const id = await proposalIn(db, status);
  if (!id) throw new Error(`the demo has no proposal ${JSON.stringify(status)}`);
  return id;
}
