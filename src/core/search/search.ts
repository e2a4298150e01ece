import { type SqlBool, sql } from 'kysely';
import type { CurrentUser } from '../auth/user.ts';
import type { Db } from '../db/database.ts';
import type { Searchable } from '../extensions.ts';
import type { Lang } from '../i18n/locales.ts';
import { words } from './fold.ts';
import { hasPositive, kazakhTsquery, type ParsedQuery, parseQuery, snowballQuery } from './query.ts';
import { kazakhTerm } from './terms.ts';

/*
 * One search over every searchable record (decision 0018): all three languages whatever the
 * interface's, a match in the reader's language first, then by relevance, then the newer. A
 * 'restricted' record counts and shows only where its domain's visibleTo admits the reader, and the
 * records shown are asked again (a change not yet indexed never shows what it should not). The number
 * of statements is fixed: the restricted matches, one visibleTo per kind, the counts and the page,
 * one visibleTo per kind on the page.
 */

export interface SearchInput {
  q: string;
  lang: Lang;
  kind?: string | undefined;
  limit: number;
  offset: number;
}

/** Text with the matched words marked: alternating plain and matched parts, plain first. */
export type Snippet = string[];

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
  total: number;
  byKind: Record<string, number>;
  hits: SearchHit[];
}

const RESTRICTED_MAX = 10_000;
const READER_LANG_BOOST = 1.5;

const EMPTY: SearchResult = { total: 0, byKind: {}, hits: [] };

function matchesSql(kk: string, ru: string, en: string) {
  return sql<SqlBool>`(d.lang = 'kk' AND d.terms @@ to_tsquery('simple', ${kk}))
    OR (d.lang = 'ru' AND d.terms @@ websearch_to_tsquery('russian', ${ru}))
    OR (d.lang = 'en' AND d.terms @@ websearch_to_tsquery('english', ${en}))`;
}

async function visibleKeys(
  db: Db,
  searchables: readonly Searchable[],
  reader: CurrentUser | null,
  pairs: { kind: string; id: string }[],
): Promise<Set<string>> {
  const byKind = new Map<string, string[]>();
  for (const p of pairs) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p.id]);
  const out = new Set<string>();
  await Promise.all(
    [...byKind].map(async ([kind, ids]) => {
      const s = searchables.find((x) => x.kind === kind);
      if (!s) return;
      for (const id of await s.visibleTo(db, reader, ids)) out.add(`${kind}:${id}`);
    }),
  );
  return out;
}

