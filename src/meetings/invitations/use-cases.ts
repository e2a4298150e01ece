import { sql } from 'kysely';
import { enabledUsers } from '../../accounts/index.ts';
import { audit, userActor } from '../../core/audit.ts';
import { updateAudited } from '../../core/audited-writes.ts';
import { authorizeUser } from '../../core/auth/policy.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import { plain } from '../../core/html/text.tsx';
import type { Outcome } from '../../core/http/forms.ts';
import { HttpError } from '../../core/http/http-error.ts';
import { type I18n, i18nFor } from '../../core/i18n/i18n.ts';
import type { Lang } from '../../core/i18n/locales.ts';
import { queueEmailFor } from '../../core/mail/outbox.ts';
import { addPerson, currentlyIn, organisationChoices, organisationsByIds } from '../../organisations/index.ts';
import type { MeetingDetail } from '../queries.ts';
import { inLockedMeeting, lockMeeting } from '../use-case.ts';
import { agendaOpen } from '../workflow.ts';

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
  return inLockedMeeting(db, user, 'run-meetings', meetingId, async (trx, m) => {
    if (!agendaOpen(m.status)) throw new HttpError(409, 'meeting held', 'agenda.locked');
    const known = await organisationsByIds(trx, organisationIds);
    if (known.length === 0) return 0;
    const inserted = await trx
      .insertInto('meeting_invitations')
      .values(known.map((o) => ({ meeting_id: meetingId, organisation_id: o.id, role })))
      .onConflict((oc) => oc.columns(['meeting_id', 'organisation_id']).doNothing())
      .returning(['id', 'organisation_id'])
      .execute();
    if (inserted.length === 0) return 0;
    const recipients = await enabledUsers(trx, {
      roles: ['representative', 'observer'],
      organisationIds: inserted.map((i) => i.organisation_id),
    });
    for (const r of recipients) {
      await queueEmailFor(trx, r, (t) => ({
        subject: t.t('email.meetingInvitation.subject', { title: mail.title(r.locale) }),
        text: t.t('email.meetingInvitation.body', {
          organisation: mail.organisationName(r.organisationId ?? '', r.locale),
          body: mail.bodyName(r.locale),
          number: m.number,
          title: mail.title(r.locale),
          when: mail.when(r.locale),
          venue: mail.venue(r.locale),
          link: `${mail.publicUrl}/${r.locale}/meetings/${meetingId}`,
        }),
      }));
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
  authorizeUser(user, 'act-for-organisation', { organisationId });
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
      const valid = await currentlyIn(trx, organisationId, delegateIds);
      if (valid.length !== new Set(delegateIds).size)
        return { ok: false as const, errors: { delegateIds: i18n.t('validation.choice') } };
      if (data.newDelegate) {
        delegateIds.push(await addPerson(trx, { [i18n.lang]: data.newDelegate }, organisationId));
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
    await updateAudited(trx, user, {
      table: 'meeting_invitations',
      id: invitation.id,
      set: { response: data.response, responded_by: user.id, responded_at: sql<Date>`now()` },
      entity: 'meeting_invitation',
      action: 'respond',
      before: { response: invitation.response },
      after: { response: data.response, delegates: delegateIds },
    });
    return { ok: true as const, value: undefined };
  });
}

/** Invites organisations to a meeting, with the e-mail written in each recipient's language. */
export async function inviteToMeeting(
  db: Db,
  user: CurrentUser,
  m: MeetingDetail,
  organisationIds: string[],
  role: 'member' | 'observer' | 'guest',
  publicUrl: string,
): Promise<number> {
  const orgNames = new Map((await organisationChoices(db)).map((o) => [o.id, o.name]));
  const pick = (v: Parameters<typeof plain>[0], lang: Lang) => plain(v, i18nFor(lang));
  return inviteOrganisations(db, user, m.id, organisationIds, role, {
    publicUrl,
    bodyName: (lang) => pick(m.bodyName, lang),
    title: (lang) => pick(m.title, lang),
    when: (lang) => i18nFor(lang).dateTime(m.startsAt, m.timeZone, { named: true }),
    venue: (lang) => pick(m.venue, lang) || (m.onlineUrl ?? ''),
    organisationName: (id, lang) => pick(orgNames.get(id) ?? {}, lang),
  });
}
