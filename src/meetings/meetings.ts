import { sql } from 'kysely';
import { audit, userActor } from '../core/audit.ts';
import { type Action, can } from '../core/auth/policy.ts';
import type { CurrentUser } from '../core/auth/user.ts';
import type { Db } from '../core/db/database.ts';
import type { AttendanceRole, MeetingStatus, MinutesContent, Presence, PresenterRole } from '../core/db/schema.ts';
import type { FieldErrors } from '../core/http/forms.ts';
import { HttpError } from '../core/http/http-error.ts';
import { type I18n, i18nFor } from '../core/i18n/i18n.ts';
import type { Lang } from '../core/i18n/locales.ts';
import type { Translated } from '../core/i18n/translated.ts';
import { queueEmail } from '../core/mail/outbox.ts';
import { maySee } from './visibility.ts';
import { agendaOpen, canMove, NEEDS_REASON } from './workflow.ts';

/** Use cases of meetings. Each checks the policy, runs in one transaction and appends to the audit log. */

export type Outcome<T = undefined> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** An agenda longer than this is refused (a real one has a handful of items). */
export const MAX_AGENDA_ITEMS = 100;

function require(user: CurrentUser, action: Action, thing?: unknown) {
  if (!can(user, action, thing)) throw new HttpError(403, action);
}

async function lockMeeting(trx: Db, meetingId: string) {
  const m = await trx
    .selectFrom('meetings')
    .select([
      'id',
      'status',
      'number',
      'body_id',
      'visibility',
      'title',
      'starts_at',
      'time_zone',
      'venue',
      'online_url',
    ])
    .where('id', '=', meetingId)
    .forUpdate()
    .executeTakeFirst();
  if (!m) throw new HttpError(404, `meeting ${meetingId}`);
  return m;
}

export interface MeetingData {
  title: Translated;
  description: Translated;
  venue: Translated;
  startsAt: Date;
  endsAt: Date | null;
  timeZone: string;
  onlineUrl: string | null;
  format: 'in_person' | 'online' | 'hybrid';
  visibility: 'public' | 'members';
  chairPersonId: string | null;
  secretaryPersonId: string | null;
}

/** Checks that hold whatever the form: an end after the start, a place to meet. */
export function meetingErrors(data: MeetingData, i18n: I18n): FieldErrors | undefined {
  const errors: FieldErrors = {};
  if (data.endsAt && data.endsAt <= data.startsAt) errors.endsAt = i18n.t('meeting.endBeforeStart');
  const hasVenue = Object.keys(data.venue).length > 0;
  if ((data.format === 'in_person' && !hasVenue) || (data.format === 'online' && !data.onlineUrl)) {
    errors[data.format === 'online' ? 'onlineUrl' : 'venue_kk'] = i18n.t('meeting.venueOrLink');
  }
  if (data.format === 'hybrid' && (!hasVenue || !data.onlineUrl)) errors.venue_kk = i18n.t('meeting.venueOrLink');
  return Object.keys(errors).length ? errors : undefined;
}

const meetingColumns = (d: MeetingData) => ({
  title: JSON.stringify(d.title),
  description: JSON.stringify(d.description),
  venue: JSON.stringify(d.venue),
  starts_at: d.startsAt,
  ends_at: d.endsAt,
  time_zone: d.timeZone,
  online_url: d.onlineUrl,
  format: d.format,
  visibility: d.visibility,
  chair_person_id: d.chairPersonId,
  secretary_person_id: d.secretaryPersonId,
});

