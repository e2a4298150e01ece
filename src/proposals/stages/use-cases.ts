import { audit, userActor } from '../../core/audit.ts';
import { authorizeUser } from '../../core/auth/policy.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { ProposalKind, Stage } from '../../core/db/schema.ts';
import type { Outcome } from '../../core/http/forms.ts';
import type { I18n } from '../../core/i18n/i18n.ts';
import { recordEvent } from '../events.ts';
import { inLockedProposal, setProposalStatus } from '../lifecycle.ts';

/** Use cases of implementation: the stages an accepted proposal goes through, recorded in order. */

export const LEGISLATION: readonly Stage[] = ['drafted', 'government', 'mazhilis', 'senate', 'signed', 'in_force'];
export const PRACTICE: readonly Stage[] = ['planned', 'in_progress', 'implemented'];

/** The stages a proposal of this kind goes through once accepted. */
export function trackOf(kind: ProposalKind): readonly Stage[] {
  return kind === 'practice' || kind === 'other' ? PRACTICE : LEGISLATION;
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
  authorizeUser(user, 'manage-proposals');
  return inLockedProposal(db, user, id, async (trx, p): Promise<Outcome> => {
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
    await setProposalStatus(trx, id, last ? 'implemented' : 'in_implementation');
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

/**
 * Removes the last stage recorded, which was wrong (a date mistyped, a stage not reached): the
 * proposal goes back to where it stood before it, and the reason goes into the audit log. A
 * corrected stage is then recorded again.
 */
export async function removeLastStage(
  db: Db,
  user: CurrentUser,
  id: string,
  reason: string,
  i18n: I18n,
): Promise<Outcome> {
  authorizeUser(user, 'manage-proposals');
  return inLockedProposal(db, user, id, async (trx, p): Promise<Outcome> => {
    const stages = await trx
      .selectFrom('proposal_stages')
      .select(['id', 'stage', 'reached_on', 'url'])
      .where('proposal_id', '=', id)
      .orderBy('id', 'desc')
      .execute();
    const last = stages[0];
    if (!last) return { ok: false, errors: { reason: i18n.t('proposal.noStageToRemove') } };
    await trx.deleteFrom('proposal_stages').where('id', '=', last.id).execute();
    // Before its first stage an accepted proposal stood "answered" (recordStage requires it).
    const status = stages.length > 1 ? 'in_implementation' : 'answered';
    await setProposalStatus(trx, id, status);
    await audit(trx, userActor(user), {
      entity: 'proposal',
      entityId: id,
      action: 'stage-removed',
      before: { status: p.status, stage: last.stage, date: last.reached_on, url: last.url },
      after: { status, reason },
    });
    return { ok: true, value: undefined };
  });
}
