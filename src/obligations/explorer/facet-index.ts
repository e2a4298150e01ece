import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import type { Key, ResolvedFilter } from './where.ts';

/*
 * The explorer's facet index (decision 0030): every recommendation's facet values, held in this
 * process as typed arrays, one position per recommendation in the explorer's order (newest first).
 * Counting every facet for any combination of selections is then one pass over the positions in
 * memory (a few milliseconds at 270,000), where PostgreSQL must read and group the rows each time.
 * It is a copy of what the recommendations table holds, rebuilt when that table changes (any process's
 * write: the page cache's notifications, kept-index.ts), and never trusted while it may be behind.
 * Recommendations are all public (the explorer shows every one to everyone), so it holds nothing a
 * reader could not see.
 */

/** The facets an index holds, as where.ts's COLUMNS names them, and the session (a selection, not counted). */
const SINGLE = ['state', 'mechanism', 'cycle', 'response', 'status', 'year', 'priority', 'session'] as const;
const MULTIPLE = ['theme', 'group', 'sdg', 'body', 'sdgTarget'] as const;
type Single = (typeof SINGLE)[number];
type Multiple = (typeof MULTIPLE)[number];

/** The values a column takes, each numbered once (its code); a row holds codes. */
class Dictionary {
  readonly values: (string | null)[] = [];
  readonly codes = new Map<string | null, number>();
  code(value: string | null): number {
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(value);
      this.codes.set(value, c);
    }
    return c;
  }
}

interface SingleColumn {
  dict: Dictionary;
  codes: Int32Array;
}
interface MultipleColumn {
  dict: Dictionary;
  /** Row p's codes are values[start[p] … start[p + 1]). */
  start: Uint32Array;
  values: Int32Array;
}

export interface FacetIndex {
  /** The recommendations' ids, newest first (adopted_on DESC NULLS LAST, id DESC). */
  readonly ids: Float64Array;
  readonly position: Map<number, number>;
  readonly single: Record<Single, SingleColumn>;
  readonly multiple: Record<Multiple, MultipleColumn>;
  readonly size: number;
}

// One line per recommendation, its fields apart by tabs and its lists' items by commas: a few
// strings rather than 270,000 objects of fourteen fields while it loads.
const LINES = sql<{ l: string }>`
  SELECT concat_ws(E'\t', r.id, r.state_code, r.mechanism_id, coalesce(r.cycle_id::text, ''),
           coalesce(r.response, ''), r.status, coalesce(r.year::text, ''), r.priority,
           coalesce(replace(replace(r.session, E'\t', ' '), E'\n', ' '), ''),
           array_to_string(r.theme_ids, ','), array_to_string(r.affected_group_ids, ','),
           array_to_string(r.sdg_goals, ','), array_to_string(r.responsible_ids, ','),
           array_to_string(r.sdg_targets, ',')) AS l
    FROM recommendations r
   ORDER BY r.adopted_on DESC NULLS LAST, r.id DESC`;

/** Rows handled between two yields to other work (the event loop stays free for requests). */
const ROWS_PER_TURN = 20_000;

/** Reads every recommendation's facet values into a new index (one query). */
export async function buildFacetIndex(db: Db): Promise<FacetIndex> {
  const { rows } = await LINES.execute(db);
  const n = rows.length;
  const dict = () => new Dictionary();
  const single = Object.fromEntries(SINGLE.map((k) => [k, { dict: dict(), codes: new Int32Array(n) }])) as Record<
    Single,
    SingleColumn
  >;
  const lists = Object.fromEntries(
    MULTIPLE.map((k) => [k, { dict: dict(), start: new Uint32Array(n + 1), values: [] as number[] }]),
  );
  const ids = new Float64Array(n);
  const position = new Map<number, number>();
  const empty = (v: string) => (v === '' ? null : v);
  for (let p = 0; p < n; p++) {
    if (p > 0 && p % ROWS_PER_TURN === 0) await yieldToOthers();
    const f = (rows[p] as { l: string }).l.split('\t');
    const id = Number(f[0]);
    ids[p] = id;
    position.set(id, p);
    single.state.codes[p] = single.state.dict.code(f[1] ?? '');
    single.mechanism.codes[p] = single.mechanism.dict.code(f[2] ?? '');
    single.cycle.codes[p] = single.cycle.dict.code(empty(f[3] ?? ''));
    single.response.codes[p] = single.response.dict.code(empty(f[4] ?? ''));
    single.status.codes[p] = single.status.dict.code(f[5] ?? '');
    single.year.codes[p] = single.year.dict.code(empty(f[6] ?? ''));
    single.priority.codes[p] = single.priority.dict.code(f[7] === 't' ? 'true' : 'false');
    single.session.codes[p] = single.session.dict.code(empty(f[8] ?? ''));
    MULTIPLE.forEach((k, i) => {
      const list = lists[k] as { dict: Dictionary; start: Uint32Array; values: number[] };
      const items = f[9 + i] ?? '';
      if (items !== '') for (const v of items.split(',')) list.values.push(list.dict.code(v));
      list.start[p + 1] = list.values.length;
    });
  }
  const multiple = Object.fromEntries(
    MULTIPLE.map((k) => {
      const list = lists[k] as { dict: Dictionary; start: Uint32Array; values: number[] };
      return [k, { dict: list.dict, start: list.start, values: Int32Array.from(list.values) }];
    }),
  ) as Record<Multiple, MultipleColumn>;
  return { ids, position, single, multiple, size: n };
}

