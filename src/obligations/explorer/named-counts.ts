import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { themeColumn } from '../../core/themes.ts';
import { organisationColumn } from '../../organisations/index.ts';
import type { CountedValue } from './facet-count.ts';
import { FACETS, type Facet } from './filter.ts';
import type { Key, ResolvedFilter } from './where.ts';

/*
 * Facet counts named for display: whichever counted them (PostgreSQL, facets.ts; or the facet index
 * in memory, facet-index.ts), one statement adds the selected values (shown with 0 when nothing
 * matches, so that they can be unselected), keeps the largest values of long lists, and names each
 * value from its table.
 */

/** Cycles, responsible bodies and themes list at most this many values (and the selected ones). */
export const LONG_LIST = 40;

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

export type CountRow = {
  /** 'page': a match of the page asked for, its place in `n`. */
  facet: Key | 'total' | 'page';
  code: string | null;
  id: string | null;
  n: number;
  size: number;
  label: Translated | null;
  slug: string | null;
  stateCode: string | null;
  mechanismCode: string | null;
  position: number | null;
};

const goalsOf = (f: ResolvedFilter) => f.sdg.filter((s) => !s.includes('.'));
const targetsOf = (f: ResolvedFilter) => f.sdg.filter((s) => s.includes('.'));

/** SDG targets are listed under a selected goal, or when selected themselves. */
export const listedTarget = (f: ResolvedFilter, code: RawBuilder<unknown>) =>
  sql`(${code} = ANY(${targetsOf(f)}::text[]) OR split_part(${code}, '.', 1) = ANY(${goalsOf(f)}::text[]))`;

// Themes (core's) and bodies (the organisations domain's) are named by their owners' fragments.
const themeOf = (field: 'name' | 'slug') =>
  sql`CASE WHEN s.facet = 'theme' THEN ${themeColumn(sql.ref('s.id'), field)} END`;
const bodyOf = (field: 'name' | 'slug') =>
  sql`CASE WHEN s.facet = 'body' THEN ${organisationColumn('s.id', field)} END`;

/**
 * The end of a counting statement: `counted` (rows of facet, code, id, n, sel) with the selected
 * values, summed, ranked within each facet and named: CTEs flat, sums and ranked, and the SELECT.
 */
export function namedTail(f: ResolvedFilter, counted: RawBuilder<unknown>, left: LeftOut = NONE_LEFT_OUT) {
  const goals = goalsOf(f);
  const targets = targetsOf(f);
  return sql`flat AS (
      ${counted}
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
             count(*) OVER (PARTITION BY facet)::int
               + CASE facet WHEN 'cycle' THEN ${left.cycle}::int WHEN 'body' THEN ${left.body}::int
                            WHEN 'theme' THEN ${left.theme}::int ELSE 0 END AS size
        FROM sums
    )
    SELECT s.facet, s.code, s.id::text AS id, s.n, s.size,
           coalesce(m.name, c.title, ${themeOf('name')}, ag.name, ${bodyOf('name')}, g.name, st.text) AS label,
           coalesce(m.code, ${themeOf('slug')}, ag.slug, ${bodyOf('slug')}) AS slug,
           c.state_code AS "stateCode", cm.code AS "mechanismCode", m.position
      FROM ranked s
      LEFT JOIN mechanisms m ON s.facet = 'mechanism' AND m.id = s.id
      LEFT JOIN reporting_cycles c ON s.facet = 'cycle' AND c.id = s.id
      LEFT JOIN mechanisms cm ON cm.id = c.mechanism_id
      LEFT JOIN affected_groups ag ON s.facet = 'group' AND ag.id = s.id
      LEFT JOIN sdg_goals g ON s.facet = 'sdg' AND g.number = s.id
      LEFT JOIN sdg_targets st ON s.facet = 'sdgTarget' AND st.code = s.code

     WHERE s.sel OR s.rank <= ${LONG_LIST} OR s.facet NOT IN ('cycle', 'body', 'theme')`;
}

