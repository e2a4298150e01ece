import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import { LANGS, type Lang } from '../../core/i18n/locales.ts';
import { rankOfRows } from '../../core/search/match.ts';
import { postingMatches } from '../../core/search/postings.ts';
import { countFacets } from './facet-count.ts';
import { type FacetIndex, MATCHED_IN, positionsOf, positionsOfRows } from './facet-index.ts';
import { type FacetCounts, namedIndexCounts } from './named-counts.ts';
import { RANKED, type ResolvedFilter, type Slice, searchInput, textSearch } from './where.ts';

/*
 * The explorer's page and counts from the facet index (decision 0030): PostgreSQL gives a search's
 * matches (their ids, from the one search's posting lists or its index) and the relevance of the
 * newest RANKED of them;
 * the index counts every facet and orders the matches; PostgreSQL then reads the page's rows and names
 * the counted values. The same order and counts as where.ts and facets.ts give (a test compares them).
 */

/**
 * The rows a search matches, from the search's documents: each the id of a recommendation and the
 * language it matched in ("123en"), comma-separated (one query, one row). As a row each, "police"'s
 * 63,510 were as many rows for pg to parse: 182-393 ms against 149-186 ms for the one text (four runs
 * alternated, load 8).
 */
async function matchedRows(db: Db, f: ResolvedFilter & { q: string }): Promise<string> {
  const r = await sql<{ rows: string | null }>`
    SELECT string_agg(m.id::text || m.lang, ',') AS rows FROM (${textSearch(f).rows}) m`.execute(db);
  return r.rows[0]?.rows ?? '';
}

/**
 * A search's matches as positions of the index, each with the languages it matched in when known.
 * From the lexemes' posting lists (core/search/postings.ts, decision 0036: ~40 pages for "police" at
 * 270,000 recommendations), or, for what they cannot tell (a phrase), from the rows of the search's
 * documents (~17,000 pages for "police"). Either way they are kept with the index while the documents
 * are unchanged (kept-index.ts), so that the facets a reader then chooses count at once. The key is
 * the statement that finds them (its text and parameters: the query as searched, its corrections, the
 * language asked for).
 */
function matchesOf(db: Db, ix: FacetIndex, f: ResolvedFilter & { q: string }): Promise<Uint8Array> {
  const compiled = sql`${textSearch(f).ids}`.compile(db);
  const key = JSON.stringify([compiled.sql, compiled.parameters]);
  return ix.matchesOf(key, async () => {
    const rows = await postingMatches(db, searchInput(f));
    // The lists were combined in one piece of work, the positions and counts are the next: other
    // requests may answer between them (the event loop was held 40-50 ms at once, on a quiet machine).
    await yieldToOthers();
    return rows ? positionsOfRows(ix, rows) : positionsOf(ix, await matchedRows(db, f));
  });
}

/**
 * The matches' order when searching (where.ts's rankedPage): the newest RANKED by relevance (one query
 * for their scores, reading only the rows they matched in), then the rest, newest first.
 */
async function rankedOrder(
  db: Db,
  ix: FacetIndex,
  f: ResolvedFilter & { q: string },
  matched: Uint8Array,
  first: number[],
): Promise<number[]> {
  const ranked = first.slice(0, RANKED);
  const searched: readonly Lang[] = f.searchIn === 'all' ? LANGS : [f.searchIn];
  const ids: string[] = [];
  const langs: Lang[] = [];
  for (const p of ranked) {
    const bits = matched[p] as number;
    const known = searched.filter((l) => bits & MATCHED_IN[l]);
    for (const l of known.length ? known : searched) {
      ids.push(String(ix.ids[p]));
      langs.push(l);
    }
  }
  const r = await rankOfRows(searchInput(f), ids, langs).execute(db);
  const score = new Map(r.rows.map((x) => [x.id, Number(x.score)]));
  const scored = ranked.map((p) => ({ p, score: score.get(String(ix.ids[p])) ?? 0 }));
  scored.sort((a, b) => b.score - a.score || a.p - b.p);
  return [...scored.map((x) => x.p), ...first.slice(RANKED)];
}

/**
 * The ids at these positions, ascending: numbers sorted natively. At 270,000 recommendations a CSV of
 * 108,000 matches took ~80 ms of the event loop (under load) as strings sorted by a comparator.
 */
function idsInOrder(ix: FacetIndex, positions: readonly number[]): Float64Array {
  const ids = new Float64Array(positions.length);
  for (let j = 0; j < positions.length; j++) ids[j] = ix.ids[positions[j] as number] as number;
  return ids.sort();
}

export interface IndexPage {
  /** The page's recommendation ids, in the page's order. */
  ids: string[];
  total: number;
  /** Every id matched, in id order (when asked for: the CSV export). */
  all?: Float64Array;
  /** The counts, named (one statement, begun with the page): only when counted. */
  counts?: () => Promise<FacetCounts>;
}

/**
 * A page of the filter's matches (`page`), their number and (unless `counts` is false) their counts,
 * named when asked for; with `all`, every match's id.
 */
export async function indexPage(
  db: Db,
  ix: FacetIndex,
  f: ResolvedFilter,
  page: Slice,
  opts: { all?: boolean; counts?: boolean } = {},
): Promise<IndexPage> {
  const q = f.q;
  const matched = q ? await matchesOf(db, ix, { ...f, q }) : undefined;
  const wanted = opts.all ? ix.size : q ? Math.max(RANKED, page.offset + page.limit) : page.offset + page.limit;
  const c = countFacets(ix, f, matched, wanted, opts.counts ?? true);
  // The counts are named while the matches are ranked (two connections): neither needs the other.
  const named = opts.counts === false ? undefined : namedIndexCounts(db, f, c.total, c.counted);
  // Its failure is the caller's, through `counts` (not an unhandled rejection if ranking fails first).
  named?.catch(() => {});
  // Counting, and writing the counts' statement, were one piece of work; ranking is the next.
  if (named && matched) await yieldToOthers();
  const order =
    matched && q && page.limit > 0 && page.offset < RANKED
      ? await rankedOrder(db, ix, { ...f, q }, matched, c.first)
      : c.first;
  const toId = (p: number) => String(ix.ids[p]);
  return {
    ids: order.slice(page.offset, page.offset + page.limit).map(toId),
    total: c.total,
    ...(opts.all ? { all: idsInOrder(ix, c.first) } : {}),
    ...(named ? { counts: () => named } : {}),
  };
}
