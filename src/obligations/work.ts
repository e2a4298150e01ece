import { type RawBuilder, sql } from 'kysely';
import { can } from '../core/auth/policy.ts';
import type { WorkRow, WorkSource } from '../core/extensions.ts';

/** How far ahead the secretariat sees a reporting cycle's deadline in "My work". */
export const CYCLE_DEADLINES_AHEAD_DAYS = 60;

/*
 * What obligations ask of a person ("My work", issue 13): a state body's representatives carry out
 * the implementation actions their organisation is responsible for (planned or in progress, with
 * their deadline) and report progress on them; the secretariat keeps the reporting cycles' deadlines
 * (a report or follow-up due and not yet submitted, within two months or already past). Actions and
 * cycles are public records (policy.ts decides who may act on them, as here).
 */
export const obligationWork: WorkSource = {
  kind: 'obligation',
  waiting(user) {
    const parts: RawBuilder<WorkRow>[] = [];
    const org = user.organisationId;
    if (org && user.role === 'representative' && can(user, 'report-progress', { organisationId: org }))
      parts.push(sql<WorkRow>`
        SELECT 'action:' || a.id AS key, a.title,
               -- A cluster's action is shown on each of its recommendations' pages: the first one's.
               '/recommendations/' || COALESCE(a.recommendation_id,
                 (SELECT min(r.id) FROM recommendations r WHERE r.cluster_id = a.cluster_id)) AS path,
               'work.kind.action' AS kind, a.deadline
          FROM implementation_actions a
         WHERE a.responsible_id = ${org} AND a.status IN ('planned', 'in_progress')`);
    if (can(user, 'manage-obligations'))
      parts.push(sql<WorkRow>`
        SELECT 'cycle-stage:' || s.id AS key, c.title, '/cycles/' || c.id AS path,
               'work.kind.cycleStage' AS kind, s.due_on AS deadline
          FROM cycle_stages_effective s JOIN reporting_cycles c ON c.id = s.cycle_id
         WHERE s.kind IN ('report_due', 'follow_up_due', 'next_report_due') AND s.done_on IS NULL
           AND s.due_on <= current_date + ${CYCLE_DEADLINES_AHEAD_DAYS}::int`);
    return parts.length === 0 ? null : sql<WorkRow>`${sql.join(parts, sql` UNION ALL `)}`;
  },
};
