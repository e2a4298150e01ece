import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { CurrentUser } from '../auth/user.ts';
import type { Db } from '../db/database.ts';
import type { SearchDocumentsTable } from '../db/schema-platform.ts';
import type { Searchable } from '../extensions.ts';
import type { Lang } from '../i18n/locales.ts';
import { hasPositive, kazakhTsquery, type ParsedQuery, parseQuery, searchedFor, snowballQuery } from './query.ts';
import { kazakhSnippet, markedSnippet, type Snippet, snippetTexts } from './snippets.ts';
import { lexeme } from './terms.ts';
import { type Corrections, findCorrections } from './typos.ts';

/*
 * One search over every searchable record (decision 0018): all three languages whatever the
 * interface's, a match in the reader's language first, then by relevance, then the newer.
 *
 * Bounded work, so that the commonest word answers as fast as a rare one: counts stop at COUNT_CAP
 * records per kind (the page then says "1,000+"); relevance is computed over a window of the newest
 * matches (all of them when there are fewer than WINDOW beyond the page), never over every match.
 * A 'restricted' record counts and shows only where its domain's visibleTo admits the reader, and the
 * records shown are asked again (a change not yet indexed never shows what it should not); only the
 * restricted matches that can count or show are read. The statements, fixed for each way the window
 * is read (by the estimates): the estimates (beside the typo lookup); either every match read once
 * (window, counts and restricted matches together) or the window beside the counts; one visibleTo
 * per kind; the page's titles and snippets (search_texts: the rows every match reads carry no
 * texts). A window read since a date that held too few, or a walk that went back beyond it, adds one.
 */

export interface SearchInput {
  q: string;
  lang: Lang;
  kind?: string | undefined;
  limit: number;
  offset: number;
}

export interface SearchHit {
  kind: string;
  id: string;
  lang: Lang;
  title: string;
  path: string;
  snippet: Snippet;
  score: number;
}

export interface SearchResult {
  /** Records found; with `more`, at least this many. */
  total: number;
  /** Per kind; a kind at COUNT_CAP has at least that many. */
  byKind: Record<string, number>;
  /** True when a count stopped at COUNT_CAP. */
  more: boolean;
  hits: SearchHit[];
  /** The query as searched when some of its words were corrected ("Showing results for …"), else null. */
  searchedFor: string | null;
}

export const COUNT_CAP = 1_000;
const WINDOW = 300;
/**
 * The newest matches are looked for among the rows changed since a date chosen to hold this many
 * times the window's matches by the estimates (which count a word twice when Russian and English stem
 * it alike); when the date held fewer, every match is read after all.
 */
const RANGE_MARGIN = 4;
/** Beyond this share of the rows, a range of dates saves little: every match is read. */
const RANGE_SHARE_MAX = 0.5;
const RESTRICTED_MAX = 2_000;
const READER_LANG_BOOST = 1.5;

const EMPTY: SearchResult = { total: 0, byKind: {}, more: false, hits: [], searchedFor: null };

interface Queries {
  kk: string;
  ru: string;
  en: string;
}

function queriesOf(parsed: ParsedQuery, corrections: Corrections): Queries {
  return {
    kk: kazakhTsquery(parsed, corrections),
    ru: snowballQuery(parsed, 'ru', corrections),
    en: snowballQuery(parsed, 'en', corrections),
  };
}

/** The query in the three languages at once: their lexemes never meet (terms.ts), so each row matches in its own. */
function anyLanguage({ kk, ru, en }: Queries) {
  return sql`(${kk}::tsquery || to_tsquery('russian', ${ru}) || to_tsquery('english', ${en}))`;
}

/** The query restricted to rows carrying these marker lexemes (terms.ts: markerLexemes): one GIN lookup. */
function withMarkers(query: RawBuilder<unknown>, ...markers: RawBuilder<unknown>[]) {
  return sql<SqlBool>`d.terms @@ (${query}${sql.join(
    markers.map((m) => sql` && ${m}::tsquery`),
    sql``,
  )})`;
}

