import { sql } from 'kysely';
import type { z } from 'zod';
import type { Db } from '../../core/db/database.ts';
import { listPage } from '../../core/http/api-list.ts';
import { organisationIdBySlug, organisationJson } from '../../organisations/index.ts';
import { documentsOf } from '../agenda/queries.ts';
import { attendanceOf } from '../attendance/queries.ts';
import { visibleNews } from '../news/queries.ts';
import { agendaOf, listColumns, type MeetingDetail } from '../queries.ts';
import { maySee, type Reader, visibleCondition } from '../visibility.ts';
import type { MeetingsApiQuery, NewsApiQuery, TasksApiQuery } from './schema.ts';

/** A page of the meetings the reader may see, filtered as the API's query asks, and how many there are. */
export async function apiMeetingList(db: Db, reader: Reader, q: z.output<typeof MeetingsApiQuery>) {
  let base = db.selectFrom('meetings as m').where(visibleCondition(reader));
  if (q.status) base = base.where('m.status', '=', q.status);
  if (q.from) base = base.where('m.starts_at', '>=', new Date(`${q.from}T00:00:00Z`));
  if (q.to) base = base.where('m.starts_at', '<', new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 86_400_000));
  return listPage(
    base,
    {
      // A meeting has changed when it, an item of its agenda or its documents have.
      changed: [
        'm.updated_at',
        sql`(SELECT max(a.updated_at) FROM agenda_items a WHERE a.meeting_id = m.id)`,
        sql`(SELECT max(d.created_at) FROM meeting_documents d WHERE d.meeting_id = m.id)`,
      ],
      select: (b) => b.select(listColumns).orderBy('m.starts_at', 'desc').orderBy('m.id', 'desc'),
    },
    q,
  );
}

/** The agenda, documents and (once the reader may see it) attendance of a meeting, for its API answer. */
export async function apiMeetingParts(db: Db, reader: Reader, m: MeetingDetail) {
  const [agenda, documents, attendance] = await Promise.all([
    agendaOf(db, m.id),
    documentsOf(db, m.id),
    // Who came is counted once the meeting has been held; before, the expected list is the members'.
    maySee(reader, 'attendanceSummary', m) ? attendanceOf(db, m.id) : [],
  ]);
  return { agenda, documents, attendance };
}

/** A page of the published communiqués (News) the reader may see, newest first, and how many there are. */
export async function apiNewsList(db: Db, reader: Reader, q: z.output<typeof NewsApiQuery>) {
  return listPage(
    visibleNews(db, reader),
    {
      changed: ['c.updated_at', 'c.published_at'],
      select: (b) =>
        b
          .select([
            'c.id',
            'c.title',
            'c.body',
            'c.published_at as publishedAt',
            'c.updated_at as updatedAt',
            'm.id as meetingId',
            'm.number as meetingNumber',
          ])
          .orderBy('c.published_at', 'desc')
          .orderBy('c.id', 'desc'),
    },
    q,
  );
}

/** A page of the tasks set by decisions the reader may see, nearest deadline first, and how many there are. */
export async function apiTaskList(db: Db, reader: Reader, q: z.output<typeof TasksApiQuery>) {
  let base = db
    .selectFrom('tasks as t')
    .innerJoin('meetings as m', 'm.id', 't.meeting_id')
    .where(visibleCondition(reader, 'decisions'));
  if (q.meeting) base = base.where('t.meeting_id', '=', q.meeting);
  if (q.organisation) base = base.where('t.organisation_id', '=', organisationIdBySlug(sql.val(q.organisation)));
  if (q.state === 'open') base = base.where('t.done_at', 'is', null);
  if (q.state === 'done') base = base.where('t.done_at', 'is not', null);
  if (q.state === 'overdue')
    base = base.where('t.done_at', 'is', null).where('t.deadline', '<', sql<string>`current_date`);
  return listPage(
    base,
    {
      changed: ['t.created_at', 't.done_at'],
      select: (b) =>
        b
          .select([
            't.id',
            't.meeting_id as meetingId',
            'm.number as meetingNumber',
            't.decision_id as decisionId',
            't.description',
            organisationJson('t.organisation_id', ['slug', 'name']).as('organisation'),
            't.deadline',
            't.done_at as doneAt',
            't.created_at as createdAt',
            sql<boolean>`t.done_at IS NULL AND t.deadline < current_date`.as('overdue'),
          ])
          .orderBy('t.deadline')
          .orderBy('t.id'),
    },
    q,
  );
}
