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

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const LETTER = /^\p{L}$/u;

/** The code point ending at `i` (a surrogate pair whole), or '' at the start. */
function before(s: string, i: number): string {
  const low = s.charCodeAt(i - 1);
  return i >= 2 && low >= 0xdc00 && low <= 0xdfff ? s.slice(i - 2, i) : s.slice(Math.max(0, i - 1), i);
}

/** The code point starting at `i` (a surrogate pair whole), or '' at the end. */
function at(s: string, i: number): string {
  const cp = s.codePointAt(i);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/**
 * Each compound (letters and digits joined by '-') with a one-letter part written as one word: an
 * abbreviation (г-жи, e-mail). Found from the hyphens (a text has few), not by a regular
 * expression tried at every letter: every text indexed passes here.
 */
function joinAbbreviations(s: string): string {
  let out = '';
  let done = 0;
  for (let h = s.indexOf('-'); h !== -1; h = s.indexOf('-', h + 1)) {
    if (!LETTER_OR_DIGIT.test(before(s, h)) || !LETTER_OR_DIGIT.test(at(s, h + 1))) continue;
    let start = h;
    while (start > done && LETTER_OR_DIGIT.test(before(s, start))) start -= before(s, start).length;
    // the parts after it: letters and digits, each hyphen followed by a letter or digit
    let end = h + 1;
    for (;;) {
      while (end < s.length && LETTER_OR_DIGIT.test(at(s, end))) end += at(s, end).length;
      if (s[end] === '-' && LETTER_OR_DIGIT.test(at(s, end + 1))) end++;
      else break;
    }
    const compound = s.slice(start, end);
    if (compound.split('-').some((p) => p.length === 1)) {
      out += s.slice(done, start) + compound.replace(/-/g, '');
      done = end;
    }
    h = end - 1;
  }
  return done === 0 ? s : out + s.slice(done);
}

/**
 * Per language, where its irregular forms may stand: one expression of the forms themselves (the
 * letters of the language's alphabet excluded around them), so that only they call back, and the
 * callback checks that no letter of any alphabet touches them (a whole word, as \p{L}+ reads it).
 */
const FORMS = Object.fromEntries(
  (['ru', 'en'] as const).map((lang) => {
    const letters = lang === 'ru' ? 'а-я' : 'a-z';
    const forms = [...IRREGULAR[lang].keys()].sort((a, b) => b.length - a.length);
    if (forms.some((f) => !new RegExp(`^[${letters}]+$`).test(f)))
      throw new Error(`irregular ${lang}: a form outside [${letters}]`);
    return [lang, new RegExp(`(?<![${letters}])(?:${forms.join('|')})(?![${letters}])`, 'g')];
  }),
) as Record<'ru' | 'en', RegExp>;

/** The text to give PostgreSQL's configuration for `lang` (folded; English and Russian irregular forms mapped: irregular.ts). */
export function snowballText(text: string, lang: 'ru' | 'en'): string {
  // A compound with a one-letter part is an abbreviation (г-жи, e-mail), one word as words() reads it:
  // PostgreSQL's parser would also index its parts, and Kazakh "жи" would find Russian "г-жи".
  const folded = joinAbbreviations(foldText(text));
  const irregular = IRREGULAR[lang];
  return folded.replace(FORMS[lang], (w: string, i: number) =>
    LETTER.test(before(folded, i)) || LETTER.test(at(folded, i + w.length)) ? w : (irregular.get(w) ?? w),
  );
}

/**
 * Lexemes no word can produce ('#' is never part of a word), added to every row so that one GIN
 * lookup answers "matches in this kind" and "restricted matches" (search.ts).
 */
export function markerLexemes(kind: string, visibility: string): string {
  return `${lexeme(`#k:${kind}`)} ${lexeme(`#${visibility}`)}`;
}
