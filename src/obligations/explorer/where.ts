import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import { changedSince } from '../../core/http/api-list.ts';
import { correctQuery, type TextMatchInput, textMatch } from '../../core/search/match.ts';
import type { Corrections } from '../../core/search/typos.ts';
import { themesBySlugs } from '../../core/themes.ts';
import { organisationsBySlugs } from '../../organisations/index.ts';
import { type ExplorerFilter, FACETS, type Facet } from './filter.ts';

/*
 * The explorer's WHERE clause: built once from the filter and shared by the page, the facet counts
 * (facets.ts), the CSV export and the API.
 */

/** What is counted: each facet, the priority flag, and SDG targets (listed under their goals). */
export const COLUMNS = {
  state: { column: 'r.state_code', kind: 'code' },
  mechanism: { column: 'r.mechanism_id', kind: 'id' },
  cycle: { column: 'r.cycle_id', kind: 'id' },
  theme: { column: 'r.theme_ids', kind: 'ids' },
  group: { column: 'r.affected_group_ids', kind: 'ids' },
  sdg: { column: 'r.sdg_goals', kind: 'ids' },
  response: { column: 'r.response', kind: 'code' },
  status: { column: 'r.status', kind: 'code' },
  body: { column: 'r.responsible_ids', kind: 'ids' },
  year: { column: 'r.year', kind: 'code' },
  priority: { column: 'r.priority', kind: 'code' },
  sdgTarget: { column: 'r.sdg_targets', kind: 'targets' },
} as const satisfies Record<
  Facet | 'priority' | 'sdgTarget',
  { column: string; kind: 'code' | 'id' | 'ids' | 'targets' }
>;
export type Key = keyof typeof COLUMNS;
/** What a selection can be made in: the facets and the priority flag. */
export type Counted = Facet | 'priority';
export const COUNTED = [...FACETS, 'priority'] as const satisfies readonly Counted[];

/**
 * A filter with the ids its mechanism codes and slugs name, and its query's typo corrections (looked
 * up once, core/search) with the query as searched when a word was corrected.
 */
export type ResolvedFilter = ExplorerFilter & {
  ids: Record<'mechanism' | 'theme' | 'group' | 'body', string[]>;
  corrections: Corrections;
  searchedFor: string | null;
};

/**
 * Looks up the ids of the filter's mechanism codes and slugs (one query), and leaves out those
 * that name nothing, reporting their parameters. With ids as literals the planner estimates each
 * condition from its statistics, and chooses its plans to match.
 */
export async function resolveFilter(db: Db, f: ExplorerFilter): Promise<{ filter: ResolvedFilter; unknown: string[] }> {
  const named = sql<{ kind: 'mechanism' | 'theme' | 'group' | 'body'; id: string; key: string }>`
    SELECT 'mechanism' AS kind, id::text AS id, code AS key FROM mechanisms WHERE code = ANY(${f.mechanism}::text[])
    UNION ALL SELECT 'theme', id::text, slug FROM ${themesBySlugs(sql`${f.theme}::text[]`)} t
    UNION ALL SELECT 'group', id::text, slug FROM affected_groups WHERE slug = ANY(${f.group}::text[])
    UNION ALL SELECT 'body', id::text, slug FROM ${organisationsBySlugs(sql`${f.body}::text[]`)} o`.execute(db);
  const [r, { corrections, searchedFor }] = await Promise.all([named, correctQuery(db, f.q)]);
  const ids: ResolvedFilter['ids'] = { mechanism: [], theme: [], group: [], body: [] };
  const known: ResolvedFilter['ids'] = { mechanism: [], theme: [], group: [], body: [] };
  for (const row of r.rows) {
    ids[row.kind].push(row.id);
    known[row.kind].push(row.key);
  }
  const kinds = ['mechanism', 'theme', 'group', 'body'] as const;
  const unknown = kinds.filter((k) => f[k].some((v) => !known[k].includes(v)));
  return {
    filter: {
      ...f,
      mechanism: known.mechanism,
      theme: known.theme,
      group: known.group,
      body: known.body,
      ids,
      corrections,
      searchedFor,
    },
    unknown,
  };
}

