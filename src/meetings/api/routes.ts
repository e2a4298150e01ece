import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../core/extensions.ts';
import { apiGet, apiGetOne, listAnswer, listPageSchema } from '../../core/http/api-list.ts';
import { addPath, addSchema, idParameter, TranslatedText as Translated } from '../../core/http/openapi.ts';
import { readableMeeting } from '../route-support.ts';
import { MEETING_STATUSES } from '../workflow.ts';
import { detailJson, summaryJson } from './json.ts';
import { newsAndTasksApi } from './news-tasks.ts';
import { apiMeetingList, apiMeetingParts } from './queries.ts';
import { MeetingsApiQuery } from './schema.ts';

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
  /** When the meeting itself last changed (its agenda and documents count for updated_since). */
  updatedAt: z.string(),
  url: z.string(),
  ics: z.string(),
});

export const MeetingListSchema = listPageSchema(MeetingSummarySchema);

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

/** The read API of meetings, news and tasks: the same visibility rules as the pages, JSON, CORS-open. */
export function meetingsApi(app: FastifyInstance, deps: RouteDeps) {
  const db = app.db;

  apiGet(
    app,
    '/api/v1/meetings',
    {
      summary: 'Meetings, newest first (updated_since: those changed since, their agenda and documents included)',
      query: MeetingsApiQuery,
      response: { name: 'MeetingList', schema: MeetingListSchema, description: 'A page of meetings' },
    },
    async (req, q) => {
      return listAnswer(await apiMeetingList(db, req.user, q), q, (m) => summaryJson(m, deps.publicUrl));
    },
  );

  apiGetOne(app, '/api/v1/meetings/:id', {
    summary: 'One meeting with its agenda, presenters, documents and attendance summary',
    record: { name: 'Meeting', schema: MeetingDetailSchema, noun: 'meeting' },
    restricted: true,
    handler: async (req) => {
      const m = await readableMeeting(db, req.user, req.params.id);
      return detailJson(m, await apiMeetingParts(db, req.user, m), deps.publicUrl);
    },
  });
  addSchema('MeetingSummary', MeetingSummarySchema);
  addPath('/api/v1/meetings/{id}.ics', {
    get: {
      summary: 'The meeting as an iCalendar file',
      parameters: [idParameter],
      responses: { 200: { description: 'iCalendar', content: { 'text/calendar': {} } } },
    },
  });
  newsAndTasksApi(app, deps);
}
