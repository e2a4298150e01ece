import { type Expression, type SqlBool, sql } from 'kysely';
import type { CurrentUser } from '../core/auth/user.ts';
import type { Db } from '../core/db/database.ts';
import type { MinutesContent } from '../core/db/schema.ts';
import {
  type DocumentsPage,
  documentsPage,
  idsFound,
  type Searchable,
  type SearchDocument,
} from '../core/extensions.ts';
import { fileColumn } from '../core/files/columns.ts';
import { fileTexts } from '../core/files/text.ts';
import { languagesOf, textByLanguage } from '../core/files/text-languages.ts';
import { LANGS } from '../core/i18n/locales.ts';
import type { Translated } from '../core/i18n/translated.ts';
import { organisationChangedSince, organisationColumn } from '../organisations/index.ts';
import { type PartTable, visiblePartIds } from './queries.ts';
import { audienceFor, type MeetingPart, maySee, visibleCondition } from './visibility.ts';

/*
 * The parts of a meeting in search (decision 0018): agenda items, minutes, decisions, the tasks they
 * set, and documents with the text of their files. Each is visible as its part of the meeting is
 * (visibility.ts, the rule the meeting's pages use), so each document is read again when its meeting
 * changes (its visibility or status may have): `changed` always names the meeting's time as well.
 */

type Meeting = { status: string; visibility: string };

/** 'public' when a visitor sees this part of the meeting. */
const reach = (part: MeetingPart, m: Meeting): SearchDocument['visibility'] =>
  maySee(null, part, m) ? 'public' : 'restricted';

/** visibleTo of a kind whose ids are meetings' ids: the meetings the condition admits for the reader. */
export function meetingsVisibleTo(
  condition: (reader: CurrentUser | null) => Expression<SqlBool>,
): Searchable['visibleTo'] {
  return (db, reader, ids) =>
    idsFound(ids, (some) =>
      db.selectFrom('meetings as m').select('m.id').where('m.id', 'in', some).where(condition(reader)).execute(),
    );
}

/** visibleTo of a table of a meeting's parts (a row with meeting_id): the reader sees the part of its meeting. */
function visibleThrough(table: PartTable, part: MeetingPart): Searchable['visibleTo'] {
  return (db, reader, ids) => idsFound(ids, (some) => visiblePartIds(db, reader, table, part, some));
}

/** A row as a meeting's kind of document reads it: its text, and the state of its meeting. */
interface MeetingRow extends Meeting {
  id: string;
  title: Translated;
  body: Translated;
  updatedAt: Date;
}

/**
 * A kind of search document drawn from meetings: `read` gives a page of rows, each found at `path`
 * and public when a visitor sees `part` of its meeting; `visibleTo` says which a reader may see.
 */
export function meetingSearchable<R extends MeetingRow>(spec: {
  kind: string;
  part: MeetingPart;
  read: (db: Db, page: DocumentsPage) => Promise<R[]>;
  /** (After `read`, whose rows it takes.) */
  path: (row: R) => string;
  visibleTo: Searchable['visibleTo'];
}): Searchable {
  const { kind, part, path, read } = spec;
  return {
    kind,
    async documents(db, page) {
      return (await read(db, page)).map((r) => ({
        kind,
        id: r.id,
        title: r.title,
        body: r.body,
        path: path(r),
        visibility: reach(part, r),
        updatedAt: r.updatedAt,
      }));
    },
    visibleTo: spec.visibleTo,
  };
}

/** A kind of a meeting's parts kept in `table`, shown at `anchor` of the meeting's page, visible as `part` is. */
function meetingPartSearch(
  kind: string,
  part: MeetingPart,
  table: PartTable,
  anchor: string,
  read: (db: Db, page: DocumentsPage) => Promise<(MeetingRow & { meetingId: string })[]>,
): Searchable {
  return meetingSearchable({
    kind,
    part,
    read,
    path: (r) => `/meetings/${r.meetingId}#${anchor}`,
    visibleTo: visibleThrough(table, part),
  });
}

/** Agenda items: title and description, on the meeting's page; visible as its agenda is. */
export const agendaItemSearch = meetingPartSearch('agenda-item', 'agenda', 'agenda_items', 'agenda', (db, page) => {
  const q = db
    .selectFrom('agenda_items as a')
    .innerJoin('meetings as m', 'm.id', 'a.meeting_id')
    .select(['a.id', 'a.meeting_id as meetingId', 'a.title', 'a.description as body', 'm.status', 'm.visibility'])
    .select('a.updated_at as updatedAt');
  return documentsPage(q, page, { id: 'a.id', changed: ['a.updated_at', 'm.updated_at'] });
});

