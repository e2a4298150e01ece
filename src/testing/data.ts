import type { Db } from '../core/db/database.ts';
import type { DB, MeetingStatus } from '../core/db/schema.ts';
import { insertDecision, insertDecisionTask } from '../meetings/decisions/queries.ts';

/*
 * Reads that tests of every domain make on the test database, and rows they write directly (test support:
 * it may touch any table).
 */

/** How many rows a table holds. */
export const countRows = async (db: Db, table: keyof DB): Promise<number> =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** How many entries of the audit log are about `entity` (of that action, where given). */
export const auditCount = async (db: Db, entity: string, action?: string): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('entity', '=', entity)
        .$if(action !== undefined, (q) => q.where('action', '=', action as string))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** A user's row, by e-mail address (fails if there is none). */
export const userByEmail = (db: Db, email: string) =>
  db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();

/** The id of an organisation, by its slug. */
export const orgId = async (db: Db, slug: string): Promise<string> =>
  (await db.selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;

/** The id of a user, by e-mail. */
export const userId = async (db: Db, email: string): Promise<string> =>
  (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

/** A meeting in the first of `statuses` that has one (any such meeting): its id and number. */
export async function meetingIn(db: Db, ...statuses: MeetingStatus[]) {
  for (const status of statuses) {
    const meeting = await db
      .selectFrom('meetings')
      .select(['id', 'number'])
      .where('status', '=', status)
      .executeTakeFirst();
    if (meeting) return meeting;
  }
  throw new Error(`no meeting is ${statuses.join(' or ')}`);
}

/** The messages of the notices `user` has about `record` ('proposal:12', 'action:3'…). */
export const noticesAbout = async (db: Db, user: string, record: string): Promise<string[]> =>
  (
    await db.selectFrom('notices').select('message').where('user_id', '=', user).where('record', '=', record).execute()
  ).map((n) => n.message);

/** The newest entry of the audit log about `entity` (that record, that action, where given). */
export async function lastAudit(db: Db, of: { entity: string; entityId?: string; action?: string }) {
  let query = db.selectFrom('audit_log').selectAll().where('entity', '=', of.entity);
  if (of.entityId !== undefined) query = query.where('entity_id', '=', of.entityId);
  if (of.action !== undefined) query = query.where('action', '=', of.action);
  return query.orderBy('id', 'desc').executeTakeFirstOrThrow();
}

/** A meeting of the demo's body in any status, written directly (no use case, no audit): its id. In person unless online. */
export async function insertMeeting(
  db: Db,
  m: {
    number: number;
    title: string;
    startsAt: Date;
    status: MeetingStatus;
    visibility: 'public' | 'members';
    onlineUrl?: string;
  },
): Promise<string> {
  const body = await db.selectFrom('bodies').select('id').orderBy('id').executeTakeFirstOrThrow();
  const row = await db
    .insertInto('meetings')
    .values({
      body_id: body.id,
      number: m.number,
      title: JSON.stringify({ en: m.title }),
      starts_at: m.startsAt,
      format: m.onlineUrl ? 'online' : 'in_person',
      online_url: m.onlineUrl ?? null,
      visibility: m.visibility,
      status: m.status,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A decision of a meeting with the task it gives, written directly (no use case, no audit): the task's id. */
export async function insertTask(
  db: Db,
  task: {
    meetingId: string;
    agendaItemId?: string;
    decision: string;
    description: string;
    organisationId: string;
    deadline: string;
  },
): Promise<string> {
  const decisionId = await insertDecision(db, task.meetingId, {
    text: { en: task.decision },
    agendaItemId: task.agendaItemId,
  });
  return insertDecisionTask(
    db,
    { id: decisionId, meetingId: task.meetingId },
    { description: { en: task.description }, organisationId: task.organisationId, deadline: task.deadline },
  );
}

/** The date (YYYY-MM-DD, UTC) `days` from today; negative for the past. */
export const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