/** The long lists (LONG_LIST) whose values are counted by id, as the facet index counts them. */
const LONG = ['cycle', 'body', 'theme'] as const;
type LeftOut = Record<(typeof LONG)[number], number>;
const NONE_LEFT_OUT: LeftOut = { cycle: 0, body: 0, theme: 0 };

/** Two ids (whole numbers as PostgreSQL writes them, no leading zero) in numeric order. */
const byNumber = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/**
 * The values the statement needs of counts made in memory: of a long list, its LONG_LIST largest and
 * the selected ones, and how many others it left out (they count in the list's size, not shown).
 * At 270,000 recommendations a search counts some 6,800 cycles: sent whole, naming them took the
 * statement ~11 ms; 40 are shown. The same values, in the same ranking, as namedTail's (most first,
 * then by id; a selected value counted 0 comes after every counted one).
 */
function leftOutOfLongLists(f: ResolvedFilter, counted: CountedValue[]) {
  const selected: Record<keyof LeftOut, Set<string>> = {
    cycle: new Set(f.cycle),
    body: new Set(f.ids.body),
    theme: new Set(f.ids.theme),
  };
  const left: LeftOut = { ...NONE_LEFT_OUT };
  const kept: CountedValue[] = [];
  const long = new Map<string, CountedValue[]>(LONG.map((k) => [k, []]));
  for (const c of counted) {
    const list = c.id !== null && c.n !== 0 ? long.get(c.facet) : undefined;
    if (list) list.push(c);
    else kept.push(c);
  }
  for (const k of LONG) {
    const list = long.get(k) as CountedValue[];
    list.sort((a, b) => b.n - a.n || byNumber(a.id as string, b.id as string));
    list.forEach((c, i) => {
      if (i < LONG_LIST || selected[k].has(c.id as string)) kept.push(c);
      else left[k]++;
    });
  }
  return { kept, left };
}

/** Counts made in memory (the facet index), named by one statement. */
export async function namedIndexCounts(
  db: Db,
  f: ResolvedFilter,
  total: number,
  counted: CountedValue[],
): Promise<FacetCounts> {
  const { kept, left } = leftOutOfLongLists(f, counted);
  const rows = [{ facet: 'total' as Key | 'total', code: null, id: null, n: total }, ...kept];
  const r = await sql<CountRow>`
    WITH counted AS (
      SELECT * FROM unnest(${rows.map((c) => c.facet)}::text[], ${rows.map((c) => c.code)}::text[],
                           ${rows.map((c) => c.id)}::bigint[], ${rows.map((c) => c.n)}::int[]) c(facet, code, id, n)
    ),
    ${namedTail(
      f,
      sql`SELECT facet, code, id, n, false AS sel FROM counted WHERE facet <> 'sdgTarget' OR ${listedTarget(f, sql.ref('code'))}`,
      left,
    )}`.execute(db);
  return namedCounts(r.rows);
}

/** The rows of the statement as the total, the priority count and each facet's named values. */
export function namedCounts(rows: CountRow[]): FacetCounts {
  const facets = Object.fromEntries(FACETS.map((k) => [k, [] as FacetValue[]])) as Record<Facet, FacetValue[]>;
  const more = Object.fromEntries(FACETS.map((k) => [k, 0])) as Record<Facet, number>;
  let total = 0;
  let priority = 0;
  for (const r of rows) {
    if (r.facet === 'page') continue;
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
  // One order whoever counted (the statements or the facet index, whose rows come in no set order):
  // the most first, values of equal counts by their value.
  const order = (a: FacetValue, b: FacetValue) =>
    b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
  for (const k of FACETS) {
    facets[k].sort(order);
    more[k] = Math.max(0, more[k] - facets[k].length);
  }
  return { total, facets, more, priority };
}