/** The minutes' text in each language: every section of every item, in the order of the items. */
function minutesText(content: MinutesContent): Translated {
  const sections = Object.keys(content.items)
    .sort((a, b) => Number(a) - Number(b))
    .flatMap((item) => Object.values(content.items[item] ?? {}));
  const out: Translated = {};
  for (const lang of LANGS) {
    const text = sections
      .map((s) => s?.[lang]?.trim() ?? '')
      .filter(Boolean)
      .join('\n\n');
    if (text) out[lang] = text;
  }
  return out;
}

/**
 * Minutes, one document per meeting (its id): the latest version, which is what a reader sees —
 * approved minutes on the meeting's page (public once approved, for a public meeting), the drafts
 * on the minutes page (staff, then members while in review).
 */
export const minutesSearch = meetingSearchable({
  kind: 'minutes',
  part: 'approvedMinutes',
  async read(db, page) {
    const q = db
      .selectFrom('minutes_versions as v')
      .innerJoin('meetings as m', 'm.id', 'v.meeting_id')
      .select(['m.id', 'm.title', 'm.status', 'm.visibility', 'v.content', 'v.created_at as updatedAt'])
      .where(
        sql<boolean>`v.version = (SELECT max(w.version) FROM minutes_versions w WHERE w.meeting_id = v.meeting_id)`,
      );
    const rows = await documentsPage(q, page, { id: 'm.id', changed: ['v.created_at', 'm.updated_at'] });
    return rows.map((m) => ({ ...m, body: minutesText(m.content) }));
  },
  path: (m) => (audienceFor('approvedMinutes', m) ? `/meetings/${m.id}#minutes` : `/meetings/${m.id}/minutes`),
  visibleTo: meetingsVisibleTo(
    (reader) =>
      sql<SqlBool>`(${visibleCondition(reader, 'approvedMinutes')} OR ${visibleCondition(reader, 'minutesDrafts')})
        AND EXISTS (SELECT 1 FROM minutes_versions v WHERE v.meeting_id = m.id)`,
  ),
});

/** Decisions: their text, titled by their agenda item (or meeting); visible as the meeting's decisions are. */
export const decisionSearch = meetingPartSearch('decision', 'decisions', 'decisions', 'decisions', (db, page) => {
  const q = db
    .selectFrom('decisions as d')
    .innerJoin('meetings as m', 'm.id', 'd.meeting_id')
    .leftJoin('agenda_items as a', 'a.id', 'd.agenda_item_id')
    .select(['d.id', 'd.meeting_id as meetingId', 'd.text as body', 'm.status', 'm.visibility'])
    .select(['d.created_at as updatedAt', sql<Translated>`coalesce(a.title, m.title)`.as('title')]);
  return documentsPage(q, page, { id: 'd.id', changed: ['d.created_at', 'm.updated_at', 'a.updated_at'] });
});

/** Tasks set by decisions: what is to be done, and by which organisation; shown with the decisions. */
export const taskSearch = meetingPartSearch('task', 'decisions', 'tasks', 'decisions', (db, page) => {
  const q = db
    .selectFrom('tasks as t')
    .innerJoin('meetings as m', 'm.id', 't.meeting_id')
    .select(['t.id', 't.meeting_id as meetingId', 't.description as title', 'm.status', 'm.visibility'])
    .select([
      't.created_at as updatedAt',
      sql<Translated>`coalesce(${organisationColumn('t.organisation_id', 'name')}, '{}')`.as('body'),
    ]);
  // The body is the organisation's name: its rename brings the task back too.
  const renamed = organisationChangedSince('t.organisation_id');
  return documentsPage(q, page, { id: 't.id', changed: ['t.created_at', 'm.updated_at', renamed] });
});

/** Documents of a meeting: their title, and the text of their file once read (PDF, DOCX). */
export const meetingDocumentSearch = meetingPartSearch(
  'meeting-document',
  'documents',
  'meeting_documents',
  'documents',
  async (db, page) => {
    const q = db
      .selectFrom('meeting_documents as d')
      .innerJoin('meetings as m', 'm.id', 'd.meeting_id')
      .select(['d.id', 'd.meeting_id as meetingId', 'd.file_id as fileId', 'd.title', 'm.status', 'm.visibility'])
      .select('d.created_at as updatedAt');
    const changed = ['d.created_at', 'm.updated_at', fileColumn('d.file_id', 'textReadAt')];
    const rows = await documentsPage(q, page, { id: 'd.id', changed });
    const texts = await fileTexts(
      db,
      rows.map((d) => d.fileId),
    );
    return rows.map((d) => ({ ...d, body: textByLanguage(texts.get(d.fileId), languagesOf(d.title)) }));
  },
);
