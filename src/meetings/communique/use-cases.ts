import { sql } from 'kysely';
import { audit, userActor } from '../../core/audit.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { Outcome } from '../../core/http/forms.ts';
import { HttpError } from '../../core/http/http-error.ts';
import type { I18n } from '../../core/i18n/i18n.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import type { MeetingDetail } from '../queries.ts';
import { inLockedMeeting } from '../use-case.ts';
import { draftCommuniqueAll } from './draft.ts';
import { passagesByLanguage } from './marks.ts';
import { buildCommuniqueRecord } from './record.ts';

/** Creates or replaces the unpublished draft of a meeting's communiqué. */
export async function saveCommunique(
  db: Db,
  user: CurrentUser,
  meetingId: string,
  data: { title: Translated; body: Translated },
  action: 'generate' | 'edit',
): Promise<void> {
  await inLockedMeeting(db, user, 'run-meetings', meetingId, async (trx) => {
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

/**
 * Publishes the communiqué (after the minutes are approved); the meeting becomes published. Passages
 * in another language than their text's (marks.ts) must have been translated, or be confirmed.
 */
export async function publishCommunique(
  db: Db,
  user: CurrentUser,
  meetingId: string,
  i18n: I18n,
  opts: { confirmOtherLanguages: boolean } = { confirmOtherLanguages: false },
): Promise<Outcome> {
  return inLockedMeeting(db, user, 'run-meetings', meetingId, async (trx, m): Promise<Outcome> => {
    // A meeting marked held before it started (the rule came later) still publishes nothing.
    if (m.starts_at.getTime() > Date.now()) {
      const date = i18n.dateTime(m.starts_at, m.time_zone);
      return { ok: false as const, errors: { _form: i18n.t('communique.notHeld', { date }) } };
    }
    if (m.status !== 'minutes_approved')
      return { ok: false as const, errors: { _form: i18n.t('communique.notApproved') } };
    const c = await trx
      .selectFrom('communiques')
      .select(['id', 'title', 'body'])
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    if (!c) return { ok: false as const, errors: { _form: i18n.t('communique.none') } };
    const passages = [...passagesByLanguage(c.title), ...passagesByLanguage(c.body)];
    if (passages.length > 0 && !opts.confirmOtherLanguages) {
      const list = i18n.list(passages.map((p) => `«${p.text}» (${p.lang} → ${p.in})`));
      return { ok: false as const, errors: { confirmOtherLanguages: i18n.t('communique.untranslated', { list }) } };
    }
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
      after: passages.length > 0 ? { meetingId, confirmedOtherLanguages: passages } : { meetingId },
    });
    return { ok: true as const, value: undefined };
  });
}

/** Drafts the communiqué in kk, ru and en from what the meeting recorded, replacing the unpublished draft. */
export async function generateCommunique(db: Db, user: CurrentUser, meeting: MeetingDetail): Promise<void> {
  const draft = draftCommuniqueAll(await buildCommuniqueRecord(db, meeting));
  await saveCommunique(db, user, meeting.id, draft, 'generate');
}
