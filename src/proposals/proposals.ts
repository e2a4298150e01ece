import { sql } from 'kysely';
import { audit, userActor } from '../core/audit.ts';
import { can } from '../core/auth/policy.ts';
import type { CurrentUser } from '../core/auth/user.ts';
import type { Db } from '../core/db/database.ts';
import type { Answer, Assessment, ProposalKind, ProposalStatus, Stage } from '../core/db/schema.ts';
import type { FieldErrors } from '../core/http/forms.ts';
import { HttpError } from '../core/http/http-error.ts';
import type { I18n } from '../core/i18n/i18n.ts';
import type { Translated } from '../core/i18n/translated.ts';
import { visiblePartExists } from '../meetings/index.ts';
import { recordEvent } from './events.ts';
import { actingOrganisation, canSeeProposal, reachOf, visibilityFacts } from './visibility.ts';

/** Use cases of proposals: policy, one transaction, the audit log, and the public timeline. */

export type Outcome<T = undefined> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export const LEGISLATION: readonly Stage[] = ['drafted', 'government', 'mazhilis', 'senate', 'signed', 'in_force'];
export const PRACTICE: readonly Stage[] = ['planned', 'in_progress', 'implemented'];

/** The stages a proposal of this kind goes through once accepted. */
export function trackOf(kind: ProposalKind): readonly Stage[] {
  return kind === 'practice' || kind === 'other' ? PRACTICE : LEGISLATION;
}

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

/**
 * Locks a proposal for a write by `user`, or answers 404 when they may not see it: an invisible
 * proposal is refused exactly like an unknown id, before anything is written or audited.
 */
async function lockProposal(trx: Db, id: string, user: CurrentUser) {
  const p = await visibilityFacts(trx, id, { forUpdate: true });
  if (!p || !canSeeProposal(user, p)) throw new HttpError(404, `proposal ${id}`);
  return p;
}

function isAuthor(user: CurrentUser, authors: readonly string[]): boolean {
  return authors.some((organisationId) => can(user, 'act-for-organisation', { organisationId }));
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
  const orgs = await db
    .selectFrom('organisations')
    .select(['id', 'category', 'name'])
    .where('id', 'in', [...authors, ...invited, ...data.addresseeIds])
    .execute();
  if ([...authors, ...invited].some((a) => !orgs.some((o) => o.id === a)))
    return { ok: false, errors: { coAuthorIds: i18n.t('validation.choice') } };
  if (data.addresseeIds.some((a) => orgs.find((o) => o.id === a)?.category !== 'state_body')) {
    return { ok: false, errors: { addresseeIds: i18n.t('validation.choice') } };
  }
  if (data.themeIds.length) {
    const themes = await db.selectFrom('themes').select('id').where('id', 'in', data.themeIds).execute();
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
    if (data.themeIds.length) {
      await trx
        .insertInto('proposal_themes')
        .values([...new Set(data.themeIds)].map((theme_id) => ({ proposal_id: p.id, theme_id })))
        .execute();
    }
    if (data.legalAct) {
      await trx
        .insertInto('proposal_legal_acts')
        .values({
          proposal_id: p.id,
          name: JSON.stringify(data.legalAct.name),
          number: data.legalAct.number ?? null,
          article: data.legalAct.article ?? null,
          url: data.legalAct.url ?? null,
        })
        .execute();
    }
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

/** Moves a proposal from one status to another under a lock; `check` may refuse with a message. */
async function transition(
  db: Db,
  user: CurrentUser,
  id: string,
  i18n: I18n,
  publicUrl: string,
  step: {
    from: readonly ProposalStatus[];
    to: ProposalStatus;
    allowed: (authors: string[]) => boolean;
    kind: string;
    detail?: Record<string, unknown>;
    reason?: string | undefined;
    extra?: (trx: Db) => Promise<FieldErrors | undefined>;
  },
): Promise<Outcome> {
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const p = await lockProposal(trx, id, user);
    const authors = p.authorIds;
    if (!step.allowed(authors)) throw new HttpError(403, `${step.kind} ${id}`);
    if (!step.from.includes(p.status)) return { ok: false, errors: { _form: i18n.t('proposal.notAllowedNow') } };
    const errors = await step.extra?.(trx);
    if (errors) return { ok: false, errors };
    await trx
      .updateTable('proposals')
      .set({
        status: step.to,
        updated_at: sql`now()`,
        ...(step.to === 'submitted' ? { submitted_at: sql`now()` } : {}),
      })
      .where('id', '=', id)
      .execute();
    await recordEvent(
      trx,
      user,
      { proposalId: id, kind: step.kind, detail: step.detail, reason: step.reason },
      publicUrl,
    );
    await audit(trx, userActor(user), {
      entity: 'proposal',
      entityId: id,
      action: step.kind,
      before: { status: p.status },
      after: { status: step.to, ...step.detail },
    });
    return { ok: true, value: undefined };
  });
}

