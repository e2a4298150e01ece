import { audit, userActor } from '../../core/audit.ts';
import { insertAudited } from '../../core/audited-writes.ts';
import { authorizeUser } from '../../core/auth/policy.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { MinutesContent } from '../../core/db/schema.ts';
import type { Outcome } from '../../core/http/forms.ts';
import { HttpError } from '../../core/http/http-error.ts';
import type { I18n } from '../../core/i18n/i18n.ts';
import type { Lang } from '../../core/i18n/locales.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { setMeetingStatus, transitionNotAllowed } from '../schedule/use-cases.ts';
import { inLockedMeeting, isAgendaItemOf, lockMeeting } from '../use-case.ts';
import { canMove } from '../workflow.ts';
import { MINUTES_SECTIONS } from './form.ts';
import { tellApprovalDue, tellCorrectionProposed, tellMinutesCirculated } from './notices.ts';
import { attendingOrganisationIds, latestMinutes } from './queries.ts';

/** Saves a new version of the minutes in one language; the other languages carry over from the last version. */
export async function saveMinutesVersion(
  db: Db,
  user: CurrentUser,
  meetingId: string,
  lang: Lang,
  sections: Record<string, Partial<Record<'summary' | 'proposals' | 'discussion' | 'decisions', string>>>,
  note: string | undefined,
): Promise<number> {
  return inLockedMeeting(db, user, 'run-meetings', meetingId, async (trx, m) => {
    if (!['held', 'minutes_review'].includes(m.status))
      throw new HttpError(409, 'minutes only after the meeting', 'minutes.needVersion');
    const last = await latestMinutes(trx, meetingId);
    const items = await trx.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).execute();
    const content: MinutesContent = { items: {} };
    for (const { id } of items) {
      const previous = last?.content.items[id] ?? {};
      const next: MinutesContent['items'][string] = {};
      for (const section of MINUTES_SECTIONS) {
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
    await insertAudited(trx, user, {
      table: 'minutes_versions',
      values: {
        meeting_id: meetingId,
        version,
        content: JSON.stringify(content),
        note: note ?? null,
        created_by: user.id,
      },
      entity: 'minutes',
      after: { meetingId, version, lang, note },
    });
    return version;
  });
}

export async function circulateMinutes(db: Db, user: CurrentUser, meetingId: string, i18n: I18n): Promise<Outcome> {
  authorizeUser(user, 'run-meetings');
  const has = await db
    .selectFrom('minutes_versions')
    .select('id')
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  if (!has) return { ok: false, errors: { _form: i18n.t('minutes.needVersion') } };
  return inLockedMeeting(db, user, 'run-meetings', meetingId, async (trx, m): Promise<Outcome> => {
    if (!canMove(m.status, 'minutes_review'))
      return { ok: false, errors: { status: transitionNotAllowed(i18n, m.status, 'minutes_review') } };
    await setMeetingStatus(trx, user, meetingId, { from: m.status, to: 'minutes_review' });
    // Those who must now read, correct or approve are told in the same transaction (issue 13).
    await tellMinutesCirculated(trx, user, m);
    return { ok: true, value: undefined };
  });
}

export async function proposeCorrection(
  db: Db,
  user: CurrentUser,
  meetingId: string,
  data: { agendaItemId?: string | undefined; text: string },
  i18n: I18n,
): Promise<Outcome> {
  authorizeUser(user, 'correct-minutes', { attendingOrganisationIds: await attendingOrganisationIds(db, meetingId) });
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
    if (data.agendaItemId && !(await isAgendaItemOf(trx, meetingId, data.agendaItemId))) {
      return { ok: false as const, errors: { agendaItemId: i18n.t('validation.choice') } };
    }
    await insertAudited(trx, user, {
      table: 'minutes_corrections',
      values: {
        meeting_id: meetingId,
        version_id: version.id,
        agenda_item_id: data.agendaItemId ?? null,
        author_id: user.id,
        text: data.text,
      },
      entity: 'minutes_correction',
      after: data,
    });
    await tellCorrectionProposed(trx, user, m);
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
  authorizeUser(user, 'run-meetings');
  await db.transaction().execute(async (trx) => {
    // The meeting's lock first, as proposeCorrection and approveMinutes take it: "the last open one" holds.
    const m = await lockMeeting(trx, meetingId);
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
    // The last open correction decided: the chair may approve now.
    const open = await trx
      .selectFrom('minutes_corrections')
      .select('id')
      .where('meeting_id', '=', meetingId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (!open) await tellApprovalDue(trx, user, m);
  });
}

/** The chair approves the minutes in review once every correction is decided (counted under the meeting's lock). */
export async function approveMinutes(db: Db, user: CurrentUser, meetingId: string, i18n: I18n): Promise<Outcome> {
  return inLockedMeeting(db, user, 'approve-minutes', meetingId, async (trx, m): Promise<Outcome> => {
    if (m.status !== 'minutes_review') {
      return { ok: false, errors: { _form: transitionNotAllowed(i18n, m.status, 'minutes_approved') } };
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
    await setMeetingStatus(trx, user, meetingId, { from: m.status, to: 'minutes_approved' });
    return { ok: true, value: undefined };
  });
}
