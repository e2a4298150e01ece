import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { type QueryResult, type RawBuilder, sql } from 'kysely';
import { BACKGROUND, type Db } from '../../core/db/database.ts';
import type { Lang } from '../../core/i18n/locales.ts';
import type { RowMatches } from '../../core/search/postings.ts';
import { COUNTED, type Key } from './where.ts';

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
export const SINGLE = ['state', 'mechanism', 'cycle', 'response', 'status', 'year', 'priority', 'session'] as const;
export const MULTIPLE = ['theme', 'group', 'sdg', 'body', 'sdgTarget'] as const;
export type Single = (typeof SINGLE)[number];
export type Multiple = (typeof MULTIPLE)[number];

/** The values a column takes, each numbered once (its code); a row holds codes. */
export class Dictionary {
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
  /** The position of a recommendation's id, -1 if none. */
  readonly positionOf: (id: number) => number;
  readonly single: Record<Single, SingleColumn>;
  readonly multiple: Record<Multiple, MultipleColumn>;
  readonly size: number;
  /** Every key's counts over the whole collection (the unfiltered explorer's, and what a complement is taken from). */
  readonly everything: ReadonlyMap<Key, Int32Array>;
  /**
   * A search's matches by position (MATCHED, and the languages matched in when known: MATCHED_IN), kept
   * while the search's documents are unchanged (kept-index.ts); else loaded.
   */
  matchesOf: (key: string, load: () => Promise<Uint8Array>) => Promise<Uint8Array>;
}

/** A key's dictionary. */
export const dictionaryOf = (ix: FacetIndex, k: Key): Dictionary =>
  k in ix.single ? ix.single[k as Single].dict : ix.multiple[k as Multiple].dict;

/** A key's counts over the given positions (or over all of them). */
export function countOver(ix: FacetIndex, k: Key, positions?: Int32Array): Int32Array {
  const c = new Int32Array(dictionaryOf(ix, k).values.length);
  const n = positions ? positions.length : ix.size;
  if (k in ix.single) {
    const { codes } = ix.single[k as Single];
    for (let j = 0; j < n; j++) {
      const code = codes[positions ? (positions[j] as number) : j] as number;
      c[code] = (c[code] as number) + 1;
    }
    return c;
  }
  const { start, values } = ix.multiple[k as Multiple];
  for (let j = 0; j < n; j++) {
    const p = positions ? (positions[j] as number) : j;
    for (let i = start[p] as number, end = start[p + 1] as number; i < end; i++) {
      const code = values[i] as number;
      c[code] = (c[code] as number) + 1;
    }
  }
  return c;
}

/** The keys counted for every match: all but the SDG targets, which count only under a selected goal. */
export const COUNTED_KEYS: readonly Key[] = COUNTED;

// One line per recommendation, its fields apart by tabs and its lists' items by commas: a string
// rather than an object of fourteen fields per row while it loads.
const LINES = sql<{ l: string }>`
  SELECT concat_ws(E'\t', r.id, r.state_code, r.mechanism_id, coalesce(r.cycle_id::text, ''),
           coalesce(r.response, ''), r.status, coalesce(r.year::text, ''), r.priority,
           coalesce(replace(replace(r.session, E'\t', ' '), E'\n', ' '), ''),
           array_to_string(r.theme_ids, ','), array_to_string(r.affected_group_ids, ','),
           array_to_string(r.sdg_goals, ','), array_to_string(r.responsible_ids, ','),
           array_to_string(r.sdg_targets, ',')) AS l
    FROM recommendations r
   ORDER BY r.adopted_on DESC NULLS LAST, r.id DESC`;

/** Rows read at a time (a cursor's FETCH): what the build holds at once, and one turn of the event loop (~40 ms at most; 10,000 held it up to 96 ms). */
const ROWS_PER_FETCH = 2_000;

/** A list of numbers growing in a typed array (a recommendation's themes, groups… end to end). */
class Codes {
  array: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.array = new Int32Array(Math.max(16, capacity));
  }
  push(code: number) {
    if (this.length === this.array.length) {
      const bigger = new Int32Array(this.array.length * 2);
      bigger.set(this.array);
      this.array = bigger;
    }
    this.array[this.length++] = code;
  }
}

/**
 * Reads every recommendation's facet values into a new index: in one snapshot (a repeatable-read
 * transaction), their number, then their lines through a cursor, ROWS_PER_FETCH at a time, so that
 * neither the rows nor the work on them are held at once.
 */
export async function buildFacetIndex(db: Db): Promise<FacetIndex> {
  const columns = await db.connection().execute(async (c) => {
    // Background work (BACKGROUND): statements of no request, each marked so.
    const run = <R>(statement: RawBuilder<R>) => sql<R>`${statement} ${sql.raw(BACKGROUND)}`.execute(c);
    await run(sql`BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY`);
    try {
      const read = await readColumns(run);
      await run(sql`COMMIT`);
      return read;
    } catch (err) {
      await run(sql`ROLLBACK`).catch(() => {});
      throw err;
    }
  });
  const index = { ...columns, positionOf: positions(columns.ids), matchesOf: loadEveryTime };
  const everything = new Map<Key, Int32Array>();
  for (const k of [...COUNTED_KEYS, 'sdgTarget' as const]) {
    await yieldToOthers();
    everything.set(k, countOver({ ...index, everything }, k));
  }
  return { ...index, everything };
}

