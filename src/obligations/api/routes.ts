import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  invalidParameter,
  listAnswer,
  listPageSchema,
  MAX_LIMIT,
  MAX_OFFSET,
  parseQuery,
  queryParameters,
  UpdatedSince,
} from '../../core/http/api-list.ts';
import { foundById } from '../../core/http/found.ts';
import {
  addPath,
  addSchema,
  idParameter,
  jsonResponse,
  SearchedFor,
  TranslatedText as Translated,
} from '../../core/http/openapi.ts';
import { authorize } from '../../core/http/pages.ts';
import { FACETS, parseExplorerQuery, RESPONSE_VALUES, STATUS_VALUES } from '../explorer/filter.ts';
import type { KeptFacetIndex } from '../explorer/kept-index.ts';
import {
  cycleList,
  type RecommendationRecord,
  recommendationDetail,
  recordRowsAndCounts,
  recordRowsAndTotal,
  resolveFilter,
} from '../explorer/queries.ts';

/*
 * The read API of recommendations and reporting cycles: the explorer's filters as query
 * parameters, JSON, CORS-open. Paging is by limit and offset (up to 10,000 deep, like the
 * explorer's pages); the CSV export at /{lang}/recommendations.csv has every match of any filter.
 */

const Named = z.object({ slug: z.string(), name: Translated });
const Mechanism = z.object({ code: z.string(), name: Translated });

export const RecommendationSchema = z.object({
  id: z.string(),
  url: z.string(),
  sourceKey: z.string(),
  stateCode: z.string(),
  mechanism: Mechanism,
  cycle: z.object({ id: z.string(), title: Translated, number: z.number().int().nullable() }).nullable(),
  symbol: z.string().nullable(),
  paragraph: z.string().nullable(),
  adoptedOn: z.string().nullable(),
  session: z.string().nullable(),
  text: Translated,
  recommendingState: z.string().nullable(),
  response: z.enum(RESPONSE_VALUES.filter((r) => r !== 'none') as [string, ...string[]]).nullable(),
  status: z.enum(STATUS_VALUES as [string, ...string[]]),
  priority: z.boolean(),
  themes: z.array(Named),
  affectedGroups: z.array(Named),
  sdgTargets: z.array(z.string()),
  responsibleBodies: z.array(Named),
  clusterId: z.string().nullable(),
  createdAt: z.string(),
  /** When it, an action on it, a progress report or an assessment last changed: see updated_since. */
  updatedAt: z.string(),
});

const FacetValues = z.array(z.object({ value: z.string(), count: z.number().int() }));
export const RecommendationListSchema = listPageSchema(RecommendationSchema).extend({
  facets: z.record(z.string(), FacetValues).optional(),
  searchedFor: SearchedFor,
});

export const RecommendationDetailSchema = RecommendationSchema.extend({
  clusterTitle: Translated.nullable(),
  actions: z.array(
    z.object({
      id: z.string(),
      title: Translated,
      responsible: Named,
      deadline: z.string().nullable(),
      status: z.string(),
      forCluster: z.boolean(),
      progressReports: z.number().int(),
    }),
  ),
  assessments: z.array(
    z.object({
      side: z.enum(['state', 'civil_society', 'nhri']),
      level: z.string(),
      organisation: Named,
      reasons: Translated,
      assessedOn: z.string(),
    }),
  ),
  proposals: z.array(z.object({ id: z.string(), title: Translated, status: z.string(), url: z.string() })),
});

/** A stage of a reporting cycle, dated. */
export const CycleStageSchema = z.object({
  kind: z.string(),
  dueOn: z.string().nullable(),
  doneOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  late: z.boolean(),
});

export const CycleSchema = z.object({
  id: z.string(),
  updatedAt: z.string(),
  url: z.string(),
  stateCode: z.string(),
  mechanism: Mechanism,
  title: Translated,
  number: z.number().int().nullable(),
  description: Translated,
  recommendations: z.number().int(),
  stages: z.array(CycleStageSchema),
});
export const CycleListSchema = listPageSchema(CycleSchema);

addSchema('Recommendation', RecommendationSchema);
addSchema('RecommendationList', RecommendationListSchema);
addSchema('RecommendationDetail', RecommendationDetailSchema);
addSchema('Cycle', CycleSchema);
addSchema('CycleList', CycleListSchema);

