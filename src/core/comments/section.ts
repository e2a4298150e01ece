import { can } from '../auth/policy.ts';
import type { CurrentUser } from '../auth/user.ts';
import type { CommentHideReason } from '../db/schema.ts';
import type { CommentTarget } from '../extensions.ts';
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

/** Who may not comment without asking the database; else undefined, and whose block (and organisation) to read. */
function standingWithout(reader: CurrentUser | null): Standing | undefined {
  if (!reader) return { may: 'sign-in' };
  if (!can(reader, 'comment')) return { may: 'nothing' };
  if (reader.emailConfirmed === false) return { may: 'confirm-email' };
  return undefined;
}

type ThreadOptions = Parameters<typeof thread>[2];

/**
 * A page of a record's thread as `thread` reads it, kept while nothing changes (app.shared) under a key
 * naming all it depends on: the record, the page, the reader (whose own waiting comments they see,
 * and whose block and organisation the standing reads; a visitor's is everyone's), and whether they
 * moderate. A block that ends while kept is shown until the next read (at most app.shared's age); a
 * comment is refused or accepted by its own check, not by this.
 */
function keptThread(env: CommentsEnv, opts: ThreadOptions) {
  if (!env.shared) return thread(env.db, env.people, opts);
  const { kind, recordId, page, reader, moderator, standing } = opts;
  const key = `comments:thread:${kind}:${recordId}:${page}:${reader?.id ?? 'visitor'}:${moderator}:${standing?.organisationId ?? ''}`;
  return env.shared.read(key, () => thread(env.db, env.people, opts));
}

/**
 * A page of a record's comments for a reader, or null when the record does not exist for them (its
 * page answers 404; its comments are not shown either). One statement for the count, the page and
 * the reader's standing; the settings kept while nothing changes (app.shared); the record read
 * through its Commentable unless the page passes `known`, the target its domain's own rule gave for
 * this reader (the page already read the record and decided it may see it).
 */
export async function commentSection(
  env: CommentsEnv,
  reader: CurrentUser | null,
  kind: string,
  recordId: string,
  page = 1,
  known?: CommentTarget | null,
): Promise<CommentSection | null> {
  const commentable = env.commentables.find((c) => c.kind === kind);
  if (!commentable) return null;
  const moderator = commentable.mayModerate(reader);
  const fixed = standingWithout(reader);
  const representative =
    reader !== null && can(reader, 'act-for-organisation', { organisationId: reader.organisationId });
  const standingOf =
    reader && !fixed ? { userId: reader.id, organisationId: representative ? reader.organisationId : null } : null;
  const [target, settings, found] = await Promise.all([
    known !== undefined ? known : commentable.target(env.db, reader, recordId),
    env.shared ? env.shared.read('comments:settings', () => commentSettings(env.db)) : commentSettings(env.db),
    keptThread(env, { kind, recordId, reader, moderator, page, standing: standingOf }),
  ]);
  if (!target) return null;
  const standing: Standing =
    fixed ??
    (found.block
      ? { may: 'blocked', until: found.block.until, reason: found.block.reason }
      : { may: 'comment', organisationName: found.organisation });
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
  /**
   * `known`: the record's target as its domain's Commentable rule gives it for this reader, when the
   * page has it already (not read again); null when that rule refuses the record (no section).
   */
  section(
    reader: CurrentUser | null,
    kind: string,
    recordId: string,
    page?: number,
    known?: CommentTarget | null,
  ): Promise<CommentSection | null>;
  counts(kind: string, ids: readonly string[]): Promise<Map<string, number>>;
  /** The kinds of record that take comments, with their names (the comment settings). */
  kinds: readonly { kind: string; label: MessageKey }[];
}

export function commentsService(env: CommentsEnv): CommentsService {
  return {
    section: (reader, kind, recordId, page, known) => commentSection(env, reader, kind, recordId, page, known),
    // The same for every reader of the same records: kept while nothing changes.
    counts: (kind, ids) =>
      env.shared
        ? env.shared.read(`comments:counts:${kind}:${ids.join(',')}`, () => commentCounts(env.db, kind, ids))
        : commentCounts(env.db, kind, ids),
    kinds: env.commentables.map((c) => ({ kind: c.kind, label: c.label })),
  };
}
