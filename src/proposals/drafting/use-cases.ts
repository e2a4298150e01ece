import { sql } from 'kysely';
import { userIdsOfOrganisation } from '../../accounts/index.ts';
import { audit, userActor } from '../../core/audit.ts';
import { can } from '../../core/auth/policy.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { ProposalKind } from '../../core/db/schema.ts';
import type { Outcome } from '../../core/http/forms.ts';
import { HttpError } from '../../core/http/http-error.ts';
import type { I18n } from '../../core/i18n/i18n.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { existingThemeIds } from '../../core/themes.ts';
import { visiblePartExists } from '../../meetings/index.ts';
import { organisationById, organisationsByIds } from '../../organisations/index.ts';
import { recordEvent } from '../events.ts';
import { isAuthor, lockProposal, transition } from '../lifecycle.ts';
import { actingOrganisation } from '../visibility.ts';

/** Use cases of drafting: write a draft, submit or withdraw it, answer an invitation to co-author. */

export interface ProposalData {
  title: Translated;
  body: Translated;
  kind: ProposalKind;
  coAuthorIds: string[];
  addresseeIds: string[];
  themeIds: string[];
  meetingId: string | undefined;
  /** The agenda item where it was presented; its meeting wins over `meetingId`. */
  agendaItemId?: string | undefined;
  legalAct:
    | { name: Translated; number?: string | undefined; article?: string | undefined; url?: string | undefined }
    | undefined;
}

/** A new proposal's themes and the legal act it would change (also the demo's seed). */
export async function addThemesAndAct(
  trx: Db,
  proposalId: string,
  data: Pick<ProposalData, 'themeIds' | 'legalAct'>,
): Promise<void> {
  if (data.themeIds.length) {
    await trx
      .insertInto('proposal_themes')
      .values([...new Set(data.themeIds)].map((theme_id) => ({ proposal_id: proposalId, theme_id })))
      .execute();
  }
  if (data.legalAct) {
    await trx
      .insertInto('proposal_legal_acts')
      .values({
        proposal_id: proposalId,
        name: JSON.stringify(data.legalAct.name),
        number: data.legalAct.number ?? null,
        article: data.legalAct.article ?? null,
        url: data.legalAct.url ?? null,
      })
      .execute();
  }
}

