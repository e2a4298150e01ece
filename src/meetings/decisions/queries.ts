import type { Db } from '../../core/db/database.ts';
import type { Translated } from '../../core/i18n/translated.ts';

/** Writes a decision of a meeting (the caller checks and audits): its id. */
export async function insertDecision(
  db: Db,
  meetingId: string,
  d: { text: Translated; agendaItemId?: string | null | undefined },
): Promise<string> {
  const row = await db
    .insertInto('decisions')
    .values({ meeting_id: meetingId, agenda_item_id: d.agendaItemId ?? null, text: JSON.stringify(d.text) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Writes the task a decision gives (done on a day, for a record of the past): its id. */
export async function insertDecisionTask(
  db: Db,
  decision: { id: string; meetingId: string },
  task: { description: Translated; organisationId: string; deadline: string; doneOn?: string | null | undefined },
): Promise<string> {
  const row = await db
    .insertInto('tasks')
    .values({
      decision_id: decision.id,
      meeting_id: decision.meetingId,
      description: JSON.stringify(task.description),
      organisation_id: task.organisationId,
      deadline: task.deadline,
      done_at: task.doneOn ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function decisionsOf(db: Db, meetingId: string) {
  return db
    .selectFrom('decisions')
    .select(['id', 'agenda_item_id as agendaItemId', 'text'])
    .where('meeting_id', '=', meetingId)
    .orderBy('id')
    .execute();
}
