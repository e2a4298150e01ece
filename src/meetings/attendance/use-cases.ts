import { sql } from 'kysely';
import { audit, userActor } from '../../core/audit.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { AttendanceRole, Presence } from '../../core/db/schema.ts';
import type { Outcome } from '../../core/http/forms.ts';
import type { I18n } from '../../core/i18n/i18n.ts';
import { addPerson, organisationById, personExists } from '../../organisations/index.ts';
import { inLockedMeeting, lockMeeting, requireAllowed } from '../use-case.ts';

export async function addAttendee(
  db: Db,
  user: CurrentUser,
  meetingId: string,
  data: { organisationId: string; personId?: string | undefined; newPerson?: string | undefined; role: AttendanceRole },
  i18n: I18n,
): Promise<Outcome> {
  requireAllowed(user, 'run-meetings');
  if (!data.personId && !data.newPerson) return { ok: false, errors: { personId: i18n.t('validation.required') } };
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    await lockMeeting(trx, meetingId);
    const org = await organisationById(trx, data.organisationId);
    if (!org) return { ok: false as const, errors: { organisationId: i18n.t('validation.choice') } };
    let personId = data.personId;
    if (personId) {
      if (!(await personExists(trx, personId)))
        return { ok: false as const, errors: { personId: i18n.t('validation.choice') } };
    } else {
      personId = await addPerson(trx, { [i18n.lang]: data.newPerson }, data.organisationId);
    }
    const row = await trx
      .insertInto('attendance')
      .values({
        meeting_id: meetingId,
        person_id: personId,
        organisation_id: data.organisationId,
        role: data.role,
        presence: 'present',
      })
      .onConflict((oc) => oc.columns(['meeting_id', 'person_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) return { ok: false as const, errors: { personId: i18n.t('attendance.already') } };
    await audit(trx, userActor(user), {
      entity: 'attendance',
      entityId: row.id,
      action: 'create',
      after: { meetingId, ...data, personId },
    });
    return { ok: true as const, value: undefined };
  });
}

/** Records presence for many rows in one transaction: one UPDATE per changed row, one audit entry. */
export async function recordPresence(db: Db, user: CurrentUser, meetingId: string, presence: Map<string, Presence>) {
  await inLockedMeeting(db, user, 'run-meetings', meetingId, async (trx) => {
    const current = await trx
      .selectFrom('attendance')
      .select(['id', 'presence'])
      .where('meeting_id', '=', meetingId)
      .execute();
    const changes = current.filter((r) => presence.has(r.id) && presence.get(r.id) !== r.presence);
    if (changes.length === 0) return;
    // One statement for all changes (a VALUES list), not one per row.
    const values = sql.join(changes.map((c) => sql`(${c.id}::bigint, ${presence.get(c.id)}::text)`));
    await sql`UPDATE attendance a SET presence = v.presence FROM (VALUES ${values}) AS v(id, presence)
              WHERE a.id = v.id AND a.meeting_id = ${meetingId}`.execute(trx);
    await audit(trx, userActor(user), {
      entity: 'meeting',
      entityId: meetingId,
      action: 'attendance',
      before: Object.fromEntries(changes.map((c) => [c.id, c.presence])),
      after: Object.fromEntries(changes.map((c) => [c.id, presence.get(c.id)])),
    });
  });
}
