import { sql } from 'kysely';
import { audit, userActor } from '../../core/audit.ts';
import { authorizeUser } from '../../core/auth/policy.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { AttendanceRole, Presence } from '../../core/db/schema.ts';
import type { Outcome } from '../../core/http/forms.ts';
import { HttpError } from '../../core/http/http-error.ts';
import type { I18n } from '../../core/i18n/i18n.ts';
import { addPerson, currentlyIn, organisationById, personExists } from '../../organisations/index.ts';
import { inLockedMeeting, lockMeeting } from '../use-case.ts';

export async function addAttendee(
  db: Db,
  user: CurrentUser,
  meetingId: string,
  data: { organisationId: string; personId?: string | undefined; newPerson?: string | undefined; role: AttendanceRole },
  i18n: I18n,
): Promise<Outcome> {
  authorizeUser(user, 'run-meetings');
  if (!data.personId && !data.newPerson) return { ok: false, errors: { personId: i18n.t('validation.required') } };
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    await lockMeeting(trx, meetingId);
    const org = await organisationById(trx, data.organisationId);
    if (!org) return { ok: false as const, errors: { organisationId: i18n.t('validation.choice') } };
    let personId = data.personId;
    if (personId) {
      if (!(await personExists(trx, personId)))
        return { ok: false as const, errors: { personId: i18n.t('validation.choice') } };
      // The form offers only the organisation's people; a person of another is refused, not moved.
      if ((await currentlyIn(trx, data.organisationId, [personId])).length === 0)
        return { ok: false as const, errors: { personId: i18n.t('attendance.notOfOrganisation') } };
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

/** A pre-filled line of the register (an invited organisation's person) given a presence: it joins the register. */
export interface RegisterAddition {
  organisationId: string;
  personId: string;
  presence: Presence;
}

/**
 * Records the register in one transaction: the presence of the rows in it (one UPDATE for all changed
 * rows) and the invited people given a presence (one INSERT, each with the role of their organisation's
 * invitation); one audit entry. An addition whose organisation is not invited, or whose person does not
 * work there now, is refused (422): the form offers no such line.
 */
export async function recordPresence(
  db: Db,
  user: CurrentUser,
  meetingId: string,
  presence: Map<string, Presence>,
  additions: RegisterAddition[] = [],
) {
  await inLockedMeeting(db, user, 'run-meetings', meetingId, async (trx) => {
    const current = await trx
      .selectFrom('attendance')
      .select(['id', 'presence'])
      .where('meeting_id', '=', meetingId)
      .execute();
    const changes = current.filter((r) => presence.has(r.id) && presence.get(r.id) !== r.presence);
    const added = await insertAdditions(trx, meetingId, additions);
    if (changes.length === 0 && added.length === 0) return;
    if (changes.length > 0) {
      // One statement for all changes (a VALUES list), not one per row.
      const values = sql.join(changes.map((c) => sql`(${c.id}::bigint, ${presence.get(c.id)}::text)`));
      await sql`UPDATE attendance a SET presence = v.presence FROM (VALUES ${values}) AS v(id, presence)
                WHERE a.id = v.id AND a.meeting_id = ${meetingId}`.execute(trx);
    }
    await audit(trx, userActor(user), {
      entity: 'meeting',
      entityId: meetingId,
      action: 'attendance',
      before: Object.fromEntries(changes.map((c) => [c.id, c.presence])),
      after: {
        ...Object.fromEntries(changes.map((c) => [c.id, presence.get(c.id)])),
        ...(added.length > 0 ? { added } : {}),
      },
    });
  });
}

/** Inserts the invited people given a presence, after checking each against the invitations and positions. */
async function insertAdditions(trx: Db, meetingId: string, additions: RegisterAddition[]) {
  if (additions.length === 0) return [];
  const orgIds = [...new Set(additions.map((a) => a.organisationId))];
  const invitations = await trx
    .selectFrom('meeting_invitations')
    .select(['organisation_id', 'role'])
    .where('meeting_id', '=', meetingId)
    .where('organisation_id', 'in', orgIds)
    .execute();
  const roleOf = new Map(invitations.map((i) => [i.organisation_id, i.role]));
  for (const orgId of orgIds) {
    const role = roleOf.get(orgId);
    const people = additions.filter((a) => a.organisationId === orgId).map((a) => a.personId);
    if (!role || (await currentlyIn(trx, orgId, people)).length !== new Set(people).size)
      throw new HttpError(422, `not an invited organisation's person: ${orgId}`);
  }
  return trx
    .insertInto('attendance')
    .values(
      additions.map((a) => ({
        meeting_id: meetingId,
        person_id: a.personId,
        organisation_id: a.organisationId,
        role: roleOf.get(a.organisationId) ?? 'guest',
        presence: a.presence,
      })),
    )
    .onConflict((oc) => oc.columns(['meeting_id', 'person_id']).doNothing())
    .returning(['id', 'person_id as personId', 'organisation_id as organisationId', 'presence'])
    .execute();
}
