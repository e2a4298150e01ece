import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { can } from '../core/auth/policy.ts';
import type { CurrentUser } from '../core/auth/user.ts';
import type { Db } from '../core/db/database.ts';
import type { ProposalStatus } from '../core/db/schema.ts';

/*
 * Who may see a proposal: the one place that decides it (decision 0014). Every reader of proposals —
 * the page, the read API, the CSV export, attachment downloads, every POST on a proposal, similar
 * suggestions, the timeline and notifications, the tracker's author filter, and links shown from other
 * domains — asks this module, either as a predicate (`canSeeProposal`, for one loaded proposal) or as
 * a query condition (`visibleProposals`, for lists). Both are written next to each other from the same
 * table, so they cannot drift apart unnoticed (the matrix in visibility.test.ts checks every surface).
 *
 *   reach        states                                       who sees it
 *   ───────────  ───────────────────────────────────────────  ─────────────────────────────────────────
 *   'drafting'   draft                                        the authors' representatives, and the
 *                                                             representatives of an organisation invited
 *                                                             as co-author whose answer is pending (they
 *                                                             must read it to decide)
 *   'authors'    withdrawn before it was ever submitted       the authors' representatives only
 *   'public'     submitted, registered, assigned, answered,   everyone, visitors included
 *                in implementation, implemented, merged,
 *                withdrawn after submission
 *
 * Nobody else sees a draft: not the addressed state body, not the secretariat, the chair or the
 * platform administrator (the secretariat receives a proposal when it is submitted). "Authors" are the
 * organisations in proposal_authors, i.e. the writing organisation and the co-authors that accepted;
 * a representative acts for their own organisation only (`can(…, 'act-for-organisation')`).
 *
 * "Ever submitted" is read from submitted_at, which submission sets and nothing clears; a database
 * constraint (proposals_submitted_at_set) keeps every state past the draft other than "withdrawn"
 * from lacking it. So a proposal becomes public at submission and stays public.
 */

export type Reach = 'drafting' | 'authors' | 'public';

/** What visibility needs to know about one proposal. */
export interface VisibilityFacts {
  status: ProposalStatus;
  submittedAt: Date | string | null;
  /** Organisations that are authors (accepted co-authors included). */
  authorIds: readonly string[];
  /** Organisations invited as co-authors whose answer is pending. */
  invitedIds: readonly string[];
}

export function reachOf(p: Pick<VisibilityFacts, 'status' | 'submittedAt'>): Reach {
  if (p.status === 'draft') return 'drafting';
  if (p.submittedAt === null) return 'authors';
  return 'public';
}

/** The organisation `user` acts for as its representative, or null. */
export function actingOrganisation(user: CurrentUser | null): string | null {
  const organisationId = user?.organisationId ?? null;
  return organisationId && can(user, 'act-for-organisation', { organisationId }) ? organisationId : null;
}

/**
 * Which proposals a reader sees, as a key: the public ones ('public'), or those and the ones of the
 * organisation they act for. Readers with the same key see the same proposals, so what is read for
 * one of them may be kept for the others (issue 15, decision 0022).
 */
export function proposalsAudience(user: CurrentUser | null): string {
  const org = actingOrganisation(user);
  return org ? `organisation:${org}` : 'public';
}

/** May `user` (null: a visitor) see this proposal at all? */
export function canSeeProposal(user: CurrentUser | null, p: VisibilityFacts): boolean {
  const reach = reachOf(p);
  if (reach === 'public') return true;
  const org = actingOrganisation(user);
  if (!org) return false;
  if (p.authorIds.includes(org)) return true;
  return reach === 'drafting' && p.invitedIds.includes(org);
}

/**
 * The same rule as a condition on a proposals row aliased `alias` (raw SQL, so it serves Kysely
 * `.where(…)` and the hand-written SQL of other domains alike).
 */
export function visibleProposals(user: CurrentUser | null, alias = 'p'): RawBuilder<SqlBool> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  const isPublic = sql<SqlBool>`(${col('status')} <> 'draft' AND ${col('submitted_at')} IS NOT NULL)`;
  const org = actingOrganisation(user);
  if (!org) return isPublic;
  // Uncorrelated IN (…) lists, not EXISTS per row: PostgreSQL hashes each once, which keeps a signed-in
  // representative's tracker as fast as a visitor's (EXISTS inside OR was 3× slower on 20,000 rows).
  return sql<SqlBool>`(${isPublic}
    OR ${col('id')} IN (SELECT va.proposal_id FROM proposal_authors va WHERE va.organisation_id = ${org})
    OR (${col('status')} = 'draft' AND ${col('id')} IN (SELECT vi.proposal_id FROM proposal_coauthor_invitations vi
          WHERE vi.organisation_id = ${org} AND vi.answer IS NULL)))`;
}

/** What everyone may see: for links shown on other domains' public pages. */
export const publicProposals = (alias = 'p') => visibleProposals(null, alias);

/** Loads the facts of one proposal (optionally locking its row for a write); undefined if none. */
export async function visibilityFacts(db: Db, id: string, opts: { forUpdate?: boolean } = {}) {
  let q = db
    .selectFrom('proposals as p')
    .select([
      'p.id',
      'p.status',
      'p.kind',
      'p.submitted_at as submittedAt',
      sql<string[]>`ARRAY(SELECT organisation_id::text FROM proposal_authors WHERE proposal_id = p.id)`.as('authorIds'),
      sql<
        string[]
      >`ARRAY(SELECT organisation_id::text FROM proposal_coauthor_invitations WHERE proposal_id = p.id AND answer IS NULL)`.as(
        'invitedIds',
      ),
    ])
    .where('p.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/**
 * May `user` download this file, as a proposal's attachment or as a file of a state body's answer
 * (the official letter)? Whoever may see the proposal may (one query; false if it is neither).
 */
export async function mayReadProposalFile(db: Db, user: CurrentUser | null, fileId: string): Promise<boolean> {
  const row = await db
    .selectFrom('proposals as p')
    .select('p.id')
    .where((eb) =>
      eb.or([
        eb(
          'p.id',
          'in',
          eb.selectFrom('proposal_attachments as a').select('a.proposal_id').where('a.file_id', '=', fileId),
        ),
        eb(
          'p.id',
          'in',
          eb
            .selectFrom('proposal_answer_files as f')
            .innerJoin('proposal_addressees as d', 'd.id', 'f.addressee_id')
            .select('d.proposal_id')
            .where('f.file_id', '=', fileId),
        ),
      ]),
    )
    .where(visibleProposals(user, 'p'))
    .executeTakeFirst();
  return row !== undefined;
}

/** The statuses in which the secretariat may still change whom a proposal is addressed to (it awaits answers). */
export const ADDRESSABLE_STATUSES: readonly ProposalStatus[] = ['submitted', 'registered', 'assigned'];

/**
 * May `user` add or remove the state bodies a proposal is addressed to? The secretariat, from the
 * proposal's submission until every body has answered (issue 13). Which bodies may be removed (none
 * that answered) is the use case's rule (review/addressees.ts).
 */
export function mayChangeAddressees(user: CurrentUser | null, p: { status: ProposalStatus }): boolean {
  return can(user, 'manage-proposals') && ADDRESSABLE_STATUSES.includes(p.status);
}
