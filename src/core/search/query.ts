import { foldText, words } from './fold.ts';
import { KAZAKH_PREFIX, kazakhTerm, lexeme, snowballText } from './terms.ts';
import type { Corrections } from './typos.ts';

/*
 * A reader's query, as web search engines read it: words are all required, "quoted words" form a
 * phrase, `or` between two items takes either, `-word` excludes.
 * Russian and English are given to to_tsquery word by word (folded, quoted), so that PostgreSQL's
 * Snowball stems them; for Kazakh, Kenes builds the tsquery from its own terms, with the same meaning.
 */

export interface QueryItem {
  /** One word, or the words of a phrase (a word joined by hyphens counts as a phrase of its parts). */
  words: string[];
  negated: boolean;
}

/** AND of OR-groups of items. */
export type ParsedQuery = QueryItem[][];

export const QUERY_MAX = 200;

export function parseQuery(input: string): ParsedQuery {
  const text = foldText(input).slice(0, QUERY_MAX);
  const groups: ParsedQuery = [];
  let pendingOr = false;
  for (const m of text.matchAll(/(-?)"([^"]*)"?|(\S+)/g)) {
    const raw = m[3];
    if (raw !== undefined && raw === 'or' && groups.length > 0) {
      pendingOr = true;
      continue;
    }
    const negated = raw !== undefined ? raw.startsWith('-') : m[1] === '-';
    const item: QueryItem = { words: words(raw !== undefined ? raw.replace(/^-+/, '') : (m[2] ?? '')), negated };
    if (item.words.length === 0) continue;
    const last = groups.at(-1);
    if (pendingOr && last) last.push(item);
    else groups.push([item]);
    pendingOr = false;
  }
  return groups;
}

/** Whether the query asks for something (at least one word not excluded). */
export function hasPositive(query: ParsedQuery): boolean {
  return query.some((group) => group.some((item) => !item.negated));
}

/**
 * The Kazakh tsquery as text, its lexemes final (cast with ::tsquery, not parsed again); empty when
 * nothing is left to look for. A word with corrections (typos.ts) is looked for as it is or as them.
 */
export function kazakhTsquery(query: ParsedQuery, corrections: Corrections = new Map()): string {
  const groups = query
    .map((group) =>
      group
        .map((item) => {
          const terms = item.words
            .map(kazakhTerm)
            .filter((t) => t !== '')
            .map((t) => KAZAKH_PREFIX + t);
          if (terms.length === 0) return '';
          const fixes = (corrections.get(item.words[0] as string)?.kk ?? []).map((t) => KAZAKH_PREFIX + t);
          if (terms.length === 1 && fixes.length > 0 && !item.negated) {
            const either = [...new Set([...terms, ...fixes])];
            if (either.length > 1) return `(${either.map(lexeme).join(' | ')})`;
          }
          const phrase = terms.length === 1 ? lexeme(terms[0] as string) : `(${terms.map(lexeme).join(' <-> ')})`;
          return item.negated ? `!${phrase}` : phrase;
        })
        .filter((s) => s !== ''),
    )
    .filter((g) => g.length > 0)
    .map((g) => (g.length === 1 ? (g[0] as string) : `(${g.join(' | ')})`));
  if (!groups.some((g) => !g.startsWith('!'))) return '';
  return groups.join(' & ');
}

/**
 * The query for to_tsquery in Russian or English: AND of OR-groups, phrases with <->, words quoted (so
 * that nothing typed is read as an operator; PostgreSQL still stems them and drops stop words). Not
 * websearch_to_tsquery: there "a or b c" means a | (b & c). A word with corrections is looked for as it
 * is or as them.
 */
export function snowballQuery(query: ParsedQuery, lang: 'ru' | 'en', corrections: Corrections = new Map()): string {
  return query
    .map((group) => {
      const items = group.map((item) => {
        const terms = item.words.map((w) => lexeme(snowballText(w, lang)));
        const phrase = terms.length === 1 ? (terms[0] as string) : `(${terms.join(' <-> ')})`;
        if (item.negated) return `!${phrase}`;
        const fixes = item.words.length === 1 ? (corrections.get(item.words[0] as string)?.[lang] ?? []) : [];
        if (fixes.length === 0) return phrase;
        return `(${[phrase, ...fixes.map((w) => lexeme(snowballText(w, lang)))].join(' | ')})`;
      });
      return items.length === 1 ? (items[0] as string) : `(${items.join(' | ')})`;
    })
    .join(' & ');
}

/**
 * The query as it was searched when some of its words were corrected (typos.ts): each corrected word
 * as the words it was corrected to, `or` between them, the rest as typed (folded) — itself a query
 * that finds the same. Null when nothing was corrected.
 */
export function searchedFor(query: ParsedQuery, corrections: Corrections): string | null {
  if (corrections.size === 0) return null;
  let changed = false;
  const text = query
    .map((group) =>
      group
        .map((item) => {
          const word = item.words[0] as string;
          const shown = item.words.length === 1 && !item.negated ? corrections.get(word)?.shown : undefined;
          if (shown && shown.length > 0) {
            changed = true;
            return shown.join(' or ');
          }
          const written = item.words.length === 1 ? word : `"${item.words.join(' ')}"`;
          return item.negated ? `-${written}` : written;
        })
        .join(' or '),
    )
    .join(' ');
  return changed ? text : null;
}
