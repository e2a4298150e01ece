import { type Expression, type RawBuilder, sql } from 'kysely';
import type { CurrentUser } from '../auth/user.ts';
import type { Db } from '../db/database.ts';
import type { CommentHideReason, CommentState } from '../db/schema.ts';
import type { Translated } from '../i18n/translated.ts';
import type { CommentPeople } from './people.ts';

/* Reads of core's comment tables: a record's thread (paged), counts for lists, the moderation queue. */

/** Top-level comments per page (their replies come with them). */
export const PAGE_SIZE = 50;

export interface CommentRow {
  id: string;
  kind: string;
  recordId: string;
  parentId: string | null;
  authorId: string | null;
  authorName: string | null;
  organisationName: Translated | null;
  lang: 'kk' | 'ru' | 'en';
  body: string;
  state: CommentState;
  heldFor: 'pre-moderation' | 'words' | null;
  hiddenReason: CommentHideReason | null;
  createdAt: Date;
  editedAt: Date | null;
}

const columns = (people: CommentPeople) => sql`
  c.id::text AS id, c.kind, c.record_id AS "recordId", c.parent_id::text AS "parentId",
  c.author_id::text AS "authorId", ${people.userName(sql.ref('c.author_id'))} AS "authorName",
  CASE WHEN c.organisation_id IS NULL THEN NULL ELSE ${people.organisationName(sql.ref('c.organisation_id'))} END AS "organisationName",
  c.lang, CASE WHEN c.state = 'deleted' THEN '' ELSE c.body END AS body, c.state, c.held_for AS "heldFor",
  c.hidden_reason AS "hiddenReason", c.created_at AS "createdAt", c.edited_at AS "editedAt"`;

/**
 * Which comments a reader sees in a thread: the published and the hidden (their reason in place of the
 * text), the deleted only as a placeholder above their replies, the waiting only by their author and
 * the moderators. The public (`reader` null) sees no waiting comment.
 */
function shown(reader: CurrentUser | null, moderator: boolean): RawBuilder<boolean> {
  const waiting = moderator ? sql`TRUE` : reader ? sql`c.author_id = ${reader.id}` : sql`FALSE`;
  return sql<boolean>`(c.state IN ('published', 'hidden')
    OR (c.state = 'pending' AND ${waiting})
    OR (c.state = 'deleted' AND c.parent_id IS NULL AND EXISTS (
      SELECT 1 FROM comments r WHERE r.parent_id = c.id AND r.state IN ('published', 'hidden'))))`;
}

export interface Thread {
  /** Top-level comments the reader sees (every page). */
  total: number;
  /** This page's top-level comments, newest first, each followed by its replies, oldest first. */
  comments: CommentRow[];
  /** With `standing`: the reader's block in force (null: none), and the name of the organisation they write for. */
  block: { until: Date; reason: CommentHideReason } | null;
  organisation: Translated | null;
}

/** Whose standing to read with the thread: the user (their block), and the organisation they write for (its name). */
export interface StandingOf {
  userId: string;
  organisationId: string | null;
}

interface ThreadRow extends CommentRow {
  total: number;
  block: { until: string; reason: CommentHideReason } | null;
  standingOrganisation: Translated | null;
}

/**
 * One page of a record's comments for a reader, its count, and (with `standing`) the reader's block
 * and organisation's name: one statement whatever the thread holds (a row per comment under the one
 * row of the count; no comment, one row of nulls).
 */
export async function thread(
  db: Db,
  people: CommentPeople,
  opts: {
    kind: string;
    recordId: string;
    reader: CurrentUser | null;
    moderator: boolean;
    page: number;
    standing?: StandingOf | null;
  },
): Promise<Thread> {
  const { kind, recordId, reader, moderator, page, standing } = opts;
  const visible = shown(reader, moderator);
  const block = standing
    ? sql`(SELECT jsonb_build_object('until', b.until, 'reason', b.reason) FROM comment_blocks b
            WHERE b.user_id = ${standing.userId} AND b.until > now() ORDER BY b.until DESC LIMIT 1)`
    : sql`NULL::jsonb`;
  const organisation =
    standing?.organisationId != null
      ? people.organisationName(sql`${standing.organisationId}::bigint`)
      : sql`NULL::jsonb`;
  const { rows } = await sql<ThreadRow>`
    WITH top AS (
      SELECT c.id FROM comments c
       WHERE c.kind = ${kind} AND c.record_id = ${recordId} AND c.parent_id IS NULL AND ${visible}
       ORDER BY c.id DESC LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}),
    head AS (
      SELECT (SELECT count(*)::int FROM comments c
               WHERE c.kind = ${kind} AND c.record_id = ${recordId} AND c.parent_id IS NULL AND ${visible}) AS total,
             ${block} AS block, ${organisation} AS "standingOrganisation")
    SELECT head.total, head.block, head."standingOrganisation", t.*
      FROM head LEFT JOIN (
        SELECT ${columns(people)}
          FROM comments c
         WHERE c.id IN (SELECT id FROM top) OR (c.parent_id IN (SELECT id FROM top) AND ${visible})) t ON TRUE
     ORDER BY coalesce(t."parentId", t.id)::bigint DESC, t."parentId" NULLS FIRST, t.id::bigint`.execute(db);
  const head = rows[0];
  const comments: CommentRow[] = [];
  for (const { total: _t, block: _b, standingOrganisation: _o, ...row } of rows)
    if (row.id !== null) comments.push(row);
  return {
    total: head?.total ?? 0,
    comments,
    block: head?.block ? { until: new Date(head.block.until), reason: head.block.reason } : null,
    organisation: head?.standingOrganisation ?? null,
  };
}

