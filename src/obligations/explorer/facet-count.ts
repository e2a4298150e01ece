import {
  COUNTED_KEYS,
  countOver,
  type Dictionary,
  dictionaryOf,
  type FacetIndex,
  MATCHED,
  type Multiple,
  type Single,
} from './facet-index.ts';
import type { Key, ResolvedFilter } from './where.ts';

/*
 * Counting every facet of a filter over the facet index (decision 0030), disjunctively as facets.ts
 * does: a facet's own selection is left out when counting it. Each selection marks the positions it
 * accepts (a pass over its column); the positions are then sorted into those that meet every
 * selection and, for each selection, those that miss it alone; each key is counted over the lists
 * that concern it. A selection that leaves most of the collection is counted as its complement, taken
 * from the whole collection's counts (kept with the index), as facets.ts does from its roll-up.
 */

/** A facet's counts: one per value of its dictionary. */
export interface CountedValue {
  facet: Key;
  code: string | null;
  id: string | null;
  n: number;
}

/** What a count over the index gives: every facet's counts, the total, and the matches wanted in order. */
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

/** Each position's standing: the search's matches and the session first, then each selection. */
function standings(ix: FacetIndex, f: ResolvedFilter, matched: Uint8Array | undefined, sel: Selection[]): Uint8Array {
  const state = new Uint8Array(ix.size);
  if (matched) for (let p = 0; p < ix.size; p++) if (((matched[p] as number) & MATCHED) === 0) state[p] = OUT;
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

/** The positions of each standing, in order: lists[0] meet every selection, lists[s + 1] miss only selection s. */
function listsOf(state: Uint8Array, selections: number): Int32Array[] {
  const sizes = new Int32Array(selections + 1);
  for (const st of state) if (st !== OUT) sizes[st] = (sizes[st] as number) + 1;
  const lists = Array.from(sizes, (n) => new Int32Array(n));
  const filled = new Int32Array(selections + 1);
  state.forEach((st, p) => {
    if (st === OUT) return;
    const at = filled[st] as number;
    (lists[st] as Int32Array)[at] = p;
    filled[st] = at + 1;
  });
  return lists;
}

/** a + b, in place in a. */
function add(a: Int32Array, b: Int32Array): Int32Array {
  for (let i = 0; i < a.length; i++) a[i] = (a[i] as number) + (b[i] as number);
  return a;
}

const BY_ID: ReadonlySet<Key> = new Set(['mechanism', 'cycle', 'theme', 'group', 'body', 'sdg']);

/**
 * Counts every facet for the filter. `matched` (a search's matches, by position) and the session narrow
 * every count. The first `wanted` matches are returned in the index's order (newest first); without
 * `withCounts`, only they and the total.
 */
export function countFacets(
  ix: FacetIndex,
  f: ResolvedFilter,
  matched: Uint8Array | undefined,
  wanted: number,
  withCounts = true,
): IndexCounts {
  const sel = selections(ix, f);
  const narrowed = matched !== undefined || f.session !== undefined;
  const state = sel.length || narrowed ? standings(ix, f, matched, sel) : undefined;
  const lists = state ? listsOf(state, sel.length) : undefined;
  const meets = lists?.[0];
  // With one selection and nothing else, the positions it refuses are the complement of those it accepts.
  const complement =
    meets && !narrowed && sel.length === 1 && meets.length * 2 > ix.size ? (lists?.[1] as Int32Array) : undefined;
  const keys = sel.some((s) => s.facet === 'sdg') ? [...COUNTED_KEYS, 'sdgTarget' as const] : COUNTED_KEYS;
  const everything = (k: Key) => Int32Array.from(ix.everything.get(k) as Int32Array);
  const counted: CountedValue[] = [];
  for (const k of withCounts ? keys : []) {
    const own = sel.findIndex((s) => s.keys.includes(k)) + 1;
    let c: Int32Array;
    if (!meets) c = everything(k);
    else if (own && !narrowed && sel.length === 1) c = everything(k);
    else if (complement) {
      c = everything(k);
      const refused = countOver(ix, k, complement);
      for (let i = 0; i < c.length; i++) c[i] = (c[i] as number) - (refused[i] as number);
    } else {
      c = countOver(ix, k, meets);
      if (own) add(c, countOver(ix, k, (lists as Int32Array[])[own]));
    }
    const dict = dictionaryOf(ix, k);
    const byId = BY_ID.has(k);
    c.forEach((n, code) => {
      if (n === 0) return;
      const value = dict.values[code] ?? null;
      counted.push({ facet: k, code: byId ? (k === 'sdg' ? value : null) : value, id: byId ? value : null, n });
    });
  }
  const total = meets ? meets.length : ix.size;
  const first: number[] = [];
  for (let j = 0; j < Math.min(wanted, total); j++) first.push(meets ? (meets[j] as number) : j);
  return { total, counted, first };
}