/** A facet's counts: one per value of its dictionary. */
export interface CountedValue {
  facet: Key;
  code: string | null;
  id: string | null;
  n: number;
}

/** What one pass over the index gives: every facet's counts, the total, and the matches wanted in order. */
export interface IndexCounts {
  total: number;
  counted: CountedValue[];
  /** Positions of matches (newest first): the first `wanted` of them. */
  first: number[];
}

/** A position's standing in a count: MEETS every selection, misses only selection s (s + 1), or is OUT. */
const MEETS = 0;
const OUT = 255;

/** A selection (where.ts's facetCondition, in memory): its facet, the keys it counts, and which positions it accepts. */
type Selection = { facet: Key; keys: readonly Key[]; accepted: Uint8Array };

const accepting = (dict: Dictionary, values: readonly (string | null)[]) => {
  const mask = new Uint8Array(dict.values.length);
  for (const v of values) {
    const c = dict.codes.get(v);
    if (c !== undefined) mask[c] = 1;
  }
  return mask;
};

/** Marks in `into` the positions whose list holds one of `values`. */
function markAnyOf(ix: FacetIndex, facet: Multiple, values: readonly string[], into: Uint8Array): void {
  if (!values.length) return;
  const { start, values: items, dict } = ix.multiple[facet];
  const mask = accepting(dict, values);
  for (let p = 0; p < ix.size; p++)
    for (let i = start[p] as number, end = start[p + 1] as number; i < end; i++)
      if (mask[items[i] as number] === 1) {
        into[p] = 1;
        break;
      }
}

/** The filter's selections, each as the positions it accepts (one pass over a column each). */
function selections(ix: FacetIndex, f: ResolvedFilter): Selection[] {
  const out: Selection[] = [];
  const one = (facet: Single & Key, values: readonly (string | null)[]) => {
    if (!values.length) return;
    const { codes, dict } = ix.single[facet];
    const mask = accepting(dict, values);
    const accepted = new Uint8Array(ix.size);
    for (let p = 0; p < ix.size; p++) accepted[p] = mask[codes[p] as number] as number;
    out.push({ facet, keys: [facet], accepted });
  };
  const lists = (facet: Key, keys: readonly Key[], parts: [Multiple, string[]][]) => {
    if (parts.every(([, values]) => !values.length)) return;
    const accepted = new Uint8Array(ix.size);
    for (const [column, values] of parts) markAnyOf(ix, column, values, accepted);
    out.push({ facet, keys, accepted });
  };
  one('state', f.state);
  one('mechanism', f.ids.mechanism);
  one('cycle', f.cycle);
  for (const facet of ['theme', 'group', 'body'] as const) lists(facet, [facet], [[facet, f.ids[facet]]]);
  lists(
    'sdg',
    ['sdg', 'sdgTarget'],
    [
      ['sdg', f.sdg.filter((s) => !s.includes('.'))],
      ['sdgTarget', f.sdg.filter((s) => s.includes('.'))],
    ],
  );
  one(
    'response',
    f.response.map((r) => (r === 'none' ? null : r)),
  );
  one('status', f.status);
  one('year', f.year.map(String));
  if (f.priority) one('priority', ['true']);
  return out;
}

