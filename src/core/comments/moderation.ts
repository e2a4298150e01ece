import { audit, userActor } from '../audit.ts';
import type { CurrentUser } from '../auth/user.ts';
import type { Db } from '../db/database.ts';
import type { CommentHideReason } from '../db/schema.ts';
import { HttpError } from '../http/http-error.ts';
import { type CommentsEnv, commentableOf } from './context.ts';
import { announce, tellAuthor, tellBlocked } from './notify.ts';

/*
 * The moderators' decisions: approve a waiting comment, hide one with a reason shown in its place,
 * keep a reported one (closing its reports), block an author for a period. Each is audited in its
 * transaction, and the author is told (a notification and an e-mail through the outbox).
 */

/** The kinds of record a reader may moderate (empty: none, and the queue is refused). */
export function moderatedKinds(env: CommentsEnv, reader: CurrentUser | null): string[] {
  return env.commentables.filter((c) => c.mayModerate(reader)).map((c) => c.kind);
}

/** The comment a moderator decides on, with its record as the moderator sees it. */
async function toModerate(env: CommentsEnv, moderator: CurrentUser, commentId: string) {
  const row = await env.db.selectFrom('comments').selectAll().where('id', '=', commentId).executeTakeFirst();
  if (!row) throw new HttpError(404, `comment ${commentId}`);
  const commentable = commentableOf(env, row.kind);
  if (!commentable.mayModerate(moderator)) throw new HttpError(403, `may not moderate ${row.kind}`);
  // The record may have gone, or become members-only: the decision is still the moderator's.
  const target = (await commentable.target(env.db, moderator, row.record_id)) ?? {
    title: { kk: row.record_id, ru: row.record_id, en: row.record_id },
    path: '/',
    open: false,
  };
  return { row, commentable, target };
}

/** Publishes a waiting comment; its author, its parent's author and the record's followers are told. */
export async function approveComment(env: CommentsEnv, moderator: CurrentUser, commentId: string): Promise<void> {
  const { row, commentable, target } = await toModerate(env, moderator, commentId);
  if (row.state !== 'pending')
    throw new HttpError(409, `comment ${row.id} is ${row.state}`, 'moderation.notActionable');
  const followers = commentable.followers ? await commentable.followers(env.db, row.record_id) : [];
  await env.db.transaction().execute(async (trx) => {
    const parent = row.parent_id
      ? await trx.selectFrom('comments').select('author_id').where('id', '=', row.parent_id).executeTakeFirst()
      : undefined;
    await trx
      .updateTable('comments')
      .set({ state: 'published', held_for: null, moderated_at: new Date() })
      .where('id', '=', row.id)
      .execute();
    await trx.updateTable('comment_flags').set({ resolved_at: new Date() }).where('comment_id', '=', row.id).execute();
    await audit(trx, userActor(moderator), {
      entity: 'comment',
      entityId: row.id,
      action: 'approve',
      before: { state: row.state, heldFor: row.held_for },
      after: { state: 'published' },
    });
    await tellAuthor(env, trx, { ...target, id: row.id, authorId: row.author_id, event: 'approved', body: row.body });
    await announce(env, trx, {
      id: row.id,
      authorId: row.author_id,
      parentAuthorId: parent?.author_id ?? null,
      followers,
      title: target.title,
      path: target.path,
      body: row.body,
    });
  });
}

/** Closes a comment's open reports (a moderator has decided on it): how many were open. */
async function closeReports(trx: Db, commentId: string): Promise<number> {
  const closed = await trx
    .updateTable('comment_flags')
    .set({ resolved_at: new Date() })
    .where('comment_id', '=', commentId)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  return Number(closed.numUpdatedRows);
}

/** Hides a comment: the reason shows in place of its text, its reports are closed, its author is told why. */
export async function hideComment(
  env: CommentsEnv,
  moderator: CurrentUser,
  commentId: string,
  reason: CommentHideReason,
): Promise<void> {
  const { row, target } = await toModerate(env, moderator, commentId);
  if (!['pending', 'published'].includes(row.state))
    throw new HttpError(409, `comment ${row.id} is ${row.state}`, 'moderation.notActionable');
  await env.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('comments')
      .set({ state: 'hidden', hidden_reason: reason, held_for: null, moderated_at: new Date() })
      .where('id', '=', row.id)
      .execute();
    await closeReports(trx, row.id);
    await audit(trx, userActor(moderator), {
      entity: 'comment',
      entityId: row.id,
      action: 'hide',
      before: { state: row.state },
      after: { state: 'hidden', reason },
    });
    await tellAuthor(env, trx, {
      ...target,
      id: row.id,
      authorId: row.author_id,
      event: 'hidden',
      body: row.body,
      reason,
    });
  });
}

/** Keeps a reported comment as it is: its open reports are closed. */
export async function dismissFlags(env: CommentsEnv, moderator: CurrentUser, commentId: string): Promise<void> {
  const { row } = await toModerate(env, moderator, commentId);
  await env.db.transaction().execute(async (trx) => {
    const closed = await closeReports(trx, row.id);
    await audit(trx, userActor(moderator), {
      entity: 'comment',
      entityId: row.id,
      action: 'keep',
      after: { reportsClosed: closed },
    });
  });
}

/** Blocks the author of a comment from commenting for `days` days; they are told until when and why. */
export async function blockAuthor(
  env: CommentsEnv,
  moderator: CurrentUser,
  commentId: string,
  block: { days: number; reason: CommentHideReason },
): Promise<Date> {
  const { row } = await toModerate(env, moderator, commentId);
  if (!row.author_id || row.author_id === moderator.id)
    throw new HttpError(409, 'no author to block', 'moderation.notActionable');
  const userId = row.author_id;
  const until = new Date(Date.now() + block.days * 86_400_000);
  await env.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('comment_blocks')
      .values({ user_id: userId, until, reason: block.reason })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ until, reason: block.reason, created_at: new Date() }))
      .execute();
    await audit(trx, userActor(moderator), {
      entity: 'user',
      entityId: userId,
      action: 'block-comments',
      after: { until: until.toISOString(), reason: block.reason, commentId: row.id },
    });
    await tellBlocked(env, trx, { userId, until, reason: block.reason });
  });
  return until;
}
