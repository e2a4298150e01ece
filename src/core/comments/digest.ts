import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Translated } from '../i18n/translated.ts';

/*
 * Comment notifications not yet e-mailed, for core's one mail job (core/notifications/mail.ts, through
 * commentNotifications' takeUnmailed): taken and marked e-mailed in the mail's transaction.
 */

export interface CommentDigestItem {
  userId: string;
  commentId: string;
  event: 'reply' | 'new' | 'approved' | 'hidden';
  at: Date;
  title: Translated | null;
  path: string | null;
}

/** Takes these users' waiting comment notifications (marked e-mailed now, in the caller's transaction). One query. */
export async function takeCommentDigest(trx: Db, userIds: readonly string[]): Promise<CommentDigestItem[]> {
  if (userIds.length === 0) return [];
  const rows = await sql<CommentDigestItem>`
    UPDATE comment_notifications SET emailed_at = now()
     WHERE user_id = ANY (${[...userIds]}::bigint[]) AND emailed_at IS NULL
    RETURNING user_id::text AS "userId", comment_id::text AS "commentId", event, created_at AS at, title, path`.execute(
    trx,
  );
  return rows.rows.sort((a, b) => Number(a.commentId) - Number(b.commentId));
}
