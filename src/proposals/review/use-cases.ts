import { sql } from 'kysely';
import { audit, userActor } from '../../core/audit.ts';
import { can } from '../../core/auth/policy.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { Answer, Assessment } from '../../core/db/schema.ts';
import type { StoredFile } from '../../core/files/files.ts';
import type { Outcome } from '../../core/http/forms.ts';
import { HttpError } from '../../core/http/http-error.ts';
import type { I18n } from '../../core/i18n/i18n.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { organisationColumn } from '../../organisations/index.ts';
import { recordEvent } from '../events.ts';
import { inLockedProposal, isAuthor, lockProposal, setProposalStatus, transition } from '../lifecycle.ts';
import { reachOf, visibilityFacts } from '../visibility.ts';

/** Use cases of review: the secretariat registers, assigns and merges; state bodies answer; authors assess. */

export const registerProposal = (db: Db, user: CurrentUser, id: string, i18n: I18n, publicUrl: string) =>
  transition(db, user, id, i18n, publicUrl, {
    from: ['submitted'],
    to: 'registered',
    allowed: () => can(user, 'manage-proposals'),
    kind: 'registered',
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
    .select(organisationColumn('a.organisation_id', 'name').as('name'))
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

/** What a state body answers: its position, the reasons (Markdown, per language) and the official letter if sent. */
export interface AnswerData {
  answer: Answer;
  reasons: Translated;
  letter?: StoredFile | null;
}

/** A state body answers (always with reasons); when every body has answered the proposal is answered. */
export function answerProposal(db: Db, user: CurrentUser, id: string, data: AnswerData, i18n: I18n, publicUrl: string) {
  return db.transaction().execute((trx) => recordAnswer(trx, user, id, data, i18n, publicUrl));
}

/**
 * `answerProposal` in the caller's transaction: the upload of the official letter stores the file and
 * records the answer in one, so a refused answer leaves no file behind.
 */
export async function recordAnswer(
  trx: Db,
  user: CurrentUser,
  id: string,
  data: AnswerData,
  i18n: I18n,
  publicUrl: string,
): Promise<Outcome> {
  const organisationId = user.organisationId;
  if (!organisationId || !can(user, 'act-for-organisation', { organisationId })) throw new HttpError(403, 'answer');
  if (Object.keys(data.reasons).length === 0)
    return { ok: false, errors: { reasons_kk: i18n.t('validation.translatedRequired') } };
  const p = await lockProposal(trx, id, user);
  const addressee = await trx
    .selectFrom('proposal_addressees as a')
    .select(['a.id', 'a.answer', organisationColumn('a.organisation_id', 'name').as('name')])
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
  if (data.letter)
    await trx
      .insertInto('proposal_answer_files')
      .values({ addressee_id: addressee.id, file_id: data.letter.id })
      .execute();
  const open = await trx
    .selectFrom('proposal_addressees')
    .select('id')
    .where('proposal_id', '=', id)
    .where('answer', 'is', null)
    .executeTakeFirst();
  if (!open) await setProposalStatus(trx, id, 'answered');
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
    after: { answer: data.answer, reasons: data.reasons, letter: data.letter ?? undefined },
  });
  return { ok: true, value: undefined };
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
  return inLockedProposal(db, user, id, async (trx, p): Promise<Outcome> => {
    if (!isAuthor(user, p.authorIds)) throw new HttpError(403, 'assess');
    const a = await trx
      .selectFrom('proposal_addressees as a')
      .select(['a.id', 'a.answer', 'a.assessment', organisationColumn('a.organisation_id', 'name').as('name')])
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
