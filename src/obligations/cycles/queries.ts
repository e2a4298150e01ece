import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import {
  CYCLE_STAGE_KINDS,
  type CycleDocumentKind,
  type CycleStageKind,
  type MechanismKind,
  type RecommendationStatus,
} from '../../core/db/schema-obligations.ts';
import { fileColumn } from '../../core/files/columns.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { agendaItemOptions, agendaItemsOfCycle, type Reader } from '../../meetings/index.ts';
import { organisationChoices, organisationColumn } from '../../organisations/index.ts';
import { type MechanismRef, today } from '../queries.ts';

/** Read side of reporting cycles: each page's data in a fixed number of queries. */

export type StageState = 'done' | 'late' | 'next' | 'upcoming' | 'unplanned';

export interface Stage {
  kind: CycleStageKind;
  dueOn: string | null;
  doneOn: string | null;
  endsOn: string | null;
  note: Translated;
  state: StageState;
}

/**
 * Every stage kind in the cycle's order, recorded or not, from cycle_stages_effective (where a
 * deadline counts as done when what it asked for was submitted). Done: it happened. Late: its date
 * has passed and it has not. Next: the earliest open dated stage. Upcoming: later open ones.
 */
export function stagesInOrder(
  rows: {
    kind: CycleStageKind;
    due_on: string | null;
    done_on: string | null;
    ends_on: string | null;
    note: Translated;
  }[],
  today: string,
): Stage[] {
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  const open = rows
    .filter((r) => !r.done_on && r.due_on && r.due_on >= today)
    .sort((a, b) => (a.due_on ?? '').localeCompare(b.due_on ?? ''));
  const next = open[0]?.kind;
  return CYCLE_STAGE_KINDS.map((kind) => {
    const r = byKind.get(kind);
    const state: StageState = !r
      ? 'unplanned'
      : r.done_on
        ? 'done'
        : r.due_on && r.due_on < today
          ? 'late'
          : kind === next
            ? 'next'
            : r.due_on
              ? 'upcoming'
              : 'unplanned';
    return {
      kind,
      dueOn: r?.due_on ?? null,
      doneOn: r?.done_on ?? null,
      endsOn: r?.ends_on ?? null,
      note: r?.note ?? {},
      state,
    };
  });
}

export interface CycleRow {
  id: string;
  title: Translated;
  number: number | null;
  stateCode: string;
  mechanism: MechanismRef;
  late: number;
  next: { kind: CycleStageKind; dueOn: string } | null;
  recommendations: number;
}

/** All cycles with their next open stage, late stages and recommendation counts: one query. */
export async function cycleList(db: Db, opts: { mechanismId?: string | undefined } = {}): Promise<CycleRow[]> {
  const rows = await sql<{
    id: string;
    title: Translated;
    number: number | null;
    state_code: string;
    m_id: string;
    m_code: string;
    m_kind: MechanismKind;
    m_name: Translated;
    late: number;
    next_kind: CycleStageKind | null;
    next_due: string | null;
    recommendations: number;
  }>`
    SELECT c.id, c.title, c.number, c.state_code,
           m.id AS m_id, m.code AS m_code, m.kind AS m_kind, m.name AS m_name,
           (SELECT count(*)::int FROM cycle_stages_effective s
             WHERE s.cycle_id = c.id AND s.done_on IS NULL AND s.due_on < current_date) AS late,
           n.kind AS next_kind, n.due_on::text AS next_due,
           (SELECT count(*)::int FROM recommendations r WHERE r.cycle_id = c.id) AS recommendations
      FROM reporting_cycles c
      JOIN mechanisms m ON m.id = c.mechanism_id
      LEFT JOIN LATERAL (
        SELECT s.kind, s.due_on FROM cycle_stages_effective s
         WHERE s.cycle_id = c.id AND s.done_on IS NULL AND s.due_on >= current_date
         ORDER BY s.due_on LIMIT 1) n ON true
     WHERE (${opts.mechanismId ?? null}::bigint IS NULL OR c.mechanism_id = ${opts.mechanismId ?? null}::bigint)
     ORDER BY m.position, c.number DESC NULLS LAST, c.id DESC`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    title: r.title,
    number: r.number,
    stateCode: r.state_code,
    mechanism: { id: r.m_id, code: r.m_code, kind: r.m_kind, name: r.m_name },
    late: r.late,
    next: r.next_kind && r.next_due ? { kind: r.next_kind, dueOn: r.next_due } : null,
    recommendations: r.recommendations,
  }));
}

export interface CycleDocument {
  id: string;
  kind: CycleDocumentKind;
  symbol: string | null;
  title: Translated;
  issuedOn: string | null;
  url: string | null;
  file: { id: string; filename: string; sizeBytes: number } | null;
  organisation: { slug: string; name: Translated } | null;
}

export interface CycleDetail {
  id: string;
  title: Translated;
  description: Translated;
  number: number | null;
  stateCode: string;
  mechanism: MechanismRef;
  stages: Stage[];
  documents: CycleDocument[];
  meetings: {
    meetingId: string;
    itemId: string;
    number: number;
    title: Translated;
    startsAt: Date;
    itemTitle: Translated;
  }[];
  recommendationsByStatus: { status: RecommendationStatus; count: number }[];
  /** When it, its stages or its documents last changed. */
  updatedAt: Date;
}