/** The index's columns, read in the snapshot `run` is in: the number of rows, then their lines through a cursor. */
async function readColumns(run: <R>(statement: RawBuilder<R>) => Promise<QueryResult<R>>) {
  const counted = await run(sql<{ n: number }>`SELECT count(*)::int AS n FROM recommendations`);
  const n = counted.rows[0]?.n ?? 0;
  const single = Object.fromEntries(
    SINGLE.map((k) => [k, { dict: new Dictionary(), codes: new Int32Array(n) }]),
  ) as Record<Single, SingleColumn>;
  const lists = MULTIPLE.map(() => ({
    dict: new Dictionary(),
    start: new Uint32Array(n + 1),
    values: new Codes(n * 2),
  }));
  const ids = new Float64Array(n);
  const empty = (v: string) => (v === '' ? null : v);
  await run(sql`DECLARE facet_lines NO SCROLL CURSOR FOR ${LINES}`);
  let p = 0;
  for (;;) {
    const { rows } = await run(sql<{ l: string }>`FETCH ${sql.raw(String(ROWS_PER_FETCH))} FROM facet_lines`);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (p >= n) break;
      const f = row.l.split('\t');
      ids[p] = Number(f[0]);
      single.state.codes[p] = single.state.dict.code(f[1] ?? '');
      single.mechanism.codes[p] = single.mechanism.dict.code(f[2] ?? '');
      single.cycle.codes[p] = single.cycle.dict.code(empty(f[3] ?? ''));
      single.response.codes[p] = single.response.dict.code(empty(f[4] ?? ''));
      single.status.codes[p] = single.status.dict.code(f[5] ?? '');
      single.year.codes[p] = single.year.dict.code(empty(f[6] ?? ''));
      single.priority.codes[p] = single.priority.dict.code(f[7] === 't' ? 'true' : 'false');
      single.session.codes[p] = single.session.dict.code(empty(f[8] ?? ''));
      lists.forEach((list, i) => {
        const items = f[9 + i] ?? '';
        if (items !== '') for (const v of items.split(',')) list.values.push(list.dict.code(v));
        list.start[p + 1] = list.values.length;
      });
      p++;
    }
  }
  const multiple = Object.fromEntries(
    MULTIPLE.map((k, i) => {
      const list = lists[i] as (typeof lists)[number];
      return [k, { dict: list.dict, start: list.start, values: list.values.array.slice(0, list.values.length) }];
    }),
  ) as Record<Multiple, MultipleColumn>;
  return { ids, single, multiple, size: n };
}

const loadEveryTime = (_key: string, load: () => Promise<Uint8Array>) => load();

/** Ids to positions: an array indexed by id when the ids are dense enough (they are a sequence's), else a map. */
function positions(ids: Float64Array): (id: number) => number {
  let max = 0;
  for (const id of ids) if (id > max) max = id;
  if (max <= 4 * ids.length + 100_000) {
    const at = new Int32Array(max + 1).fill(-1);
    ids.forEach((id, p) => {
      at[id] = p;
    });
    return (id) => (Number.isInteger(id) && id >= 0 && id <= max ? (at[id] as number) : -1);
  }
  const map = new Map<number, number>();
  ids.forEach((id, p) => {
    map.set(id, p);
  });
  return (id) => map.get(id) ?? -1;
}

/** A position a search matched (a byte per position)… */
export const MATCHED = 1;
/** …and the languages it matched in, when they are known (core/search/postings.ts). */
export const MATCHED_IN: Readonly<Record<Lang, number>> = { kk: 2, ru: 4, en: 8 };

/** The positions of a search's matching rows, each with the languages it matched in. */
export function positionsOfRows(ix: FacetIndex, rows: RowMatches): Uint8Array {
  const mask = new Uint8Array(ix.size);
  for (const [lang, ids] of rows) {
    const bit = MATCHED | MATCHED_IN[lang];
    for (const id of ids) {
      const p = ix.positionOf(id);
      if (p >= 0) mask[p] = (mask[p] as number) | bit;
    }
  }
  return mask;
}

/**
 * The positions of a search's matching rows, as its statement gives them: each a record's id and the
 * language it matched in ("123en,456ru,123ru"), as a mask over the index.
 */
export function positionsOf(ix: FacetIndex, rows: string): Uint8Array {
  const mask = new Uint8Array(ix.size);
  const mark = (id: number, lang: number) => {
    const p = ix.positionOf(id);
    if (p >= 0) mask[p] = (mask[p] as number) | MATCHED | lang;
  };
  // Read character by character: no string per row. A language is known by its first letter.
  const LANG_OF: Record<number, number> = { 107: MATCHED_IN.kk, 114: MATCHED_IN.ru, 101: MATCHED_IN.en };
  let id = 0;
  let digits = 0;
  let lang = 0;
  for (let i = 0; i < rows.length; i++) {
    const c = rows.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      id = id * 10 + (c - 48);
      digits++;
    } else if (c === 44) {
      if (digits) mark(id, lang);
      id = 0;
      digits = 0;
      lang = 0;
    } else if (lang === 0) lang = LANG_OF[c] ?? 0;
  }
  if (digits) mark(id, lang);
  return mask;
}
