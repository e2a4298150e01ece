import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../core/extensions.ts';
import { HttpError } from '../../core/http/http-error.ts';
import {
  addPath,
  addSchema,
  idParameter,
  jsonResponse,
  listPage,
  TranslatedText as Translated,
} from '../../core/http/openapi.ts';
import { readableMeeting } from '../route-support.ts';
import { MeetingsApiQuery } from '../schema.ts';
import { MEETING_STATUSES } from '../workflow.ts';
import { detailJson, summaryJson } from './json.ts';
import { apiMeetingList, apiMeetingParts } from './queries.ts';

const Status = z.enum(MEETING_STATUSES);

/** A file attached to a meeting or to an agenda item. */
const DocumentSchema = z.object({
  title: Translated,
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  url: z.string(),
});

export const MeetingSummarySchema = z.object({
  id: z.string(),
  number: z.number().int(),
  title: Translated,
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  timeZone: z.string(),
  venue: Translated,
  onlineUrl: z.string().nullable(),
  format: z.enum(['in_person', 'online', 'hybrid']),
  visibility: z.enum(['public', 'members']),
  status: Status,
  url: z.string(),
  ics: z.string(),
});

export const MeetingListSchema = listPage(MeetingSummarySchema);

export const MeetingDetailSchema = MeetingSummarySchema.extend({
  description: Translated,
  statusReason: Translated,
  chair: Translated.nullable(),
  secretary: Translated.nullable(),
  agenda: z.array(
    z.object({
      id: z.string(),
      position: z.number().int(),
      title: Translated,
      description: Translated,
      plannedMinutes: z.number().int().nullable(),
      presenters: z.array(
        z.object({
          role: z.enum(['report', 'co_report', 'proposals', 'comment']),
          organisation: z.object({ slug: z.string(), name: Translated, category: z.string() }),
          person: Translated.nullable(),
        }),
      ),
      documents: z.array(DocumentSchema),
    }),
  ),
  documents: z.array(DocumentSchema),
  attendance: z.object({
    people: z.number().int(),
    byCategory: z.array(z.object({ category: z.string(), organisations: z.number().int() })),
  }),
});

addSchema('MeetingSummary', MeetingSummarySchema);
addSchema('MeetingList', MeetingListSchema);
addSchema('Meeting', MeetingDetailSchema);
addPath('/api/v1/meetings', {
  get: {
    summary: 'Meetings, newest first',
    parameters: [
      { name: 'status', in: 'query', schema: { type: 'string', enum: Status.options } },
      {
        name: 'from',
        in: 'query',
        description: 'Meetings starting on or after this date (YYYY-MM-DD)',
        schema: { type: 'string', format: 'date' },
      },
      {
        name: 'to',
        in: 'query',
        description: 'Meetings starting on or before this date (YYYY-MM-DD)',
        schema: { type: 'string', format: 'date' },
      },
      { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
      { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
    ],
    responses: {
      200: jsonResponse('A page of meetings', 'MeetingList'),
      422: jsonResponse('Invalid query'),
    },
  },
});
addPath('/api/v1/meetings/{id}', {
  get: {
    summary: 'One meeting with its agenda, presenters, documents and attendance summary',
    parameters: [idParameter],
    responses: {
      200: jsonResponse('The meeting', 'Meeting'),
      404: jsonResponse('No such meeting (or not visible to you)'),
    },
  },
});
addPath('/api/v1/meetings/{id}.ics', {
  get: {
    summary: 'The meeting as an iCalendar file',
    parameters: [idParameter],
    responses: { 200: { description: 'iCalendar', content: { 'text/calendar': {} } } },
  },
});

/** The read API of meetings: the same visibility rules as the pages, JSON, CORS-open. */
export function meetingsApi(app: FastifyInstance, deps: RouteDeps) {
  const db = app.db;

  app.get('/api/v1/meetings', async (req, reply) => {
    const parsed = MeetingsApiQuery.safeParse(req.query);
    if (!parsed.success) throw new HttpError(422, 'query', 'api.invalidQuery');
    const q = parsed.data;
    const { rows, total } = await apiMeetingList(db, req.user, q);
    reply.header('access-control-allow-origin', '*');
    return { items: rows.map((m) => summaryJson(m, deps.publicUrl)), total, limit: q.limit, offset: q.offset };
  });

  app.get<{ Params: { id: string } }>('/api/v1/meetings/:id', async (req, reply) => {
    const m = await readableMeeting(db, req.user, req.params.id);
    const parts = await apiMeetingParts(db, req.user, m);
    reply.header('access-control-allow-origin', '*');
    return detailJson(m, parts, deps.publicUrl);
  });
}
