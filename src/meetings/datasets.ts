import { sql } from 'kysely';
import type { Db } from '../core/db/database.ts';
import type { MinutesContent } from '../core/db/schema.ts';
import type { Dataset } from '../core/extensions.ts';
import type { Translated } from '../core/i18n/translated.ts';
import {
  codeFields,
  defineDataset,
  organisationFields,
  refField,
  textField,
  timeField,
  updatedField,
  urlField,
} from '../core/open-data/dataset.ts';
import { organisationColumn } from '../organisations/index.ts';
import { visibleNews } from './news/queries.ts';
import { visibleCondition } from './visibility.ts';

/*
 * Meetings' open data (decision 0028): meetings, agenda items, approved minutes, communiqués (the
 * news) and tasks — each as a visitor sees it: `visibleCondition(null, part)`, the rule of the pages.
 */

function publicMeetings(db: Db) {
  return db.selectFrom('meetings as m').where(visibleCondition(null, 'meeting'));
}

const meetings = defineDataset({
  id: 'meetings',
  key: 'meetings.data.meetings',
  from: publicMeetings,
  select: (q) => q.selectAll('m'),
  changed: 'm.updated_at',
  tables: ['m'],
}).columns([
  { name: 'number', type: 'integer', description: 'meetings.data.col.number', value: (r) => r.number },
  textField('title', 'openData.col.title', (r) => r.title),
  textField('description', 'openData.col.description', (r) => r.description),
  codeFields('status', 'openData.col.status', 'meeting.status.', (r) => r.status),
  codeFields('format', 'meetings.data.col.format', 'meeting.format.', (r) => r.format),
  timeField('starts_at', 'datetime', 'meetings.data.col.startsAt', (r) => r.starts_at),
  timeField('ends_at', 'datetime', 'meetings.data.col.endsAt', (r) => r.ends_at),
  { name: 'time_zone', type: 'string', description: 'meetings.data.col.timeZone', value: (r) => r.time_zone },
  textField('venue', 'meetings.data.col.venue', (r) => r.venue),
  urlField((r) => `/meetings/${r.id}`),
  updatedField(),
]);

function publicAgendaItems(db: Db) {
  return db
    .selectFrom('agenda_items as a')
    .innerJoin('meetings as m', 'm.id', 'a.meeting_id')
    .where(visibleCondition(null, 'agenda'));
}

const agendaItems = defineDataset({
  id: 'agenda-items',
  key: 'meetings.data.agenda',
  from: publicAgendaItems,
  select: (q) => q.selectAll('a'),
  changed: 'a.updated_at',
  tables: ['a', 'm'],
}).columns([
  refField('meeting_id', 'openData.col.meetingId', (r) => r.meeting_id),
  { name: 'position', type: 'integer', description: 'openData.col.position', value: (r) => r.position },
  textField('title', 'openData.col.title', (r) => r.title),
  textField('description', 'openData.col.description', (r) => r.description),
  {
    name: 'planned_minutes',
    type: 'integer',
    description: 'meetings.data.col.plannedMinutes',
    value: (r) => r.planned_minutes,
  },
  refField('cycle_id', 'openData.col.cycleId', (r) => r.cycle_id),
  urlField((r) => `/meetings/${r.meeting_id}#agenda`),
  updatedField(),
]);

/** Agenda items of the meetings whose approved minutes a visitor reads, with the latest (approved) version. */
function publicMinutes(db: Db) {
  return db
    .selectFrom('agenda_items as a')
    .innerJoin('meetings as m', 'm.id', 'a.meeting_id')
    .innerJoin('minutes_versions as v', 'v.meeting_id', 'm.id')
    .where(visibleCondition(null, 'approvedMinutes'))
    .where(sql<boolean>`v.version = (SELECT max(w.version) FROM minutes_versions w WHERE w.meeting_id = m.id)`);
}

type Section = keyof MinutesContent['items'][string];
const section =
  (name: Section) =>
  (r: { content: MinutesContent; id: string }): Translated | null =>
    r.content.items[r.id]?.[name] ?? null;

const minutes = defineDataset({
  id: 'minutes',
  key: 'meetings.data.minutes',
  idDescription: 'meetings.data.col.agendaItemId',
  from: publicMinutes,
  select: (q) => q.select(['a.id', 'a.meeting_id', 'a.position', 'a.title', 'v.content', 'v.version', 'v.created_at']),
  changed: 'v.created_at',
  tables: ['a', 'm', 'v'],
}).columns([
  refField('meeting_id', 'openData.col.meetingId', (r) => r.meeting_id),
  { name: 'position', type: 'integer', description: 'meetings.data.col.itemPosition', value: (r) => r.position },
  textField('agenda_item', 'meetings.data.col.itemTitle', (r) => r.title),
  textField('summary', 'meetings.data.col.summary', section('summary')),
  textField('proposals', 'meetings.data.col.proposals', section('proposals')),
  textField('discussion', 'meetings.data.col.discussion', section('discussion')),
  textField('decisions', 'meetings.data.col.decisions', section('decisions')),
  { name: 'version', type: 'integer', description: 'meetings.data.col.version', value: (r) => r.version },
  urlField((r) => `/meetings/${r.meeting_id}#minutes`),
  timeField('updated_at', 'datetime', 'openData.col.updatedAt', (r) => r.created_at),
]);

const communiques = defineDataset({
  id: 'communiques',
  key: 'meetings.data.communiques',
  from: (db) => visibleNews(db, null),
  select: (q) => q.selectAll('c'),
  changed: 'c.updated_at',
  tables: ['c', 'm'],
}).columns([
  refField('meeting_id', 'openData.col.meetingId', (r) => r.meeting_id),
  textField('title', 'openData.col.title', (r) => r.title),
  textField('body', 'openData.col.text', (r) => r.body),
  timeField('published_at', 'datetime', 'meetings.data.col.publishedAt', (r) => r.published_at),
  urlField((r) => `/news/${r.id}`),
  updatedField(),
]);

function publicTasks(db: Db) {
  return db
    .selectFrom('tasks as t')
    .innerJoin('meetings as m', 'm.id', 't.meeting_id')
    .where(visibleCondition(null, 'decisions'));
}

const tasks = defineDataset({
  id: 'tasks',
  key: 'meetings.data.tasks',
  from: publicTasks,
  select: (q) => q.selectAll('t').select(organisationColumn('t.organisation_id', 'name').as('organisation')),
  changed: sql`coalesce(t.done_at, t.created_at)`,
  tables: ['t', 'm'],
}).columns([
  refField('meeting_id', 'openData.col.meetingId', (r) => r.meeting_id),
  refField('decision_id', 'meetings.data.col.decisionId', (r) => r.decision_id),
  textField('description', 'openData.col.description', (r) => r.description),
  organisationFields(),
  timeField('deadline', 'date', 'openData.col.deadline', (r) => r.deadline),
  { name: 'done', type: 'boolean', description: 'meetings.data.col.done', value: (r) => r.done_at !== null },
  timeField('done_at', 'datetime', 'meetings.data.col.doneAt', (r) => r.done_at),
  urlField((r) => `/meetings/${r.meeting_id}#decisions`),
]);

/** Meetings' datasets, in the order the open-data page lists them. */
export const meetingDatasets: Dataset[] = [meetings, agendaItems, minutes, communiques, tasks];
