import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { atomFeed } from '../atom.ts';
import { HttpError } from '../http/http-error.ts';
import { addPath, addSchema, jsonResponse } from '../http/openapi.ts';
import { i18nFor } from '../i18n/i18n.ts';
import { LANGS, type Lang } from '../i18n/locales.ts';
import { type CommentsEnv, commentableOf } from './context.ts';
import { PAGE_SIZE, publishedComments } from './queries.ts';
import { Kind, PageNumber, RecordId } from './schema.ts';

/*
 * A record's public comments as open data: /api/v1/comments?kind=&id= (in the OpenAPI document) and
 * an Atom feed per record and language. Both read as a visitor: a comment on a record the public may
 * not see (a members-only meeting) is never served here.
 */

const ApiQuery = z.object({ kind: Kind, id: RecordId, page: PageNumber.default(1) });

export const CommentsResponse = z.object({
  kind: z.string(),
  id: z.string(),
  url: z.string(),
  page: z.number().int(),
  comments: z.array(
    z.object({
      id: z.string(),
      parentId: z.string().nullable(),
      lang: z.enum(LANGS),
      author: z.string().nullable(),
      organisation: z.record(z.string(), z.string()).nullable(),
      /** The Markdown as written; null when the moderators hid it (see hiddenReason). */
      body: z.string().nullable(),
      hiddenReason: z.string().nullable(),
      createdAt: z.string(),
      editedAt: z.string().nullable(),
    }),
  ),
});
addSchema('Comments', CommentsResponse);
addPath('/api/v1/comments', {
  get: {
    summary: "A record's public comments, newest first (hidden ones carry the moderators' reason instead of a body)",
    parameters: [
      {
        name: 'kind',
        in: 'query',
        required: true,
        description: 'The kind of record: news, meeting, proposal, recommendation',
        schema: { type: 'string' },
      },
      { name: 'id', in: 'query', required: true, schema: { type: 'string' } },
      { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
    ],
    responses: {
      200: jsonResponse(`A page of ${PAGE_SIZE} comments (replies included, with their parentId)`, 'Comments'),
      404: jsonResponse('No such public record'),
      422: jsonResponse('Invalid query'),
    },
  },
});

/** The public target of a record, or 404. */
async function publicTarget(env: CommentsEnv, kind: string, id: string) {
  const target = await commentableOf(env, kind).target(env.db, null, id);
  if (!target) throw new HttpError(404, `${kind} ${id}`);
  return target;
}

export function commentsApi(app: FastifyInstance, env: CommentsEnv) {
  app.get('/api/v1/comments', async (req, reply) => {
    const parsed = ApiQuery.safeParse(req.query);
    if (!parsed.success) throw new HttpError(422, 'query');
    const { kind, id, page } = parsed.data;
    const target = await publicTarget(env, kind, id);
    const rows = await publishedComments(env.db, env.people, {
      kind,
      recordId: id,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    reply.header('access-control-allow-origin', '*');
    return {
      kind,
      id,
      url: `${env.publicUrl}/en${target.path}`,
      page,
      comments: rows.map((c) => ({
        id: c.id,
        parentId: c.parentId,
        lang: c.lang,
        author: c.authorName,
        organisation: c.organisationName,
        body: c.state === 'hidden' ? null : c.body,
        hiddenReason: c.hiddenReason,
        createdAt: c.createdAt.toISOString(),
        editedAt: c.editedAt?.toISOString() ?? null,
      })),
    };
  });

  for (const lang of LANGS) {
    app.get<{ Params: { kind: string; id: string } }>(`/${lang}/comments/:kind/:id/feed.atom`, async (req, reply) => {
      const kind = Kind.safeParse(req.params.kind);
      const id = RecordId.safeParse(req.params.id);
      if (!kind.success || !id.success) throw new HttpError(404);
      const target = await publicTarget(env, kind.data, id.data);
      const rows = await publishedComments(env.db, env.people, {
        kind: kind.data,
        recordId: id.data,
        limit: 50,
        offset: 0,
      });
      const feed = commentsFeed(env, lang, kind.data, id.data, target, rows);
      return reply.type('application/atom+xml; charset=utf-8').send(feed);
    });
  }
}

/** The Atom feed of a record's published comments (hidden ones by their mark, not their text). */
function commentsFeed(
  env: CommentsEnv,
  lang: Lang,
  kind: string,
  id: string,
  target: Awaited<ReturnType<typeof publicTarget>>,
  rows: Awaited<ReturnType<typeof publishedComments>>,
): string {
  const i18n = i18nFor(lang);
  const title = i18n.pick(target.title)?.text ?? '';
  const page = `${env.publicUrl}/${lang}${target.path}`;
  return atomFeed({
    id: `${page}#comments`,
    title: i18n.t('comments.of', { title }),
    link: `${page}#comments`,
    self: `${env.publicUrl}/${lang}/comments/${kind}/${id}/feed.atom`,
    lang,
    author: i18n.t('site.name'),
    updated: rows[0]?.editedAt ?? rows[0]?.createdAt ?? new Date(0),
    entries: rows.map((c) => ({
      id: `${page}#comment-${c.id}`,
      link: `${page}#comment-${c.id}`,
      title: c.authorName ?? i18n.t('comments.deletedUser'),
      published: c.createdAt,
      updated: c.editedAt ?? c.createdAt,
      content:
        c.state === 'hidden'
          ? i18n.t('comments.hiddenMark', { reason: i18n.t(`comments.reason.${c.hiddenReason ?? 'spam'}`) })
          : c.body,
    })),
  });
}
