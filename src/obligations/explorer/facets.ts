import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import { type Facet, NOTHING_SELECTED } from './filter.ts';
import { type CountRow, type FacetCounts, listedTarget, namedCounts, namedTail } from './named-counts.ts';
import {
  COLUMNS,
  COUNTED,
  type Counted,
  conditionsOf,
  facetCondition,
  type Key,
  type ResolvedFilter,
  rankedPage,
  type Slice,
  textSearch,
  whereOf,
} from './where.ts';

/*
 * Facet counts are disjunctive, as faceted search usually is: a facet's own selection is left out
 * when counting that facet, so its other values show how many recommendations choosing them too
 * would add; every other selection applies. All counts come from one statement: one pass over the
 * filtered rows for the facets nobody selected, plus one pass per selected facet; array columns
 * are grouped whole first (a few thousand distinct lists) and only then unnested.
 */

export type { FacetCounts, FacetValue } from './named-counts.ts';

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
function pass(
  keys: readonly Key[],
  where: RawBuilder<SqlBool>,
  withTotal: boolean,
  opts: { subtract?: boolean; from?: RawBuilder<unknown> } = {},
) {
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
      FROM ${opts.from ?? sql`recommendations r`}
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
  return namedCounts(await countRows(db, f, countingPlan(f)));
}

/**
 * The counts and, with a search, the ids of a page of its matches in the page's order (where.ts's
 * order: rankedPage), from one reading of the matches: a common word's matches are most of the
 * request's pages read, and the page and the counts each read them when apart. Without a search,
 * `ids` is undefined (the page is read by its own statement, from the facets' indexes).
 */
export async function countsAndPage(
  db: Db,
  f: ResolvedFilter,
  page: Slice,
): Promise<{ counts: FacetCounts; ids: string[] | undefined }> {
  const rows = await countRows(db, f, countingPlan(f), f.q ? page : undefined);
  const ids = f.q
    ? rows
        .filter((r) => r.facet === 'page')
        .sort((a, b) => a.n - b.n)
        .map((r) => r.id as string)
    : undefined;
  return { counts: namedCounts(rows), ids };
}

/**
 * With a search, the passes read its matches from the statement's CTE (countRows): found once, with
 * the columns the passes count and test (from the facets' index, migration 202612070610), rather than
 * each pass joining every match to its row. The search (and the API's updated_since) is applied there.
 */
const MATCHED_COLUMNS = sql.raw(
  [...new Set([...Object.values(COLUMNS).map((c) => c.column), 'r.id', 'r.session', 'r.adopted_on'])].join(', '),
);
/** A filter's search and updated_since without its selections: what the matches of the CTE meet. */
const NO_SELECTION: Pick<ResolvedFilter, Facet | 'session' | 'priority' | 'ids'> = {
  ...NOTHING_SELECTED,
  ids: { mechanism: [], theme: [], group: [], body: [] },
};
const searching = (f: ResolvedFilter) => Boolean(f.q);

/**
 * What the matches of the CTE meet: the search, updated_since and the session (every pass's), and with
 * two selections or more the rows that at least one pass counts (those that miss at most one selection).
 * The search is probed (match.ts): with facets that leave few recommendations the planner looks up each
 * one's documents by (kind, id); otherwise it reads every match, as without them.
 */
function matchedWhere(f: ResolvedFilter & { q: string }): RawBuilder<SqlBool> {
  const search = whereOf({ ...f, ...NO_SELECTION, session: f.session }, undefined, textSearch(f).probe);
  const selected = COUNTED.filter((k) => facetCondition(f, k) !== undefined);
  if (selected.length < 2) return search;
  const others = (k: Counted) =>
    sql.join(
      selected.filter((j) => j !== k).map((j) => facetCondition(f, j) as RawBuilder<SqlBool>),
      sql` AND `,
    );
  return sql<SqlBool>`${search} AND (${sql.join(
    selected.map((k) => sql`(${others(k)})`),
    sql` OR `,
  )})`;
}
const where = (f: ResolvedFilter, except?: Counted) =>
  searching(f) ? whereOf({ ...f, updatedSince: undefined }, except, sql<SqlBool>`true`) : whereOf(f, except);
const from = (f: ResolvedFilter) => (searching(f) ? sql`matched r` : undefined);

