import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import { CYCLE_STAGE_KINDS } from '../../core/db/schema-obligations.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { themesJson } from '../../core/themes.ts';
import { organisationJson, organisationsJson } from '../../organisations/index.ts';
import { publicProposalsJson } from '../../proposals/index.ts';
import type { RecommendationFields } from '../queries.ts';
import { conditionsOf, pageOf, type ResolvedFilter, type Slice, whereOf } from './where.ts';

/*
 * The explorer's rows and records: a page of matches, their count, the records of the API and the
 * CSV export, one recommendation, the reporting cycles. The WHERE clause is where.ts's; the facet
 * counts are facets.ts's.
 */

import type { FacetIndex } from './facet-index.ts';
import { countsAndPage, type FacetCounts, facetCounts } from './facets.ts';
import type { ExplorerFilter } from './filter.ts';
import { indexPage } from './index-page.ts';
import { resolveFilter } from './where.ts';

export type { ResolvedFilter };
// The API (../api.ts) asks these of this module.
export { facetCounts, resolveFilter };

export interface ExplorerRow extends RecommendationFields {
  mechanismCode: string;
  mechanismName: Translated;
  cycleId: string | null;
  cycleTitle: Translated | null;
}

const ROW_COLUMNS = sql`r.id::text AS id, r.state_code AS "stateCode", m.code AS "mechanismCode",
  m.name AS "mechanismName", r.cycle_id::text AS "cycleId",
  (SELECT c.title FROM reporting_cycles c WHERE c.id = r.cycle_id) AS "cycleTitle", r.symbol, r.paragraph, r.adopted_on AS "adoptedOn",
  r.session, r.text, r.recommending_state AS "recommendingState", r.response, r.status, r.priority`;

/** One page of matches, the most relevant first when searching, else the newest (one query). */
export async function explorerRows(db: Db, f: ResolvedFilter, page: Slice): Promise<ExplorerRow[]> {
  const r = await sql<ExplorerRow>`${pageOf(f, ROW_COLUMNS, page)}`.execute(db);
  return r.rows;
}

/** These recommendations with `columns`, in the order given (one query). */
async function rowsByIds<T>(db: Db, columns: RawBuilder<unknown>, ids: string[]): Promise<T[]> {
  if (ids.length === 0) return [];
  const r = await sql<T>`SELECT ${columns}
      FROM unnest(${ids}::bigint[]) WITH ORDINALITY p(match_id, position)
      JOIN recommendations r ON r.id = p.match_id JOIN mechanisms m ON m.id = r.mechanism_id
     ORDER BY p.position`.execute(db);
  return r.rows;
}

/**
 * A page of rows (`columns`) and every count. With the facet index (`ix`, decision 0030), counted in
 * memory (index-page.ts). Without it, in PostgreSQL: without a search, side by side; with one, the
 * counts' statement also picks the page's ids from the matches it reads (countsAndPage), and only the
 * page's rows are read after it: a common word's matches are read once, not twice.
 */
async function pageAndCounts<T>(
  db: Db,
  f: ResolvedFilter,
  columns: RawBuilder<unknown>,
  page: Slice,
  ix: FacetIndex | undefined,
): Promise<{ rows: T[]; counts: FacetCounts }> {
  const indexed = usable(ix, f);
  if (indexed) {
    const p = await indexPage(db, indexed, f, page);
    const [rows, counts] = await Promise.all([
      rowsByIds<T>(db, columns, p.ids),
      (p.counts as () => Promise<FacetCounts>)(),
    ]);
    return { rows, counts };
  }
  if (!f.q) {
    const [rows, counts] = await Promise.all([
      sql<T>`${pageOf(f, columns, page)}`.execute(db).then((r) => r.rows),
      facetCounts(db, f),
    ]);
    return { rows, counts };
  }
  const { counts, ids } = await countsAndPage(db, f, page);
  return { rows: await rowsByIds<T>(db, columns, ids ?? []), counts };
}

/** The facet index, when it can answer for this filter (the API's changes feed is answered by PostgreSQL). */
const usable = (ix: FacetIndex | undefined, f: ResolvedFilter) => (f.updatedSince ? undefined : ix);

