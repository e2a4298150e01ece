import { sql } from 'kysely';
import { insertAudited, updateAudited } from '../../core/audited-writes.ts';
import { authorizeUser } from '../../core/auth/policy.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { MeetingStatus } from '../../core/db/schema.ts';
import type { FieldErrors, Outcome } from '../../core/http/forms.ts';
import type { I18n } from '../../core/i18n/i18n.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { lockBody, personExists } from '../../organisations/index.ts';
import { inLockedMeeting, lockMeeting } from '../use-case.ts';
import { canMove, isReopening, NEEDS_REASON, ONLY_ONCE_STARTED } from '../workflow.ts';
/** Use cases of the schedule: schedule, edit, change status. Each checks the policy, runs in one transaction and appends to the audit log. */

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

/** The chair and the secretary chosen must be people that exist (an unknown id is refused, not a failure). */
async function peopleErrors(db: Db, data: MeetingData, i18n: I18n): Promise<FieldErrors | undefined> {
  const errors: FieldErrors = {};
  for (const field of ['chairPersonId', 'secretaryPersonId'] as const) {
    const id = data[field];
    if (id && !(await personExists(db, id))) errors[field] = i18n.t('validation.choice');
  }
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
  authorizeUser(user, 'run-meetings');
  const errors = meetingErrors(data, i18n);
  if (errors) return { ok: false, errors };
  return db.transaction().execute(async (trx): Promise<Outcome<string>> => {
    const unknown = await peopleErrors(trx, data, i18n);
    if (unknown) return { ok: false, errors: unknown };
    // The body row is the lock that keeps two secretaries from taking the same number.
    await lockBody(trx, bodyId);
    const last = await trx
      .selectFrom('meetings')
      .select((eb) => eb.fn.max('number').as('n'))
      .where('body_id', '=', bodyId)
      .executeTakeFirst();
    const number = Number(last?.n ?? 0) + 1;
    const id = await insertAudited(trx, user, {
      table: 'meetings',
      values: { body_id: bodyId, number, ...meetingColumns(data) },
      entity: 'meeting',
      after: { number, ...data },
    });
    return { ok: true as const, value: id };
  });
}

export async function updateMeeting(
  db: Db,
  user: CurrentUser,
  meetingId: string,
  data: MeetingData,
  i18n: I18n,
): Promise<Outcome> {
  authorizeUser(user, 'run-meetings');
  const errors = meetingErrors(data, i18n);
  if (errors) return { ok: false, errors };
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const unknown = await peopleErrors(trx, data, i18n);
    if (unknown) return { ok: false, errors: unknown };
    const before = await lockMeeting(trx, meetingId);
    await updateAudited(trx, user, {
      table: 'meetings',
      id: meetingId,
      set: { ...meetingColumns(data), updated_at: sql<Date>`now()` },
      entity: 'meeting',
      action: 'update',
      before,
      after: data,
    });
    return { ok: true, value: undefined };
  });
}

/**
 * Moves a meeting along its workflow; postponing, cancelling and reopening (held → announced) need a
 * reason; a meeting is "held" only once it has started.
 */
export async function changeStatus(
  db: Db,
  user: CurrentUser,
  meetingId: string,
  to: MeetingStatus,
  reason: Translated,
  i18n: I18n,
): Promise<Outcome> {
  const action = to === 'minutes_approved' ? 'approve-minutes' : 'run-meetings';
  return inLockedMeeting(db, user, action, meetingId, async (trx, m): Promise<Outcome> => {
    if (!canMove(m.status, to)) {
      return { ok: false as const, errors: { status: transitionNotAllowed(i18n, m.status, to) } };
    }
    if (ONLY_ONCE_STARTED.includes(to) && m.starts_at.getTime() > Date.now()) {
      const starts = i18n.dateTime(m.starts_at, m.time_zone);
      return { ok: false as const, errors: { status: i18n.t('meeting.notStartedYet', { date: starts }) } };
    }
    if ((NEEDS_REASON.includes(to) || isReopening(m.status, to)) && Object.keys(reason).length === 0) {
      return { ok: false as const, errors: { reason_kk: i18n.t('meeting.reasonRequired') } };
    }
    await setMeetingStatus(trx, user, meetingId, { from: m.status, to, reason });
    return { ok: true as const, value: undefined };
  });
}

/** The message for a move the meeting's workflow does not allow. */
export function transitionNotAllowed(i18n: I18n, from: MeetingStatus, to: MeetingStatus): string {
  return i18n.t('meeting.transitionNotAllowed', {
    from: i18n.t(`meeting.status.${from}`),
    to: i18n.t(`meeting.status.${to}`),
  });
}

/**
 * Sets the status of a meeting locked by the caller and records the move in the audit log; a reason,
 * when given, is kept only for the statuses that need one (and audited as typed).
 */
export async function setMeetingStatus(
  trx: Db,
  user: CurrentUser,
  meetingId: string,
  move: { from: MeetingStatus; to: MeetingStatus; reason?: Translated },
) {
  const { from, to, reason } = move;
  await updateAudited(trx, user, {
    table: 'meetings',
    id: meetingId,
    set: {
      status: to,
      ...(reason ? { status_reason: JSON.stringify(NEEDS_REASON.includes(to) ? reason : {}) } : {}),
      updated_at: sql<Date>`now()`,
    },
    entity: 'meeting',
    action: 'status',
    before: { status: from },
    after: reason && Object.keys(reason).length > 0 ? { status: to, reason } : { status: to },
  });
}
