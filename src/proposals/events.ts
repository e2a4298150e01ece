import { sql } from 'kysely';
import { enabledUsers } from '../accounts/index.ts';
import type { CurrentUser } from '../core/auth/user.ts';
import type { Db } from '../core/db/database.ts';
import type { I18n, MessageKey } from '../core/i18n/i18n.ts';
import { i18nFor } from '../core/i18n/i18n.ts';
import { pick, type Translated } from '../core/i18n/translated.ts';
import { queueEmail } from '../core/mail/outbox.ts';

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
}

/**
 * Timeline entries only the authors (and a pending invitee) see: who was asked to co-author and who
 * declined is not public, or naming an organisation would show it without its consent.
 */
export const PRIVATE_EVENTS: readonly string[] = ['coauthor_invited', 'coauthor_declined'];

/**
 * Adds an entry to the proposal's timeline and, in the same transaction, notifies the authors'
 * and endorsers' representatives and the followers (not the actor): in the web interface always,
 * and at once by e-mail for those who chose "immediately" (the digest job carries the rest).
 */
export async function recordEvent(trx: Db, user: CurrentUser, e: EventInput, publicUrl: string): Promise<void> {
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
  const recipients = e.audience
    ? await enabledUsers(trx, { roles: ['representative'], organisationIds: [...e.audience], exceptId: user.id })
    : await enabledUsers(trx, {
        roles: ['representative'],
        organisationIds: sql`(SELECT organisation_id FROM proposal_authors WHERE proposal_id = ${e.proposalId}
                  UNION SELECT organisation_id FROM proposal_endorsements WHERE proposal_id = ${e.proposalId})`,
        orIds: sql`(SELECT user_id FROM follows WHERE proposal_id = ${e.proposalId})`,
        exceptId: user.id,
      });
  if (recipients.length === 0) return;
  const immediate = recipients.filter((r) => r.notify === 'immediately');
  await trx
    .insertInto('notifications')
    .values(
      recipients.map((r) => ({
        user_id: r.id,
        event_id: event.id,
        emailed_at: r.notify === 'immediately' ? new Date() : null,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
  if (immediate.length === 0) return;
  const proposal = await trx
    .selectFrom('proposals')
    .select('title')
    .where('id', '=', e.proposalId)
    .executeTakeFirstOrThrow();
  for (const r of immediate) {
    const t = i18nFor(r.locale);
    const text = eventText(e.kind, e.detail ?? {}, t);
    await queueEmail(trx, {
      to: r.email,
      latinScript: r.latinScript,
      subject: t.t('email.proposalEvent.subject', { id: e.proposalId, event: text }),
      text: t.t('email.proposalEvent.body', {
        title: pick(proposal.title, r.locale)?.text ?? '',
        event: text,
        reason: e.reason ?? '',
        link: `${publicUrl}/${r.locale}/proposals/${e.proposalId}`,
      }),
    });
  }
}
