import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../core/db/database.ts';
import type { MeetingStatus, OrganisationCategory, PresenterRole } from '../core/db/schema.ts';
import type { Translated } from '../core/i18n/translated.ts';
import { cycleJson } from '../obligations/index.ts';
import {
  type BodyFields,
  bodyColumn,
  mainBody,
  organisationColumn,
  organisationJson,
  personName,
} from '../organisations/index.ts';
import { type MeetingPart, type Reader, visibleCondition } from './visibility.ts';

export interface MeetingSummary {
  id: string;
  number: number;
  title: Translated;
  startsAt: Date;
  endsAt: Date | null;
  timeZone: string;
  venue: Translated;
  format: 'in_person' | 'online' | 'hybrid';
  status: MeetingStatus;
}

export interface AgendaItemView {
  id: string;
  position: number;
  title: Translated;
  description: Translated;
  plannedMinutes: number | null;
  /** The reporting cycle this item prepares for or discusses. */
  cycle: { id: string; code: string; title: Translated } | null;
  presenters: {
    id: string;
    role: PresenterRole;
    organisation: { slug: string; name: Translated; shortName: Translated; category: OrganisationCategory };
    person: { id: string; name: Translated } | null;
  }[];
}

const summaryColumns = [
  'id',
  'number',
  'title',
  'starts_at as startsAt',
  'ends_at as endsAt',
  'time_zone as timeZone',
  'venue',
  'format',
  'status',
] as const;

/** A body's meetings the reader may see, as summaries. */
const meetingsOfBody = (db: Db, reader: Reader, bodyId: string) =>
  db.selectFrom('meetings as m').select(summaryColumns).where('body_id', '=', bodyId).where(visibleCondition(reader));

/** The next meeting of a body the reader may see (announced or postponed, not yet over), or undefined. */
export function nextMeeting(db: Db, reader: Reader, bodyId: string): Promise<MeetingSummary | undefined> {
  return meetingsOfBody(db, reader, bodyId)
    .where('status', 'in', ['announced', 'postponed'])
    .where(sql<boolean>`coalesce(ends_at, starts_at + interval '3 hours') >= now()`)
    .orderBy('starts_at')
    .limit(1)
    .executeTakeFirst();
}

