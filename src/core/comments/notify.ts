import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { i18nFor, type MessageKey } from '../i18n/i18n.ts';
import type { Translated } from '../i18n/translated.ts';
import { queueEmail } from '../mail/outbox.ts';
import { choicesFor } from '../notifications/choices.ts';
import type { CommentsEnv } from './context.ts';
import { COMMENT_KINDS } from './kinds.ts';

/* What comments tell people: notifications (core/comments/notifications.ts lists them) and e-mails. */

type Trx = Transaction<DB>;

/**
 * A comment is now public: its parent's author is told of the reply, the record's followers of a new
 * comment (never the comment's own author, never twice) — on their notifications page, and by e-mail
 * as each chose for the kind (a reply, a new comment): at once (the comment in full, in the change's
 * transaction), or in their daily or weekly digest (core's mail job), or never.
 */
export async function announce(
  env: CommentsEnv,
  trx: Trx,
  c: {
    id: string;
    authorId: string | null;
    parentAuthorId: string | null;
    followers: readonly string[];
    title: Translated;
    path: string;
    body: string;
  },
): Promise<void> {
  const told = new Set<string>(c.authorId ? [c.authorId] : []);
  const events = new Map<string, 'reply' | 'new'>();
  if (c.parentAuthorId && !told.has(c.parentAuthorId)) {
    events.set(c.parentAuthorId, 'reply');
    told.add(c.parentAuthorId);
  }
  for (const f of c.followers) {
    if (told.has(f)) continue;
    told.add(f);
    events.set(f, 'new');
  }
  if (events.size === 0) return;
  const people = [...events.keys()];
  const [contacts, replies, news] = await Promise.all([
    env.people.contacts(trx, people),
    choicesFor(trx, people, COMMENT_KINDS.reply),
    choicesFor(trx, people, COMMENT_KINDS.new),
  ]);
  // Each person's choice for the kind of what they are told (decision 0024).
  const choice = (id: string) => (events.get(id) === 'reply' ? replies : news).get(id) ?? 'never';
  const now = contacts.filter((p) => choice(p.id) === 'immediately');
  const mailedNow = new Set(now.map((p) => p.id));
  await trx
    .insertInto('comment_notifications')
    .values(
      [...events].map(([userId, event]) => ({
        user_id: userId,
        comment_id: c.id,
        event,
        title: JSON.stringify(c.title),
        path: c.path,
        // Who wants no e-mail of this kind, or is gone, is never mailed: marked as if sent.
        emailed_at:
          mailedNow.has(userId) || choice(userId) === 'never' || !contacts.some((p) => p.id === userId)
            ? new Date()
            : null,
      })),
    )
    .execute();
  for (const p of now) {
    const i18n = i18nFor(p.locale);
    const event = events.get(p.id) ?? 'new';
    const title = i18n.pick(c.title)?.text ?? '';
    await queueEmail(trx, {
      to: p.email,
      subject: i18n.t(`comments.notify.${event}`, { title }),
      text: i18n.t('comments.mail.newText', {
        title,
        body: c.body,
        url: `${env.publicUrl}/${p.locale}${c.path}#comment-${c.id}`,
      }),
      latinScript: p.latinScript,
    });
  }
}

/** The author is told of a moderator's decision: a notification and an e-mail in their language, in the decision's transaction. */
export async function tellAuthor(
  env: CommentsEnv,
  trx: Trx,
  c: {
    id: string;
    authorId: string | null;
    event: 'approved' | 'hidden';
    title: Translated;
    path: string;
    body: string;
    reason?: string;
  },
): Promise<void> {
  if (!c.authorId) return;
  // The e-mail below goes at once, whatever the digest choice: a decision on one's own words.
  await trx
    .insertInto('comment_notifications')
    .values({
      user_id: c.authorId,
      comment_id: c.id,
      event: c.event,
      title: JSON.stringify(c.title),
      path: c.path,
      emailed_at: new Date(),
    })
    .execute();
  const [contact] = await env.people.contacts(trx, [c.authorId]);
  if (!contact) return;
  const i18n = i18nFor(contact.locale);
  const title = i18n.pick(c.title)?.text ?? '';
  const params = {
    title,
    url: `${env.publicUrl}/${contact.locale}${c.path}#comment-${c.id}`,
    body: c.body,
    reason: c.reason ? i18n.t(`comments.reason.${c.reason}` as MessageKey) : '',
  };
  await queueEmail(trx, {
    to: contact.email,
    subject: i18n.t(c.event === 'hidden' ? 'comments.mail.hiddenSubject' : 'comments.mail.approvedSubject'),
    text: i18n.t(c.event === 'hidden' ? 'comments.mail.hiddenText' : 'comments.mail.approvedText', params),
    latinScript: contact.latinScript,
  });
}

/** A blocked author is told until when and why, by e-mail. */
export async function tellBlocked(
  env: CommentsEnv,
  trx: Trx,
  b: { userId: string; until: Date; reason: string },
): Promise<void> {
  const [contact] = await env.people.contacts(trx, [b.userId]);
  if (!contact) return;
  const i18n = i18nFor(contact.locale);
  await queueEmail(trx, {
    to: contact.email,
    subject: i18n.t('comments.mail.blockedSubject'),
    text: i18n.t('comments.mail.blockedText', {
      until: i18n.dateTime(b.until, 'Asia/Almaty'),
      reason: i18n.t(`comments.reason.${b.reason}` as MessageKey),
    }),
    latinScript: contact.latinScript,
  });
}