/** Schedules a meeting as a draft with the body's next number (numbers never repeat within a body). */
export async function scheduleMeeting(
  db: Db,
  user: CurrentUser,
  bodyId: string,
  data: MeetingData,
  i18n: I18n,
): Promise<Outcome<string>> {
  require(user, 'run-meetings');
  const errors = meetingErrors(data, i18n);
  if (errors) return { ok: false, errors };
  return db.transaction().execute(async (trx): Promise<Outcome<string>> => {
    // The body row is the lock that keeps two secretaries from taking the same number.
    await trx.selectFrom('bodies').select('id').where('id', '=', bodyId).forUpdate().executeTakeFirstOrThrow();
    const last = await trx
      .selectFrom('meetings')
      .select((eb) => eb.fn.max('number').as('n'))
      .where('body_id', '=', bodyId)
      .executeTakeFirst();
    const number = Number(last?.n ?? 0) + 1;
    const row = await trx
      .insertInto('meetings')
      .values({ body_id: bodyId, number, ...meetingColumns(data) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, userActor(user), {
      entity: 'meeting',
      entityId: row.id,
      action: 'create',
      after: { number, ...data },
    });
    return { ok: true as const, value: row.id };
  });
}

export async function updateMeeting(
  db: Db,
  user: CurrentUser,
  meetingId: string,
  data: MeetingData,
  i18n: I18n,
): Promise<Outcome> {
  require(user, 'run-meetings');
  const errors = meetingErrors(data, i18n);
  if (errors) return { ok: false, errors };
  await db.transaction().execute(async (trx) => {
    const before = await lockMeeting(trx, meetingId);
    await trx
      .updateTable('meetings')
      .set({ ...meetingColumns(data), updated_at: sql`now()` })
      .where('id', '=', meetingId)
      .execute();
    await audit(trx, userActor(user), {
      entity: 'meeting',
      entityId: meetingId,
      action: 'update',
      before,
      after: data,
    });
  });
  return { ok: true, value: undefined };
}

/** Moves a meeting along its workflow; postponing and cancelling need a reason. */
export async function changeStatus(
  db: Db,
  user: CurrentUser,
  meetingId: string,
  to: MeetingStatus,
  reason: Translated,
  i18n: I18n,
): Promise<Outcome> {
  require(user, to === 'minutes_approved' ? 'approve-minutes' : 'run-meetings');
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const m = await lockMeeting(trx, meetingId);
    if (!canMove(m.status, to)) {
      return {
        ok: false as const,
        errors: {
          status: i18n.t('meeting.transitionNotAllowed', {
            from: i18n.t(`meeting.status.${m.status}`),
            to: i18n.t(`meeting.status.${to}`),
          }),
        },
      };
    }
    if (NEEDS_REASON.includes(to) && Object.keys(reason).length === 0) {
      return { ok: false as const, errors: { reason_kk: i18n.t('meeting.reasonRequired') } };
    }
    await trx
      .updateTable('meetings')
      .set({
        status: to,
        status_reason: JSON.stringify(NEEDS_REASON.includes(to) ? reason : {}),
        updated_at: sql`now()`,
      })
      .where('id', '=', meetingId)
      .execute();
    await audit(trx, userActor(user), {
      entity: 'meeting',
      entityId: meetingId,
      action: 'status',
      before: { status: m.status },
      after: { status: to, reason },
    });
    return { ok: true as const, value: undefined };
  });
}

async function openAgenda(trx: Db, meetingId: string) {
  const m = await lockMeeting(trx, meetingId);
  if (!agendaOpen(m.status)) throw new HttpError(409, 'agenda closed', 'agenda.locked');
  return m;
}

export interface AgendaItemData {
  title: Translated;
  description: Translated;
  plannedMinutes: number | undefined;
}