function querySql({ kk, ru, en }: Queries, lang: RawBuilder<unknown>) {
  return sql`CASE ${lang} WHEN 'kk' THEN ${kk}::tsquery
    WHEN 'ru' THEN to_tsquery('russian', ${ru}) ELSE to_tsquery('english', ${en}) END`;
}

interface Estimates {
  /** The index's rows. */
  table: number;
  /** Each kind's public rows matching the query, in the order of the kinds asked. */
  byKind: number[];
  /** The planner's histogram of the rows' dates (equal numbers of rows between two bounds, oldest first), or none. */
  dates: Date[];
}

/**
 * The planner's estimates, no row read: the index's rows, and each kind's public rows matching the
 * query — in one call (migration 202612060160: the EXPLAINs run inside PostgreSQL, one round trip) —
 * and the statistics' histogram of the dates, in the same statement.
 */
async function estimates(db: Db, query: RawBuilder<unknown>, kinds: string[]): Promise<Estimates> {
  const { rows } = await sql<{ kind: string | null; estimate: number | null; dates: Date[] | null }>`
    SELECT kind, estimate, NULL::timestamptz[] AS dates FROM search_estimates(${query}, ${kinds}::text[])
    UNION ALL
    SELECT NULL, NULL, histogram_bounds::text::timestamptz[] FROM pg_stats
     WHERE schemaname = current_schema() AND tablename = 'search_documents' AND attname = 'updated_at'`.execute(db);
  return {
    table: rows.find((r) => r.kind === null && r.estimate !== null)?.estimate ?? 0,
    byKind: kinds.map((k) => rows.find((r) => r.kind === k)?.estimate ?? 0),
    dates: rows.find((r) => r.dates !== null)?.dates ?? [],
  };
}

/**
 * The date from which the newest `share` of the rows are, by the histogram (a bound at or before
 * the one the share asks; rows written since the statistics are newer still); none when the
 * histogram cannot tell or the share is most of the rows.
 */
export function dateOfNewest(dates: Date[], share: number): Date | undefined {
  const buckets = dates.length - 1;
  if (buckets < 2 || !(share > 0) || share > RANGE_SHARE_MAX) return undefined;
  return dates[Math.max(0, Math.floor(buckets * (1 - share)))];
}

async function visibleKeys(
  db: Db,
  searchables: readonly Searchable[],
  reader: CurrentUser | null,
  pairs: { kind: string; id: string }[],
): Promise<Set<string>> {
  const byKind = new Map<string, string[]>();
  for (const p of pairs) {
    const ids = byKind.get(p.kind);
    if (ids) ids.push(p.id);
    else byKind.set(p.kind, [p.id]);
  }
  const out = new Set<string>();
  await Promise.all(
    [...byKind].map(async ([kind, ids]) => {
      const s = searchables.find((x) => x.kind === kind);
      if (!s) return;
      for (const id of await s.visibleTo(db, reader, [...new Set(ids)])) out.add(`${kind}:${id}`);
    }),
  );
  return out;
}

/** A match of the window, ranked: its row of search_documents, and its score. */
type Candidate = Pick<SearchDocumentsTable, 'kind' | 'id' | 'lang' | 'path' | 'visibility' | 'updated_at'> & {
  score: number;
};

/** One per record (its best language), by relevance, then the newer. */
function ranked(candidates: Candidate[]): Candidate[] {
  const best = new Map<string, Candidate>();
  for (const c of candidates) {
    const key = `${c.kind}:${c.id}`;
    const seen = best.get(key);
    if (!seen || Number(c.score) > Number(seen.score)) best.set(key, c);
  }
  return [...best.values()].sort(
    (a, b) =>
      Number(b.score) - Number(a.score) ||
      b.updated_at.getTime() - a.updated_at.getTime() ||
      a.kind.localeCompare(b.kind) ||
      a.id.localeCompare(b.id),
  );
}