export const submitProposal = (db: Db, user: CurrentUser, id: string, i18n: I18n, publicUrl: string) =>
  transition(db, user, id, i18n, publicUrl, {
    from: ['draft'],
    to: 'submitted',
    allowed: (a) => isAuthor(user, a),
    kind: 'submitted',
  });

export const registerProposal = (db: Db, user: CurrentUser, id: string, i18n: I18n, publicUrl: string) =>
  transition(db, user, id, i18n, publicUrl, {
    from: ['submitted'],
    to: 'registered',
    allowed: () => can(user, 'manage-proposals'),
    kind: 'registered',
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

/** Assigns a registered proposal to its state bodies with an answer deadline (in the future). */
export async function assignProposal(
  db: Db,
  user: CurrentUser,
  id: string,
  deadline: string,
  i18n: I18n,
  publicUrl: string,
): Promise<Outcome> {
  if (deadline <= new Date().toISOString().slice(0, 10))
    return { ok: false, errors: { deadline: i18n.t('proposal.deadlinePast') } };
  const bodies = await db
    .selectFrom('proposal_addressees as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select('o.name')
    .where('a.proposal_id', '=', id)
    .execute();
  return transition(db, user, id, i18n, publicUrl, {
    from: ['registered'],
    to: 'assigned',
    allowed: () => can(user, 'manage-proposals'),
    kind: 'assigned',
    detail: { bodies: bodies.map((b) => b.name), deadline },
    extra: async (trx) => {
      await trx.updateTable('proposal_addressees').set({ deadline }).where('proposal_id', '=', id).execute();
      return undefined;
    },
  });
}

/** A state body answers (always with reasons); when every body has answered the proposal is answered. */
export async function answerProposal(
  db: Db,
  user: CurrentUser,
  id: string,
  data: { answer: Answer; reasons: Translated },
  i18n: I18n,
  publicUrl: string,
): Promise<Outcome> {
  const organisationId = user.organisationId;
  if (!organisationId || !can(user, 'act-for-organisation', { organisationId })) throw new HttpError(403, 'answer');
  if (Object.keys(data.reasons).length === 0)
    return { ok: false, errors: { reasons_kk: i18n.t('validation.translatedRequired') } };
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const p = await lockProposal(trx, id, user);
    const addressee = await trx
      .selectFrom('proposal_addressees as a')
      .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
      .select(['a.id', 'a.answer', 'o.name'])
      .where('a.proposal_id', '=', id)
      .where('a.organisation_id', '=', organisationId)
      .executeTakeFirst();
    if (!addressee) return { ok: false, errors: { answer: i18n.t('proposal.notAddressedToYou') } };
    if (p.status !== 'assigned') return { ok: false, errors: { answer: i18n.t('proposal.notAllowedNow') } };
    if (addressee.answer) return { ok: false, errors: { answer: i18n.t('proposal.alreadyAnswered') } };
    await trx
      .updateTable('proposal_addressees')
      .set({
        answer: data.answer,
        reasons: JSON.stringify(data.reasons),
        answered_at: sql`now()`,
        answered_by: user.id,
      })
      .where('id', '=', addressee.id)
      .execute();
    const open = await trx
      .selectFrom('proposal_addressees')
      .select('id')
      .where('proposal_id', '=', id)
      .where('answer', 'is', null)
      .executeTakeFirst();
    if (!open)
      await trx
        .updateTable('proposals')
        .set({ status: 'answered', updated_at: sql`now()` })
        .where('id', '=', id)
        .execute();
    await recordEvent(
      trx,
      user,
      { proposalId: id, kind: 'answered', detail: { body: addressee.name, answer: data.answer } },
      publicUrl,
    );
    await audit(trx, userActor(user), {
      entity: 'proposal_answer',
      entityId: addressee.id,
      action: 'answer',
      after: data,
    });
    return { ok: true, value: undefined };
  });
}

/** The authors assess one body's answer; the state's position and theirs then stand side by side. */
export async function assessAnswer(
  db: Db,
  user: CurrentUser,
  id: string,
  addresseeId: string,
  data: { assessment: Assessment; comment?: string | undefined },
  i18n: I18n,
  publicUrl: string,
): Promise<Outcome> {
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const p = await lockProposal(trx, id, user);
    if (!isAuthor(user, p.authorIds)) throw new HttpError(403, 'assess');
    const a = await trx
      .selectFrom('proposal_addressees as a')
      .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
      .select(['a.id', 'a.answer', 'a.assessment', 'o.name'])
      .where('a.id', '=', addresseeId)
      .where('a.proposal_id', '=', id)
      .executeTakeFirst();
    if (!a?.answer) return { ok: false, errors: { assessment: i18n.t('proposal.notAllowedNow') } };
    await trx
      .updateTable('proposal_addressees')
      .set({ assessment: data.assessment, assessment_comment: data.comment ?? null, assessed_at: sql`now()` })
      .where('id', '=', a.id)
      .execute();
    await recordEvent(
      trx,
      user,
      { proposalId: id, kind: 'assessed', detail: { body: a.name, assessment: data.assessment }, reason: data.comment },
      publicUrl,
    );
    await audit(trx, userActor(user), {
      entity: 'proposal_answer',
      entityId: a.id,
      action: 'assess',
      before: { assessment: a.assessment },
      after: data,
    });
    return { ok: true, value: undefined };
  });
}