export async function addAgendaItem(
  db: Db,
  user: CurrentUser,
  meetingId: string,
  data: AgendaItemData,
  i18n: I18n,
): Promise<Outcome<string>> {
  require(user, 'run-meetings');
  return db.transaction().execute(async (trx): Promise<Outcome<string>> => {
    await openAgenda(trx, meetingId);
    const last = await trx
      .selectFrom('agenda_items')
      .select([(eb) => eb.fn.max('position').as('p'), (eb) => eb.fn.countAll<string>().as('n')])
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    if (Number(last?.n ?? 0) >= MAX_AGENDA_ITEMS) {
      return { ok: false as const, errors: { title_kk: i18n.t('agenda.tooMany', { count: MAX_AGENDA_ITEMS }) } };
    }
    const row = await trx
      .insertInto('agenda_items')
      .values({
        meeting_id: meetingId,
        position: Number(last?.p ?? 0) + 1,
        title: JSON.stringify(data.title),
        description: JSON.stringify(data.description),
        planned_minutes: data.plannedMinutes ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, userActor(user), {
      entity: 'agenda_item',
      entityId: row.id,
      action: 'create',
      after: { meetingId, ...data },
    });
    return { ok: true as const, value: row.id };
  });
}

export async function updateAgendaItem(
  db: Db,
  user: CurrentUser,
  meetingId: string,
  itemId: string,
  data: AgendaItemData,
) {
  require(user, 'run-meetings');
  await db.transaction().execute(async (trx) => {
    await openAgenda(trx, meetingId);
    const before = await trx
      .selectFrom('agenda_items')
      .select(['title', 'description', 'planned_minutes'])
      .where('id', '=', itemId)
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    if (!before) throw new HttpError(404, `agenda item ${itemId}`);
    await trx
      .updateTable('agenda_items')
      .set({
        title: JSON.stringify(data.title),
        description: JSON.stringify(data.description),
        planned_minutes: data.plannedMinutes ?? null,
      })
      .where('id', '=', itemId)
      .execute();
    await audit(trx, userActor(user), {
      entity: 'agenda_item',
      entityId: itemId,
      action: 'update',
      before,
      after: data,
    });
  });
}

/** Swaps an item with its neighbour; positions stay 1…n (the unique constraint is deferred for the swap). */
export async function moveAgendaItem(
  db: Db,
  user: CurrentUser,
  meetingId: string,
  itemId: string,
  direction: 'up' | 'down',
) {
  require(user, 'run-meetings');
  await db.transaction().execute(async (trx) => {
    await openAgenda(trx, meetingId);
    const item = await trx
      .selectFrom('agenda_items')
      .select(['id', 'position'])
      .where('id', '=', itemId)
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    if (!item) throw new HttpError(404, `agenda item ${itemId}`);
    const neighbour = await trx
      .selectFrom('agenda_items')
      .select(['id', 'position'])
      .where('meeting_id', '=', meetingId)
      .where('position', direction === 'up' ? '<' : '>', item.position)
      .orderBy('position', direction === 'up' ? 'desc' : 'asc')
      .limit(1)
      .executeTakeFirst();
    if (!neighbour) return;
    await sql`SET CONSTRAINTS agenda_items_position_uq DEFERRED`.execute(trx);
    await trx.updateTable('agenda_items').set({ position: neighbour.position }).where('id', '=', item.id).execute();
    await trx.updateTable('agenda_items').set({ position: item.position }).where('id', '=', neighbour.id).execute();
    await audit(trx, userActor(user), {
      entity: 'agenda_item',
      entityId: itemId,
      action: 'move',
      before: { position: item.position },
      after: { position: neighbour.position },
    });
  });
}

export async function removeAgendaItem(db: Db, user: CurrentUser, meetingId: string, itemId: string) {
  require(user, 'run-meetings');
  await db.transaction().execute(async (trx) => {
    await openAgenda(trx, meetingId);
    const before = await trx
      .deleteFrom('agenda_items')
      .where('id', '=', itemId)
      .where('meeting_id', '=', meetingId)
      .returning(['position', 'title'])
      .executeTakeFirst();
    if (!before) throw new HttpError(404, `agenda item ${itemId}`);
    // Close the gap so positions stay 1…n.
    await sql`SET CONSTRAINTS agenda_items_position_uq DEFERRED`.execute(trx);
    await trx
      .updateTable('agenda_items')
      .set({ position: sql`position - 1` })
      .where('meeting_id', '=', meetingId)
      .where('position', '>', before.position)
      .execute();
    await audit(trx, userActor(user), { entity: 'agenda_item', entityId: itemId, action: 'delete', before });
  });
}

export async function addPresenter(
  db: Db,
  user: CurrentUser,
  meetingId: string,
  itemId: string,
  data: { organisationId: string; personId?: string | undefined; role: PresenterRole },
  i18n: I18n,
): Promise<Outcome> {
  require(user, 'run-meetings');
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    await openAgenda(trx, meetingId);
    const item = await trx
      .selectFrom('agenda_items')
      .select('id')
      .where('id', '=', itemId)
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    if (!item) throw new HttpError(404, `agenda item ${itemId}`);
    const org = await trx
      .selectFrom('organisations')
      .select('id')
      .where('id', '=', data.organisationId)
      .executeTakeFirst();
    if (!org) return { ok: false as const, errors: { organisationId: i18n.t('validation.choice') } };
    if (data.personId) {
      const person = await trx.selectFrom('people').select('id').where('id', '=', data.personId).executeTakeFirst();
      if (!person) return { ok: false as const, errors: { personId: i18n.t('validation.choice') } };
    }
    const last = await trx
      .selectFrom('agenda_presenters')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('agenda_item_id', '=', itemId)
      .executeTakeFirst();
    const row = await trx
      .insertInto('agenda_presenters')
      .values({
        agenda_item_id: itemId,
        organisation_id: data.organisationId,
        person_id: data.personId ?? null,
        role: data.role,
        position: Number(last?.p ?? 0) + 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, userActor(user), {
      entity: 'agenda_presenter',
      entityId: row.id,
      action: 'create',
      after: { itemId, ...data },
    });
    return { ok: true as const, value: undefined };
  });
}