/** Which counts are counted live (one pass per selection) and which are read from the roll-up. */
interface CountingPlan {
  live: RawBuilder<unknown>[];
  rolled: string[];
  /** Whether to count the complement of the one selected facet and subtract it (decided in SQL). */
  complement: RawBuilder<unknown>;
  rolledIfComplement: string[];
}

function countingPlan(f: ResolvedFilter): CountingPlan {
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
    live.push(
      pass(unselected, sql<SqlBool>`${where(f)} AND NOT (SELECT complement FROM choice)`, true, { from: from(f) }),
    );
    live.push(
      pass(unselected, sql<SqlBool>`(${where(f)}) IS NOT TRUE AND (SELECT complement FROM choice)`, true, {
        subtract: true,
        from: from(f),
      }),
    );
    rolledIfComplement.push('total', ...unselected);
  } else live.push(pass(unselected, where(f), true, { from: from(f) }));
  for (const k of selected) {
    if (conditionsOf(f, k).length === 0) rolled.push(...keysOf(k));
    else live.push(pass(keysOf(k), where(f, k), false, { from: from(f) }));
  }
  if (live.length === 0)
    live.push(sql`SELECT NULL::text AS facet, NULL::text AS code, NULL::bigint AS id, NULL::bigint[] AS ids,
                         NULL::text[] AS targets, 0::bigint AS n WHERE false`);
  return { live, rolled, complement, rolledIfComplement };
}

/** The one statement: the passes, the roll-up, the selected values, ranked and named. */
async function countRows(db: Db, f: ResolvedFilter, plan: CountingPlan, page?: Slice): Promise<CountRow[]> {
  const { live, rolled, complement, rolledIfComplement } = plan;
  const statement = sql<CountRow>`
    WITH choice AS MATERIALIZED (SELECT ${complement} AS complement),
    matched AS MATERIALIZED (${
      f.q
        ? sql`SELECT ${MATCHED_COLUMNS} FROM recommendations r WHERE ${matchedWhere({ ...f, q: f.q })}`
        : sql`SELECT NULL WHERE false`
    }),
    raw AS MATERIALIZED (${sql.join(live, sql` UNION ALL `)}),
    rolled AS (
      SELECT facet, code, id, sum(n) AS n FROM recommendation_facet_counts
       WHERE facet = ANY(${rolled}::text[])
          OR (facet = ANY(${rolledIfComplement}::text[]) AND (SELECT complement FROM choice))
       GROUP BY facet, code, id HAVING sum(n) <> 0
    ),
    ${namedTail(
      f,
      sql`SELECT facet, code, id, n, false AS sel FROM raw WHERE ids IS NULL AND targets IS NULL
      UNION ALL
      SELECT facet, CASE WHEN facet = 'sdg' THEN x::text END, x, n, false FROM raw, unnest(ids) x WHERE ids IS NOT NULL
      UNION ALL
      SELECT 'sdgTarget', x, NULL, n, false FROM raw, unnest(targets) x WHERE targets IS NOT NULL AND ${listedTarget(f, sql.ref('x'))}
      UNION ALL
      SELECT facet, CASE WHEN facet = 'sdg' THEN id::text ELSE code END, id, n, false FROM rolled
       WHERE facet <> 'sdgTarget' OR ${listedTarget(f, sql.ref('code'))}`,
    )}${
      f.q && page
        ? sql`
     UNION ALL
    SELECT 'page', NULL, p.match_id::text, (row_number() OVER (ORDER BY p.score DESC NULLS LAST, p.newest))::int,
           0, NULL, NULL, NULL, NULL, NULL
      FROM (${rankedPage({ ...f, q: f.q }, sql`matched r`, where(f), page)}) p`
        : sql``
    }`;
  if (!f.q) return (await statement.execute(db)).rows;
  return db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('random_page_cost', ${SEARCH_PAGE_COST}, true), set_config('work_mem', ${SEARCH_WORK_MEM}, true)`.execute(
      trx,
    );
    return (await statement.execute(trx)).rows;
  });
}

/**
 * With a search, the statement joins its matches (tens of thousands for a common word) to the facets'
 * covering index, read whole and index-only (~10,000 pages at 270,000 recommendations) rather than to
 * the table (~28,000): the planner prices an index's pages at random_page_cost (4), a table's at 1,
 * and picks the table unless a random page costs it about what it does here (the pages are cached).
 * The matches' columns (~15 MB for 63,000) are kept in memory rather than written to disk.
 */
const SEARCH_PAGE_COST = '1.1';
const SEARCH_WORK_MEM = '32MB';