const list = (name: string, description: string) => ({
  name,
  in: 'query',
  description: `${description} Repeat the parameter or separate values by commas; several values match any of them.`,
  style: 'form',
  explode: true,
  schema: { type: 'array', items: { type: 'string' } },
});
/** The changes feed's parameter, as listQuery gives it to the other lists. */
const Changes = z.object({ updated_since: UpdatedSince.optional() });
const paging = [
  ...queryParameters(Changes),
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: 50 } },
  { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0 } },
];
addPath('/api/v1/recommendations', {
  get: {
    summary: 'Recommendations filtered like the public explorer, newest first, with the total count of matches',
    description:
      'Filters of different parameters all apply (AND); values of one parameter match any of them (OR). With facets=1 the response also counts each facet value among the matches, leaving out that facet’s own selection.',
    parameters: [
      list('state', 'State under review, ISO 3166-1 alpha-2 (KZ).'),
      list('mechanism', 'Mechanism code (CAT, CRC, UPR…).'),
      list('cycle', 'Reporting cycle id.'),
      list('theme', 'Theme slug.'),
      list('group', 'Affected group slug.'),
      list('sdg', 'SDG goal (16) or target (16.2).'),
      list('response', `The State’s response: ${RESPONSE_VALUES.join(', ')}.`),
      list('status', `Implementation status (latest state self-assessment): ${STATUS_VALUES.join(', ')}.`),
      list('body', 'Slug of an organisation responsible for an action.'),
      list('year', 'Year of adoption.'),
      {
        name: 'session',
        in: 'query',
        description: 'Session as the source names it (exact).',
        schema: { type: 'string' },
      },
      {
        name: 'priority',
        in: 'query',
        description: 'Only priority recommendations.',
        schema: { type: 'string', enum: ['1'] },
      },
      {
        name: 'q',
        in: 'query',
        description: 'Full-text search (web search syntax: "a phrase", -word, or).',
        schema: { type: 'string', maxLength: 200 },
      },
      {
        name: 'qlang',
        in: 'query',
        description: 'Language of the texts searched (all by default).',
        schema: { type: 'string', enum: ['kk', 'ru', 'en', 'all'], default: 'all' },
      },
      { name: 'facets', in: 'query', schema: { type: 'string', enum: ['1'] } },
      ...paging,
    ],
    responses: {
      200: jsonResponse('A page of matches and their total', 'RecommendationList'),
      400: jsonResponse('A parameter is not valid (the message names it)'),
    },
  },
});
addPath('/api/v1/recommendations/{id}', {
  get: {
    summary: 'One recommendation with its implementation actions, assessments and linked proposals',
    parameters: [idParameter],
    responses: {
      200: jsonResponse('The recommendation', 'RecommendationDetail'),
      404: jsonResponse('No such recommendation'),
    },
  },
});
addPath('/api/v1/cycles', {
  get: {
    summary: 'Reporting cycles with their mechanism, State and dated stages, newest first',
    parameters: [
      list('state', 'State under review, ISO 3166-1 alpha-2.'),
      list('mechanism', 'Mechanism code.'),
      ...paging,
    ],
    responses: {
      200: jsonResponse('A page of cycles and their total', 'CycleList'),
      400: jsonResponse('A parameter is not valid (the message names it)'),
    },
  },
});

/** limit and offset, or a 400 naming the one that is wrong. */
function pageOf(query: Record<string, unknown>): { limit: number; offset: number } {
  const int = (name: string, min: number, max: number, fallback: number) => {
    const v = query[name];
    if (v === undefined || v === '') return fallback;
    if (typeof v !== 'string' || !/^\d{1,6}$/.test(v) || Number(v) < min || Number(v) > max)
      throw invalidParameter(name);
    return Number(v);
  };
  return { limit: int('limit', 1, MAX_LIMIT, 50), offset: int('offset', 0, MAX_OFFSET, 0) };
}

