import { type RawBuilder, sql } from 'kysely';
import { can } from '../core/auth/policy.ts';
import type { WorkRow, WorkSource } from '../core/extensions.ts';
import { actingOrganisation, visibleProposals } from './visibility.ts';

/*
 * What proposals ask of a person ("My work", issue 13): a state body's representatives answer the
 * proposals assigned to their organisation (with the deadline the secretariat set) — an answered one
 * leaves the list; the secretariat registers what was submitted. Visibility: visibility.ts.
 */
export const proposalWork: WorkSource = {
  kind: 'proposal',
  waiting(user) {
    const parts: RawBuilder<WorkRow>[] = [];
    const org = actingOrganisation(user);
    if (org)
      parts.push(sql<WorkRow>`
        SELECT 'proposal-answer:' || a.id AS key, p.title, '/proposals/' || p.id AS path,
               'work.kind.answerProposal' AS kind, a.deadline
          FROM proposal_addressees a JOIN proposals p ON p.id = a.proposal_id
         WHERE a.organisation_id = ${org} AND a.answer IS NULL AND p.status = 'assigned'
           AND ${visibleProposals(user, 'p')}`);
    if (can(user, 'manage-proposals'))
      parts.push(sql<WorkRow>`
        SELECT 'proposal-register:' || p.id AS key, p.title, '/proposals/' || p.id AS path,
               'work.kind.registerProposal' AS kind, NULL::date AS deadline
          FROM proposals p WHERE p.status = 'submitted'`);
    return parts.length === 0 ? null : sql<WorkRow>`${sql.join(parts, sql` UNION ALL `)}`;
  },
};
