import { type Expression, type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { I18n } from '../i18n/i18n.ts';
import type { Translated } from '../i18n/translated.ts';

/*
 * Comment notifications in the daily and weekly digests. There is one digest per person (one
 * `digest_sent_at` claims them), written by proposals' digest job; it asks here which people have
 * comment notifications waiting and takes them, marking them e-mailed in its transaction.
 */

/** Whether the user (a column of the caller's query) has comment notifications waiting for their digest. */
export function commentsAwaitDigest(userId: Expression<unknown>): RawBuilder<boolean> {
  return sql<boolean>`EXISTS (SELECT 1 FROM comment_notifications cn WHERE cn.user_id = ${userId} AND cn.emailed_at IS NULL)`;
}

export interface CommentDigestItem {
  userId: string;
  commentId: string;
  event: 'reply' | 'new' | 'approved' | 'hidden';
  title: Translated | null;
  path: string | null;
}

/** Takes these users' waiting comment notifications (marked e-mailed now, in the caller's transaction). One query. */
export async function takeCommentDigest(trx: Db, userIds: readonly string[]): Promise<CommentDigestItem[]> {
  if (userIds.length === 0) return [];
  const rows = await sql<CommentDigestItem>`
    UPDATE comment_notifications SET emailed_at = now()
     WHERE user_id = ANY (${[...userIds]}::bigint[]) AND emailed_at IS NULL
    RETURNING user_id::text AS "userId", comment_id::text AS "commentId", event, title, path`.execute(trx);
  return rows.rows.sort((a, b) => Number(a.commentId) - Number(b.commentId));
}

/** One line of a digest, in the reader's language, with the comment's address. */
export function commentDigestLine(item: CommentDigestItem, i18n: I18n, publicUrl: string): string {
  const title = (item.title && i18n.pick(item.title)?.text) ?? '';
  const text = i18n.t(`comments.notify.${item.event}`, { title, reason: '' });
  return `• ${text}\n  ${publicUrl}/${i18n.lang}${item.path ?? '/'}#comment-${item.commentId}`;
}