export async function removePresenter(db: Db, user: CurrentUser, meetingId: string, presenterId: string) {
  require(user, 'run-meetings');
  await db.transaction().execute(async (trx) => {
    await openAgenda(trx, meetingId);
    const removed = await trx
      .deleteFrom('agenda_presenters')
      .where('id', '=', presenterId)
      .where('agenda_item_id', 'in', (eb) =>
        eb.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId),
      )
      .returning(['agenda_item_id', 'organisation_id', 'role'])
      .executeTakeFirst();
    if (!removed) throw new HttpError(404, `presenter ${presenterId}`);
    await audit(trx, userActor(user), {
      entity: 'agenda_presenter',
      entityId: presenterId,
      action: 'delete',
      before: removed,
    });
  });
}

/** Invites organisations (again is harmless) and writes each one's representatives an e-mail. */
export async function inviteOrganisations(
  db: Db,
  user: CurrentUser,
  meetingId: string,
  organisationIds: string[],
  role: 'member' | 'observer' | 'guest',
  mail: {
    publicUrl: string;
    bodyName: (lang: Lang) => string;
    when: (lang: Lang) => string;
    venue: (lang: Lang) => string;
    title: (lang: Lang) => string;
    organisationName: (id: string, lang: Lang) => string;
  },
): Promise<number> {
  require(user, 'run-meetings');
  return db.transaction().execute(async (trx) => {
    const m = await lockMeeting(trx, meetingId);
    if (!agendaOpen(m.status)) throw new HttpError(409, 'meeting held', 'agenda.locked');
    const known = await trx.selectFrom('organisations').select('id').where('id', 'in', organisationIds).execute();
    if (known.length === 0) return 0;
    const inserted = await trx
      .insertInto('meeting_invitations')
      .values(known.map((o) => ({ meeting_id: meetingId, organisation_id: o.id, role })))
      .onConflict((oc) => oc.columns(['meeting_id', 'organisation_id']).doNothing())
      .returning(['id', 'organisation_id'])
      .execute();
    if (inserted.length === 0) return 0;
    const recipients = await trx
      .selectFrom('users')
      .select(['email', 'locale', 'organisation_id'])
      .where(
        'organisation_id',
        'in',
        inserted.map((i) => i.organisation_id),
      )
      .where('role', 'in', ['representative', 'observer'])
      .where('disabled_at', 'is', null)
      .execute();
    for (const r of recipients) {
      const t = i18nFor(r.locale);
      await queueEmail(trx, {
        to: r.email,
        subject: t.t('email.meetingInvitation.subject', { title: mail.title(r.locale) }),
        text: t.t('email.meetingInvitation.body', {
          organisation: mail.organisationName(r.organisation_id ?? '', r.locale),
          body: mail.bodyName(r.locale),
          number: m.number,
          title: mail.title(r.locale),
          when: mail.when(r.locale),
          venue: mail.venue(r.locale),
          link: `${mail.publicUrl}/${r.locale}/meetings/${meetingId}`,
        }),
      });
    }
    await audit(trx, userActor(user), {
      entity: 'meeting',
      entityId: meetingId,
      action: 'invite',
      after: { role, organisations: inserted.map((i) => i.organisation_id), emails: recipients.length },
    });
    return inserted.length;
  });
}

