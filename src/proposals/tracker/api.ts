import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ID_PATTERN } from '../../core/http/forms.ts';
import { notFound } from '../../core/http/http-error.ts';
import { addPath, addSchema, idParameter, jsonResponse } from '../../core/http/openapi.ts';
import { LANGS } from '../../core/i18n/locales.ts';
import { factsOf, type ProposalDetail, proposalById, timelineOf } from '../proposal/queries.ts';
import { TrackerQuery } from '../schema.ts';
import { actingOrganisation, canSeeProposal } from '../visibility.ts';
import { PAGE_SIZE, trackerFigures, trackerPage } from './queries.ts';

const Translated = z.object({ kk: z.string().optional(), ru: z.string().optional(), en: z.string().optional() });
const Org = z.object({ slug: z.string(), name: Translated });

export const ProposalSummarySchema = z.object({
  id: z.string(),
  title: Translated,
  kind: z.string(),
  status: z.string(),
  submittedAt: z.string().nullable(),
  /** Citizens and organisations that support it (decision 0021). */
  supportCount: z.number().int(),
  authors: z.array(Org),
  addressees: z.array(
    Org.extend({ answer: z.string().nullable(), deadline: z.string().nullable(), overdue: z.boolean() }),
  ),
  url: z.string(),
});
export const ProposalListSchema = z.object({
  items: z.array(ProposalSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export const ProposalSchema = ProposalSummarySchema.extend({
  body: Translated,
  meetingId: z.string().nullable(),
  duplicateOf: z.string().nullable(),
  themes: z.array(z.object({ slug: z.string(), name: Translated })),
  legalActs: z.array(
    z.object({
      name: Translated,
      number: z.string().nullable(),
      article: z.string().nullable(),
      url: z.string().nullable(),
    }),
  ),
  endorsements: z.array(Org),
  answers: z.array(
    z.object({
      body: Org,
      deadline: z.string().nullable(),
      answer: z.string().nullable(),
      reasons: Translated,
      answeredAt: z.string().nullable(),
      assessment: z.string().nullable(),
      assessmentComment: z.string().nullable(),
      overdue: z.boolean(),
      /** The files sent with the answer (the official letter): whoever sees the proposal may download them. */
      files: z.array(z.object({ filename: z.string(), url: z.string() })),
    }),
  ),
  stages: z.array(z.object({ stage: z.string(), reachedOn: z.string(), url: z.string().nullable() })),
  timeline: z.array(
    z.object({
      at: z.string(),
      kind: z.string(),
      actor: z.string(),
      detail: z.record(z.string(), z.unknown()),
      reason: z.string().nullable(),
    }),
  ),
});

addSchema('ProposalSummary', ProposalSummarySchema);
addSchema('ProposalList', ProposalListSchema);
addSchema('Proposal', ProposalSchema);
const filters = ['status', 'body', 'author', 'theme', 'kind', 'meeting', 'q'].map((name) => ({
  name,
  in: 'query',
  schema: { type: 'string' },
}));
addPath('/api/v1/proposals', {
  get: {
    summary: 'Proposals the caller may see (visitors: never drafts), filtered like the public tracker',
    parameters: [
      ...filters,
      { name: 'overdue', in: 'query', schema: { type: 'string', enum: ['1'] } },
      {
        name: 'lang',
        in: 'query',
        description: "With q: the reader's language, whose matches rank first (all languages are searched)",
        schema: { type: 'string', enum: LANGS, default: 'en' },
      },
      {
        name: 'sort',
        in: 'query',
        description: 'newest (with q: the most relevant first), waiting longest for an answer, or most supported',
        schema: { type: 'string', enum: ['newest', 'waiting', 'support'] },
      },
      { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
    ],
    responses: {
      200: jsonResponse(`A page of ${PAGE_SIZE}`, 'ProposalList'),
    },
  },
});
addPath('/api/v1/proposals/{id}', {
  get: {
    summary: 'One proposal with its answers, assessments, stages and timeline',
    parameters: [idParameter],
    responses: {
      200: jsonResponse('The proposal', 'Proposal'),
      404: jsonResponse('No such proposal'),
    },
  },
});

/** The read API of proposals: the tracker's filters, JSON, CORS-open. */
export function proposalsApi(app: FastifyInstance, deps: { publicUrl: string }) {
  const db = app.db;
  app.get('/api/v1/proposals', async (req, reply) => {
    const query = (req.query ?? {}) as Record<string, unknown>;
    const filter = { ...TrackerQuery.parse(query), lang: LANGS.find((l) => l === query.lang) };
    const [rows, figures] = await Promise.all([
      trackerPage(db, filter, req.user),
      trackerFigures(db, filter, req.user),
    ]);
    reply.header('access-control-allow-origin', '*');
    return {
      items: rows.map((r) => ({
        ...r,
        submittedAt: r.submittedAt?.toISOString() ?? null,
        url: `${deps.publicUrl}/en/proposals/${r.id}`,
      })),
      total: figures.total,
      page: filter.page,
      pageSize: PAGE_SIZE,
    };
  });

  app.get<{ Params: { id: string } }>('/api/v1/proposals/:id', async (req, reply) => {
    const p = ID_PATTERN.test(req.params.id) ? await proposalById(db, req.params.id, req.user) : undefined;
    const facts = p && factsOf(p);
    if (!p || !facts || !canSeeProposal(req.user, facts)) throw notFound();
    const own = actingOrganisation(req.user);
    const timeline = await timelineOf(
      db,
      p.id,
      own !== null && [...facts.authorIds, ...facts.invitedIds].includes(own),
    );
    reply.header('access-control-allow-origin', '*');
    return proposalJson(p, timeline, deps.publicUrl);
  });
}

type Timeline = Awaited<ReturnType<typeof timelineOf>>;

/** One proposal as the read API shows it (ProposalSchema). */
function proposalJson(p: ProposalDetail, timeline: Timeline, publicUrl: string) {
  return {
    id: p.id,
    title: p.title,
    body: p.body,
    kind: p.kind,
    status: p.status,
    submittedAt: p.submittedAt?.toISOString() ?? null,
    supportCount: p.supportCount,
    meetingId: p.meetingId,
    duplicateOf: p.duplicateOf,
    authors: p.authors.map((a) => ({ slug: a.slug, name: a.name })),
    addressees: p.addressees.map((a) => ({
      slug: a.slug,
      name: a.name,
      answer: a.answer,
      deadline: a.deadline,
      overdue: a.overdue,
    })),
    themes: p.themes,
    legalActs: p.legalActs,
    endorsements: p.endorsements,
    answers: p.addressees.map((a) => ({
      body: { slug: a.slug, name: a.name },
      deadline: a.deadline,
      answer: a.answer,
      reasons: a.reasons,
      answeredAt: a.answeredAt?.toISOString() ?? null,
      assessment: a.assessment,
      assessmentComment: a.assessmentComment,
      overdue: a.overdue,
      files: a.files.map((f) => ({
        filename: f.filename,
        url: `${publicUrl}/files/${f.fileId}/${encodeURIComponent(f.filename)}`,
      })),
    })),
    stages: p.stages,
    timeline: timeline.map((e) => ({
      at: e.at.toISOString(),
      kind: e.kind,
      actor: e.actorName,
      detail: e.detail,
      reason: e.reason,
    })),
    url: `${publicUrl}/en/proposals/${p.id}`,
  };
}
