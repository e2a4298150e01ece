import { type RawBuilder, sql } from 'kysely';
import { can } from '../core/auth/policy.ts';
import type { WorkRow, WorkSource } from '../core/extensions.ts';
import { visibleCondition } from './visibility.ts';

/*
 * What meetings ask of a person ("My work", issue 13): the secretariat reviews open corrections to
 * circulated minutes; the chair approves minutes in review once none is open; representatives and
 * observers of an organisation that attended read the circulated minutes (and may correct them);
 * a responsible organisation's representatives carry out the tasks set for it, until done. Every
 * part keeps to what the person may see of the meeting (visibility.ts).
 */
export const meetingWork: WorkSource = {
  kind: 'meeting',
  waiting(user) {
    const parts: RawBuilder<WorkRow>[] = [];
    if (can(user, 'run-meetings'))
      parts.push(sql<WorkRow>`
        SELECT 'minutes-corrections:' || m.id AS key, m.title, '/meetings/' || m.id || '/minutes' AS path,
               'work.kind.reviewCorrections' AS kind, NULL::date AS deadline
          FROM meetings m
         WHERE m.status = 'minutes_review'
           AND EXISTS (SELECT 1 FROM minutes_corrections c WHERE c.meeting_id = m.id AND c.status = 'open')`);
    if (can(user, 'approve-minutes'))
      parts.push(sql<WorkRow>`
        SELECT 'minutes-approve:' || m.id AS key, m.title, '/meetings/' || m.id || '/minutes' AS path,
               'work.kind.approveMinutes' AS kind, NULL::date AS deadline
          FROM meetings m
         WHERE m.status = 'minutes_review' AND ${visibleCondition(user, 'minutesDrafts')}
           AND NOT EXISTS (SELECT 1 FROM minutes_corrections c WHERE c.meeting_id = m.id AND c.status = 'open')`);
    const org = user.organisationId;
    if (org && ['representative', 'observer'].includes(user.role))
      parts.push(sql<WorkRow>`
        SELECT 'minutes-read:' || m.id AS key, m.title, '/meetings/' || m.id || '/minutes' AS path,
               'work.kind.readMinutes' AS kind, NULL::date AS deadline
          FROM meetings m
         WHERE m.status = 'minutes_review' AND ${visibleCondition(user, 'minutesDrafts')}
           AND m.id IN (SELECT a.meeting_id FROM attendance a
                         WHERE a.organisation_id = ${org} AND a.presence IN ('present', 'online'))
           -- Read and answered: once the person proposed a correction, it is the secretariat's turn.
           AND NOT EXISTS (SELECT 1 FROM minutes_corrections c WHERE c.meeting_id = m.id AND c.author_id = ${user.id})`);
    if (org && can(user, 'act-for-organisation', { organisationId: org }))
      parts.push(sql<WorkRow>`
        SELECT 'task:' || t.id AS key, t.description AS title, '/meetings/' || m.id AS path,
               'work.kind.task' AS kind, t.deadline
          FROM tasks t JOIN meetings m ON m.id = t.meeting_id
         WHERE t.organisation_id = ${org} AND t.done_at IS NULL AND ${visibleCondition(user, 'decisions')}`);
    return parts.length === 0 ? null : sql<WorkRow>`${sql.join(parts, sql` UNION ALL `)}`;
  },
};