/** The condition of one facet's selection (undefined when nothing is selected in it). */
export function facetCondition(f: ResolvedFilter, facet: Counted): RawBuilder<SqlBool> | undefined {
  switch (facet) {
    case 'state':
      return f.state.length ? sql<SqlBool>`r.state_code = ANY(${f.state}::text[])` : undefined;
    case 'mechanism':
      return f.mechanism.length ? sql<SqlBool>`r.mechanism_id = ANY(${f.ids.mechanism}::bigint[])` : undefined;
    case 'cycle':
      return f.cycle.length ? sql<SqlBool>`r.cycle_id = ANY(${f.cycle}::bigint[])` : undefined;
    case 'theme':
      return f.theme.length ? sql<SqlBool>`r.theme_ids && ${f.ids.theme}::bigint[]` : undefined;
    case 'group':
      return f.group.length ? sql<SqlBool>`r.affected_group_ids && ${f.ids.group}::bigint[]` : undefined;
    case 'body':
      return f.body.length ? sql<SqlBool>`r.responsible_ids && ${f.ids.body}::bigint[]` : undefined;
    case 'sdg': {
      const goals = f.sdg.filter((s) => !s.includes('.')).map(Number);
      const targets = f.sdg.filter((s) => s.includes('.'));
      const parts: RawBuilder<SqlBool>[] = [];
      if (goals.length) parts.push(sql<SqlBool>`r.sdg_goals && ${goals}::smallint[]`);
      if (targets.length) parts.push(sql<SqlBool>`r.sdg_targets && ${targets}::text[]`);
      return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` OR `)})` : undefined;
    }
    case 'response': {
      if (!f.response.length) return undefined;
      const given = f.response.filter((r) => r !== 'none');
      const none = f.response.includes('none');
      if (!given.length) return sql<SqlBool>`r.response IS NULL`;
      return none
        ? sql<SqlBool>`(r.response = ANY(${given}::text[]) OR r.response IS NULL)`
        : sql<SqlBool>`r.response = ANY(${given}::text[])`;
    }
    case 'status':
      return f.status.length ? sql<SqlBool>`r.status = ANY(${f.status}::text[])` : undefined;
    case 'year':
      return f.year.length ? sql<SqlBool>`r.year = ANY(${f.year}::smallint[])` : undefined;
    case 'priority':
      return f.priority ? sql<SqlBool>`r.priority` : undefined;
  }
}

/** What the one search (core/search, decision 0018) is asked over recommendations. */
export function searchInput(f: ExplorerFilter & { q: string; corrections?: Corrections }, id = 'r.id'): TextMatchInput {
  return {
    kind: 'recommendation',
    q: f.q,
    lang: f.lang,
    id,
    only: f.searchIn === 'all' ? undefined : f.searchIn,
    corrections: f.corrections,
  };
}

/** The one search over recommendations: its condition and its rank. */
export function textSearch(f: ExplorerFilter & { q: string; corrections?: Corrections }, id = 'r.id') {
  return textMatch(searchInput(f, id));
}

/**
 * The text search's condition: any of the three languages, or the one asked for. A statement that
 * reads the matches several times (facets.ts) gives them once, as `matched` (e.g. from a CTE).
 */
function searchCondition(f: ResolvedFilter, matched?: RawBuilder<SqlBool>): RawBuilder<SqlBool> | undefined {
  if (!f.q) return undefined;
  return matched ?? textSearch({ ...f, q: f.q }).where;
}

const NEWEST = sql`r.adopted_on DESC NULLS LAST, r.id DESC`;
/** How many of the newest matches are ranked by relevance (as core search ranks a window of them). */
export const RANKED = 1_000;

/**
 * A page of the filter's matches with `columns` of r (recommendations) and m (their mechanism), newest
 * first; when searching, the RANKED newest matches come first, the most relevant first, then the rest
 * by date. Relevance is computed for those only (each costs a look-up of the record's terms), so that a
 * common word costs no more than a rare one; the order is one for every page.
 */
/** One page of matches: at most `limit` of them, after the first `offset`. */
export type Slice = { limit: number; offset: number };

export function pageOf(f: ResolvedFilter, columns: RawBuilder<unknown>, page: Slice) {
  const from = sql`recommendations r JOIN mechanisms m ON m.id = r.mechanism_id`;
  if (!f.q)
    return sql`SELECT ${columns} FROM ${from} WHERE ${whereOf(f)}
      ORDER BY ${NEWEST} LIMIT ${page.limit} OFFSET ${page.offset}`;
  // The page is chosen from the matches' ids and dates alone (the facets' index covers them, migration
  // 202612070610), and only its rows are read whole.
  return sql`SELECT ${columns}
      FROM (${rankedPage({ ...f, q: f.q }, sql`recommendations r`, whereOf(f), page)}) p
      JOIN ${from} ON r.id = p.match_id
     ORDER BY p.score DESC NULLS LAST, p.newest`;
}

/**
 * The ids of a page of a search's matches (match_id), with their place by date (newest) and their
 * relevance (score): `where` picks the matches out of `source` (aliased r, with r.id and r.adopted_on).
 */
export function rankedPage(
  f: ResolvedFilter & { q: string },
  source: RawBuilder<unknown>,
  where: RawBuilder<SqlBool>,
  page: Slice,
) {
  return sql`SELECT w.match_id, w.newest,
                   CASE WHEN w.newest <= ${RANKED} THEN ${textSearch(f, 'w.match_id').rank} END AS score
              FROM (SELECT r.id AS match_id, row_number() OVER (ORDER BY ${NEWEST}) AS newest
                      FROM ${source} WHERE ${where}) w
             ORDER BY score DESC NULLS LAST, w.newest
             LIMIT ${page.limit} OFFSET ${page.offset}`;
}

/** A recommendation changed since: itself, an action on it (or its cluster), a progress report, an assessment. */
function recommendationChangedSince(since: Date): RawBuilder<SqlBool> {
  const actions = sql`implementation_actions a WHERE a.recommendation_id = r.id OR (r.cluster_id IS NOT NULL AND a.cluster_id = r.cluster_id)`;
  return changedSince(since, [
    'r.updated_at',
    sql`(SELECT max(a.updated_at) FROM ${actions})`,
    sql`(SELECT max(p.created_at) FROM action_progress_reports p WHERE p.action_id IN (SELECT a.id FROM ${actions}))`,
    sql`(SELECT max(s.updated_at) FROM recommendation_assessments s WHERE s.recommendation_id = r.id)`,
  ]);
}

/** The conditions of the filter, leaving out the selection of `except` (for its counts). */
export function conditionsOf(
  f: ResolvedFilter,
  except?: Counted,
  matched?: RawBuilder<SqlBool>,
): RawBuilder<SqlBool>[] {
  const search = searchCondition(f, matched);
  return [
    ...COUNTED.filter((k) => k !== except)
      .map((k) => facetCondition(f, k))
      .filter((c): c is RawBuilder<SqlBool> => c !== undefined),
    ...(f.session ? [sql<SqlBool>`r.session = ${f.session}`] : []),
    ...(search ? [search] : []),
    ...(f.updatedSince ? [recommendationChangedSince(f.updatedSince)] : []),
  ];
}

/** The WHERE clause of the filter, leaving out the selection of `except`. */
export function whereOf(f: ResolvedFilter, except?: Counted, matched?: RawBuilder<SqlBool>): RawBuilder<SqlBool> {
  const parts = conditionsOf(f, except, matched);
  return parts.length ? sql<SqlBool>`${sql.join(parts, sql` AND `)}` : sql<SqlBool>`true`;
}
