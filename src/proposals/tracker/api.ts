import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { fileUrl } from '../../core/files/downloads.ts';
import { apiGet, apiGetOne, UpdatedSince } from '../../core/http/api-list.ts';
import { ID_PATTERN } from '../../core/http/forms.ts';
import { notFound } from '../../core/http/http-error.ts';
import { addSchema, SearchedFor, TranslatedText as Translated } from '../../core/http/openapi.ts';
import { LANGS } from '../../core/i18n/locales.ts';
import { factsOf, type ProposalDetail, proposalById, timelineOf } from '../proposal/queries.ts';
import { PROPOSAL_KINDS, TRACKED_STATUSES } from '../schema.ts';
import { actingOrganisation, canSeeProposal } from '../visibility.ts';
import { PAGE_SIZE, similarProposals, trackerFigures, trackerPage, withCorrections } from './queries.ts';

const Org = z.object({ slug: z.string(), name: Translated });
/** An author or addressee as the list shows it: with its short name (an acronym, where it has one). */
const ListedOrg = Org.extend({ shortName: Translated });

export const ProposalSummarySchema = z.object({
  id: z.string(),
  title: Translated,
  kind: z.string(),
  status: z.string(),
  submittedAt: z.string().nullable(),
  /** Citizens and organisations that support it (decision 0021). */
  supportCount: z.number().int(),
  authors: z.array(ListedOrg),
  addressees: z.array(
    ListedOrg.extend({ answer: z.string().nullable(), deadline: z.string().nullable(), overdue: z.boolean() }),
  ),
  /** When it last changed: itself or its public timeline (what updated_since looks at). */
  updatedAt: z.string(),
  url: z.string(),
});
export const ProposalListSchema = z.object({
  items: z.array(ProposalSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  searchedFor: SearchedFor,
});
export const ProposalSchema = ProposalSummarySchema.omit({ updatedAt: true }).extend({
  authors: z.array(Org),
  addressees: z.array(
    Org.extend({ answer: z.string().nullable(), deadline: z.string().nullable(), overdue: z.boolean() }),
  ),
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

// The list's item on its own too, for clients that generate a type per record.
addSchema('ProposalSummary', ProposalSummarySchema);

const SimilarSchema = z.object({
  items: z.array(z.object({ id: z.string(), title: Translated, status: z.string(), url: z.string() })),
});

const filterId = (what: string) => z.string().regex(ID_PATTERN).optional().describe(`${what} (its id)`);

/** The query of /api/v1/proposals: the tracker's filters (strict: a wrong value is a 400), a page, changes. */
export const ProposalsApiQuery = z.strictObject({
  status: z.enum(TRACKED_STATUSES).optional(),
  body: filterId('Addressed to this state body'),
  author: filterId('Authored by this organisation'),
  theme: filterId('On this theme'),
  kind: z.enum(PROPOSAL_KINDS).optional(),
  meeting: filterId('Presented at this meeting'),
  overdue: z.literal('1').optional().describe('Only those with an answer past its deadline'),
  q: z
    .string()
    .max(200)
    .optional()
    .transform((v) => v?.trim() || undefined)
    .describe('Search in kk, ru and en'),
  lang: z
    .enum(LANGS)
    .optional()
    .describe("With q: the reader's language, whose matches rank first (all languages are searched)"),
  sort: z
    .enum(['newest', 'waiting', 'support'])
    .default('newest')
    .describe('newest (with q: the most relevant first), waiting longest for an answer, or most supported'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  updated_since: UpdatedSince.optional(),
});

/** The read API of proposals: the tracker's filters, JSON, CORS-open. */
export function proposalsApi(app: FastifyInstance, deps: { publicUrl: string }) {
  const db = app.db;
  apiGet(
    app,
    '/api/v1/proposals',
    {
      summary: 'Proposals the caller may see (visitors: never drafts), filtered like the public tracker',
      query: ProposalsApiQuery,
      response: { name: 'ProposalList', schema: ProposalListSchema, description: `A page of ${PAGE_SIZE}` },
    },
    async (req, q) => {
      const { updated_since, overdue, ...rest } = q;
      const { filter, searchedFor } = await withCorrections(db, {
        ...rest,
        overdue: overdue === '1',
        updatedSince: updated_since,
      });
      const [rows, figures] = await Promise.all([
        trackerPage(db, filter, req.user),
        trackerFigures(db, filter, req.user),
      ]);
      const items = rows.map((r) => ({
        ...r,
        submittedAt: r.submittedAt?.toISOString() ?? null,
        updatedAt: new Date(r.updatedAt).toISOString(),
        url: `${deps.publicUrl}/en/proposals/${r.id}`,
      }));
      return { items, total: figures.total, page: q.page, pageSize: PAGE_SIZE, searchedFor: searchedFor ?? null };
    },
  );

  // Similar titles, for the small script that suggests them while a proposal is written.
  apiGet(
    app,
    '/api/v1/proposals/similar',
    {
      summary: 'Up to five proposals whose titles look like the text given (fewer than 4 characters: none)',
      query: z.strictObject({ q: z.string().max(1000).optional().describe('The title being written') }),
      response: { name: 'SimilarProposals', schema: SimilarSchema, description: 'The closest titles first' },
    },
    async (req, { q }) => {
      if (q === undefined || q.trim().length < 4) return { items: [] };
      const items = await similarProposals(db, q.trim().slice(0, 300), req.user);
      return {
        items: items.map((p) => ({
          id: p.id,
          title: p.title,
          status: p.status,
          url: `${deps.publicUrl}/en/proposals/${p.id}`,
        })),
      };
    },
  );

  apiGetOne(app, '/api/v1/proposals/:id', {
    summary: 'One proposal with its answers, assessments, stages and timeline',
    record: { name: 'Proposal', schema: ProposalSchema, noun: 'proposal' },
    restricted: true,
    handler: async (req) => {
      const p = ID_PATTERN.test(req.params.id) ? await proposalById(db, req.params.id, req.user) : undefined;
      const facts = p && factsOf(p);
      if (!p || !facts || !canSeeProposal(req.user, facts)) throw notFound();
      const own = actingOrganisation(req.user);
      const mayKnowPrivate = own !== null && [...facts.authorIds, ...facts.invitedIds].includes(own);
      return proposalJson(p, await timelineOf(db, p.id, mayKnowPrivate), deps.publicUrl);
    },
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
        url: `${publicUrl}${fileUrl(f.fileId, f.filename)}`,
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
