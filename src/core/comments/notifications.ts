import { sql } from 'kysely';
import type { NotificationItem, NotificationSource } from '../extensions.ts';
import type { MessageKey } from '../i18n/i18n.ts';
import type { CommentsEnv } from './context.ts';
import { takeCommentDigest } from './digest.ts';
import { COMMENT_KINDS, commentKindSql } from './kinds.ts';

/**
 * Comments as a NotificationSource (decision 0016): replies to a person's comments, new comments on
 * what they follow, moderators' decisions on theirs — only about records they may still see.
 */
export function commentNotifications(env: Omit<CommentsEnv, 'db'>): NotificationSource {
  return {
    kind: 'comment',
    kinds: Object.values(COMMENT_KINDS),
    async list(db, user, limit) {
      const rows = await sql<{
        id: string;
        event: 'reply' | 'new' | 'approved' | 'hidden';
        at: Date;
        read: boolean;
        commentId: string;
        kind: string;
        recordId: string;
        reason: string | null;
      }>`
        SELECT n.id::text AS id, n.event, n.created_at AS at, n.read_at IS NOT NULL AS read,
               c.id::text AS "commentId", c.kind, c.record_id AS "recordId", c.hidden_reason AS reason
          FROM comment_notifications n JOIN comments c ON c.id = n.comment_id
         WHERE n.user_id = ${user.id}
         ORDER BY n.id DESC LIMIT ${limit}`.execute(db);
      // Each record once: the domain says whether the person may still see it.
      const targets = new Map<string, Promise<{ title: NotificationItem['title']; path: string } | null>>();
      for (const r of rows.rows) {
        const key = `${r.kind}:${r.recordId}`;
        if (targets.has(key)) continue;
        const c = env.commentables.find((x) => x.kind === r.kind);
        targets.set(key, c ? c.target(db, user, r.recordId) : Promise.resolve(null));
      }
      const items: NotificationItem[] = [];
      for (const r of rows.rows) {
        const target = await targets.get(`${r.kind}:${r.recordId}`);
        if (!target) continue;
        items.push({
          key: `comment:${r.id}`,
          at: r.at,
          read: r.read,
          title: target.title,
          path: `${target.path}#comment-${r.commentId}`,
          text: (i18n) =>
            i18n.t(`comments.notify.${r.event}`, {
              title: i18n.pick(target.title)?.text ?? '',
              reason: r.reason ? i18n.t(`comments.reason.${r.reason}` as MessageKey) : '',
            }),
        });
      }
      return items;
    },
    // Core's one mail job (core/notifications/mail.ts) carries those not yet e-mailed (notify.ts
    // mails "at once" readers itself and marks theirs): in the person's digest, with the rest.
    unmailed: () =>
      sql<{ user_id: string; at: Date; kind: string }>`SELECT user_id, created_at AS at, ${commentKindSql} AS kind
        FROM comment_notifications WHERE emailed_at IS NULL`,
    async takeUnmailed(trx, due) {
      return (await takeCommentDigest(trx, due)).map((item) => ({
        userId: item.userId,
        kind: item.kind,
        record: `comment:${item.commentId}`,
        at: item.at,
        ...(item.title ? { title: item.title } : {}),
        path: `${item.path ?? '/'}#comment-${item.commentId}`,
        text: (i18n) =>
          i18n.t(`comments.notify.${item.event}`, {
            title: (item.title && i18n.pick(item.title)?.text) ?? '',
            reason: '',
          }),
      }));
    },
    async markAllRead(db, user) {
      await db
        .updateTable('comment_notifications')
        .set({ read_at: new Date() })
        .where('user_id', '=', user.id)
        .where('read_at', 'is', null)
        .execute();
    },
  };
}
