import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { MailDue } from '../extensions.ts';
import type { Translated } from '../i18n/translated.ts';
import { commentKindSql } from './kinds.ts';

/*
 * Comment notifications not yet e-mailed, for core's one mail job (core/notifications/mail.ts, through
 * commentNotifications' takeUnmailed): taken and marked e-mailed in the mail's transaction.
 */

export interface CommentDigestItem {
  userId: string;
  kind: string;
  commentId: string;
  event: 'reply' | 'new' | 'approved' | 'hidden';
  at: Date;
  title: Translated | null;
  path: string | null;
}

/** Takes the waiting comment notifications of these (person, kind) pairs (marked e-mailed now, in the caller's transaction). One query. */
export async function takeCommentDigest(trx: Db, due: MailDue): Promise<CommentDigestItem[]> {
  if (due.userIds.length === 0) return [];
  const rows = await sql<CommentDigestItem>`
    UPDATE comment_notifications n SET emailed_at = now()
      FROM unnest(${[...due.userIds]}::bigint[], ${[...due.kinds]}::text[]) AS d (user_id, kind)
     WHERE n.user_id = d.user_id AND n.emailed_at IS NULL
       AND d.kind = ${commentKindSql}
    RETURNING n.user_id::text AS "userId", d.kind, n.comment_id::text AS "commentId", n.event, n.created_at AS at,
              n.title, n.path`.execute(trx);
  return rows.rows.sort((a, b) => Number(a.commentId) - Number(b.commentId));
}
