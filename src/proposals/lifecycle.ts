import { sql } from 'kysely';
import { audit, userActor } from '../core/audit.ts';
import { can } from '../core/auth/policy.ts';
import type { CurrentUser } from '../core/auth/user.ts';
import type { Db } from '../core/db/database.ts';
import type { ProposalStatus } from '../core/db/schema.ts';
import type { FieldErrors, Outcome } from '../core/http/forms.ts';
import { HttpError } from '../core/http/http-error.ts';
import type { I18n } from '../core/i18n/i18n.ts';
import { recordEvent } from './events.ts';
import { canSeeProposal, visibilityFacts } from './visibility.ts';

/*
 * What the use cases of every feature share: a proposal locked for a write (or refused like an unknown
 * id), who its authors are, and a move from one status to another in one transaction with the
 * timeline event and the audit entry.
 */

/**
 * Locks a proposal for a write by `user`, or answers 404 when they may not see it: an invisible
 * proposal is refused exactly like an unknown id, before anything is written or audited.
 */
export async function lockProposal(trx: Db, id: string, user: CurrentUser) {
  const p = await visibilityFacts(trx, id, { forUpdate: true });
  if (!p || !canSeeProposal(user, p)) throw new HttpError(404, `proposal ${id}`);
  return p;
}

/** Runs `write` in a transaction on the proposal locked for `user` (see lockProposal). */
export function inLockedProposal<T>(
  db: Db,
  user: CurrentUser,
  id: string,
  write: (trx: Db, p: Awaited<ReturnType<typeof lockProposal>>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => write(trx, await lockProposal(trx, id, user)));
}

export function isAuthor(user: CurrentUser, authors: readonly string[]): boolean {
  return authors.some((organisationId) => can(user, 'act-for-organisation', { organisationId }));
}

/** Sets the status of a proposal the caller has locked, and its time of change. */
export async function setProposalStatus(trx: Db, id: string, status: ProposalStatus): Promise<void> {
  await trx.updateTable('proposals').set({ status, updated_at: sql`now()` }).where('id', '=', id).execute();
}

/** Moves a proposal from one status to another under a lock; `check` may refuse with a message. */
export async function transition(
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
  return inLockedProposal(db, user, id, async (trx, p): Promise<Outcome> => {
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
