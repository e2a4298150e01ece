import type { Lang } from '../i18n/locales.ts';
import { foldText, words } from './fold.ts';
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

// English forms Snowball does not bring to the stem of their regular relatives.
const IRREGULAR_EN: Record<string, string> = Object.fromEntries(
  `children child|women woman|men man|feet foot|teeth tooth|mice mouse|geese goose|lives life|wives wife|
knives knife|halves half|leaves leaf|analyses analysis|crises crisis|bases basis|theses thesis|criteria criterion|
phenomena phenomenon|indices index|appendices appendix|better good|best good|worse bad|worst bad|
further far|furthest far|farther far|farthest far|less little|least little|more many|most many|elder old|eldest old|
was be|were be|been be|is be|are be|am be|had have|has have|did do|done do|does do|went go|gone go|
made make|said say|took take|taken take|gave give|given give|found find|thought think|told tell|became become|
left leave|felt feel|brought bring|began begin|begun begin|kept keep|held hold|wrote write|written write|
stood stand|heard hear|meant mean|met meet|ran run|paid pay|sat sit|spoke speak|spoken speak|led lead|
grew grow|grown grow|lost lose|fell fall|fallen fall|sent send|built build|understood understand|drew draw|
drawn draw|broke break|broken break|spent spend|rose rise|risen rise|drove drive|driven drive|bought buy|
wore wear|worn wear|chose choose|chosen choose|sought seek|threw throw|thrown throw|caught catch|dealt deal|
won win|forgot forget|forgotten forget|fought fight|taught teach|sold sell|saw see|seen see|knew know|
known know|got get|gotten get|came come|ate eat|eaten eat|bore bear|borne bear|forbade forbid|forbidden forbid|
hid hide|hidden hide|arose arise|arisen arise|struck strike|stricken strike|undertook undertake|
undertaken undertake|withdrew withdraw|withdrawn withdraw|overcame overcome|sought seek|fled flee|bound bind|
laid lay|lain lie|slept sleep|swore swear|sworn swear|woke wake|woken wake|shook shake|shaken shake|
spread spread|taught teach|beaten beat|bitten bite|froze freeze|frozen freeze|stole steal|stolen steal`
    .split(/[|\n]/)
    .map((pair) => pair.trim().split(' ') as [string, string])
    .filter((p) => p.length === 2),
);

const HYPHENATED = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+/gu;

/** The text to give PostgreSQL's configuration for `lang` (folded; English irregular forms mapped). */
export function snowballText(text: string, lang: 'ru' | 'en'): string {
  // A compound with a one-letter part is an abbreviation (г-жи, e-mail), one word as words() reads it:
  // PostgreSQL's parser would also index its parts, and Kazakh "жи" would find Russian "г-жи".
  const folded = foldText(text).replace(HYPHENATED, (w) =>
    w.split('-').some((p) => p.length === 1) ? w.replace(/-/g, '') : w,
  );
  if (lang === 'ru') return folded;
  return folded.replace(/\p{L}+/gu, (w) => IRREGULAR_EN[w] ?? w);
}

/**
 * Lexemes no word can produce ('#' is never part of a word), added to every row so that one GIN
 * lookup answers "matches in this kind" and "restricted matches" (search.ts).
 */
export function markerLexemes(kind: string, visibility: string): string {
  return `${lexeme(`#k:${kind}`)} ${lexeme(`#${visibility}`)}`;
}
