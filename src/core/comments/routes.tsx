import type { FastifyInstance } from 'fastify';
import type { CurrentUser } from '../auth/user.ts';
import { formValues, ID_PATTERN, parseForm } from '../http/forms.ts';
import { HttpError } from '../http/http-error.ts';
import { flash, langRoute, signedIn } from '../http/pages.ts';
import type { I18n, MessageKey } from '../i18n/i18n.ts';
import { commentsApi } from './api.ts';
import { commentToEdit, deleteComment, editComment, flagComment, postComment } from './comments.ts';
import type { CommentsEnv } from './context.ts';
import { approveComment, blockAuthor, dismissFlags, hideComment, moderatedKinds } from './moderation.ts';
import { ModerationPage } from './moderation-page.tsx';
import { moderationQueue } from './queries.ts';
import { BlockInput, CommentInput, EditInput, FlagInput, HideInput, Kind, PageNumber, RecordId } from './schema.ts';
import { commentSection } from './section.ts';
import { CommentsPage, EditCommentPage } from './views.tsx';

/*
 * Comments on every Commentable (decision 0016): a record's comments page, writing, editing,
 * deleting and reporting, the moderation queue and its decisions, the API and the feeds. Writing is
 * limited per address here (the app's rate limiting, 429 in the user's language) and per account in
 * the use case.
 */

/** Per address: at most this many comment and report posts in ten minutes. */
const PER_ADDRESS = { rateLimit: { max: 20, timeWindow: 10 * 60_000 } };

function commentId(raw: string): string {
  if (!ID_PATTERN.test(raw)) throw new HttpError(404, `comment ${raw}`);
  return raw;
}

function record(params: { kind: string; id: string }) {
  const kind = Kind.safeParse(params.kind);
  const id = RecordId.safeParse(params.id);
  if (!kind.success || !id.success) throw new HttpError(404);
  return { kind: kind.data, recordId: id.data };
}