export async function search(
  db: Db,
  searchables: readonly Searchable[],
  reader: CurrentUser | null,
  input: SearchInput,
): Promise<SearchResult> {
  const parsed = parseQuery(input.q);
  if (!hasPositive(parsed)) return EMPTY;
  const kinds = searchables.map((s) => s.kind).filter((k) => input.kind === undefined || k === input.kind);
  // The planner's estimate of each kind's public matches and of the table (EXPLAIN, no rows read).
  // Usually every word is found as it is and nothing is corrected: the estimates start with the
  // query as typed, beside the typo lookup, and run again only when a word was corrected.
  const asTyped = queriesOf(parsed, new Map());
  const early = kinds.length === 0 ? undefined : estimates(db, anyLanguage(asTyped), kinds);
  early?.catch(() => {});
  const corrections = await findCorrections(db, parsed);
  if (!early) return { ...EMPTY, searchedFor: searchedFor(parsed, corrections) };
  const queries = corrections.size === 0 ? asTyped : queriesOf(parsed, corrections);
  const query = anyLanguage(queries);
  const window = input.offset + input.limit + WINDOW;
  const { table, byKind: estimated, dates } = await (corrections.size === 0 ? early : estimates(db, query, kinds));
  const score = (c: string) =>
    sql<number>`ts_rank_cd(${sql.ref(`${c}.terms`)}, ${querySql(queries, sql.ref(`${c}.lang`))})
        * CASE WHEN ${sql.ref(`${c}.lang`)} = ${input.lang} THEN ${sql.lit(READER_LANG_BOOST)} ELSE 1 END`;
  // The newest matches the reader may see (the window), ranked. Three ways to read them, by the
  // estimates:
  // - a common word (matches² > 2,000 × rows): walking the index of dates, which checks about
  //   WINDOW / (matches / rows) rows (measured at 567,000 rows with scripts/bench-search.ts: the sort
  //   won up to 1,540, e.g. "torture" 24 against 35 ms, the walk from 3,040, "detention" 25 against
  //   288 ms);
  // - else, when the matches are many (RANGE_MARGIN times the window is less than RANGE_SHARE_MAX of
  //   them): only the matches changed since a date, chosen by the statistics' histogram of dates to
  //   hold RANGE_MARGIN times the window. The terms' index and the index of dates each give a bitmap
  //   and PostgreSQL reads the rows of both (BitmapAnd): a few hundred rows, not every match. When the
  //   date held fewer than the window (the estimate was too high, or the dates are uneven), every
  //   match is read after all: the window is the same either way;
  // - else every match, read once for the window, the counts and the restricted matches (a phrase's
  //   rows are checked once, not three times).
  // The estimates count a word twice when Russian and English stem it alike; "+ 0 s" keeps the
  // planner off the index of dates' order, so that it reads bitmaps.
  // The window is the newest `window` public matches and the restricted ones newer than the last of
  // them (or all, when the public ones are fewer): the newest `window` the reader may see are among
  // them, whichever restricted ones their domains' visibleTo admits. A restricted match older than
  // that, which can neither be shown nor change the window, is never read.
  const matches = estimated.reduce((a, n) => a + n, 0);
  const common = matches * matches > 2_000 * table;
  const since = matches === 0 ? undefined : dateOfNewest(dates, (RANGE_MARGIN * window) / matches);
  const every = !common && !since;
  const newest = common ? sql.ref('d.updated_at') : sql`d.updated_at + interval '0 s'`;
  const inKinds = sql<SqlBool>`d.kind = ANY(${kinds}::text[])`;
  // The public matches (since the date), and the restricted ones newer than the last of them (all
  // when they are fewer than the window) and since `restrictedFrom`, in one statement. A common word
  // walks the index of dates with no date (a date would let PostgreSQL read the terms' bitmap, which
  // for two common words of a phrase costs more than the walk); its restricted matches are read
  // since the date all the same (it is a guess: when the walk went back further, they are read again
  // since the last public match).
  const restrictedPart = (from: Date | undefined, oldest: RawBuilder<unknown>) => sql`
      SELECT c.kind, c.id, c.lang, c.path, c.visibility, c.updated_at, ${score('c')} AS score
        FROM (SELECT d.kind, d.id, d.lang, d.path, d.visibility, d.updated_at, d.terms
                FROM search_documents d
               WHERE ${inKinds} AND ${withMarkers(query, sql`${lexeme('#restricted')}`)}
                 ${from === undefined ? sql`` : sql`AND d.updated_at >= ${from}`}
                 AND d.updated_at >= ${oldest}) c`;
  const windowSince = (from: Date | undefined, restrictedFrom: Date | undefined) =>
    sql<Candidate>`
      WITH p AS MATERIALIZED (
        SELECT d.kind, d.id, d.lang, d.path, d.visibility, d.updated_at, d.terms
          FROM search_documents d
         WHERE ${inKinds} AND d.terms @@ ${query} AND d.visibility = 'public'
           ${from === undefined ? sql`` : sql`AND d.updated_at >= ${from}`}
         ORDER BY ${newest} DESC LIMIT ${window}
      )
      SELECT d.kind, d.id, d.lang, d.path, d.visibility, d.updated_at, ${score('d')} AS score FROM p d
      UNION ALL
      ${restrictedPart(
        restrictedFrom,
        sql`coalesce((SELECT min(updated_at) FROM p HAVING count(*) >= ${window}), '-infinity')`,
      )}`
      .execute(db)
      .then((r) => r.rows);
  // Exact counts where they are cheap (up to COUNT_CAP records, each kind one GIN lookup of the query
  // and the kind's marker); a kind estimated far above the cap counts as "more than COUNT_CAP". When
  // every match is read, every kind is counted from that read. The restricted matches counted are
  // those of the kinds counted (few: drafts, members-only records).
  const small = every ? kinds : kinds.filter((_, i) => (estimated[i] ?? 0) < COUNT_CAP * 3);
  let counts: { kind: string; n: number; restricted: string[] }[];
  let windowRows: Candidate[];
  if (every) {
    const { rows } = await sql<{ part: 'n' | 'w'; n: number | null; restricted: string[] | null } & Candidate>`
      WITH m AS MATERIALIZED (
        SELECT d.ctid AS at, d.kind, d.id, d.visibility, d.updated_at
          FROM search_documents d
         WHERE ${inKinds} AND d.terms @@ ${query}
      ), p AS (
        SELECT at, updated_at FROM m WHERE visibility = 'public' ORDER BY updated_at DESC LIMIT ${window}
      )
      SELECT 'n' AS part, kind, count(DISTINCT id) FILTER (WHERE visibility = 'public')::int AS n,
             (array_agg(DISTINCT id) FILTER (WHERE visibility = 'restricted'))[:${RESTRICTED_MAX}] AS restricted,
             NULL AS id, NULL AS lang, NULL AS path, NULL AS visibility, NULL::timestamptz AS updated_at,
             NULL::real AS score
        FROM m GROUP BY kind
      UNION ALL
      SELECT 'w', d.kind, NULL, NULL, d.id, d.lang, d.path, d.visibility, d.updated_at, ${score('d')}
        FROM (SELECT at FROM p
              UNION ALL
              SELECT at FROM m WHERE visibility = 'restricted' AND updated_at >= coalesce(
                (SELECT min(updated_at) FROM p HAVING count(*) >= ${window}), '-infinity')) w
        JOIN search_documents d ON d.ctid = w.at`.execute(db);
    counts = rows.flatMap((r) =>
      r.part === 'n' ? [{ kind: r.kind, n: r.n ?? 0, restricted: r.restricted ?? [] }] : [],
    );
    windowRows = rows.filter((r) => r.part === 'w');
  } else {
    const countsRun =
      small.length === 0
        ? Promise.resolve({ rows: [] })
        : sql<{ kind: string; n: number; restricted: string[] }>`
      SELECT k.kind, (SELECT count(DISTINCT x.id)::int FROM (
          SELECT d.id FROM search_documents d
           WHERE ${withMarkers(query, sql`quote_literal('#k:' || k.kind)`)} AND d.visibility = 'public'
           LIMIT ${COUNT_CAP * 3}) x) AS n,
        ARRAY(SELECT DISTINCT d.id FROM search_documents d
               WHERE ${withMarkers(query, sql`quote_literal('#k:' || k.kind)`, sql`${lexeme('#restricted')}`)}
               LIMIT ${RESTRICTED_MAX}) AS restricted
        FROM unnest(${small}::text[]) AS k(kind)`.execute(db);
    // The window since the date, or, when it held fewer public matches than the window, all of it.
    const windowRun = (
      common
        ? windowSince(undefined, since)
        : windowSince(since, since).then((found) =>
            since && found.filter((r) => r.visibility === 'public').length < window
              ? windowSince(undefined, undefined)
              : found,
          )
    ).then(async (found) => {
      // A walk that went back beyond the date: its restricted matches since its last public one.
      const walked = found.filter((r) => r.visibility === 'public');
      const oldest =
        walked.length < window ? undefined : new Date(Math.min(...walked.map((r) => r.updated_at.getTime())));
      if (!common || !since || (oldest && oldest >= since)) return found;
      const again = await restrictedPart(oldest, sql`'-infinity'::timestamptz`).execute(db);
      return [...walked, ...(again.rows as Candidate[])];
    });
    [counts, windowRows] = await Promise.all([countsRun.then((r) => r.rows), windowRun]);
  }
  const restricted = counts.flatMap((c) => c.restricted.map((id) => ({ kind: c.kind, id })));
  const windowPublic = windowRows.filter((r) => r.visibility === 'public');
  const windowRestricted = windowRows.filter((r) => r.visibility !== 'public');
  // One visibleTo per kind, for all that may be needed: the restricted matches counted, those of the
  // window, and the public ones that may be on the page (its records are asked again, public ones
  // too: a change not yet indexed never shows). The window's restricted matches the reader may not see
  // let at most as many older public ones into the window, each moving a record down by one at most.
  const maybeOnPage = ranked(windowPublic).slice(0, input.offset + input.limit + windowRestricted.length);
  const seen = await visibleKeys(db, searchables, reader, [...restricted, ...windowRestricted, ...maybeOnPage]);
  const candidates = [...windowPublic, ...windowRestricted.filter((r) => seen.has(`${r.kind}:${r.id}`))]
    .sort((a, b) => b.updated_at.getTime() - a.updated_at.getTime())
    .slice(0, window);
  const publicCounts = kinds.map((kind) => ({
    kind,
    n: small.includes(kind) ? (counts.find((c) => c.kind === kind)?.n ?? 0) : COUNT_CAP,
  }));

  const page = ranked(candidates).slice(input.offset, input.offset + input.limit);
  // (A record that was not asked, should the argument above miss one: asked now.)
  const asked = new Set(maybeOnPage.map((r) => `${r.kind}:${r.id}`));
  const unasked = page.filter((r) => r.visibility === 'public' && !asked.has(`${r.kind}:${r.id}`));
  const shown =
    unasked.length === 0 ? seen : new Set([...seen, ...(await visibleKeys(db, searchables, reader, unasked))]);
  const visible = page.filter((r) => shown.has(`${r.kind}:${r.id}`));
  const texts = await snippetTexts(db, (lang) => querySql(queries, lang), visible);

  const restrictedByKind = new Map<string, number>();
  for (const { kind, id } of restricted) {
    if (!seen.has(`${kind}:${id}`)) continue;
    restrictedByKind.set(kind, (restrictedByKind.get(kind) ?? 0) + 1);
  }
  const counted = publicCounts.map((c) => ({ kind: c.kind, n: c.n + (restrictedByKind.get(c.kind) ?? 0) }));
  const byKind = Object.fromEntries(counted.filter((c) => c.n > 0).map((c) => [c.kind, Math.min(c.n, COUNT_CAP)]));
  const more = counted.some((c) => c.n >= COUNT_CAP);
  return {
    total: Object.values(byKind).reduce((a, n) => a + n, 0),
    byKind,
    more,
    searchedFor: searchedFor(parsed, corrections),
    // (A row rewritten since the window has its texts again; one deleted since has none and is left out.)
    hits: visible.flatMap((r) => {
      const found = texts.get(`${r.kind}:${r.id}:${r.lang}`);
      if (!found) return [];
      const { title, text } = found;
      return {
        kind: r.kind,
        id: r.id,
        lang: r.lang as Lang,
        title,
        path: r.path,
        score: Number(r.score),
        snippet: r.lang === 'kk' ? kazakhSnippet(text, parsed) : markedSnippet(text),
      } satisfies SearchHit;
    }),
  };
}
