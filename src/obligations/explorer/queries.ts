import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import {
  CYCLE_STAGE_KINDS,
  type RecommendationResponse,
  type RecommendationStatus,
} from '../../core/db/schema-obligations.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { publicProposals } from '../../proposals/index.ts';
import { type ExplorerFilter, FACETS, type Facet } from './filter.ts';

/*
 * The explorer's SQL. One WHERE clause is built from the filter and shared by the page, the facet
 * counts, the CSV export and the API. Facet counts are disjunctive, as faceted search usually is:
 * a facet's own selection is left out when counting that facet, so its other values show how many
 * recommendations choosing them too would add; every other selection applies. All counts come
 * from one statement: one pass over the filtered rows for the facets nobody selected, plus one pass
 * per selected facet; array columns are grouped whole first (a few thousand distinct lists) and
 * only then unnested.
 */

/** What is counted: each facet, the priority flag, and SDG targets (listed under their goals). */
const COLUMNS = {
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
type Key = keyof typeof COLUMNS;
/** What a selection can be made in: the facets and the priority flag. */
type Counted = Facet | 'priority';
const COUNTED = [...FACETS, 'priority'] as const satisfies readonly Counted[];

/** Cycles, responsible bodies and themes list at most this many values (and the selected ones). */
export const LONG_LIST = 40;

const TS_CONFIG = { kk: 'simple', ru: 'russian', en: 'english' } as const;

/** A filter with the ids its mechanism codes and slugs name. */
export type ResolvedFilter = ExplorerFilter & { ids: Record<'mechanism' | 'theme' | 'group' | 'body', string[]> };

/**
 * Looks up the ids of the filter's mechanism codes and slugs (one query), and leaves out those
 * that name nothing, reporting their parameters. With ids as literals the planner estimates each
 * condition from its statistics, and chooses its plans to match.
 */
export async function resolveFilter(db: Db, f: ExplorerFilter): Promise<{ filter: ResolvedFilter; unknown: string[] }> {
  const r = await sql<{ kind: 'mechanism' | 'theme' | 'group' | 'body'; id: string; key: string }>`
    SELECT 'mechanism' AS kind, id::text AS id, code AS key FROM mechanisms WHERE code = ANY(${f.mechanism}::text[])
    UNION ALL SELECT 'theme', id::text, slug FROM themes WHERE slug = ANY(${f.theme}::text[])
    UNION ALL SELECT 'group', id::text, slug FROM affected_groups WHERE slug = ANY(${f.group}::text[])
    UNION ALL SELECT 'body', id::text, slug FROM organisations WHERE slug = ANY(${f.body}::text[])`.execute(db);
  const ids: ResolvedFilter['ids'] = { mechanism: [], theme: [], group: [], body: [] };
  const known: ResolvedFilter['ids'] = { mechanism: [], theme: [], group: [], body: [] };
  for (const row of r.rows) {
    ids[row.kind].push(row.id);
    known[row.kind].push(row.key);
  }
  const kinds = ['mechanism', 'theme', 'group', 'body'] as const;
  const unknown = kinds.filter((k) => f[k].some((v) => !known[k].includes(v)));
  return {
    filter: { ...f, mechanism: known.mechanism, theme: known.theme, group: known.group, body: known.body, ids },
    unknown,
  };
}

/** The condition of one facet's selection (undefined when nothing is selected in it). */
function facetCondition(f: ResolvedFilter, facet: Counted): RawBuilder<SqlBool> | undefined {
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

/** The text search's condition: the page's language, or any of the three. */
function searchCondition(f: ResolvedFilter): RawBuilder<SqlBool> | undefined {
  if (!f.q) return undefined;
  const langs = f.searchIn === 'all' ? (['kk', 'ru', 'en'] as const) : [f.searchIn];
  const each = langs.map(
    (l) => sql<SqlBool>`${sql.ref(`r.search_${l}`)} @@ websearch_to_tsquery(${sql.lit(TS_CONFIG[l])}, ${f.q})`,
  );
  return sql<SqlBool>`(${sql.join(each, sql` OR `)})`;
}

/** The conditions of the filter, leaving out the selection of `except` (for its counts). */
function conditionsOf(f: ResolvedFilter, except?: Counted): RawBuilder<SqlBool>[] {
  const search = searchCondition(f);
  return [
    ...COUNTED.filter((k) => k !== except)
      .map((k) => facetCondition(f, k))
      .filter((c): c is RawBuilder<SqlBool> => c !== undefined),
    ...(f.session ? [sql<SqlBool>`r.session = ${f.session}`] : []),
    ...(search ? [search] : []),
  ];
}

/** The WHERE clause of the filter, leaving out the selection of `except`. */
function whereOf(f: ResolvedFilter, except?: Counted): RawBuilder<SqlBool> {
  const parts = conditionsOf(f, except);
  return parts.length ? sql<SqlBool>`${sql.join(parts, sql` AND `)}` : sql<SqlBool>`true`;
}

export interface ExplorerRow {
  id: string;
  stateCode: string;
  mechanismCode: string;
  mechanismName: Translated;
  cycleId: string | null;
  cycleTitle: Translated | null;
  symbol: string | null;
  paragraph: string | null;
  adoptedOn: string | null;
  session: string | null;
  text: Translated;
  recommendingState: string | null;
  response: RecommendationResponse | null;
  status: RecommendationStatus;
  priority: boolean;
}

const ROW_COLUMNS = sql`r.id::text AS id, r.state_code AS "stateCode", m.code AS "mechanismCode",
  m.name AS "mechanismName", r.cycle_id::text AS "cycleId",
  (SELECT c.title FROM reporting_cycles c WHERE c.id = r.cycle_id) AS "cycleTitle", r.symbol, r.paragraph, r.adopted_on AS "adoptedOn",
  r.session, r.text, r.recommending_state AS "recommendingState", r.response, r.status, r.priority`;

/** One page of matches, newest first (one query). */
export async function explorerRows(
  db: Db,
  f: ResolvedFilter,
  page: { limit: number; offset: number },
): Promise<ExplorerRow[]> {
  const r = await sql<ExplorerRow>`
    SELECT ${ROW_COLUMNS}
      FROM recommendations r JOIN mechanisms m ON m.id = r.mechanism_id
     WHERE ${whereOf(f)}
     ORDER BY r.adopted_on DESC NULLS LAST, r.id DESC
     LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
  return r.rows;
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

/** One value of a facet with its count, named for display and with the value a link selects it by. */
export interface FacetValue {
  /** The query parameter's value: an ISO code, a mechanism code, a slug, an id, a year, an SDG code. */
  value: string;
  count: number;
  /** The name, for values that have one in the database (mechanisms, themes, cycles…). */
  label: Translated | null;
  /** For cycles: their State and mechanism; for SDG targets: their goal. */
  stateCode: string | null;
  mechanismCode: string | null;
  /** Mechanisms' order in the catalogue. */
  position: number | null;
}

export interface FacetCounts {
  total: number;
  facets: Record<Facet, FacetValue[]>;
  /** How many values of a long facet are not listed. */
  more: Record<Facet, number>;
  /** Matches among priority recommendations (the priority checkbox's count). */
  priority: number;
}

/** How many recommendations in all one facet's selection matches, from the roll-up (for lists, at most). */
function rolledSize(f: ResolvedFilter, facet: Counted): RawBuilder<unknown> {
  const where = (() => {
    switch (facet) {
      case 'state':
        return sql`facet = 'state' AND code = ANY(${f.state}::text[])`;
      case 'mechanism':
        return sql`facet = 'mechanism' AND id = ANY(${f.ids.mechanism}::bigint[])`;
      case 'cycle':
        return sql`facet = 'cycle' AND id = ANY(${f.cycle}::bigint[])`;
      case 'theme':
      case 'group':
      case 'body':
        return sql`facet = ${facet} AND id = ANY(${f.ids[facet]}::bigint[])`;
      case 'sdg':
        return sql`((facet = 'sdg' AND id = ANY(${f.sdg.filter((x) => !x.includes('.'))}::bigint[]))
                 OR (facet = 'sdgTarget' AND code = ANY(${f.sdg.filter((x) => x.includes('.'))}::text[])))`;
      case 'response':
        return sql`facet = 'response' AND (code = ANY(${f.response}::text[]) OR (code IS NULL AND 'none' = ANY(${f.response}::text[])))`;
      case 'status':
        return sql`facet = 'status' AND code = ANY(${f.status}::text[])`;
      case 'year':
        return sql`facet = 'year' AND code = ANY(${f.year.map(String)}::text[])`;
      case 'priority':
        return sql`facet = 'priority' AND code = 'true'`;
    }
  })();
  return sql`(SELECT coalesce(sum(n), 0) FROM recommendation_facet_counts WHERE ${where})`;
}

/**
 * A pass that groups the rows matching `where` by each of `keys` (and, in the main pass, in total);
 * with `subtract`, its counts are negative (to be taken from the whole collection's). Each pass has
 * its own conditions, so the planner can combine the indexes that suit them (a search's GIN index
 * with a facet's B-tree) rather than read every row a search matched.
 */
function pass(keys: readonly Key[], where: RawBuilder<SqlBool>, withTotal: boolean, opts: { subtract?: boolean } = {}) {
  const of = (kind: (typeof COLUMNS)[Key]['kind']) => keys.filter((k) => COLUMNS[k].kind === kind);
  // Outside its own grouping set a column is NULL, so one coalesce per kind carries the value.
  const coalesce = (list: Key[], cast: string) =>
    sql.raw(
      list.length === 0
        ? `NULL::${cast}`
        : `coalesce(${list.map((k) => `${COLUMNS[k].column}::${cast}`).join(', ')}, NULL::${cast})`,
    );
  const name =
    keys.length === 0
      ? sql.lit('total')
      : keys.length === 1 && !withTotal
        ? sql.lit(keys[0])
        : sql.raw(
            `CASE ${keys.map((k) => `WHEN GROUPING(${COLUMNS[k].column}) = 0 THEN '${k}'`).join(' ')} ELSE 'total' END`,
          );
  const sets = sql.raw([...keys.map((k) => `(${COLUMNS[k].column})`), ...(withTotal ? ['()'] : [])].join(', '));
  return sql`
    SELECT ${name} AS facet, ${coalesce(of('code'), 'text')} AS code, ${coalesce(of('id'), 'bigint')} AS id,
           ${coalesce(of('ids'), 'bigint[]')} AS ids, ${coalesce(of('targets'), 'text[]')} AS targets,
           ${opts.subtract ? sql`-count(*)` : sql`count(*)`} AS n
      FROM recommendations r
     WHERE ${where}
     GROUP BY GROUPING SETS (${sets})`;
}

/** The keys counted for a facet (SDG goals bring their targets along when some are selected). */
const keysOf = (facet: Counted): Key[] => (facet === 'sdg' ? ['sdg', 'sdgTarget'] : [facet]);

/**
 * The total and every facet's counts for the filter, named, in one statement. Counts over the
 * whole collection (the unfiltered explorer; a facet whose selection is the only one) are read from
 * recommendation_facet_counts rather than counted. Selected values always come back (with 0 when
 * nothing matches), so that they can be unselected.
 */
export async function facetCounts(db: Db, f: ResolvedFilter): Promise<FacetCounts> {
  const selected = COUNTED.filter((k) => facetCondition(f, k) !== undefined);
  const unselected = COUNTED.filter((k) => !selected.includes(k));
  const live: RawBuilder<unknown>[] = [];
  const rolled: string[] = [];
  let complement: RawBuilder<unknown> = sql`false`;
  const rolledIfComplement: string[] = [];
  const only = conditionsOf(f).length === 1 ? selected[0] : undefined;
  if (conditionsOf(f).length === 0) rolled.push('total', ...unselected);
  else if (only) {
    // One facet selected and nothing else: when its values cover most of the collection, counting
    // the rest and subtracting from the whole collection's counts reads fewer rows. The choice is
    // made when the statement runs; the pass not chosen is never executed.
    complement = sql`${rolledSize(f, only)} * 2 > (SELECT coalesce(sum(n), 0) FROM recommendation_facet_counts WHERE facet = 'total')`;
    live.push(pass(unselected, sql<SqlBool>`${whereOf(f)} AND NOT (SELECT complement FROM choice)`, true));
    live.push(
      pass(unselected, sql<SqlBool>`(${whereOf(f)}) IS NOT TRUE AND (SELECT complement FROM choice)`, true, {
        subtract: true,
      }),
    );
    rolledIfComplement.push('total', ...unselected);
  } else live.push(pass(unselected, whereOf(f), true));
  for (const k of selected) {
    if (conditionsOf(f, k).length === 0) rolled.push(...keysOf(k));
    else live.push(pass(keysOf(k), whereOf(f, k), false));
  }
  if (live.length === 0)
    live.push(sql`SELECT NULL::text AS facet, NULL::text AS code, NULL::bigint AS id, NULL::bigint[] AS ids,
                         NULL::text[] AS targets, 0::bigint AS n WHERE false`);
  const goals = f.sdg.filter((s) => !s.includes('.'));
  const targets = f.sdg.filter((s) => s.includes('.'));
  // SDG targets are listed under a selected goal, or when selected themselves.
  const listedTarget = (code: RawBuilder<unknown>) =>
    sql`(${code} = ANY(${targets}::text[]) OR split_part(${code}, '.', 1) = ANY(${goals}::text[]))`;
  const rows = await sql<{
    facet: Key | 'total';
    code: string | null;
    id: string | null;
    n: number;
    size: number;
    label: Translated | null;
    slug: string | null;
    stateCode: string | null;
    mechanismCode: string | null;
    position: number | null;
  }>`
    WITH choice AS MATERIALIZED (SELECT ${complement} AS complement),
    raw AS MATERIALIZED (${sql.join(live, sql` UNION ALL `)}),
    rolled AS (
      SELECT facet, code, id, sum(n) AS n FROM recommendation_facet_counts
       WHERE facet = ANY(${rolled}::text[])
          OR (facet = ANY(${rolledIfComplement}::text[]) AND (SELECT complement FROM choice))
       GROUP BY facet, code, id HAVING sum(n) <> 0
    ),
    flat AS (
      SELECT facet, code, id, n, false AS sel FROM raw WHERE ids IS NULL AND targets IS NULL
      UNION ALL
      SELECT facet, CASE WHEN facet = 'sdg' THEN x::text END, x, n, false FROM raw, unnest(ids) x WHERE ids IS NOT NULL
      UNION ALL
      SELECT 'sdgTarget', x, NULL, n, false FROM raw, unnest(targets) x WHERE targets IS NOT NULL AND ${listedTarget(sql.ref('x'))}
      UNION ALL
      SELECT facet, CASE WHEN facet = 'sdg' THEN id::text ELSE code END, id, n, false FROM rolled
       WHERE facet <> 'sdgTarget' OR ${listedTarget(sql.ref('code'))}
      UNION ALL
      SELECT 'state', s, NULL, 0, true FROM unnest(${f.state}::text[]) s
      UNION ALL
      SELECT 'mechanism', NULL, x, 0, true FROM unnest(${f.ids.mechanism}::bigint[]) x
      UNION ALL
      SELECT 'cycle', NULL, id, 0, true FROM reporting_cycles WHERE id = ANY(${f.cycle}::bigint[])
      UNION ALL
      SELECT 'theme', NULL, x, 0, true FROM unnest(${f.ids.theme}::bigint[]) x
      UNION ALL
      SELECT 'group', NULL, x, 0, true FROM unnest(${f.ids.group}::bigint[]) x
      UNION ALL
      SELECT 'body', NULL, x, 0, true FROM unnest(${f.ids.body}::bigint[]) x
      UNION ALL
      SELECT 'sdg', g, g::bigint, 0, true FROM unnest(${goals}::text[]) g
      UNION ALL
      SELECT 'sdgTarget', t, NULL, 0, true FROM unnest(${targets}::text[]) t
      UNION ALL
      SELECT 'response', nullif(v, 'none'), NULL, 0, true FROM unnest(${f.response}::text[]) v
      UNION ALL
      SELECT 'status', v, NULL, 0, true FROM unnest(${f.status}::text[]) v
      UNION ALL
      SELECT 'year', v::text, NULL, 0, true FROM unnest(${f.year}::int[]) v
    ),
    sums AS (
      SELECT facet, code, id, sum(n)::int AS n, bool_or(sel) AS sel FROM flat
       WHERE NOT (facet = 'cycle' AND id IS NULL) GROUP BY facet, code, id
      HAVING sum(n) <> 0 OR bool_or(sel)
    ),
    -- Long lists (cycles, bodies, themes) bring their largest values and the selected ones.
    ranked AS (
      SELECT *, row_number() OVER (PARTITION BY facet ORDER BY n DESC, code, id) AS rank,
             count(*) OVER (PARTITION BY facet)::int AS size
        FROM sums
    )
    SELECT s.facet, s.code, s.id::text AS id, s.n, s.size,
           coalesce(m.name, c.title, t.name, ag.name, o.name, g.name, st.text) AS label,
           coalesce(m.code, t.slug, ag.slug, o.slug) AS slug,
           c.state_code AS "stateCode", cm.code AS "mechanismCode", m.position
      FROM ranked s
      LEFT JOIN mechanisms m ON s.facet = 'mechanism' AND m.id = s.id
      LEFT JOIN reporting_cycles c ON s.facet = 'cycle' AND c.id = s.id
      LEFT JOIN mechanisms cm ON cm.id = c.mechanism_id
      LEFT JOIN themes t ON s.facet = 'theme' AND t.id = s.id
      LEFT JOIN affected_groups ag ON s.facet = 'group' AND ag.id = s.id
      LEFT JOIN organisations o ON s.facet = 'body' AND o.id = s.id
      LEFT JOIN sdg_goals g ON s.facet = 'sdg' AND g.number = s.id
      LEFT JOIN sdg_targets st ON s.facet = 'sdgTarget' AND st.code = s.code
     WHERE s.sel OR s.rank <= ${LONG_LIST} OR s.facet NOT IN ('cycle', 'body', 'theme')`.execute(db);

  const facets = Object.fromEntries(FACETS.map((k) => [k, [] as FacetValue[]])) as Record<Facet, FacetValue[]>;
  const more = Object.fromEntries(FACETS.map((k) => [k, 0])) as Record<Facet, number>;
  let total = 0;
  let priority = 0;
  for (const r of rows.rows) {
    if (r.facet === 'total') {
      total = r.n;
      continue;
    }
    if (r.facet === 'priority') {
      if (r.code === 'true') priority = r.n;
      continue;
    }
    const facet: Facet = r.facet === 'sdgTarget' ? 'sdg' : r.facet;
    let value: string | null;
    if (facet === 'response') value = r.code ?? 'none';
    else if (facet === 'mechanism' || facet === 'theme' || facet === 'group' || facet === 'body') value = r.slug;
    else if (facet === 'cycle') value = r.id;
    else value = r.code;
    // Recommendations without a cycle are not a value; an unknown slug in the address has no name.
    if (value === null) continue;
    if (facet !== 'sdg') more[facet] = r.size;
    facets[facet].push({
      value,
      count: r.n,
      label: r.label,
      stateCode: r.stateCode,
      mechanismCode: r.mechanismCode,
      position: r.position,
    });
  }
  for (const k of FACETS) more[k] = Math.max(0, more[k] - facets[k].length);
  return { total, facets, more, priority };
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
  (SELECT coalesce(jsonb_agg(jsonb_build_object('slug', t.slug, 'name', t.name) ORDER BY t.id), '[]')
     FROM themes t WHERE t.id = ANY(r.theme_ids)) AS themes,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('slug', g.slug, 'name', g.name) ORDER BY g.id), '[]')
     FROM affected_groups g WHERE g.id = ANY(r.affected_group_ids)) AS "affectedGroups",
  (SELECT coalesce(jsonb_agg(jsonb_build_object('slug', o.slug, 'name', o.name) ORDER BY o.id), '[]')
     FROM organisations o WHERE o.id = ANY(r.responsible_ids)) AS "responsibleBodies"`;

/** A page of matches with their themes, groups, SDG targets and bodies, newest first (one query). */
export async function recordRows(
  db: Db,
  f: ResolvedFilter,
  page: { limit: number; offset: number },
): Promise<RecommendationRecord[]> {
  const r = await sql<RecommendationRecord>`
    SELECT ${RECORD_COLUMNS}
      FROM recommendations r JOIN mechanisms m ON m.id = r.mechanism_id
     WHERE ${whereOf(f)}
     ORDER BY r.adopted_on DESC NULLS LAST, r.id DESC
     LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
  return r.rows;
}

/**
 * Every match's id, in id order (one query). The CSV export then reads the records by these ids
 * in batches: a keyset walk with a LIMIT would let the planner walk the primary key past most rows
 * of a selective filter, batch after batch.
 */
export async function matchingIds(db: Db, f: ResolvedFilter): Promise<string[]> {
  const r = await sql<{
    id: string;
  }>`SELECT r.id::text AS id FROM recommendations r WHERE ${whereOf(f)} ORDER BY r.id`.execute(db);
  return r.rows.map((x) => x.id);
}

/** The records of these recommendations, in id order (one query). */
export async function recordsByIds(db: Db, ids: string[]): Promise<RecommendationRecord[]> {
  const r = await sql<RecommendationRecord>`
    SELECT ${RECORD_COLUMNS}
      FROM recommendations r JOIN mechanisms m ON m.id = r.mechanism_id
     WHERE r.id = ANY(${ids}::bigint[])
     ORDER BY r.id`.execute(db);
  return r.rows;
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
                'responsible', jsonb_build_object('slug', o.slug, 'name', o.name), 'deadline', a.deadline,
                'status', a.status, 'forCluster', a.cluster_id IS NOT NULL,
                'progressReports', (SELECT count(*) FROM action_progress_reports p WHERE p.action_id = a.id))
              ORDER BY a.deadline NULLS LAST, a.id), '[]')
         FROM implementation_actions a JOIN organisations o ON o.id = a.responsible_id
        WHERE a.recommendation_id = r.id OR (r.cluster_id IS NOT NULL AND a.cluster_id = r.cluster_id)) AS actions,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('side', s.side, 'level', s.level,
                'organisation', jsonb_build_object('slug', o.slug, 'name', o.name), 'reasons', s.reasons,
                'assessedOn', s.assessed_on) ORDER BY s.side, s.assessed_on DESC, s.id), '[]')
         FROM recommendation_assessments s JOIN organisations o ON o.id = s.organisation_id
        WHERE s.recommendation_id = r.id) AS assessments,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('id', p.id::text, 'title', p.title, 'status', p.status)
              ORDER BY p.id), '[]')
         FROM recommendation_proposals rp JOIN proposals p ON p.id = rp.proposal_id
        WHERE rp.recommendation_id = r.id AND ${publicProposals('p')}) AS proposals
      FROM recommendations r JOIN mechanisms m ON m.id = r.mechanism_id
     WHERE r.id = ${id}`.execute(db);
  return r.rows[0];
}

export interface CycleRecord {
  id: string;
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
  f: { state: string[]; mechanism: string[] },
  page: { limit: number; offset: number },
): Promise<{ items: CycleRecord[]; total: number }> {
  const parts: RawBuilder<SqlBool>[] = [];
  if (f.state.length) parts.push(sql<SqlBool>`c.state_code = ANY(${f.state}::text[])`);
  if (f.mechanism.length) parts.push(sql<SqlBool>`m.code = ANY(${f.mechanism}::text[])`);
  const where = parts.length ? sql.join(parts, sql` AND `) : sql`true`;
  const [items, total] = await Promise.all([
    sql<CycleRecord>`
      SELECT c.id::text AS id, c.state_code AS "stateCode", jsonb_build_object('code', m.code, 'name', m.name) AS mechanism,
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
