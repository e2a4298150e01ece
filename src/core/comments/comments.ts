import { audit, userActor } from '../audit.ts';
import { authorizeUser, can } from '../auth/policy.ts';
import type { CurrentUser } from '../auth/user.ts';
import { renderMarkdown } from '../html/markdown.ts';
import type { FieldErrors, Outcome } from '../http/forms.ts';
import { HttpError } from '../http/http-error.ts';
import type { I18n, MessageKey } from '../i18n/i18n.ts';
import { type CommentsEnv, commentableOf } from './context.ts';
import { announce } from './notify.ts';
import { blockOf, commentsSince, isDuplicate } from './queries.ts';
import { type CommentInput, EDIT_MINUTES, LINKS_MAX } from './schema.ts';
import { commentSettings, commentsOpen, heldByWords } from './settings.ts';

/*
 * Writing comments: post (or reply), edit within 15 minutes, delete, report. Each checks the policy
 * again, runs in one transaction and writes its audit entry there.
 */

/** Per account: at most this many comments in ACCOUNT_WINDOW_MS (per address: the route's rate limit). */
export const ACCOUNT_LIMIT = 10;
export const ACCOUNT_WINDOW_MS = 10 * 60_000;

/** The links a comment's Markdown makes. */
export function linkCount(body: string): number {
  return (renderMarkdown(body).match(/<a\s/g) ?? []).length;
}

/** Refuses, with the reason in the user's language, a reader who may not comment now. */
export async function mayComment(env: CommentsEnv, reader: CurrentUser | null, i18n: I18n): Promise<void> {
  if (!can(reader, 'comment') || !reader) throw new HttpError(reader ? 403 : 401, 'may not comment');
  if (reader.emailConfirmed === false) throw new HttpError(403, 'e-mail not confirmed', 'comments.confirmEmail');
  const block = await blockOf(env.db, reader.id);
  if (block)
    throw new HttpError(403, `blocked until ${block.until.toISOString()}`, 'comments.blocked', {
      until: i18n.dateTime(block.until, 'Asia/Almaty'),
      reason: i18n.t(`comments.reason.${block.reason}` as MessageKey),
    });
}

function bodyErrors(i18n: I18n, body: string): FieldErrors | undefined {
  if (linkCount(body) > LINKS_MAX) return { body: i18n.t('comments.tooManyLinks', { max: LINKS_MAX }) };
  return undefined;
}

export interface Posted {
  /** Null when the honeypot was filled: nothing was stored, and the robot is not told. */
  id: string | null;
  path: string;
  state: 'published' | 'pending';
}

/** Posts a comment (or a reply) on a record of `kind` the reader may see and that takes comments. */
export async function postComment(
  env: CommentsEnv,
  reader: CurrentUser | null,
  i18n: I18n,
  where: { kind: string; recordId: string },
  input: CommentInput,
): Promise<Outcome<Posted>> {
  const { db } = env;
  const commentable = commentableOf(env, where.kind);
  await mayComment(env, reader, i18n);
  const user = reader as CurrentUser;
  const [target, settings, recent] = await Promise.all([
    commentable.target(db, user, where.recordId),
    commentSettings(db),
    commentsSince(db, user.id, new Date(Date.now() - ACCOUNT_WINDOW_MS)),
  ]);
  if (!target) throw new HttpError(404, `${where.kind} ${where.recordId}`);
  if (!commentsOpen(settings, where.kind, target)) throw new HttpError(403, 'comments closed', 'comments.closed');
  if (recent >= ACCOUNT_LIMIT) throw new HttpError(429, `${recent} comments by ${user.id}`, 'comments.tooMany');
  // The honeypot: answered as a success, stored nowhere.
  if (input.website) return { ok: true, value: { id: null, path: target.path, state: 'published' } };
  const errors = bodyErrors(i18n, input.body);
  if (errors) return { ok: false, errors };
  if (await isDuplicate(db, { ...where, authorId: user.id, body: input.body }))
    return { ok: false, errors: { body: i18n.t('comments.duplicate') } };
  let parentAuthorId: string | null = null;
  if (input.parent) {
    const parent = await db
      .selectFrom('comments')
      .select(['author_id', 'parent_id', 'state', 'kind', 'record_id'])
      .where('id', '=', input.parent)
      .executeTakeFirst();
    if (
      !parent ||
      parent.kind !== where.kind ||
      parent.record_id !== where.recordId ||
      parent.parent_id !== null ||
      parent.state !== 'published'
    )
      return { ok: false, errors: { body: i18n.t('comments.noReplyHere') } };
    parentAuthorId = parent.author_id;
  }
  const asOrganisation =
    input.as === 'organisation' && can(user, 'act-for-organisation', { organisationId: user.organisationId });
  const moderator = commentable.mayModerate(user);
  const heldFor = moderator
    ? null
    : settings.moderation[where.kind] === 'pre'
      ? ('pre-moderation' as const)
      : heldByWords(input.body, settings.words)
        ? ('words' as const)
        : null;
  const state = heldFor ? ('pending' as const) : ('published' as const);
  const followers =
    state === 'published' && commentable.followers ? await commentable.followers(db, where.recordId) : [];
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('comments')
      .values({
        kind: where.kind,
        record_id: where.recordId,
        parent_id: input.parent ?? null,
        author_id: user.id,
        organisation_id: asOrganisation ? user.organisationId : null,
        lang: input.lang,
        body: input.body,
        state,
        held_for: heldFor,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, userActor(user), {
      entity: 'comment',
      entityId: row.id,
      action: 'create',
      after: {
        kind: where.kind,
        recordId: where.recordId,
        parentId: input.parent ?? null,
        state,
        heldFor,
        asOrganisation,
      },
    });
    if (state === 'published')
      await announce(env, trx, {
        id: row.id,
        authorId: user.id,
        parentAuthorId,
        followers,
        title: target.title,
        path: target.path,
        body: input.body,
      });
    return row.id;
  });
  return { ok: true, value: { id, path: target.path, state } };
}