/** The most recent meeting of a body that has been held and the reader may see, or undefined. */
export function latestMeeting(db: Db, reader: Reader, bodyId: string): Promise<MeetingSummary | undefined> {
  return meetingsOfBody(db, reader, bodyId)
    .where('status', 'in', ['held', 'minutes_review', 'minutes_approved', 'published'])
    .orderBy('starts_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** A meeting's agenda with its presenters: two queries whatever the number of items. */
export async function agendaOf(db: Db, meetingId: string): Promise<AgendaItemView[]> {
  const rows = await db
    .selectFrom('agenda_items as a')
    .select([
      'a.id',
      'a.position',
      'a.title',
      'a.description',
      'a.planned_minutes as plannedMinutes',
      cycleJson('a.cycle_id').as('cycle'),
    ])
    .where('a.meeting_id', '=', meetingId)
    .orderBy('a.position')
    .execute();
  const items = rows.map((item) => ({ ...item, cycle: item.cycle ?? null }));
  if (items.length === 0) return [];
  const presenters = await db
    .selectFrom('agenda_presenters as p')
    .select([
      'p.id',
      'p.agenda_item_id',
      'p.role',
      organisationJson('p.organisation_id', ['slug', 'name', 'shortName', 'category']).as('organisation'),
      'p.person_id as personId',
      personName('p.person_id').as('personName'),
    ])
    .where(
      'p.agenda_item_id',
      'in',
      items.map((i) => i.id),
    )
    .orderBy('p.agenda_item_id')
    .orderBy('p.position')
    .execute();
  // Grouped in one pass: a Map, not a filter per item (50 items × 250 presenters stays linear).
  const byItem = new Map<string, AgendaItemView['presenters']>();
  for (const p of presenters) {
    const list = byItem.get(p.agenda_item_id) ?? [];
    list.push({
      id: p.id,
      role: p.role,
      organisation: p.organisation,
      person: p.personId && p.personName ? { id: p.personId, name: p.personName } : null,
    });
    byItem.set(p.agenda_item_id, list);
  }
  return items.map((item) => ({ ...item, presenters: byItem.get(item.id) ?? [] }));
}

export interface Presentation {
  meetingNumber: number;
  meetingStartsAt: Date;
  itemTitle: Translated;
  role: PresenterRole;
}

/** What an organisation presented at meetings the reader may see, newest first. */
export function presentationsBy(db: Db, reader: Reader, organisationId: string): Promise<Presentation[]> {
  return db
    .selectFrom('agenda_presenters as p')
    .innerJoin('agenda_items as i', 'i.id', 'p.agenda_item_id')
    .innerJoin('meetings as m', 'm.id', 'i.meeting_id')
    .select(['m.number as meetingNumber', 'm.starts_at as meetingStartsAt', 'i.title as itemTitle', 'p.role'])
    .where('p.organisation_id', '=', organisationId)
    .where(visibleCondition(reader, 'agenda'))
    .orderBy('m.starts_at', 'desc')
    .orderBy('i.position')
    .execute();
}

/** The platform's main body (the organisations domain keeps bodies). */
export type BodySummary = BodyFields;
export { mainBody };

export interface MeetingDetail extends MeetingSummary {
  bodyId: string;
  bodyName: Translated;
  visibility: 'public' | 'members';
  description: Translated;
  onlineUrl: string | null;
  statusReason: Translated;
  chairPersonId: string | null;
  secretaryPersonId: string | null;
  chairName: Translated | null;
  secretaryName: Translated | null;
  updatedAt: Date;
}

/** The columns every meeting query returns (lists, the calendar, one meeting). */
export const listColumns = [
  'm.id',
  'm.number',
  'm.title',
  'm.starts_at as startsAt',
  'm.ends_at as endsAt',
  'm.time_zone as timeZone',
  'm.venue',
  'm.format',
  'm.status',
  'm.visibility',
  'm.description',
  'm.online_url as onlineUrl',
  'm.updated_at as updatedAt',
] as const;

/** One meeting with its body and the names of its chair and secretary: one query. */
export function meetingById(db: Db, id: string): Promise<MeetingDetail | undefined> {
  return db
    .selectFrom('meetings as m')
    .select([
      ...listColumns,
      'm.body_id as bodyId',
      bodyColumn('m.body_id', 'name').as('bodyName'),
      'm.status_reason as statusReason',
      'm.chair_person_id as chairPersonId',
      'm.secretary_person_id as secretaryPersonId',
      personName('m.chair_person_id').as('chairName'),
      personName('m.secretary_person_id').as('secretaryName'),
    ])
    .where('m.id', '=', id)
    .executeTakeFirst();
}

export interface TaskRow {
  id: string;
  meetingId: string;
  meetingNumber: number;
  description: Translated;
  organisationId: string;
  organisationName: Translated;
  organisationSlug: string;
  deadline: string;
  doneAt: Date | null;
  overdue: boolean;
}

function tasksQuery(db: Db) {
  return db
    .selectFrom('tasks as t')
    .innerJoin('meetings as m', 'm.id', 't.meeting_id')
    .select([
      't.id',
      't.meeting_id as meetingId',
      'm.number as meetingNumber',
      't.description',
      't.organisation_id as organisationId',
      organisationColumn('t.organisation_id', 'name').as('organisationName'),
      organisationColumn('t.organisation_id', 'slug').as('organisationSlug'),
      't.deadline',
      't.done_at as doneAt',
      sql<boolean>`t.done_at IS NULL AND t.deadline < current_date`.as('overdue'),
    ]);
}

export function tasksOfMeeting(db: Db, meetingId: string): Promise<TaskRow[]> {
  return tasksQuery(db).where('t.meeting_id', '=', meetingId).orderBy('t.deadline').execute();
}

/** Open tasks of meetings whose decisions the reader may see, nearest deadline first. */
export function openTasks(db: Db, reader: Reader, opts: { organisationId?: string } = {}): Promise<TaskRow[]> {
  let q = tasksQuery(db).where('t.done_at', 'is', null).where(visibleCondition(reader, 'decisions'));
  if (opts.organisationId) q = q.where('t.organisation_id', '=', opts.organisationId);
  return q.orderBy('t.deadline').limit(500).execute();
}

/** Meetings to choose from (filters, forms): those the reader may see, newest first. */
export function meetingOptions(db: Db, reader: Reader, opts: { limit: number; includeDrafts?: boolean }) {
  let q = db.selectFrom('meetings as m').select(['m.id', 'm.number', 'm.title']).where(visibleCondition(reader));
  // A proposal is presented at a meeting that took place or is announced: drafts are never options.
  if (!opts.includeDrafts) q = q.where('m.status', '!=', 'draft');
  return q.orderBy('m.starts_at', 'desc').limit(opts.limit).execute();
}

/** Agenda items to choose from, with their meeting's number: only of meetings whose agenda the reader may see. */
export function agendaItemOptions(
  db: Db,
  reader: Reader,
  opts: { limit: number; includeDrafts?: boolean; notInCycle?: string },
) {
  let q = db
    .selectFrom('agenda_items as i')
    .innerJoin('meetings as m', 'm.id', 'i.meeting_id')
    .select(['i.id', 'i.meeting_id as meetingId', 'i.position', 'i.title', 'm.number', 'm.number as meetingNumber'])
    .where(visibleCondition(reader, 'agenda'));
  if (!opts.includeDrafts) q = q.where('m.status', '!=', 'draft');
  const cycle = opts.notInCycle;
  if (cycle) q = q.where((eb) => eb.or([eb('i.cycle_id', 'is', null), eb('i.cycle_id', '!=', cycle)]));
  return q.orderBy('m.starts_at', 'desc').orderBy('i.position').limit(opts.limit).execute();
}

/** Tasks to choose from, with their meeting's number: only of meetings whose decisions the reader may see. */
export function taskOptions(db: Db, reader: Reader, opts: { limit: number }) {
  return db
    .selectFrom('tasks as t')
    .innerJoin('meetings as m', 'm.id', 't.meeting_id')
    .select(['t.id', 't.description', 'm.number as meetingNumber'])
    .where(visibleCondition(reader, 'decisions'))
    .orderBy('t.deadline', 'desc')
    .limit(opts.limit)
    .execute();
}

/** The agenda items that prepare for or discuss a reporting cycle, of meetings the reader may see. */
export function agendaItemsOfCycle(db: Db, reader: Reader, cycleId: string) {
  return db
    .selectFrom('agenda_items as a')
    .innerJoin('meetings as m', 'm.id', 'a.meeting_id')
    .select(['m.id as meetingId', 'a.id as itemId', 'm.number', 'm.title', 'm.starts_at', 'a.title as itemTitle'])
    .where('a.cycle_id', '=', cycleId)
    .where(visibleCondition(reader, 'agenda'))
    .orderBy('m.starts_at', 'desc')
    .orderBy('a.position')
    .execute();
}

/*
 * For another domain's one-query pages (a recommendation's links): JSON arrays of the agenda items and
 * tasks among `ids` that the reader may see. The other domain gives the ids from its own link table;
 * the meetings tables and the rule stay here.
 */
export function agendaItemsJson(reader: Reader, ids: RawBuilder<unknown>) {
  return sql<{ id: string; meetingId: string; meetingNumber: number; title: Translated }[]>`(
    SELECT coalesce(json_agg(json_build_object('id', a.id::text, 'meetingId', m.id::text, 'meetingNumber', m.number,
             'title', a.title) ORDER BY m.starts_at, a.position), '[]')
      FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id
     WHERE a.id IN ${ids} AND ${visibleCondition(reader, 'agenda')})`;
}

export function tasksJson(reader: Reader, ids: RawBuilder<unknown>) {
  return sql<{ id: string; meetingId: string; description: Translated; deadline: string; done: boolean }[]>`(
    SELECT coalesce(json_agg(json_build_object('id', t.id::text, 'meetingId', t.meeting_id::text,
             'description', t.description, 'deadline', t.deadline, 'done', t.done_at IS NOT NULL) ORDER BY t.deadline), '[]')
      FROM tasks t JOIN meetings m ON m.id = t.meeting_id
     WHERE t.id IN ${ids} AND ${visibleCondition(reader, 'decisions')})`;
}

/** A table of a meeting's parts: its rows have a meeting_id. */
export type PartTable = 'agenda_items' | 'decisions' | 'tasks' | 'meeting_documents';

/** Of these ids of rows in `table`, those the reader may see: the reader sees `part` of their meeting. */
export async function visiblePartIds(
  db: Db,
  reader: Reader,
  table: PartTable,
  part: MeetingPart,
  ids: readonly string[],
): Promise<{ id: string }[]> {
  const { rows } = await sql<{ id: string }>`
    SELECT x.id::text AS id FROM ${sql.table(table)} x JOIN meetings m ON m.id = x.meeting_id
     WHERE x.id = ANY(${ids}::bigint[]) AND ${visibleCondition(reader, part)}`.execute(db);
  return rows;
}

/** Is there a meeting, agenda item or task with this id that the reader may see? For links made from other domains. */
export async function visiblePartExists(db: Db, reader: Reader, kind: 'meeting' | 'agenda_item' | 'task', id: string) {
  if (kind === 'meeting') {
    const row = await db
      .selectFrom('meetings as m')
      .select('m.id')
      .where('m.id', '=', id)
      .where(visibleCondition(reader))
      .executeTakeFirst();
    return row !== undefined;
  }
  const found =
    kind === 'agenda_item'
      ? await visiblePartIds(db, reader, 'agenda_items', 'agenda', [id])
      : await visiblePartIds(db, reader, 'tasks', 'decisions', [id]);
  return found.length > 0;
}

/** The number of the meeting whose id is `id` (a column of another domain's query), null unless the reader may see it. */
export function visibleMeetingNumber(reader: Reader, id: string): RawBuilder<number | null> {
  return sql<
    number | null
  >`(SELECT m.number FROM meetings m WHERE m.id = ${sql.ref(id)} AND ${visibleCondition(reader)})`;
}