/**
 * A representative answers for their organisation and names its delegates (people holding a
 * position there now, or a new person, who gets such a position). Delegates enter the register as
 * expected; declining removes the organisation's expected delegates.
 */
export async function respondToInvitation(
  db: Db,
  user: CurrentUser,
  meetingId: string,
  data: { response: 'confirmed' | 'declined'; delegateIds: string[]; newDelegate?: string | undefined },
  i18n: I18n,
): Promise<Outcome> {
  const organisationId = user.organisationId;
  require(user, 'act-for-organisation', { organisationId });
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const m = await lockMeeting(trx, meetingId);
    if (m.status !== 'announced' && m.status !== 'postponed')
      return { ok: false as const, errors: { response: i18n.t('invitations.closed') } };
    const invitation = await trx
      .selectFrom('meeting_invitations')
      .select(['id', 'response', 'role'])
      .where('meeting_id', '=', meetingId)
      .where('organisation_id', '=', organisationId ?? '0')
      .executeTakeFirst();
    if (!invitation || !organisationId)
      return { ok: false as const, errors: { response: i18n.t('invitations.notInvited') } };
    const delegateIds = [...data.delegateIds];
    if (data.response === 'confirmed') {
      const valid = delegateIds.length
        ? await trx
            .selectFrom('positions')
            .select('person_id')
            .where('person_id', 'in', delegateIds)
            .where('organisation_id', '=', organisationId)
            .where('until', 'is', null)
            .execute()
        : [];
      if (valid.length !== new Set(delegateIds).size)
        return { ok: false as const, errors: { delegateIds: i18n.t('validation.choice') } };
      if (data.newDelegate) {
        const person = await trx
          .insertInto('people')
          .values({ full_name: JSON.stringify({ [i18n.lang]: data.newDelegate }) })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx.insertInto('positions').values({ person_id: person.id, organisation_id: organisationId }).execute();
        delegateIds.push(person.id);
      }
      if (delegateIds.length > 0) {
        await trx
          .insertInto('attendance')
          .values(
            delegateIds.map((id) => ({
              meeting_id: meetingId,
              person_id: id,
              organisation_id: organisationId,
              role: invitation.role,
            })),
          )
          .onConflict((oc) => oc.columns(['meeting_id', 'person_id']).doNothing())
          .execute();
      }
    } else {
      await trx
        .deleteFrom('attendance')
        .where('meeting_id', '=', meetingId)
        .where('organisation_id', '=', organisationId)
        .where('presence', '=', 'expected')
        .execute();
    }
    await trx
      .updateTable('meeting_invitations')
      .set({ response: data.response, responded_by: user.id, responded_at: sql`now()` })
      .where('id', '=', invitation.id)
      .execute();
    await audit(trx, userActor(user), {
      entity: 'meeting_invitation',
      entityId: invitation.id,
      action: 'respond',
      before: { response: invitation.response },
      after: { response: data.response, delegates: delegateIds },
    });
    return { ok: true as const, value: undefined };
  });
}