/**
 * The explorer's page: a fixed number of queries whatever the filters — the ids the filter names,
 * then the page of rows and every count (pageAndCounts).
 */
export async function explorerPage(
  db: Db,
  f: ExplorerFilter,
  page: Slice,
  ix?: FacetIndex,
): Promise<{ filter: ResolvedFilter; unknown: string[]; rows: ExplorerRow[]; counts: FacetCounts }> {
  const { filter, unknown } = await resolveFilter(db, f);
  const { rows, counts } = await pageAndCounts<ExplorerRow>(db, filter, ROW_COLUMNS, page, ix);
  return { filter, unknown, rows, counts };
}

/** How many recommendations match (one query; the whole collection's from its kept counts). */
export async function explorerCount(db: Db, f: ResolvedFilter): Promise<number> {
  const r =
    conditionsOf(f).length === 0
      ? await sql<{
          n: number;
        }>`SELECT coalesce(sum(n), 0)::int AS n FROM recommendation_facet_counts WHERE facet = 'total'`.execute(db)
      : await sql<{ n: number }>`SELECT count(*)::int AS n FROM recommendations r WHERE ${whereOf(f)}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Everything the API and the CSV export give about a recommendation. */
export interface RecommendationRecord extends ExplorerRow {
  sourceKey: string;
  cycle: { id: string; title: Translated; number: number | null } | null;
  themes: { slug: string; name: Translated }[];
  affectedGroups: { slug: string; name: Translated }[];
  sdgTargets: string[];
  responsibleBodies: { slug: string; name: Translated }[];
  clusterId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const RECORD_COLUMNS = sql`${ROW_COLUMNS}, r.source_key AS "sourceKey", r.sdg_targets AS "sdgTargets",
  r.cluster_id::text AS "clusterId", r.created_at AS "createdAt", r.updated_at AS "updatedAt",
  (SELECT jsonb_build_object('id', c.id::text, 'title', c.title, 'number', c.number)
     FROM reporting_cycles c WHERE c.id = r.cycle_id) AS cycle,
  ${themesJson(sql.ref('r.theme_ids'), ['slug', 'name'])} AS themes,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('slug', g.slug, 'name', g.name) ORDER BY g.id), '[]')
     FROM affected_groups g WHERE g.id = ANY(r.affected_group_ids)) AS "affectedGroups",
  ${organisationsJson('r.responsible_ids', ['slug', 'name'])} AS "responsibleBodies"`;

/** A page of matches with their themes, groups, SDG targets and bodies, in the page's order, and their number. */
export async function recordRowsAndTotal(
  db: Db,
  f: ResolvedFilter,
  page: Slice,
  ix?: FacetIndex,
): Promise<{ rows: RecommendationRecord[]; total: number }> {
  const indexed = usable(ix, f);
  if (indexed) {
    const p = await indexPage(db, indexed, f, page, { counts: false });
    return { rows: await rowsByIds<RecommendationRecord>(db, RECORD_COLUMNS, p.ids), total: p.total };
  }
  const [rows, total] = await Promise.all([
    sql<RecommendationRecord>`${pageOf(f, RECORD_COLUMNS, page)}`.execute(db).then((r) => r.rows),
    explorerCount(db, f),
  ]);
  return { rows, total };
}

/** The API's page of records with every count (as the explorer's page: pageAndCounts). */
export function recordRowsAndCounts(
  db: Db,
  f: ResolvedFilter,
  page: Slice,
  ix?: FacetIndex,
): Promise<{ rows: RecommendationRecord[]; counts: FacetCounts }> {
  return pageAndCounts<RecommendationRecord>(db, f, RECORD_COLUMNS, page, ix);
}

/**
 * Every match's id, in id order (one query; numbers, 8 bytes each, not strings). The CSV export then reads the records by these ids
 * in batches: a keyset walk with a LIMIT would let the planner walk the primary key past most rows
 * of a selective filter, batch after batch.
 */
export async function matchingIds(db: Db, f: ResolvedFilter, ix?: FacetIndex): Promise<Float64Array> {
  const indexed = usable(ix, f);
  if (indexed)
    return (
      (await indexPage(db, indexed, f, { limit: 0, offset: 0 }, { all: true, counts: false })).all ??
      new Float64Array(0)
    );
  const r = await sql<{
    id: string;
  }>`SELECT r.id::text AS id FROM recommendations r WHERE ${whereOf(f)} ORDER BY r.id`.execute(db);
  return Float64Array.from(r.rows, (x) => Number(x.id));
}

/**
 * A CSV line's fields of these recommendations, in id order (one query): plain columns only. Their
 * cycles, themes, groups and bodies are ids (comma-separated), named by `csvNames` once per export, and
 * their texts one column per language: nothing for PostgreSQL to build per row, nor for Node to parse
 * as JSON (at 270,000 recommendations, building each row's jsonb of names took most of the export).
 */
export interface CsvFields {
  id: string;
  stateCode: string;
  mechanismCode: string;
  cycleId: string | null;
  symbol: string | null;
  paragraph: string | null;
  adoptedOn: string | null;
  session: string | null;
  recommendingState: string | null;
  response: string | null;
  status: string;
  priority: boolean;
  themeIds: string;
  groupIds: string;
  sdgTargets: string;
  bodyIds: string;
  textKk: string | null;
  textRu: string | null;
  textEn: string | null;
}

export async function csvFieldsByIds(db: Db, ids: string[]): Promise<CsvFields[]> {
  const r = await sql<CsvFields>`
    SELECT r.id::text AS id, r.state_code AS "stateCode", m.code AS "mechanismCode", r.cycle_id::text AS "cycleId",
           r.symbol, r.paragraph, r.adopted_on AS "adoptedOn", r.session, r.recommending_state AS "recommendingState",
           r.response, r.status, r.priority,
           array_to_string(r.theme_ids, ',') AS "themeIds", array_to_string(r.affected_group_ids, ',') AS "groupIds",
           array_to_string(r.sdg_targets, '; ', '') AS "sdgTargets", array_to_string(r.responsible_ids, ',') AS "bodyIds",
           r.text ->> 'kk' AS "textKk", r.text ->> 'ru' AS "textRu", r.text ->> 'en' AS "textEn"
      FROM recommendations r JOIN mechanisms m ON m.id = r.mechanism_id
     WHERE r.id = ANY(${ids}::bigint[])
     ORDER BY r.id`.execute(db);
  return r.rows;
}

/** Ids of cycles, themes, affected groups and responsible bodies. */
export interface CsvNamed {
  cycles: string[];
  themes: string[];
  groups: string[];
  bodies: string[];
}

/** The translated names of these cycles (titles), themes, groups and bodies, by id (one query). */
export async function csvNames(db: Db, ids: CsvNamed): Promise<Record<keyof CsvNamed, Map<string, Translated>>> {
  const r = await sql<Record<keyof CsvNamed, { id: string; name: Translated }[]>>`
    SELECT (SELECT coalesce(jsonb_agg(jsonb_build_object('id', c.id::text, 'name', c.title)), '[]')
              FROM reporting_cycles c WHERE c.id = ANY(${ids.cycles}::bigint[])) AS cycles,
           ${themesJson(sql`${ids.themes}::bigint[]`, ['id', 'name'])} AS themes,
           (SELECT coalesce(jsonb_agg(jsonb_build_object('id', g.id::text, 'name', g.name)), '[]')
              FROM affected_groups g WHERE g.id = ANY(${ids.groups}::bigint[])) AS groups,
           ${organisationsJson(sql`${ids.bodies}::bigint[]`, ['id', 'name'])} AS bodies`.execute(db);
  const row = r.rows[0];
  const byId = (list: { id: string; name: Translated }[] | undefined) => new Map(list?.map((x) => [x.id, x.name]));
  return { cycles: byId(row?.cycles), themes: byId(row?.themes), groups: byId(row?.groups), bodies: byId(row?.bodies) };
}

export interface RecommendationDetail extends RecommendationRecord {
  clusterTitle: Translated | null;
  actions: {
    id: string;
    title: Translated;
    responsible: { slug: string; name: Translated };
    deadline: string | null;
    status: string;
    forCluster: boolean;
    progressReports: number;
  }[];
  assessments: {
    side: string;
    level: string;
    organisation: { slug: string; name: Translated };
    reasons: Translated;
    assessedOn: string;
  }[];
  proposals: { id: string; title: Translated; status: string }[];
}

/** One recommendation with its actions, assessments and linked proposals (one query). */
export async function recommendationDetail(db: Db, id: string): Promise<RecommendationDetail | undefined> {
  const r = await sql<RecommendationDetail>`
    SELECT ${RECORD_COLUMNS},
      (SELECT k.title FROM recommendation_clusters k WHERE k.id = r.cluster_id) AS "clusterTitle",
      (SELECT coalesce(jsonb_agg(jsonb_build_object('id', a.id::text, 'title', a.title,
                'responsible', ${organisationJson('a.responsible_id', ['slug', 'name'])}, 'deadline', a.deadline,
                'status', a.status, 'forCluster', a.cluster_id IS NOT NULL,
                'progressReports', (SELECT count(*) FROM action_progress_reports p WHERE p.action_id = a.id))
              ORDER BY a.deadline NULLS LAST, a.id), '[]')
         FROM implementation_actions a
        WHERE a.recommendation_id = r.id OR (r.cluster_id IS NOT NULL AND a.cluster_id = r.cluster_id)) AS actions,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('side', s.side, 'level', s.level,
                'organisation', ${organisationJson('s.organisation_id', ['slug', 'name'])}, 'reasons', s.reasons,
                'assessedOn', s.assessed_on) ORDER BY s.side, s.assessed_on DESC, s.id), '[]')
         FROM recommendation_assessments s
        WHERE s.recommendation_id = r.id) AS assessments,
      ${publicProposalsJson(sql`(SELECT rp.proposal_id FROM recommendation_proposals rp WHERE rp.recommendation_id = r.id)`)} AS proposals
      FROM recommendations r JOIN mechanisms m ON m.id = r.mechanism_id
     WHERE r.id = ${id}`.execute(db);
  return r.rows[0];
}

export interface CycleRecord {
  id: string;
  updatedAt: Date;
  stateCode: string;
  mechanism: { code: string; name: Translated };
  title: Translated;
  number: number | null;
  description: Translated;
  stages: { kind: string; dueOn: string | null; doneOn: string | null; endsOn: string | null; late: boolean }[];
  recommendations: number;
}

/** Reporting cycles, newest first, with their stages (one query) and their number (one more). */
export async function cycleList(
  db: Db,
  f: { state: string[]; mechanism: string[]; updatedSince?: Date | undefined },
  page: Slice,
): Promise<{ items: CycleRecord[]; total: number }> {
  const parts: RawBuilder<SqlBool>[] = [];
  // A cycle's time moves with its stages and documents too (a trigger, migration 202612070500).
  if (f.updatedSince) parts.push(sql<SqlBool>`c.updated_at >= ${f.updatedSince}`);
  if (f.state.length) parts.push(sql<SqlBool>`c.state_code = ANY(${f.state}::text[])`);
  if (f.mechanism.length) parts.push(sql<SqlBool>`m.code = ANY(${f.mechanism}::text[])`);
  const where = parts.length ? sql.join(parts, sql` AND `) : sql`true`;
  const [items, total] = await Promise.all([
    sql<CycleRecord>`
      SELECT c.id::text AS id, c.updated_at AS "updatedAt", c.state_code AS "stateCode", jsonb_build_object('code', m.code, 'name', m.name) AS mechanism,
             c.title, c.number, c.description,
             (SELECT coalesce(jsonb_agg(jsonb_build_object('kind', s.kind, 'dueOn', s.due_on, 'doneOn', s.done_on,
                       'endsOn', s.ends_on, 'late', s.done_on IS NULL AND s.due_on < current_date)
                     ORDER BY array_position(${[...CYCLE_STAGE_KINDS]}::text[], s.kind)), '[]')
                FROM cycle_stages_effective s WHERE s.cycle_id = c.id) AS stages,
             (SELECT count(*)::int FROM recommendations r WHERE r.cycle_id = c.id) AS recommendations
        FROM reporting_cycles c JOIN mechanisms m ON m.id = c.mechanism_id
       WHERE ${where}
       ORDER BY c.created_at DESC, c.id DESC
       LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM reporting_cycles c JOIN mechanisms m ON m.id = c.mechanism_id
       WHERE ${where}`.execute(db),
  ]);
  return { items: items.rows, total: total.rows[0]?.n ?? 0 };
}
