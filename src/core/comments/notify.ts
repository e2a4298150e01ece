import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { i18nFor, type MessageKey } from '../i18n/i18n.ts';
import type { Translated } from '../i18n/translated.ts';
import { queueEmail } from '../mail/outbox.ts';
import type { CommentsEnv } from './context.ts';

/* What comments tell people: notifications (core/comments/notifications.ts lists them) and e-mails. */

type Trx = Transaction<DB>;

/**
 * A comment is now public: its parent's author is told of the reply, the record's followers of a new
 * comment (never the comment's own author, never twice).
 */
export async function announce(
  trx: Trx,
  c: { id: string; authorId: string | null; parentAuthorId: string | null; followers: readonly string[] },
): Promise<void> {
  const told = new Set<string>(c.authorId ? [c.authorId] : []);
  const rows: { user_id: string; comment_id: string; event: 'reply' | 'new' }[] = [];
  if (c.parentAuthorId && !told.has(c.parentAuthorId)) {
    rows.push({ user_id: c.parentAuthorId, comment_id: c.id, event: 'reply' });
    told.add(c.parentAuthorId);
  }
  for (const f of c.followers) {
    if (told.has(f)) continue;
    told.add(f);
    rows.push({ user_id: f, comment_id: c.id, event: 'new' });
  }
  if (rows.length > 0) await trx.insertInto('comment_notifications').values(rows).execute();
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
  await trx
    .insertInto('comment_notifications')
    .values({ user_id: c.authorId, comment_id: c.id, event: c.event })
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