/**
 * Records the next implementation stage, in order (legislation: drafted → … → in force; practice:
 * planned → in progress → implemented), after at least one acceptance.
 */
export async function recordStage(
  db: Db,
  user: CurrentUser,
  id: string,
  data: { stage: Stage; date: string; url?: string | undefined },
  i18n: I18n,
  publicUrl: string,
): Promise<Outcome> {
  if (!can(user, 'manage-proposals')) throw new HttpError(403, 'stage');
  return db.transaction().execute(async (trx): Promise<Outcome> => {
    const p = await lockProposal(trx, id, user);
    const accepted = await trx
      .selectFrom('proposal_addressees')
      .select('id')
      .where('proposal_id', '=', id)
      .where('answer', 'in', ['accepted', 'partly_accepted'])
      .executeTakeFirst();
    if (!accepted || !['answered', 'in_implementation'].includes(p.status))
      return { ok: false, errors: { stage: i18n.t('proposal.stageNotAccepted') } };
    const track = trackOf(p.kind);
    const done = await trx.selectFrom('proposal_stages').select('stage').where('proposal_id', '=', id).execute();
    const next = track[done.length];
    if (data.stage !== next) {
      const expected: Stage = next ?? (track[track.length - 1] as Stage);
      return {
        ok: false,
        errors: { stage: i18n.t('proposal.stageOutOfOrder', { stage: i18n.t(`proposal.stage.${expected}`) }) },
      };
    }
    await trx
      .insertInto('proposal_stages')
      .values({
        proposal_id: id,
        stage: data.stage,
        reached_on: data.date,
        url: data.url ?? null,
        recorded_by: user.id,
      })
      .execute();
    const last = data.stage === track[track.length - 1];
    await trx
      .updateTable('proposals')
      .set({ status: last ? 'implemented' : 'in_implementation', updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    await recordEvent(
      trx,
      user,
      { proposalId: id, kind: 'stage', detail: { stage: data.stage, date: data.date, url: data.url } },
      publicUrl,
    );
    await audit(trx, userActor(user), {
      entity: 'proposal',
      entityId: id,
      action: 'stage',
      before: { status: p.status },
      after: data,
    });
    return { ok: true, value: undefined };
  });
}

/** The secretariat merges a proposal into another; both pages link to each other. */
export async function markDuplicate(
  db: Db,
  user: CurrentUser,
  id: string,
  into: string,
  reason: string | undefined,
  i18n: I18n,
  publicUrl: string,
) {
  if (into === id) return { ok: false as const, errors: { into: i18n.t('validation.choice') } };
  const target = await visibilityFacts(db, into);
  if (!target || target.status === 'merged' || reachOf(target) !== 'public')
    return { ok: false as const, errors: { into: i18n.t('validation.choice') } };
  return transition(db, user, id, i18n, publicUrl, {
    from: ['submitted', 'registered', 'assigned', 'answered'],
    to: 'merged',
    allowed: () => can(user, 'manage-proposals'),
    kind: 'merged',
    detail: { into },
    reason,
    extra: async (trx) => {
      await trx.updateTable('proposals').set({ duplicate_of: into }).where('id', '=', id).execute();
      return undefined;
    },
  });
}

/** A representative endorses on behalf of their organisation (authors need not). */
export async function endorseProposal(db: Db, user: CurrentUser, id: string, publicUrl: string): Promise<void> {
  const organisationId = user.organisationId;
  if (!organisationId || !can(user, 'act-for-organisation', { organisationId })) throw new HttpError(403, 'endorse');
  await db.transaction().execute(async (trx) => {
    const p = await lockProposal(trx, id, user);
    if (p.status === 'draft' || p.status === 'withdrawn' || p.status === 'merged')
      throw new HttpError(409, 'not open', 'proposal.notAllowedNow');
    // A state body cannot endorse what is addressed to it: it answers it.
    const addressed = await trx
      .selectFrom('proposal_addressees')
      .select('id')
      .where('proposal_id', '=', id)
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    if (addressed) throw new HttpError(409, 'addressee endorses', 'proposal.addresseeCannotEndorse');
    if (p.authorIds.includes(organisationId)) return;
    const row = await trx
      .insertInto('proposal_endorsements')
      .values({ proposal_id: id, organisation_id: organisationId, endorsed_by: user.id })
      .onConflict((oc) => oc.doNothing())
      .returning('organisation_id')
      .executeTakeFirst();
    if (!row) return;
    const org = await trx
      .selectFrom('organisations')
      .select('name')
      .where('id', '=', organisationId)
      .executeTakeFirstOrThrow();
    await recordEvent(trx, user, { proposalId: id, kind: 'endorsed', detail: { organisation: org.name } }, publicUrl);
    await audit(trx, userActor(user), {
      entity: 'proposal',
      entityId: id,
      action: 'endorse',
      after: { organisationId },
    });
  });
}

export async function setFollow(db: Db, user: CurrentUser, id: string, follow: boolean): Promise<void> {
  if (!can(user, 'follow')) throw new HttpError(403, 'follow');
  await db.transaction().execute(async (trx) => {
    await lockProposal(trx, id, user);
    if (follow)
      await trx
        .insertInto('follows')
        .values({ user_id: user.id, proposal_id: id })
        .onConflict((oc) => oc.doNothing())
        .execute();
    else await trx.deleteFrom('follows').where('user_id', '=', user.id).where('proposal_id', '=', id).execute();
    await audit(trx, userActor(user), { entity: 'proposal', entityId: id, action: follow ? 'follow' : 'unfollow' });
  });
}

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
    const org = await trx
      .selectFrom('organisations')
      .select('name')
      .where('id', '=', organisationId)
      .executeTakeFirstOrThrow();
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
        .where('user_id', 'in', (eb) =>
          eb.selectFrom('users').select('id').where('organisation_id', '=', organisationId),
        )
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