/** A comment its author acts on: it exists, is theirs, and its record is still one they may see. */
async function ownComment(env: CommentsEnv, reader: CurrentUser, commentId: string) {
  const row = await env.db
    .selectFrom('comments')
    .selectAll()
    .where('id', '=', commentId)
    .where('author_id', '=', reader.id)
    .executeTakeFirst();
  if (!row) throw new HttpError(404, `comment ${commentId}`);
  const target = await commentableOf(env, row.kind).target(env.db, reader, row.record_id);
  if (!target) throw new HttpError(404, `comment ${commentId}: record gone`);
  return { row, target };
}

/** Whether a comment written at `createdAt` may still be edited. */
export const editable = (createdAt: Date, now = Date.now()) => now - createdAt.getTime() < EDIT_MINUTES * 60_000;

/** The author's own comment, if they may still edit it (for the edit form), else an error. */
export async function commentToEdit(env: CommentsEnv, reader: CurrentUser, i18n: I18n, commentId: string) {
  await mayComment(env, reader, i18n);
  const { row, target } = await ownComment(env, reader, commentId);
  if (!['published', 'pending'].includes(row.state) || !editable(row.created_at))
    throw new HttpError(403, 'edit expired', 'comments.editExpired');
  return { id: row.id, body: row.body, path: target.path, title: target.title };
}

/** Edits the author's comment within 15 minutes; the edit is shown ("edited"), and a listed word sends it to the queue. */
export async function editComment(
  env: CommentsEnv,
  reader: CurrentUser,
  i18n: I18n,
  commentId: string,
  body: string,
): Promise<Outcome<{ path: string }>> {
  const found = await commentToEdit(env, reader, i18n, commentId);
  const errors = bodyErrors(i18n, body);
  if (errors) return { ok: false, errors };
  const { row } = await ownComment(env, reader, commentId);
  if (
    await isDuplicate(env.db, { kind: row.kind, recordId: row.record_id, authorId: reader.id, body, exceptId: row.id })
  )
    return { ok: false, errors: { body: i18n.t('comments.duplicate') } };
  const settings = await commentSettings(env.db);
  const moderator = commentableOf(env, row.kind).mayModerate(reader);
  const held = row.state === 'pending' || (!moderator && heldByWords(body, settings.words));
  await env.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('comments')
      .set({
        body,
        edited_at: new Date(),
        state: held ? 'pending' : 'published',
        held_for: held ? (row.held_for ?? 'words') : null,
      })
      .where('id', '=', row.id)
      .execute();
    await audit(trx, userActor(reader), {
      entity: 'comment',
      entityId: row.id,
      action: 'edit',
      before: { body: row.body, state: row.state },
      after: { body, state: held ? 'pending' : 'published' },
    });
  });
  return { ok: true, value: { path: found.path } };
}

/** The author deletes their comment: its text is gone; a placeholder stays above its replies. */
export async function deleteComment(
  env: CommentsEnv,
  reader: CurrentUser,
  commentId: string,
): Promise<{ path: string }> {
  authorizeUser(reader, 'comment');
  const { row, target } = await ownComment(env, reader, commentId);
  if (row.state === 'deleted') return { path: target.path };
  await env.db.transaction().execute(async (trx) => {
    await trx.updateTable('comments').set({ state: 'deleted', body: '' }).where('id', '=', row.id).execute();
    await audit(trx, userActor(reader), {
      entity: 'comment',
      entityId: row.id,
      action: 'delete',
      before: { state: row.state },
    });
  });
  return { path: target.path };
}

/** Anyone signed in reports a published comment they can see, once, with a reason. */
export async function flagComment(
  env: CommentsEnv,
  reader: CurrentUser,
  commentId: string,
  reason: string,
): Promise<{ path: string }> {
  authorizeUser(reader, 'comment');
  const row = await env.db
    .selectFrom('comments')
    .select(['id', 'kind', 'record_id', 'state'])
    .where('id', '=', commentId)
    .executeTakeFirst();
  const target = row ? await commentableOf(env, row.kind).target(env.db, reader, row.record_id) : null;
  if (!row || !target || row.state !== 'published') throw new HttpError(404, `comment ${commentId}`);
  await env.db.transaction().execute(async (trx) => {
    const added = await trx
      .insertInto('comment_flags')
      .values({ comment_id: row.id, user_id: reader.id, reason })
      .onConflict((oc) => oc.columns(['comment_id', 'user_id']).doNothing())
      .executeTakeFirst();
    if (Number(added.numInsertedOrUpdatedRows ?? 0) > 0)
      await audit(trx, userActor(reader), { entity: 'comment', entityId: row.id, action: 'flag', after: { reason } });
  });
  return { path: target.path };
}