/** The parameters of /api/v1/recommendations, or a 400 naming the first that is wrong. */
function recommendationsQuery(query: Record<string, unknown>) {
  const known = new Set([...FACETS, 'session', 'priority', 'q', 'qlang', 'facets', 'limit', 'offset', 'updated_since']);
  const unknown = Object.keys(query).find((k) => !known.has(k));
  if (unknown) throw invalidParameter(unknown);
  const parsed = parseExplorerQuery(query, { lang: 'all', maxPage: 1 });
  if (parsed.invalid[0]) throw invalidParameter(parsed.invalid[0]);
  const page = pageOf(query);
  const withFacets = query.facets === '1';
  if (query.facets !== undefined && !withFacets) throw invalidParameter('facets');
  parsed.filter.updatedSince = parseQuery(Changes, { updated_since: query.updated_since }).updated_since;
  return { parsed, page, withFacets };
}

/** The read API of recommendations and cycles. */
export function obligationsApi(app: FastifyInstance, deps: { publicUrl: string }, facets: KeptFacetIndex) {
  const db = app.db;
  const pageUrl = (path: string) => `${deps.publicUrl}/en/${path}`;
  const record = (r: RecommendationRecord) => ({
    id: r.id,
    url: pageUrl(`recommendations/${r.id}`),
    sourceKey: r.sourceKey,
    stateCode: r.stateCode,
    mechanism: { code: r.mechanismCode, name: r.mechanismName },
    cycle: r.cycle,
    symbol: r.symbol,
    paragraph: r.paragraph,
    adoptedOn: r.adoptedOn,
    session: r.session,
    text: r.text,
    recommendingState: r.recommendingState,
    response: r.response,
    status: r.status,
    priority: r.priority,
    themes: r.themes,
    affectedGroups: r.affectedGroups,
    sdgTargets: r.sdgTargets,
    responsibleBodies: r.responsibleBodies,
    clusterId: r.clusterId,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  });

  app.get('/api/v1/recommendations', async (req, reply) => {
    authorize(req, 'read-public');
    const { parsed, page, withFacets } = recommendationsQuery((req.query ?? {}) as Record<string, unknown>);
    const { filter, unknown: unknownValue } = await resolveFilter(db, parsed.filter);
    if (unknownValue[0]) throw invalidParameter(unknownValue[0]);
    const { rows, counted } = withFacets
      ? await recordRowsAndCounts(db, filter, page, facets.current()).then((r) => ({ rows: r.rows, counted: r.counts }))
      : await recordRowsAndTotal(db, filter, page, facets.current()).then((r) => ({ rows: r.rows, counted: r.total }));
    reply.header('access-control-allow-origin', '*');
    return {
      items: rows.map(record),
      total: typeof counted === 'number' ? counted : counted.total,
      limit: page.limit,
      offset: page.offset,
      searchedFor: filter.searchedFor ?? null,
      ...(typeof counted === 'number'
        ? {}
        : {
            facets: Object.fromEntries(
              FACETS.map((k) => [k, counted.facets[k].map((v) => ({ value: v.value, count: v.count }))]),
            ),
          }),
    };
  });

  app.get<{ Params: { id: string } }>('/api/v1/recommendations/:id', async (req, reply) => {
    authorize(req, 'read-public');
    const id = req.params.id;
    const r = await foundById('recommendation', id, (i) => recommendationDetail(db, i));
    reply.header('access-control-allow-origin', '*');
    return {
      ...record(r),
      clusterTitle: r.clusterTitle,
      actions: r.actions,
      assessments: r.assessments,
      proposals: r.proposals.map((p) => ({ ...p, url: pageUrl(`proposals/${p.id}`) })),
    };
  });

  app.get('/api/v1/cycles', async (req, reply) => {
    authorize(req, 'read-public');
    const query = (req.query ?? {}) as Record<string, unknown>;
    const unknown = Object.keys(query).find(
      (k) => !['state', 'mechanism', 'limit', 'offset', 'updated_since'].includes(k),
    );
    if (unknown) throw invalidParameter(unknown);
    const { filter, invalid } = parseExplorerQuery(
      { state: query.state, mechanism: query.mechanism },
      { lang: 'all', maxPage: 1 },
    );
    if (invalid[0]) throw invalidParameter(invalid[0]);
    const page = pageOf(query);
    const { updated_since } = parseQuery(Changes, { updated_since: query.updated_since });
    const { items, total } = await cycleList(db, { ...filter, updatedSince: updated_since }, page);
    reply.header('access-control-allow-origin', '*');
    return listAnswer({ rows: items, total }, page, (c) => ({
      ...c,
      updatedAt: new Date(c.updatedAt).toISOString(),
      url: pageUrl(`cycles/${c.id}`),
    }));
  });
}