/**
 * A cycle's page: four queries whatever it holds. Its meetings are those the reader may see (the
 * meetings domain decides).
 */
export async function cycleById(db: Db, reader: Reader, id: string): Promise<CycleDetail | undefined> {
  const c = await db
    .selectFrom('reporting_cycles as c')
    .innerJoin('mechanisms as m', 'm.id', 'c.mechanism_id')
    .select([
      'c.id',
      'c.title',
      'c.description',
      'c.number',
      'c.state_code',
      'c.updated_at',
      'm.id as m_id',
      'm.code as m_code',
      'm.kind as m_kind',
      'm.name as m_name',
      sql<
        {
          kind: CycleStageKind;
          due_on: string | null;
          done_on: string | null;
          ends_on: string | null;
          note: Translated;
        }[]
      >`(SELECT coalesce(json_agg(json_build_object('kind', s.kind, 'due_on', s.due_on, 'done_on', s.done_on,
              'ends_on', s.ends_on, 'note', s.note)), '[]') FROM cycle_stages_effective s WHERE s.cycle_id = c.id)`.as(
        'stages',
      ),
    ])
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!c) return undefined;
  const [documents, meetings, statuses] = await Promise.all([
    db
      .selectFrom('cycle_documents as d')
      .select([
        'd.id',
        'd.kind',
        'd.symbol',
        'd.title',
        'd.issued_on',
        'd.url',
        fileColumn('d.file_id', 'id').$castTo<string | null>().as('file_id'),
        fileColumn('d.file_id', 'filename').$castTo<string | null>().as('filename'),
        fileColumn('d.file_id', 'sizeBytes').$castTo<string | null>().as('size_bytes'),
        organisationColumn('d.organisation_id', 'slug').$castTo<string | null>().as('org_slug'),
        organisationColumn('d.organisation_id', 'name').$castTo<Translated | null>().as('org_name'),
      ])
      .where('d.cycle_id', '=', id)
      .orderBy(sql`d.issued_on DESC NULLS LAST`)
      .orderBy('d.id')
      .execute(),
    agendaItemsOfCycle(db, reader, id),
    db
      .selectFrom('recommendations')
      .select(['status', sql<number>`count(*)::int`.as('count')])
      .where('cycle_id', '=', id)
      .groupBy('status')
      .execute(),
  ]);
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    number: c.number,
    stateCode: c.state_code,
    mechanism: { id: c.m_id, code: c.m_code, kind: c.m_kind, name: c.m_name },
    stages: stagesInOrder(c.stages, today()),
    documents: documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      symbol: d.symbol,
      title: d.title,
      issuedOn: d.issued_on,
      url: d.url,
      file: d.file_id && d.filename ? { id: d.file_id, filename: d.filename, sizeBytes: Number(d.size_bytes) } : null,
      organisation: d.org_slug && d.org_name ? { slug: d.org_slug, name: d.org_name } : null,
    })),
    meetings: meetings.map((m) => ({
      meetingId: m.meetingId,
      itemId: m.itemId,
      number: m.number,
      title: m.title,
      startsAt: m.starts_at,
      itemTitle: m.itemTitle,
    })),
    recommendationsByStatus: statuses.map((s) => ({ status: s.status, count: Number(s.count) })),
    updatedAt: c.updated_at,
  };
}

/** A cycle's stored row, to fill its edit form; undefined if there is none. */
export async function cycleForEdit(db: Db, id: string) {
  return db.selectFrom('reporting_cycles').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A cycle's id and title (what its edit form names); undefined if there is none. */
export async function cycleHeading(db: Db, id: string) {
  return db.selectFrom('reporting_cycles').select(['id', 'title']).where('id', '=', id).executeTakeFirst();
}

/** Does the cycle exist? (`db` may be a transaction.) */
export async function cycleExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('reporting_cycles').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** What a cycle's page offers staff: organisations (document authors) and agenda items not yet in the cycle. */
export async function cycleStaffOptions(db: Db, reader: Reader, cycleId: string) {
  return Promise.all([
    organisationChoices(db),
    agendaItemOptions(db, reader, { limit: 300, includeDrafts: true, notInCycle: cycleId }),
  ]);
}

/** The dated stages of every cycle, or of one, with what a calendar event shows. */
export async function calendarStages(db: Db, cycleId: string | undefined) {
  return db
    .selectFrom('cycle_stages as s')
    .innerJoin('reporting_cycles as c', 'c.id', 's.cycle_id')
    .innerJoin('mechanisms as m', 'm.id', 'c.mechanism_id')
    .select([
      's.id',
      's.kind',
      's.due_on',
      's.done_on',
      's.ends_on',
      'c.id as cycle_id',
      'c.title',
      'c.state_code',
      'm.code',
    ])
    .$if(cycleId !== undefined, (q) => q.where('c.id', '=', cycleId ?? ''))
    .orderBy('s.id')
    .execute();
}
