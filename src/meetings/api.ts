import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { HttpError, notFound } from '../core/http/http-error.ts';
import { addPath, addSchema } from '../core/http/openapi.ts';
import { i18nFor } from '../core/i18n/i18n.ts';
import { documentsOf } from './agenda/queries.ts';
import { attendanceOf } from './attendance/queries.ts';
import { summarise } from './attendance/summary.ts';
import { agendaOf, meetingById } from './queries.ts';
import { MeetingsApiQuery } from './schema.ts';
import { maySee, visibleCondition } from './visibility.ts';

const Translated = z.object({ kk: z.string().optional(), ru: z.string().optional(), en: z.string().optional() });
const Status = z.enum([
  'draft',
  'announced',
  'held',
  'minutes_review',
  'minutes_approved',
  'published',
  'postponed',
  'cancelled',
]);

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

export const MeetingListSchema = z.object({
  items: z.array(MeetingSummarySchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

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
      documents: z.array(
        z.object({
          title: Translated,
          filename: z.string(),
          contentType: z.string(),
          sizeBytes: z.number().int(),
          url: z.string(),
        }),
      ),
    }),
  ),
  documents: z.array(
    z.object({
      title: Translated,
      filename: z.string(),
      contentType: z.string(),
      sizeBytes: z.number().int(),
      url: z.string(),
    }),
  ),
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
      200: {
        description: 'A page of meetings',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/MeetingList' } } },
      },
      422: {
        description: 'Invalid query',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    },
  },
});
addPath('/api/v1/meetings/{id}', {
  get: {
    summary: 'One meeting with its agenda, presenters, documents and attendance summary',
    parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
    responses: {
      200: {
        description: 'The meeting',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Meeting' } } },
      },
      404: {
        description: 'No such meeting (or not visible to you)',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    },
  },
});
addPath('/api/v1/meetings/{id}.ics', {
  get: {
    summary: 'The meeting as an iCalendar file',
    parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
    responses: { 200: { description: 'iCalendar', content: { 'text/calendar': {} } } },
  },
});

/** The read API of meetings: the same visibility rules as the pages, JSON, CORS-open. */
export function meetingsApi(app: FastifyInstance, deps: { publicUrl: string }) {
  const db = app.db;
  const summary = (m: {
    id: string;
    number: number;
    title: unknown;
    startsAt: Date;
    endsAt: Date | null;
    timeZone: string;
    venue: unknown;
    onlineUrl: string | null;
    format: string;
    visibility: string;
    status: string;
  }) => ({
    id: m.id,
    number: m.number,
    title: m.title,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt?.toISOString() ?? null,
    timeZone: m.timeZone,
    venue: m.venue,
    onlineUrl: m.onlineUrl,
    format: m.format,
    visibility: m.visibility,
    status: m.status,
    url: `${deps.publicUrl}/en/meetings/${m.id}`,
    ics: `${deps.publicUrl}/api/v1/meetings/${m.id}.ics`,
  });

  app.get('/api/v1/meetings', async (req, reply) => {
    const parsed = MeetingsApiQuery.safeParse(req.query);
    if (!parsed.success) throw new HttpError(422, 'query', 'api.invalidQuery');
    const q = parsed.data;
    let base = db.selectFrom('meetings as m').where(visibleCondition(req.user));
    if (q.status) base = base.where('m.status', '=', q.status);
    if (q.from) base = base.where('m.starts_at', '>=', new Date(`${q.from}T00:00:00Z`));
    if (q.to) base = base.where('m.starts_at', '<', new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 86_400_000));
    const [rows, total] = await Promise.all([
      base
        .select([
          'm.id',
          'm.number',
          'm.title',
          'm.starts_at as startsAt',
          'm.ends_at as endsAt',
          'm.time_zone as timeZone',
          'm.venue',
          'm.online_url as onlineUrl',
          'm.format',
          'm.visibility',
          'm.status',
        ])
        .orderBy('m.starts_at', 'desc')
        .orderBy('m.id', 'desc')
        .limit(q.limit)
        .offset(q.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    reply.header('access-control-allow-origin', '*');
    return { items: rows.map(summary), total: Number(total.n), limit: q.limit, offset: q.offset };
  });

  app.get<{ Params: { id: string } }>('/api/v1/meetings/:id', async (req, reply) => {
    const id = req.params.id;
    const m = /^\d{1,18}$/.test(id) ? await meetingById(db, id) : undefined;
    if (!m || !maySee(req.user, 'meeting', m)) throw notFound(`meeting ${id}`);
    const [agenda, documents, attendance] = await Promise.all([
      agendaOf(db, m.id),
      documentsOf(db, m.id),
      // Who came is counted once the meeting has been held; before, the expected list is the members'.
      maySee(req.user, 'attendanceSummary', m) ? attendanceOf(db, m.id) : [],
    ]);
    const doc = (d: (typeof documents)[number]) => ({
      title: d.title,
      filename: d.filename,
      contentType: d.contentType,
      sizeBytes: Number(d.sizeBytes),
      url: `${deps.publicUrl}/files/${d.fileId}/${encodeURIComponent(d.filename)}`,
    });
    const s = summarise(attendance, i18nFor('en'));
    reply.header('access-control-allow-origin', '*');
    return {
      ...summary(m),
      description: m.description,
      statusReason: m.statusReason,
      chair: m.chairName,
      secretary: m.secretaryName,
      agenda: agenda.map((item) => ({
        id: item.id,
        position: item.position,
        title: item.title,
        description: item.description,
        plannedMinutes: item.plannedMinutes,
        presenters: item.presenters.map((p) => ({
          role: p.role,
          organisation: { slug: p.organisation.slug, name: p.organisation.name, category: p.organisation.category },
          person: p.person?.name ?? null,
        })),
        documents: documents.filter((d) => d.agendaItemId === item.id).map(doc),
      })),
      documents: documents.filter((d) => !d.agendaItemId).map(doc),
      attendance: {
        people: s.people,
        byCategory: s.byCategory.map((g) => ({ category: g.category, organisations: g.organisations.length })),
      },
    };
  });
}
