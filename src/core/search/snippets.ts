import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { words } from './fold.ts';
import type { ParsedQuery } from './query.ts';
import { kazakhIndexTerms, kazakhTerm } from './terms.ts';

/* The search page's titles and snippets (decision 0018): read for the page's hits only. */

/** Text with the matched words marked: alternating plain and matched parts, plain first. */
export type Snippet = string[];

/**
 * The page's titles and snippets, from search_texts (the texts apart from the rows every match reads):
 * PostgreSQL's ts_headline in Russian and English, the start of the body in Kazakh.
 */
export async function snippetTexts(
  db: Db,
  queryOf: (lang: RawBuilder<unknown>) => RawBuilder<unknown>,
  rows: { kind: string; id: string; lang: string }[],
) {
  if (rows.length === 0) return new Map<string, { title: string; text: string }>();
  const found = await sql<{ kind: string; id: string; lang: string; title: string; text: string }>`
    SELECT d.kind, d.id, d.lang, d.title,
           CASE WHEN d.lang = 'kk' THEN left(d.body, 20000)
           ELSE ts_headline(CASE d.lang WHEN 'ru' THEN 'russian'::regconfig ELSE 'english'::regconfig END,
                  left(d.body, 20000), ${queryOf(sql.ref('d.lang'))},
                  'StartSel=' || chr(57344) || ', StopSel=' || chr(57345) || ', MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "')
           END AS text
      FROM unnest(${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.lang)}::text[]) AS k(kind, id, lang)
      JOIN search_texts d ON d.kind = k.kind AND d.id = k.id AND d.lang = k.lang`.execute(db);
  return new Map(found.rows.map((f) => [`${f.kind}:${f.id}:${f.lang}`, { title: f.title, text: f.text }]));
}

/** Splits ts_headline's output at its markers. */
export function markedSnippet(text: string): Snippet {
  return text.split(/[\uE000\uE001]/);
}

const SNIPPET_CHARS = 240;

/** A piece of a Kazakh text around its first matched words, the matched words marked. */
export function kazakhSnippet(text: string, query: ParsedQuery): Snippet {
  const wanted = new Set(
    query.flatMap((g) => g.filter((i) => !i.negated).flatMap((i) => i.words.map(kazakhTerm))).filter(Boolean),
  );
  const tokens = [...text.matchAll(/[\p{L}\p{N}]+(?:[-\u2010\u2011][\p{L}\p{N}]+)*/gu)];
  const hits = tokens.filter((m) => words(m[0]).some((w) => kazakhIndexTerms(w).some((t) => wanted.has(t))));
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
