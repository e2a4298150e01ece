import { sql } from 'kysely';
import { can } from '../auth/policy.ts';
import type { CurrentUser } from '../auth/user.ts';
import type { CommentHideReason } from '../db/schema.ts';
import type { MessageKey } from '../i18n/i18n.ts';
import type { Translated } from '../i18n/translated.ts';
import type { CommentsEnv } from './context.ts';
import { type CommentRow, commentCounts, PAGE_SIZE, thread } from './queries.ts';
import { commentSettings, commentsOpen } from './settings.ts';

/** What the reader may do in a record's comments. */
export type Standing =
  | { may: 'sign-in' }
  | { may: 'confirm-email' }
  | { may: 'nothing' }
  | { may: 'blocked'; until: Date; reason: CommentHideReason }
  | { may: 'comment'; organisationName: Translated | null };

/** A record's comments as its page shows them (a view's plain data). */
export interface CommentSection {
  kind: string;
  recordId: string;
  title: Translated;
  path: string;
  open: boolean;
  premoderated: boolean;
  moderator: boolean;
  page: number;
  pages: number;
  total: number;
  comments: CommentRow[];
  standing: Standing;
}

async function standingOf(env: CommentsEnv, reader: CurrentUser | null): Promise<Standing> {
  if (!reader) return { may: 'sign-in' };
  if (!can(reader, 'comment')) return { may: 'nothing' };
  if (reader.emailConfirmed === false) return { may: 'confirm-email' };
  const representative = can(reader, 'act-for-organisation', { organisationId: reader.organisationId });
  const organisation = representative
    ? env.people.organisationName(sql`${reader.organisationId}::bigint`)
    : sql<null>`NULL::jsonb`;
  const { rows } = await sql<{ until: Date | null; reason: CommentHideReason | null; organisation: Translated | null }>`
    SELECT b.until, b.reason, ${organisation} AS organisation
      FROM (SELECT 1) one LEFT JOIN comment_blocks b ON b.user_id = ${reader.id} AND b.until > now()`.execute(env.db);
  const row = rows[0];
  if (row?.until && row.reason) return { may: 'blocked', until: row.until, reason: row.reason };
  return { may: 'comment', organisationName: row?.organisation ?? null };
}

/**
 * A page of a record's comments for a reader, or null when the record does not exist for them (its
 * page answers 404; its comments are not shown either). A fixed number of queries: the record, the
 * settings, the reader's standing, the count and the page.
 */
export async function commentSection(
  env: CommentsEnv,
  reader: CurrentUser | null,
  kind: string,
  recordId: string,
  page = 1,
): Promise<CommentSection | null> {
  const commentable = env.commentables.find((c) => c.kind === kind);
  if (!commentable) return null;
  const moderator = commentable.mayModerate(reader);
  const [target, settings, standing, found] = await Promise.all([
    commentable.target(env.db, reader, recordId),
    commentSettings(env.db),
    standingOf(env, reader),
    thread(env.db, env.people, { kind, recordId, reader, moderator, page }),
  ]);
  if (!target) return null;
  return {
    kind,
    recordId,
    title: target.title,
    path: target.path,
    open: commentsOpen(settings, kind, target),
    premoderated: settings.moderation[kind] === 'pre',
    moderator,
    page,
    pages: Math.max(1, Math.ceil(found.total / PAGE_SIZE)),
    total: found.total,
    comments: found.comments,
    standing,
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Comments for the domains' pages: a record's section, counts for lists (app.ts). */
    comments: CommentsService;
  }
}

/** What domains' pages use (app.comments): a record's comment section, and counts for their lists. */
export interface CommentsService {
  section(reader: CurrentUser | null, kind: string, recordId: string, page?: number): Promise<CommentSection | null>;
  counts(kind: string, ids: readonly string[]): Promise<Map<string, number>>;
  /** The kinds of record that take comments, with their names (the comment settings). */
  kinds: readonly { kind: string; label: MessageKey }[];
}

export function commentsService(env: CommentsEnv): CommentsService {
  return {
    section: (reader, kind, recordId, page) => commentSection(env, reader, kind, recordId, page),
    counts: (kind, ids) => commentCounts(env.db, kind, ids),
    kinds: env.commentables.map((c) => ({ kind: c.kind, label: c.label })),
  };
}
