import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { can } from '../../core/auth/policy.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import { actingOrganisation } from '../visibility.ts';

/*
 * Who a support counts for (decision 0021): a citizen supports as themselves; a representative
 * supports for their organisation, which counts once whichever of its representatives gives or
 * withdraws it. Nobody else supports (staff, the chair and observers run or watch the process).
 */
export type Supporter = { userId: string } | { organisationId: string };

export function supporterOf(user: CurrentUser | null): Supporter | null {
  if (!user || !can(user, 'support-proposals')) return null;
  if (user.role === 'citizen') return { userId: user.id };
  const org = actingOrganisation(user);
  return org ? { organisationId: org } : null;
}

/** The support count of the proposal whose id is the column `proposalId` (a subquery). */
export function supportCount(proposalId: string): RawBuilder<number> {
  return sql<number>`(SELECT count(*)::int FROM proposal_supports s WHERE s.proposal_id = ${sql.ref(proposalId)})`;
}

/** Whether the reader (or their organisation) supports the proposal whose id is the column `proposalId`. */
export function supportedBy(user: CurrentUser | null, proposalId: string): RawBuilder<SqlBool> {
  const who = supporterOf(user);
  if (!who) return sql<SqlBool>`false`;
  const match = 'userId' in who ? sql`s.user_id = ${who.userId}` : sql`s.organisation_id = ${who.organisationId}`;
  return sql<SqlBool>`EXISTS (SELECT 1 FROM proposal_supports s WHERE s.proposal_id = ${sql.ref(proposalId)} AND ${match})`;
}
