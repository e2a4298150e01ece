import type { Lang } from '../i18n/locales.ts';
import { foldText, words } from './fold.ts';
import { IRREGULAR } from './irregular.ts';
import { indexTerms, queryTerm } from './kazakh.ts';

/*
 * The terms search stores and looks for, per language (decision 0018). Kazakh: every word's
 * script-neutral key (Cyrillic, 2021 Latin, with or without diacritics, 2017/2018 variants), stemmed
 * by Kenes's own stemmer, given to PostgreSQL's 'simple' configuration as is. Russian and English:
 * the folded text, given to PostgreSQL's Snowball configurations; English irregular forms are first
 * replaced by the form Snowball stems like the regular ones ("children" → "child").
 */

export const TS_CONFIG: Record<Lang, 'simple' | 'russian' | 'english'> = { kk: 'simple', ru: 'russian', en: 'english' };

// A text repeats its words (Zipf): each word's terms are computed once per process, up to this many.
const CACHE_MAX = 200_000;
const indexCache = new Map<string, readonly string[]>();
const queryCache = new Map<string, string>();

function remember<T>(cache: Map<string, T>, word: string, compute: (w: string) => T): T {
  const found = cache.get(word);
  if (found !== undefined) return found;
  const value = compute(word);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(word, value);
  return value;
}

/** A Kazakh word's index terms: its exact stem and its plain stem (one when they are the same). */
export function kazakhIndexTerms(word: string): readonly string[] {
  return remember(indexCache, word, (w) => {
    const { exact, plain } = indexTerms(w);
    return [...new Set([exact, plain])].filter((t) => t !== '');
  });
}

/** A Kazakh word's term in a query: its exact stem if it is written exactly, else its plain stem. */
export function kazakhTerm(word: string): string {
  return remember(queryCache, word, (w) => queryTerm(w).stem);
}

// A tsvector's positions stop at 16383; later words share the last one (they still match).
const POSITION_MAX = 16_383;

/**
 * Kazakh terms carry this prefix in the index, so that they never meet an English stem (both are
 * Latin letters); words never contain it. Russian stems are Cyrillic and English ones are Latin
 * without it: one tsquery over the three languages matches each row in its own language.
 */
export const KAZAKH_PREFIX = '_';

/** A lexeme as tsvector and tsquery text read it: quoted, quotes doubled, backslashes escaped. */
export function lexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * The tsvector of a Kazakh title and body, as text PostgreSQL reads (`'term':1A,4A 'other':2`):
 * every word's exact and plain stems at the word's position, the title's weighted A, the body's D.
 */
export function kazakhTsvector(title: string, body: string): string {
  const positions = new Map<string, string[]>();
  let at = 0;
  const add = (text: string, weight: string) => {
    for (const word of words(text)) {
      at = Math.min(at + 1, POSITION_MAX);
      for (const term of kazakhIndexTerms(word)) {
        const list = positions.get(term) ?? [];
        if (list.length < 256) list.push(`${at}${weight}`);
        positions.set(term, list);
      }
    }
  };
  add(title, 'A');
  add(body, '');
  return [...positions].map(([term, list]) => `${lexeme(KAZAKH_PREFIX + term)}:${list.join(',')}`).join(' ');
}

const HYPHENATED = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+/gu;

/** The text to give PostgreSQL's configuration for `lang` (folded; English and Russian irregular forms mapped: irregular.ts). */
export function snowballText(text: string, lang: 'ru' | 'en'): string {
  // A compound with a one-letter part is an abbreviation (г-жи, e-mail), one word as words() reads it:
  // PostgreSQL's parser would also index its parts, and Kazakh "жи" would find Russian "г-жи".
  const folded = foldText(text).replace(HYPHENATED, (w) =>
    w.split('-').some((p) => p.length === 1) ? w.replace(/-/g, '') : w,
  );
  const irregular = IRREGULAR[lang];
  return folded.replace(/\p{L}+/gu, (w) => irregular.get(w) ?? w);
}

/**
 * Lexemes no word can produce ('#' is never part of a word), added to every row so that one GIN
 * lookup answers "matches in this kind" and "restricted matches" (search.ts).
 */
export function markerLexemes(kind: string, visibility: string): string {
  return `${lexeme(`#k:${kind}`)} ${lexeme(`#${visibility}`)}`;
}
