import { sql } from 'kysely';
import { enabledUsers } from '../accounts/index.ts';
import type { CurrentUser } from '../core/auth/user.ts';
import type { Db } from '../core/db/database.ts';
import type { I18n, MessageKey } from '../core/i18n/i18n.ts';
import { pick, type Translated } from '../core/i18n/translated.ts';
import { eventNotificationKind } from './notifications/kinds.ts';

/** What a timeline entry says, in a language: "Ministry of Justice: Accepted". */
export function eventText(kind: string, detail: Record<string, unknown>, i18n: I18n): string {
  const name = (v: unknown) => pick(v as Translated, i18n.lang)?.text ?? '';
  switch (kind) {
    case 'assigned':
      return i18n.t('event.assigned', { bodies: i18n.list(((detail.bodies as Translated[]) ?? []).map(name)) });
    case 'answered':
      return i18n.t('event.answered', {
        body: name(detail.body),
        answer: i18n.t(`proposal.answer.${detail.answer}` as MessageKey),
      });
    case 'addressees_changed':
      return addresseesChangedText(detail, i18n, name);
    case 'assessed':
      return i18n.t('event.assessed', {
        body: name(detail.body),
        assessment: i18n.t(`proposal.assessment.${detail.assessment}` as MessageKey),
      });
    case 'stage':
      return i18n.t('event.stage', { stage: i18n.t(`proposal.stage.${detail.stage}` as MessageKey) });
    case 'merged':
      return i18n.t('event.merged', { id: String(detail.into ?? '') });
    case 'endorsed':
      return i18n.t('event.endorsed', { organisation: name(detail.organisation) });
    case 'coauthor_invited':
    case 'coauthor_accepted':
    case 'coauthor_declined':
      return i18n.t(`event.${kind}`, { organisation: name(detail.organisation) });
    default:
      return i18n.t(`event.${kind}` as MessageKey);
  }
}

/** "Now also addressed to X, answer due by 5 January 2027; no longer addressed to Y." */
function addresseesChangedText(detail: Record<string, unknown>, i18n: I18n, name: (v: unknown) => string): string {
  const names = (v: unknown) => i18n.list(((v as Translated[] | undefined) ?? []).map(name));
  const added = (detail.added as unknown[] | undefined)?.length ? names(detail.added) : '';
  const removed = (detail.removed as unknown[] | undefined)?.length ? names(detail.removed) : '';
  const parts = [
    added &&
      (typeof detail.deadline === 'string'
        ? i18n.t('event.addresseesAddedBy', { bodies: added, date: i18n.date(detail.deadline) })
        : i18n.t('event.addresseesAdded', { bodies: added })),
    removed && i18n.t('event.addresseesRemoved', { bodies: removed }),
  ];
  return parts.filter(Boolean).join('; ');
}

export interface EventInput {
  proposalId: string;
  kind: string;
  detail?: Record<string, unknown>;
  reason?: string | undefined;
  /** Draft edits are not news: no notifications. */
  notify?: boolean;
  /**
   * Notify the representatives of these organisations only, instead of the authors, endorsers and
   * followers (an invitation goes to the invited; a refusal to the authors).
   */
  audience?: readonly string[];
  /** Organisations whose representatives the event also concerns (bodies added to or removed from the addressees). */
  concerns?: readonly string[];
}

/**
 * Timeline entries only the authors (and a pending invitee) see: who was asked to co-author and who
 * declined is not public, or naming an organisation would show it without its consent.
 */
export const PRIVATE_EVENTS: readonly string[] = ['coauthor_invited', 'coauthor_declined'];

/**
 * Who else an event asks to act (issue 13): a submission the secretariat, which registers it; an
 * assignment the representatives of the state bodies that must answer; a change of addressees the
 * bodies it concerns (the ones added must now answer).
 */
async function askedToAct(trx: Db, user: CurrentUser, e: EventInput) {
  if (e.kind === 'submitted') return enabledUsers(trx, { roles: ['secretariat'], exceptId: user.id });
  if (e.kind === 'assigned')
    return enabledUsers(trx, {
      roles: ['representative'],
      organisationIds: sql`(SELECT organisation_id FROM proposal_addressees WHERE proposal_id = ${e.proposalId})`,
      exceptId: user.id,
    });
  if (e.concerns?.length)
    return enabledUsers(trx, { roles: ['representative'], organisationIds: [...e.concerns], exceptId: user.id });
  return [];
}

/**
 * Adds an entry to the proposal's timeline and, in the same transaction, notifies the authors'
 * and endorsers' representatives and the followers (not the actor), and those the event asks to act.
 * E-mail is core's (core/notifications/mail.ts): at once, but several changes within minutes in one
 * e-mail, or in the person's daily or weekly digest.
 */
export async function recordEvent(trx: Db, user: CurrentUser, e: EventInput, _publicUrl: string): Promise<void> {
  const event = await trx
    .insertInto('proposal_events')
    .values({
      proposal_id: e.proposalId,
      actor_user_id: user.id,
      actor_name: user.displayName,
      organisation_id: user.organisationId,
      kind: e.kind,
      detail: JSON.stringify(e.detail ?? {}),
      reason: e.reason ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (e.notify === false) return;
  const [told, asked] = await Promise.all([
    e.audience
      ? enabledUsers(trx, { roles: ['representative'], organisationIds: [...e.audience], exceptId: user.id })
      : enabledUsers(trx, {
          roles: ['representative'],
          organisationIds: sql`(SELECT organisation_id FROM proposal_authors WHERE proposal_id = ${e.proposalId}
                  UNION SELECT organisation_id FROM proposal_endorsements WHERE proposal_id = ${e.proposalId})`,
          orIds: sql`(SELECT user_id FROM follows WHERE proposal_id = ${e.proposalId})`,
          exceptId: user.id,
        }),
    askedToAct(trx, user, e),
  ]);
  // Each person once, of the kind that asks most of them: asked to act, else told.
  const kinds = new Map<string, string>(told.map((r) => [r.id, eventNotificationKind(e.kind, false)]));
  for (const r of asked) kinds.set(r.id, eventNotificationKind(e.kind, true));
  if (kinds.size === 0) return;
  await trx
    .insertInto('notifications')
    .values([...kinds].map(([id, kind]) => ({ user_id: id, event_id: event.id, kind })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}
