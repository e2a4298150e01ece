import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Job, Searchable } from '../extensions.ts';
import { HttpError } from '../http/http-error.ts';
import { addPath, addSchema, SearchedFor } from '../http/openapi.ts';
import { langRoute } from '../http/pages.ts';
import { LANGS } from '../i18n/locales.ts';
import { syncSearch } from './indexer.ts';
import { PAGE_SIZE, SearchPage } from './page.tsx';
import { QUERY_MAX } from './query.ts';
import { search } from './search.ts';

/*
 * /{lang}/search and /api/v1/search over every domain's Searchable (decision 0018), and the job that
 * keeps the index current (every process runs it; one at a time per kind does the work).
 */

const Kind = z.string().regex(/^[a-z][a-z-]{0,39}$/);
const SearchQuery = z.object({
  q: z.string().max(QUERY_MAX).default(''),
  type: Kind.optional(),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
const ApiSearchQuery = SearchQuery.extend({
  lang: z.enum(LANGS).default('en'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const SearchResponse = z.object({
  total: z.number().int(),
  /** The count stopped at its cap: at least `total` results. */
  more: z.boolean(),
  /** Some words matched nothing and were corrected: the query as searched. */
  searchedFor: SearchedFor,
  byType: z.record(z.string(), z.number().int()),
  results: z.array(
    z.object({
      type: z.string(),
      id: z.string(),
      lang: z.enum(LANGS),
      title: z.string(),
      url: z.string(),
      snippet: z.string(),
      score: z.number(),
    }),
  ),
});
addSchema('SearchResults', SearchResponse);
addPath('/api/v1/search', {
  get: {
    summary: 'Search every public record (and, signed in, what you may see) in Kazakh, Russian and English',
    parameters: [
      { name: 'q', in: 'query', required: true, schema: { type: 'string', maxLength: QUERY_MAX } },
      {
        name: 'lang',
        in: 'query',
        description: "The reader's language: its matches rank first (all languages are searched)",
        schema: { type: 'string', enum: LANGS, default: 'en' },
      },
      {
        name: 'type',
        in: 'query',
        description: 'Only results of this type (e.g. meeting, proposal)',
        schema: { type: 'string' },
      },
      { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
      { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, maximum: 10000, default: 0 } },
    ],
    responses: {
      200: {
        description: 'Results by relevance; the snippet is plain text',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/SearchResults' } } },
      },
      422: {
        description: 'Invalid query',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    },
  },
});

export function searchRoutes(app: FastifyInstance, searchables: readonly Searchable[], deps: { publicUrl: string }) {
  const db = app.db;

  langRoute(app, 'GET', '/search', async (req, reply, ctx) => {
    const parsed = SearchQuery.safeParse(req.query);
    if (!parsed.success) {
      const raw = typeof req.query.q === 'string' ? req.query.q.slice(0, QUERY_MAX) : '';
      reply.code(422);
      const error = ctx.i18n.t('search.tooLong', { max: QUERY_MAX });
      return <SearchPage ctx={ctx} q={raw} kind={undefined} offset={0} result={null} error={error} />;
    }
    const { q, type, offset } = parsed.data;
    const result = q.trim()
      ? await search(db, searchables, req.user, { q, lang: ctx.i18n.lang, kind: type, limit: PAGE_SIZE, offset })
      : null;
    return <SearchPage ctx={ctx} q={q} kind={type} offset={offset} result={result} />;
  });

  app.get('/api/v1/search', async (req, reply) => {
    const parsed = ApiSearchQuery.safeParse(req.query);
    if (!parsed.success) throw new HttpError(422, 'query', 'search.invalid');
    const { q, lang, type, limit, offset } = parsed.data;
    const result = await search(db, searchables, req.user, { q, lang, kind: type, limit, offset });
    reply.header('access-control-allow-origin', '*');
    return {
      total: result.total,
      more: result.more,
      searchedFor: result.searchedFor,
      byType: result.byKind,
      results: result.hits.map((h) => ({
        type: h.kind,
        id: h.id,
        lang: h.lang,
        title: h.title,
        url: `${deps.publicUrl}/${lang}${h.path}`,
        snippet: h.snippet.join(''),
        score: h.score,
      })),
    };
  });
}

/**
 * The job that keeps the index current: what changed since the last run, twice a second — so that a
 * change is found within a second (the wait for the next run plus the run itself).
 */
export function searchIndexJob(searchables: readonly Searchable[]): Job {
  return {
    name: 'search-index',
    everyMs: 500,
    async run(ctx) {
      await syncSearch(ctx.db, searchables);
    },
  };
}