export function commentRoutes(app: FastifyInstance, env: CommentsEnv) {
  langRoute<{ kind: string; id: string }>(app, 'GET', '/comments/:kind/:id', async (req, _reply, ctx) => {
    const { kind, recordId } = record(req.params);
    const section = await commentSection(env, req.user, kind, recordId, PageNumber.parse(req.query.page ?? 1));
    if (!section) throw new HttpError(404, `${kind} ${recordId}`);
    return <CommentsPage ctx={ctx} section={section} />;
  });

  langRoute<{ kind: string; id: string }>(
    app,
    'POST',
    '/comments/:kind/:id',
    async (req, reply, ctx) => {
      const where = record(req.params);
      const user = signedIn(req.user);
      const form = parseForm(CommentInput, req.body, ctx.i18n);
      const outcome = form.ok ? await postComment(env, user, ctx.i18n, where, form.data) : form;
      if (!outcome.ok) {
        const section = await commentSection(env, user, where.kind, where.recordId);
        if (!section) throw new HttpError(404);
        reply.code(422);
        return <CommentsPage ctx={ctx} section={section} values={formValues(req.body)} errors={outcome.errors} />;
      }
      const { id, path, state } = outcome.value;
      flash(reply, state === 'pending' ? 'comments.awaiting' : 'comments.posted');
      return reply.redirect(`/${ctx.i18n.lang}${path}${id ? `#comment-${id}` : '#comments'}`, 303);
    },
    PER_ADDRESS,
  );

  langRoute<{ id: string }>(app, 'GET', '/comment/:id/edit', async (req, _reply, ctx) => {
    const comment = await commentToEdit(env, signedIn(req.user), ctx.i18n, commentId(req.params.id));
    return <EditCommentPage ctx={ctx} comment={comment} />;
  });

  langRoute<{ id: string }>(
    app,
    'POST',
    '/comment/:id/edit',
    async (req, reply, ctx) => {
      const user = signedIn(req.user);
      const id = commentId(req.params.id);
      const form = parseForm(EditInput, req.body, ctx.i18n);
      const outcome = form.ok ? await editComment(env, user, ctx.i18n, id, form.data.body) : form;
      if (!outcome.ok) {
        const comment = await commentToEdit(env, user, ctx.i18n, id);
        reply.code(422);
        return (
          <EditCommentPage
            ctx={ctx}
            comment={{ ...comment, body: formValues(req.body).body ?? '' }}
            errors={outcome.errors}
          />
        );
      }
      flash(reply, 'comments.saved');
      return reply.redirect(`/${ctx.i18n.lang}${outcome.value.path}#comment-${id}`, 303);
    },
    PER_ADDRESS,
  );

  langRoute<{ id: string }>(app, 'POST', '/comment/:id/delete', async (req, reply, ctx) => {
    const { path } = await deleteComment(env, signedIn(req.user), commentId(req.params.id));
    flash(reply, 'comments.deleted');
    return reply.redirect(`/${ctx.i18n.lang}${path}#comments`, 303);
  });

  langRoute<{ id: string }>(
    app,
    'POST',
    '/comment/:id/flag',
    async (req, reply, ctx) => {
      const user = signedIn(req.user);
      const form = parseForm(FlagInput, req.body, ctx.i18n);
      if (!form.ok) throw new HttpError(422, 'flag reason', 'validation.required');
      const { path } = await flagComment(env, user, commentId(req.params.id), form.data.reason);
      flash(reply, 'comments.flagged');
      return reply.redirect(`/${ctx.i18n.lang}${path}#comment-${req.params.id}`, 303);
    },
    PER_ADDRESS,
  );

  langRoute(app, 'GET', '/moderation', async (req, _reply, ctx) => {
    const user = signedIn(req.user);
    const kinds = moderatedKinds(env, user);
    if (kinds.length === 0) throw new HttpError(403, 'may not moderate');
    const items = await moderationQueue(env.db, env.people, kinds);
    // Each record once, as the moderator sees it (the queue holds at most 100 comments).
    const targets = new Map<string, ReturnType<(typeof env.commentables)[number]['target']>>();
    for (const c of items) {
      const key = `${c.kind}:${c.recordId}`;
      const commentable = env.commentables.find((x) => x.kind === c.kind);
      if (commentable && !targets.has(key)) targets.set(key, commentable.target(env.db, user, c.recordId));
    }
    const entries = await Promise.all(
      items.map(async (c) => ({ ...c, record: (await targets.get(`${c.kind}:${c.recordId}`)) ?? null })),
    );
    return <ModerationPage ctx={ctx} items={entries} />;
  });

  // The moderators' decisions: each answers with the message to show on the queue.
  const decision = (
    action: string,
    run: (user: CurrentUser, id: string, body: unknown, i18n: I18n) => Promise<[MessageKey, Record<string, string>?]>,
  ) =>
    langRoute<{ id: string }>(app, 'POST', `/moderation/:id/${action}`, async (req, reply, ctx) => {
      const [message, params] = await run(signedIn(req.user), commentId(req.params.id), req.body, ctx.i18n);
      flash(reply, message, params);
      return reply.redirect(`/${ctx.i18n.lang}/moderation`, 303);
    });

  decision('approve', async (user, id) => {
    await approveComment(env, user, id);
    return ['moderation.approved'];
  });
  decision('hide', async (user, id, body) => {
    const form = HideInput.safeParse(body);
    if (!form.success) throw new HttpError(422, 'hide reason', 'validation.choice');
    await hideComment(env, user, id, form.data.reason);
    return ['moderation.hidden'];
  });
  decision('keep', async (user, id) => {
    await dismissFlags(env, user, id);
    return ['moderation.dismissed'];
  });
  decision('block', async (user, id, body, i18n) => {
    const form = BlockInput.safeParse(body);
    if (!form.success) throw new HttpError(422, 'block', 'validation.invalid');
    const until = await blockAuthor(env, user, id, form.data);
    return ['moderation.blocked', { until: i18n.dateTime(until, 'Asia/Almaty') }];
  });

  commentsApi(app, env);
}
