import { sql } from 'kysely';
import { audit, userActor } from '../../core/audit.ts';
import { can } from '../../core/auth/policy.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { Outcome } from '../../core/http/forms.ts';
import { HttpError } from '../../core/http/http-error.ts';
import type { I18n } from '../../core/i18n/i18n.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { organisationById } from '../../organisations/index.ts';
import { inLockedMeeting, isAgendaItemOf } from '../use-case.ts';
import { maySee } from '../visibility.ts';
import { insertDecision, insertDecisionTask } from './queries.ts';

/** A decision of a meeting, and the task it gives, if any. */
export interface DecisionData {
  text: Translated;
  agendaItemId: string | undefined;
  task: { description: Translated; organisationId: string; deadline: string } | undefined;
}

export async function addDecision(
  db: Db,
  user: CurrentUser,
  meetingId: string,
  data: DecisionData,
  i18n: I18n,
): Promise<Outcome> {
  return inLockedMeeting(db, user, 'run-meetings', meetingId, async (trx): Promise<Outcome> => {
    if (data.agendaItemId && !(await isAgendaItemOf(trx, meetingId, data.agendaItemId))) {
      return { ok: false as const, errors: { agendaItemId: i18n.t('validation.choice') } };
    }
    if (data.task) {
      const org = await organisationById(trx, data.task.organisationId);
      if (!org) return { ok: false as const, errors: { taskOrganisationId: i18n.t('validation.choice') } };
    }
    const decisionId = await insertDecision(trx, meetingId, data);
    if (data.task) await insertDecisionTask(trx, { id: decisionId, meetingId }, data.task);
    await audit(trx, userActor(user), { entity: 'decision', entityId: decisionId, action: 'create', after: data });
    return { ok: true as const, value: undefined };
  });
}

/** A task is marked done by the secretariat or by a representative of the responsible organisation. */
export async function markTaskDone(db: Db, user: CurrentUser, taskId: string): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const task = await trx
      .selectFrom('tasks as t')
      .innerJoin('meetings as m', 'm.id', 't.meeting_id')
      .select(['t.id', 't.organisation_id', 't.meeting_id', 't.done_at', 'm.status', 'm.visibility'])
      .where('t.id', '=', taskId)
      .forUpdate('t')
      .executeTakeFirst();
    // A task of a meeting one may not see answers as a task that does not exist.
    if (!task || !maySee(user, 'decisions', task)) throw new HttpError(404, `task ${taskId}`);
    if (!can(user, 'run-meetings') && !can(user, 'act-for-organisation', { organisationId: task.organisation_id })) {
      throw new HttpError(403, 'task');
    }
    if (!task.done_at) {
      await trx.updateTable('tasks').set({ done_at: sql`now()` }).where('id', '=', taskId).execute();
      await audit(trx, userActor(user), {
        entity: 'task',
        entityId: taskId,
        action: 'done',
        before: { done: false },
        after: { done: true },
      });
    }
    return task.meeting_id;
  });
}