/** A representative writes a draft for their organisation (and any co-sponsors). */
export async function createProposal(
  db: Db,
  user: CurrentUser,
  data: ProposalData,
  i18n: I18n,
  publicUrl: string,
): Promise<Outcome<string>> {
  const own = user.organisationId;
  if (!own || !can(user, 'act-for-organisation', { organisationId: own }))
    throw new HttpError(403, 'proposals need a representative', 'proposal.onlyRepresentatives');
  if (data.addresseeIds.length === 0)
    return { ok: false, errors: { addresseeIds: i18n.t('proposal.chooseAddressee') } };
  // Co-authors are invited, not imposed: only the writing organisation is an author until another
  // organisation's representative accepts (respondToCoAuthorship).
  const authors = [own];
  const invited = [...new Set(data.coAuthorIds)].filter((o) => o !== own);
  if (invited.some((o) => data.addresseeIds.includes(o)))
    return { ok: false, errors: { coAuthorIds: i18n.t('proposal.coAuthorIsAddressee') } };
  const orgs = await organisationsByIds(db, [...authors, ...invited, ...data.addresseeIds]);
  if ([...authors, ...invited].some((a) => !orgs.some((o) => o.id === a)))
    return { ok: false, errors: { coAuthorIds: i18n.t('validation.choice') } };
  if (data.addresseeIds.some((a) => orgs.find((o) => o.id === a)?.category !== 'state_body')) {
    return { ok: false, errors: { addresseeIds: i18n.t('validation.choice') } };
  }
  if (data.themeIds.length) {
    const themes = await existingThemeIds(db, data.themeIds);
    if (themes.length !== new Set(data.themeIds).size)
      return { ok: false, errors: { themeIds: i18n.t('validation.choice') } };
  }
  // Only a meeting the writer may see (the meetings domain decides): a draft or members-only meeting
  // named by id would otherwise be linked to a proposal that becomes public.
  if (data.meetingId && !(await visiblePartExists(db, user, 'meeting', data.meetingId))) {
    return { ok: false, errors: { meetingId: i18n.t('validation.choice') } };
  }
  return db.transaction().execute(async (trx) => {
    const p = await trx
      .insertInto('proposals')
      .values({
        title: JSON.stringify(data.title),
        body: JSON.stringify(data.body),
        kind: data.kind,
        meeting_id: data.meetingId ?? null,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('proposal_authors')
      .values(authors.map((organisation_id) => ({ proposal_id: p.id, organisation_id })))
      .execute();
    await trx
      .insertInto('proposal_addressees')
      .values([...new Set(data.addresseeIds)].map((organisation_id) => ({ proposal_id: p.id, organisation_id })))
      .execute();
    await addThemesAndAct(trx, p.id, data);
    await recordEvent(trx, user, { proposalId: p.id, kind: 'created', notify: false }, publicUrl);
    for (const organisationId of invited) {
      await trx
        .insertInto('proposal_coauthor_invitations')
        .values({ proposal_id: p.id, organisation_id: organisationId, invited_by: user.id })
        .execute();
      // The invitation reaches only the invited organisation's representatives (and stays off the
      // public timeline: see PRIVATE_EVENTS).
      await recordEvent(
        trx,
        user,
        {
          proposalId: p.id,
          kind: 'coauthor_invited',
          detail: { organisation: orgs.find((o) => o.id === organisationId)?.name },
          audience: [organisationId],
        },
        publicUrl,
      );
    }
    await audit(trx, userActor(user), {
      entity: 'proposal',
      entityId: p.id,
      action: 'create',
      after: { ...data, authors, invited },
    });
    return { ok: true as const, value: p.id };
  });
}

export const submitProposal = (db: Db, user: CurrentUser, id: string, i18n: I18n, publicUrl: string) =>
  transition(db, user, id, i18n, publicUrl, {
    from: ['draft'],
    to: 'submitted',
    allowed: (a) => isAuthor(user, a),
    kind: 'submitted',
  });

export const withdrawProposal = (
  db: Db,
  user: CurrentUser,
  id: string,
  reason: string | undefined,
  i18n: I18n,
  publicUrl: string,
) =>
  transition(db, user, id, i18n, publicUrl, {
    from: ['draft', 'submitted', 'registered', 'assigned', 'answered'],
    to: 'withdrawn',
    allowed: (a) => isAuthor(user, a),
    kind: 'withdrawn',
    reason,
  });

/**
 * The representative of an organisation invited as co-author accepts (it becomes an author, shown
 * everywhere) or declines (the proposal no longer concerns it). Only a pending invitation of one's own
 * organisation can be answered; anything else is refused like an unknown proposal.
 */
export async function respondToCoAuthorship(
  db: Db,
  user: CurrentUser,
  id: string,
  accept: boolean,
  i18n: I18n,
  publicUrl: string,
): Promise<Outcome> {
  const organisationId = actingOrganisation(user);
  if (!organisationId) throw new HttpError(404, `co-authorship ${id}`);
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const p = await lockProposal(trx, id, user);
    if (!p.invitedIds.includes(organisationId)) throw new HttpError(404, `co-authorship ${id}`);
    if (p.status === 'withdrawn' || p.status === 'merged')
      return { ok: false, errors: { _form: i18n.t('proposal.notAllowedNow') } };
    const invitation = await trx
      .updateTable('proposal_coauthor_invitations')
      .set({ answer: accept ? 'accepted' : 'declined', answered_by: user.id, answered_at: sql`now()` })
      .where('proposal_id', '=', id)
      .where('organisation_id', '=', organisationId)
      .where('answer', 'is', null)
      .returning('id')
      .executeTakeFirstOrThrow();
    const org = await organisationById(trx, organisationId);
    if (!org) throw new Error(`organisation ${organisationId}`);
    if (accept) {
      await trx.insertInto('proposal_authors').values({ proposal_id: id, organisation_id: organisationId }).execute();
      // An endorsement by an organisation that is now an author would count it twice.
      await trx
        .deleteFrom('proposal_endorsements')
        .where('proposal_id', '=', id)
        .where('organisation_id', '=', organisationId)
        .execute();
    } else if (p.status === 'draft') {
      // Declining ends its sight of the draft, so nobody of that organisation keeps following it.
      await trx
        .deleteFrom('follows')
        .where('proposal_id', '=', id)
        .where('user_id', 'in', userIdsOfOrganisation(organisationId))
        .execute();
    }
    await recordEvent(
      trx,
      user,
      {
        proposalId: id,
        kind: accept ? 'coauthor_accepted' : 'coauthor_declined',
        detail: { organisation: org.name },
        // A refusal is the authors' business only.
        ...(accept ? {} : { audience: p.authorIds }),
      },
      publicUrl,
    );
    await audit(trx, userActor(user), {
      entity: 'proposal_coauthor_invitation',
      entityId: invitation.id,
      action: accept ? 'accept' : 'decline',
      after: { proposalId: id, organisationId },
    });
    return { ok: true, value: undefined };
  });
}
