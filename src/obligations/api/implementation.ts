import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ACTION_STATUSES, ASSESSMENT_LEVELS } from '../../core/db/schema-obligations.ts';
import { fileUrl } from '../../core/files/downloads.ts';
import { apiGet, apiGetOne, listAnswer, listPageSchema } from '../../core/http/api-list.ts';
import { foundById } from '../../core/http/found.ts';
import { TranslatedText as Translated } from '../../core/http/openapi.ts';
import { authorize } from '../../core/http/pages.ts';
import { cycleById } from '../cycles/queries.ts';
import { apiActions, apiAssessments, apiProgress } from './queries.ts';
import { CycleSchema, CycleStageSchema } from './routes.ts';
import { ActionsApiQuery, AssessmentsApiQuery, ProgressApiQuery } from './schema.ts';

/*
 * One reporting cycle, and the implementation of recommendations as lists: actions, progress reports
 * and assessments (each with the recommendation it belongs to), JSON, CORS-open.
 */

const Named = z.object({ slug: z.string(), name: Translated });

export const CycleDetailSchema = CycleSchema.omit({ recommendations: true }).extend({
  stages: z.array(
    CycleStageSchema.extend({ note: Translated, state: z.enum(['done', 'late', 'next', 'upcoming', 'unplanned']) }),
  ),
  documents: z.array(
    z.object({
      kind: z.string(),
      symbol: z.string().nullable(),
      title: Translated,
      issuedOn: z.string().nullable(),
      url: z.string().nullable(),
      organisation: Named.nullable(),
    }),
  ),
  meetings: z.array(z.object({ id: z.string(), number: z.number().int(), agendaItem: Translated, url: z.string() })),
  recommendationsByStatus: z.record(z.string(), z.number().int()),
});

export const ActionSchema = z.object({
  id: z.string(),
  recommendationId: z.string().nullable(),
  clusterId: z.string().nullable(),
  title: Translated,
  description: Translated,
  indicator: Translated,
  responsible: Named,
  deadline: z.string().nullable(),
  status: z.enum(ACTION_STATUSES),
  progressReports: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ProgressSchema = z.object({
  id: z.string(),
  actionId: z.string(),
  recommendationId: z.string().nullable(),
  reportedOn: z.string(),
  text: Translated,
  links: z.array(z.string()),
  organisation: Named.nullable(),
  files: z.array(z.object({ filename: z.string(), url: z.string() })),
  createdAt: z.string(),
});

export const AssessmentSchema = z.object({
  id: z.string(),
  recommendationId: z.string(),
  side: z.enum(['state', 'civil_society', 'nhri']),
  level: z.enum(ASSESSMENT_LEVELS),
  organisation: Named,
  reasons: Translated,
  assessedOn: z.string(),
  updatedAt: z.string(),
});

/** /api/v1/cycles/{id}, /api/v1/actions, /api/v1/progress and /api/v1/assessments. */
export function implementationApi(app: FastifyInstance, deps: { publicUrl: string }) {
  const db = app.db;
  const page = (path: string) => `${deps.publicUrl}/en/${path}`;

  apiGetOne(app, '/api/v1/cycles/:id', {
    summary: 'One reporting cycle: its stages, documents, the meetings that prepared it, its recommendations counted',
    record: { name: 'CycleDetail', schema: CycleDetailSchema, noun: 'cycle' },
    handler: async (req) => {
      authorize(req, 'read-public');
      const c = await foundById('cycle', req.params.id, (id) => cycleById(db, req.user, id));
      return {
        id: c.id,
        updatedAt: c.updatedAt.toISOString(),
        url: page(`cycles/${c.id}`),
        stateCode: c.stateCode,
        mechanism: { code: c.mechanism.code, name: c.mechanism.name },
        title: c.title,
        number: c.number,
        description: c.description,
        stages: c.stages.map((s) => ({ ...s, late: s.state === 'late' })),
        documents: c.documents.map((d) => ({
          kind: d.kind,
          symbol: d.symbol,
          title: d.title,
          issuedOn: d.issuedOn,
          url: d.file ? `${deps.publicUrl}${fileUrl(d.file.id, d.file.filename)}` : d.url,
          organisation: d.organisation,
        })),
        meetings: c.meetings.map((m) => ({
          id: m.meetingId,
          number: m.number,
          agendaItem: m.itemTitle,
          url: page(`meetings/${m.meetingId}`),
        })),
        recommendationsByStatus: Object.fromEntries(c.recommendationsByStatus.map((s) => [s.status, s.count])),
      };
    },
  });

  apiGet(
    app,
    '/api/v1/actions',
    {
      summary: 'Implementation actions on recommendations, nearest deadline first',
      query: ActionsApiQuery,
      response: { name: 'ActionList', schema: listPageSchema(ActionSchema), description: 'A page of actions' },
    },
    async (req, q) => {
      authorize(req, 'read-public');
      return listAnswer(await apiActions(db, q), q, (a) => ({
        ...a,
        createdAt: a.createdAt.toISOString(),
        updatedAt: a.updatedAt.toISOString(),
      }));
    },
  );

  apiGet(
    app,
    '/api/v1/progress',
    {
      summary: 'Progress reports on implementation actions, the latest first, with their evidence',
      query: ProgressApiQuery,
      response: { name: 'ProgressList', schema: listPageSchema(ProgressSchema), description: 'A page of reports' },
    },
    async (req, q) => {
      authorize(req, 'read-public');
      return listAnswer(await apiProgress(db, q), q, (p) => ({
        ...p,
        files: p.files.map((f) => ({
          filename: f.filename,
          url: `${deps.publicUrl}${fileUrl(f.id, f.filename)}`,
        })),
        createdAt: p.createdAt.toISOString(),
      }));
    },
  );

  apiGet(
    app,
    '/api/v1/assessments',
    {
      summary: 'Assessments of recommendations by the State, civil society and the ombudsman, the latest first',
      query: AssessmentsApiQuery,
      response: {
        name: 'AssessmentList',
        schema: listPageSchema(AssessmentSchema),
        description: 'A page of assessments',
      },
    },
    async (req, q) => {
      authorize(req, 'read-public');
      return listAnswer(await apiAssessments(db, q), q, (s) => ({ ...s, updatedAt: s.updatedAt.toISOString() }));
    },
  );
}
