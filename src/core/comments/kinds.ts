import { sql } from 'kysely';
import type { NotificationKind } from '../extensions.ts';

/**
 * The kinds of comment notifications (each person chooses their e-mail per kind; decision 0024). A
 * moderator's decision on one's own comment is no kind to choose: it is e-mailed at once (notify.ts).
 */
export const COMMENT_KINDS = {
  reply: { key: 'comment-reply', label: 'notify.kind.commentReply', default: 'immediately' },
  new: { key: 'comment-new', label: 'notify.kind.commentNew', default: 'daily' },
} as const satisfies Record<string, NotificationKind>;

/** A comment notification's kind, by its event (approved and hidden are mailed at once, never pending). */
export const commentKindSql = sql<string>`CASE event WHEN 'reply' THEN 'comment-reply' ELSE 'comment-new' END`;