/** The facets counted for every match: all but the SDG targets, which count only under a selected goal. */
const COUNTED_KEYS: readonly Key[] = [
  'state',
  'mechanism',
  'cycle',
  'theme',
  'group',
  'sdg',
  'response',
  'status',
  'body',
  'year',
  'priority',
];

/** Each position's standing for the filter: the search's matches and the session first, then each selection. */
function standings(ix: FacetIndex, f: ResolvedFilter, matched: Uint8Array | undefined, sel: Selection[]): Uint8Array {
  const state = new Uint8Array(ix.size);
  if (matched) for (let p = 0; p < ix.size; p++) if (matched[p] !== 1) state[p] = OUT;
  if (f.session !== undefined) {
    const session = ix.single.session.dict.codes.get(f.session) ?? -1;
    const codes = ix.single.session.codes;
    for (let p = 0; p < ix.size; p++) if (codes[p] !== session) state[p] = OUT;
  }
  sel.forEach(({ accepted }, s) => {
    for (let p = 0; p < ix.size; p++)
      if (accepted[p] === 0 && state[p] !== OUT) state[p] = state[p] === MEETS ? s + 1 : OUT;
  });
  return state;
}

/** A key's counts over the positions that meet every selection, or miss only `own` (its own selection's number). */
function countKey(ix: FacetIndex, k: Key, state: Uint8Array, own: number): Int32Array {
  if (k in ix.single) {
    const { codes, dict } = ix.single[k as Single];
    const c = new Int32Array(dict.values.length);
    for (let p = 0; p < ix.size; p++) {
      const st = state[p];
      if (st === MEETS || st === own) {
        const code = codes[p] as number;
        c[code] = (c[code] as number) + 1;
      }
    }
    return c;
  }
  const { start, values, dict } = ix.multiple[k as Multiple];
  const c = new Int32Array(dict.values.length);
  for (let p = 0; p < ix.size; p++) {
    const st = state[p];
    if (st === MEETS || st === own)
      for (let i = start[p] as number, end = start[p + 1] as number; i < end; i++) {
        const code = values[i] as number;
        c[code] = (c[code] as number) + 1;
      }
  }
  return c;
}

const BY_ID: ReadonlySet<Key> = new Set(['mechanism', 'cycle', 'theme', 'group', 'body', 'sdg']);

/**
 * Counts every facet for the filter, disjunctively as facets.ts does (a facet's own selection is left
 * out when counting it): a position that meets every selection counts for every facet and the total;
 * one that misses exactly one selection counts for that selection's facet alone. `matched` (a search's
 * matches, by position) and the session narrow every count. The first `wanted` matches are returned in
 * the index's order (newest first). A few passes over typed arrays: milliseconds at 270,000.
 */
export function countFacets(
  ix: FacetIndex,
  f: ResolvedFilter,
  matched: Uint8Array | undefined,
  wanted: number,
): IndexCounts {
  const sel = selections(ix, f);
  const state = standings(ix, f, matched, sel);
  const keys = sel.some((s) => s.facet === 'sdg') ? [...COUNTED_KEYS, 'sdgTarget' as const] : COUNTED_KEYS;
  const counted: CountedValue[] = [];
  for (const k of keys) {
    const own = sel.findIndex((s) => s.keys.includes(k)) + 1;
    const dict = k in ix.single ? ix.single[k as Single].dict : ix.multiple[k as Multiple].dict;
    countKey(ix, k, state, own).forEach((n, code) => {
      if (n === 0) return;
      const value = dict.values[code] ?? null;
      const byId = BY_ID.has(k);
      counted.push({ facet: k, code: byId ? (k === 'sdg' ? value : null) : value, id: byId ? value : null, n });
    });
  }
  let total = 0;
  const first: number[] = [];
  for (let p = 0; p < ix.size; p++)
    if (state[p] === MEETS) {
      total++;
      if (first.length < wanted) first.push(p);
    }
  return { total, counted, first };
}

/** The positions of these ids (a search's matches), as a mask over the index. */
export function positionsOf(ix: FacetIndex, ids: readonly string[]): Uint8Array {
  const mask = new Uint8Array(ix.size);
  for (const id of ids) {
    const p = ix.position.get(Number(id));
    if (p !== undefined) mask[p] = 1;
  }
  return mask;
}