/** One comment (any state), or undefined. */
export async function commentById(db: Db, people: CommentPeople, id: string): Promise<CommentRow | undefined> {
  const rows = await sql<CommentRow>`SELECT ${columns(people)} FROM comments c WHERE c.id = ${id}`.execute(db);
  return rows.rows[0];
}

/** The number of published comments (replies included) on a record, as a column of a domain's query. */
export function commentCount(kind: string, recordId: Expression<unknown>): RawBuilder<number> {
  return sql<number>`(SELECT count(*)::int FROM comments c
    WHERE c.kind = ${kind} AND c.record_id = (${recordId})::text AND c.state = 'published')`;
}

/** The published comments of each of `ids` (of one kind), in one query; a record without any is absent. */
export async function commentCounts(db: Db, kind: string, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await sql<{ id: string; n: number }>`
    SELECT c.record_id AS id, count(*)::int AS n FROM comments c
     WHERE c.kind = ${kind} AND c.record_id = ANY (${[...ids]}::text[]) AND c.state = 'published'
     GROUP BY c.record_id`.execute(db);
  return new Map(rows.rows.map((r) => [r.id, r.n]));
}

/** Until when a user may not comment (null: they may), and why. */
export async function blockOf(db: Db, userId: string): Promise<{ until: Date; reason: CommentHideReason } | null> {
  const row = await db
    .selectFrom('comment_blocks')
    .select(['until', 'reason'])
    .where('user_id', '=', userId)
    .where('until', '>', new Date())
    .executeTakeFirst();
  return row ?? null;
}

/** How many comments a user wrote since a moment (the per-account limit). */
export async function commentsSince(db: Db, userId: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('author_id', '=', userId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether the user already wrote this text on this record (and did not delete it). */
export async function isDuplicate(
  db: Db,
  c: { kind: string; recordId: string; authorId: string; body: string; exceptId?: string },
): Promise<boolean> {
  let q = db
    .selectFrom('comments')
    .select('id')
    .where('kind', '=', c.kind)
    .where('record_id', '=', c.recordId)
    .where('author_id', '=', c.authorId)
    .where('state', '<>', 'deleted')
    // Case and runs of spaces do not make a comment new.
    .where(
      sql<boolean>`regexp_replace(lower(btrim(body)), '\\s+', ' ', 'g') = regexp_replace(lower(btrim(${c.body})), '\\s+', ' ', 'g')`,
    );
  if (c.exceptId) q = q.where('id', '<>', c.exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export interface QueueItem extends CommentRow {
  parent: { body: string; authorName: string | null; state: CommentState } | null;
  flags: { reason: string; at: string }[];
  history: { published: number; hidden: number; pending: number };
  blockedUntil: Date | null;
}

/**
 * The moderation queue: comments awaiting approval and comments with open reports, of the kinds the
 * moderator may moderate, oldest first; each with its parent (the context), its reports and its
 * author's history. One query.
 */
export async function moderationQueue(db: Db, people: CommentPeople, kinds: readonly string[]): Promise<QueueItem[]> {
  if (kinds.length === 0) return [];
  const rows = await sql<QueueItem>`
    SELECT ${columns(people)},
      (SELECT jsonb_build_object('body', p.body, 'authorName', ${people.userName(sql.ref('p.author_id'))}, 'state', p.state)
         FROM comments p WHERE p.id = c.parent_id) AS parent,
      coalesce((SELECT jsonb_agg(jsonb_build_object('reason', f.reason, 'at', f.created_at) ORDER BY f.created_at)
         FROM comment_flags f WHERE f.comment_id = c.id AND f.resolved_at IS NULL), '[]'::jsonb) AS flags,
      (SELECT jsonb_build_object(
          'published', count(*) FILTER (WHERE h.state = 'published'),
          'hidden', count(*) FILTER (WHERE h.state = 'hidden'),
          'pending', count(*) FILTER (WHERE h.state = 'pending'))
         FROM comments h WHERE h.author_id = c.author_id) AS history,
      (SELECT b.until FROM comment_blocks b WHERE b.user_id = c.author_id AND b.until > now()) AS "blockedUntil"
      FROM comments c
     WHERE c.kind = ANY (${[...kinds]}::text[])
       AND (c.state = 'pending'
         OR (c.state = 'published' AND EXISTS (
           SELECT 1 FROM comment_flags f WHERE f.comment_id = c.id AND f.resolved_at IS NULL)))
     ORDER BY c.id
     LIMIT 100`.execute(db);
  return rows.rows;
}

/** A record's published comments, newest first, for its feed and the API. */
export async function publishedComments(
  db: Db,
  people: CommentPeople,
  opts: { kind: string; recordId: string; limit: number; offset: number },
): Promise<CommentRow[]> {
  const rows = await sql<CommentRow>`
    SELECT ${columns(people)} FROM comments c
     WHERE c.kind = ${opts.kind} AND c.record_id = ${opts.recordId} AND c.state IN ('published', 'hidden')
     ORDER BY c.id DESC LIMIT ${opts.limit} OFFSET ${opts.offset}`.execute(db);
  return rows.rows;
}