export async function addAttendee(
  db: Db,
  user: CurrentUser,
  meetingId: string,
  data: { organisationId: string; personId?: string | undefined; newPerson?: string | undefined; role: AttendanceRole },
  i18n: I18n,
): Promise<Outcome> {
  require(user, 'run-meetings');
  if (!data.personId && !data.newPerson) return { ok: false, errors: { personId: i18n.t('validation.required') } };
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    await lockMeeting(trx, meetingId);
    const org = await trx
      .selectFrom('organisations')
      .select('id')
      .where('id', '=', data.organisationId)
      .executeTakeFirst();
    if (!org) return { ok: false as const, errors: { organisationId: i18n.t('validation.choice') } };
    let personId = data.personId;
    if (personId) {
      const found = await trx.selectFrom('people').select('id').where('id', '=', personId).executeTakeFirst();
      if (!found) return { ok: false as const, errors: { personId: i18n.t('validation.choice') } };
    } else {
      const person = await trx
        .insertInto('people')
        .values({ full_name: JSON.stringify({ [i18n.lang]: data.newPerson }) })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('positions')
        .values({ person_id: person.id, organisation_id: data.organisationId })
        .execute();
      personId = person.id;
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
  require(user, 'run-meetings');
  await db.transaction().execute(async (trx) => {
    await lockMeeting(trx, meetingId);
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

/** Saves a new version of the minutes in one language; the other languages carry over from the last version. */
export async function saveMinutesVersion(
  db: Db,
  user: CurrentUser,
  meetingId: string,
  lang: Lang,
  sections: Record<string, Partial<Record<'summary' | 'proposals' | 'discussion' | 'decisions', string>>>,
  note: string | undefined,
): Promise<number> {
  require(user, 'run-meetings');
  return db.transaction().execute(async (trx) => {
    const m = await lockMeeting(trx, meetingId);
    if (!['held', 'minutes_review'].includes(m.status))
      throw new HttpError(409, 'minutes only after the meeting', 'minutes.needVersion');
    const last = await trx
      .selectFrom('minutes_versions')
      .select(['version', 'content'])
      .where('meeting_id', '=', meetingId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    const items = await trx.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).execute();
    const content: MinutesContent = { items: {} };
    for (const { id } of items) {
      const previous = last?.content.items[id] ?? {};
      const next: MinutesContent['items'][string] = {};
      for (const section of ['summary', 'proposals', 'discussion', 'decisions'] as const) {
        const merged: Translated = { ...(previous[section] ?? {}) };
        const typed = sections[id]?.[section];
        if (typed !== undefined) {
          if (typed === '') delete merged[lang];
          else merged[lang] = typed;
        }
        if (Object.keys(merged).length) next[section] = merged;
      }
      content.items[id] = next;
    }
    const version = (last?.version ?? 0) + 1;
    const row = await trx
      .insertInto('minutes_versions')
      .values({
        meeting_id: meetingId,
        version,
        content: JSON.stringify(content),
        note: note ?? null,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, userActor(user), {
      entity: 'minutes',
      entityId: row.id,
      action: 'create',
      after: { meetingId, version, lang, note },
    });
    return version;
  });
}

/** Organisations with someone present or online: they may correct the minutes. */
export async function attendingOrganisationIds(db: Db, meetingId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('attendance')
    .select('organisation_id')
    .distinct()
    .where('meeting_id', '=', meetingId)
    .where('presence', 'in', ['present', 'online'])
    .execute();
  return rows.map((r) => r.organisation_id);
}

export async function circulateMinutes(db: Db, user: CurrentUser, meetingId: string, i18n: I18n): Promise<Outcome> {
  require(user, 'run-meetings');
  const has = await db
    .selectFrom('minutes_versions')
    .select('id')
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  if (!has) return { ok: false, errors: { _form: i18n.t('minutes.needVersion') } };
  return changeStatus(db, user, meetingId, 'minutes_review', {}, i18n);
}

export async function proposeCorrection(
  db: Db,
  user: CurrentUser,
  meetingId: string,
  data: { agendaItemId?: string | undefined; text: string },
  i18n: I18n,
): Promise<Outcome> {
  require(user, 'correct-minutes', { attendingOrganisationIds: await attendingOrganisationIds(db, meetingId) });
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const m = await lockMeeting(trx, meetingId);
    if (m.status !== 'minutes_review') return { ok: false as const, errors: { text: i18n.t('minutes.notInReview') } };
    const version = await trx
      .selectFrom('minutes_versions')
      .select('id')
      .where('meeting_id', '=', meetingId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    if (data.agendaItemId) {
      const item = await trx
        .selectFrom('agenda_items')
        .select('id')
        .where('id', '=', data.agendaItemId)
        .where('meeting_id', '=', meetingId)
        .executeTakeFirst();
      if (!item) return { ok: false as const, errors: { agendaItemId: i18n.t('validation.choice') } };
    }
    const row = await trx
      .insertInto('minutes_corrections')
      .values({
        meeting_id: meetingId,
        version_id: version.id,
        agenda_item_id: data.agendaItemId ?? null,
        author_id: user.id,
        text: data.text,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, userActor(user), {
      entity: 'minutes_correction',
      entityId: row.id,
      action: 'create',
      after: data,
    });
    return { ok: true as const, value: undefined };
  });
}

export async function decideCorrection(
  db: Db,
  user: CurrentUser,
  meetingId: string,
  correctionId: string,
  status: 'accepted' | 'rejected',
) {
  require(user, 'run-meetings');
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('minutes_corrections')
      .set({ status })
      .where('id', '=', correctionId)
      .where('meeting_id', '=', meetingId)
      .where('status', '=', 'open')
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new HttpError(404, `open correction ${correctionId}`);
    await audit(trx, userActor(user), {
      entity: 'minutes_correction',
      entityId: correctionId,
      action: 'decide',
      before: { status: 'open' },
      after: { status },
    });
  });
}

/** The chair approves the minutes in review once every correction is decided (counted under the meeting's lock). */
export async function approveMinutes(db: Db, user: CurrentUser, meetingId: string, i18n: I18n): Promise<Outcome> {
  require(user, 'approve-minutes');
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const m = await lockMeeting(trx, meetingId);
    if (m.status !== 'minutes_review') {
      return {
        ok: false,
        errors: {
          _form: i18n.t('meeting.transitionNotAllowed', {
            from: i18n.t(`meeting.status.${m.status}`),
            to: i18n.t('meeting.status.minutes_approved'),
          }),
        },
      };
    }
    // proposeCorrection takes the same lock, so no correction can slip in between this count and the approval.
    const open = await trx
      .selectFrom('minutes_corrections')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('meeting_id', '=', meetingId)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    if (Number(open.n) > 0)
      return { ok: false, errors: { _form: i18n.t('minutes.openCorrections', { count: Number(open.n) }) } };
    await trx
      .updateTable('meetings')
      .set({ status: 'minutes_approved', updated_at: sql`now()` })
      .where('id', '=', meetingId)
      .execute();
    await audit(trx, userActor(user), {
      entity: 'meeting',
      entityId: meetingId,
      action: 'status',
      before: { status: m.status },
      after: { status: 'minutes_approved' },
    });
    return { ok: true, value: undefined };
  });
}

export async function addDecision(
  db: Db,
  user: CurrentUser,
  meetingId: string,
  data: {
    text: Translated;
    agendaItemId: string | undefined;
    task: { description: Translated; organisationId: string; deadline: string } | undefined;
  },
  i18n: I18n,
): Promise<Outcome> {
  require(user, 'run-meetings');
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    await lockMeeting(trx, meetingId);
    if (data.agendaItemId) {
      const item = await trx
        .selectFrom('agenda_items')
        .select('id')
        .where('id', '=', data.agendaItemId)
        .where('meeting_id', '=', meetingId)
        .executeTakeFirst();
      if (!item) return { ok: false as const, errors: { agendaItemId: i18n.t('validation.choice') } };
    }
    if (data.task) {
      const org = await trx
        .selectFrom('organisations')
        .select('id')
        .where('id', '=', data.task.organisationId)
        .executeTakeFirst();
      if (!org) return { ok: false as const, errors: { taskOrganisationId: i18n.t('validation.choice') } };
    }
    const decision = await trx
      .insertInto('decisions')
      .values({ meeting_id: meetingId, agenda_item_id: data.agendaItemId ?? null, text: JSON.stringify(data.text) })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (data.task) {
      await trx
        .insertInto('tasks')
        .values({
          decision_id: decision.id,
          meeting_id: meetingId,
          description: JSON.stringify(data.task.description),
          organisation_id: data.task.organisationId,
          deadline: data.task.deadline,
        })
        .execute();
    }
    await audit(trx, userActor(user), { entity: 'decision', entityId: decision.id, action: 'create', after: data });
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

/** Creates or replaces the unpublished draft of a meeting's communiqué. */
export async function saveCommunique(
  db: Db,
  user: CurrentUser,
  meetingId: string,
  data: { title: Translated; body: Translated },
  action: 'generate' | 'edit',
): Promise<void> {
  require(user, 'run-meetings');
  await db.transaction().execute(async (trx) => {
    await lockMeeting(trx, meetingId);
    const before = await trx
      .selectFrom('communiques')
      .select(['title', 'body', 'published_at'])
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    // What News and the feed carry is not rewritten in place.
    if (before?.published_at) throw new HttpError(409, 'communiqué already published', 'communique.alreadyPublished');
    await trx
      .insertInto('communiques')
      .values({ meeting_id: meetingId, title: JSON.stringify(data.title), body: JSON.stringify(data.body) })
      .onConflict((oc) =>
        oc
          .column('meeting_id')
          .doUpdateSet({ title: JSON.stringify(data.title), body: JSON.stringify(data.body), updated_at: sql`now()` }),
      )
      .execute();
    await audit(trx, userActor(user), {
      entity: 'communique',
      entityId: meetingId,
      action,
      before: before ?? null,
      after: data,
    });
  });
}

/** Publishes the communiqué (after the minutes are approved); the meeting becomes published. */
export async function publishCommunique(db: Db, user: CurrentUser, meetingId: string, i18n: I18n): Promise<Outcome> {
  require(user, 'run-meetings');
  return db.transaction().execute(async (trx) => {
    const m = await lockMeeting(trx, meetingId);
    if (m.status !== 'minutes_approved')
      return { ok: false as const, errors: { _form: i18n.t('communique.notApproved') } };
    const c = await trx.selectFrom('communiques').select('id').where('meeting_id', '=', meetingId).executeTakeFirst();
    if (!c) return { ok: false as const, errors: { _form: i18n.t('communique.none') } };
    await trx
      .updateTable('communiques')
      .set({ published_at: sql`now()`, updated_at: sql`now()` })
      .where('id', '=', c.id)
      .execute();
    await trx
      .updateTable('meetings')
      .set({ status: 'published', updated_at: sql`now()` })
      .where('id', '=', meetingId)
      .execute();
    await audit(trx, userActor(user), {
      entity: 'communique',
      entityId: c.id,
      action: 'publish',
      after: { meetingId },
    });
    return { ok: true as const, value: undefined };
  });
}