export async function search(
  db: Db,
  searchables: readonly Searchable[],
  reader: CurrentUser | null,
  input: SearchInput,
): Promise<SearchResult> {
  const parsed = parseQuery(input.q);
  if (!hasPositive(parsed)) return EMPTY;
  const kk = kazakhTsquery(parsed);
  const ru = snowballQuery(parsed, 'ru');
  const en = snowballQuery(parsed, 'en');
  const kinds = searchables.map((s) => s.kind);

  const restricted = await db
    .selectFrom('search_documents as d')
    .select(['d.kind', 'd.id'])
    .distinct()
    .where('d.visibility', '=', 'restricted')
    .where('d.kind', 'in', kinds)
    .where(matchesSql(kk, ru, en))
    .limit(RESTRICTED_MAX)
    .execute();
  const allowed = [...(await visibleKeys(db, searchables, reader, restricted))];

  const best = db
    .selectFrom('search_documents as d')
    .select([
      'd.kind',
      'd.id',
      'd.lang',
      'd.title',
      'd.path',
      'd.updated_at',
      sql<number>`ts_rank_cd(d.terms, CASE d.lang WHEN 'kk' THEN to_tsquery('simple', ${kk})
        WHEN 'ru' THEN websearch_to_tsquery('russian', ${ru}) ELSE websearch_to_tsquery('english', ${en}) END)
        * CASE WHEN d.lang = ${input.lang} THEN ${sql.lit(READER_LANG_BOOST)} ELSE 1 END`.as('score'),
    ])
    .distinctOn(['d.kind', 'd.id'])
    .where('d.kind', 'in', kinds)
    .where(matchesSql(kk, ru, en))
    .where((eb) =>
      eb.or([eb('d.visibility', '=', 'public'), eb(sql`d.kind || ':' || d.id`, '=', sql`ANY(${allowed}::text[])`)]),
    )
    .orderBy('d.kind')
    .orderBy('d.id')
    .orderBy('score', 'desc');

  const [counts, page] = await Promise.all([
    db
      .selectFrom(best.as('b'))
      .select(['b.kind', sql<number>`count(*)::int`.as('n')])
      .groupBy('b.kind')
      .execute(),
    db
      .selectFrom(best.as('b'))
      .innerJoin('search_documents as d', (j) =>
        j.onRef('d.kind', '=', 'b.kind').onRef('d.id', '=', 'b.id').onRef('d.lang', '=', 'b.lang'),
      )
      .select([
        'b.kind',
        'b.id',
        'b.lang',
        'b.title',
        'b.path',
        'b.score',
        sql<string>`CASE WHEN b.lang = 'kk' THEN left(d.body, 20000)
          ELSE ts_headline(CASE b.lang WHEN 'ru' THEN 'russian'::regconfig ELSE 'english'::regconfig END, left(d.body, 20000),
            CASE b.lang WHEN 'ru' THEN websearch_to_tsquery('russian', ${ru}) ELSE websearch_to_tsquery('english', ${en}) END,
            'StartSel=' || chr(57344) || ', StopSel=' || chr(57345) || ', MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "')
          END`.as('text'),
      ])
      .$if(input.kind !== undefined, (q) => q.where('b.kind', '=', input.kind as string))
      .orderBy('b.score', 'desc')
      .orderBy('b.updated_at', 'desc')
      .orderBy('b.kind')
      .orderBy('b.id')
      .limit(input.limit)
      .offset(input.offset)
      .execute(),
  ]);

  const shown = await visibleKeys(db, searchables, reader, page);
  const byKind = Object.fromEntries(counts.map((c) => [c.kind, c.n]));
  const total = input.kind !== undefined ? (byKind[input.kind] ?? 0) : counts.reduce((a, c) => a + c.n, 0);
  return {
    total,
    byKind,
    hits: page
      .filter((r) => shown.has(`${r.kind}:${r.id}`))
      .map((r) => ({
        kind: r.kind,
        id: r.id,
        lang: r.lang as Lang,
        title: r.title,
        path: r.path,
        score: Number(r.score),
        snippet: r.lang === 'kk' ? kazakhSnippet(r.text, parsed) : markedSnippet(r.text),
      })),
  };
}

/** Splits ts_headline's output at its markers. */
function markedSnippet(text: string): Snippet {
  return text.split(/[\uE000\uE001]/);
}

const SNIPPET_CHARS = 240;

/** A piece of a Kazakh text around its first matched words, the matched words marked. */
export function kazakhSnippet(text: string, query: ParsedQuery): Snippet {
  const wanted = new Set(
    query.flatMap((g) => g.filter((i) => !i.negated).flatMap((i) => i.words.map(kazakhTerm))).filter(Boolean),
  );
  const tokens = [...text.matchAll(/[\p{L}\p{N}]+(?:[-\u2010\u2011][\p{L}\p{N}]+)*/gu)];
  const hits = tokens.filter((m) => words(m[0]).some((w) => wanted.has(kazakhTerm(w))));
  const first = hits[0]?.index ?? 0;
  let start = Math.max(0, first - SNIPPET_CHARS / 3);
  while (start > 0 && !/\s/.test(text[start - 1] ?? ' ')) start--;
  const end = Math.min(text.length, start + SNIPPET_CHARS);
  const out: Snippet = [start > 0 ? '… ' : ''];
  let at = start;
  for (const h of hits) {
    const i = h.index ?? 0;
    if (i < start || i + h[0].length > end) continue;
    out[out.length - 1] += text.slice(at, i);
    out.push(h[0], '');
    at = i + h[0].length;
  }
  out[out.length - 1] += text.slice(at, end) + (end < text.length ? ' …' : '');
  return out;
}
