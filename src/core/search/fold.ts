/**
 * Text normalisation for search, in any language: the same word typed with another hyphen, quote,
 * letter ё, an invisible character or another case must give the same search term.
 * Pure and dependency-free; the language-specific keys and stems are built on top (kazakh.ts).
 */

/** Soft hyphen and zero-width characters: invisible, removed. */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
/** Hyphen and dash variants → '-': ‐ ‑ ‒ – — ―, minus sign, small and full-width hyphen-minus. */
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
/** Typographic quotes and apostrophes → "'": ’ ‘ ʼ ʻ ` ´ ′. */
const APOSTROPHES = /[\u2019\u2018\u02BC\u02BB`\u00B4\u2032]/g;

/**
 * NFC; soft hyphens and zero-width characters removed; hyphen/dash variants → '-'; typographic
 * apostrophes → "'"; lower case; ё → е. The Latin capital İ becomes a plain 'i' (JavaScript's
 * lower-casing would leave a combining dot above it).
 */
export function foldText(s: string): string {
  return s
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(DASHES, '-')
    .replace(APOSTROPHES, "'")
    .replace(/İ/g, 'i')
    .toLowerCase()
    .replace(/ё/g, 'е');
}

/**
 * One word: letters, combining marks and digits, with apostrophes inside it ("children's", the 2017
 * Kazakh Latin "s'ag'at"). A trailing apostrophe is kept after a Latin letter, because the 2017
 * alphabet writes "ñ" as "n'" at the end of a word ("adamnyn'"). Words joined by '-' form one match.
 */
const PART = "[\\p{L}\\p{M}\\p{N}]+(?:'[\\p{L}\\p{M}\\p{N}]+)*(?:(?<=[a-z])'(?![\\p{L}\\p{M}\\p{N}]))?";
const WORD = new RegExp(`${PART}(?:-${PART})*`, 'gu');

/**
 * The search words of a text, folded (foldText) and in order. A hyphenated compound yields its
 * joined form without hyphens first, then its parts: "зорлық-зомбылық" → "зорлықзомбылық", "зорлық",
 * "зомбылық". So a query written with an ordinary hyphen, a U+2010 hyphen, no hyphen or a space
 * finds it, and the parts stay next to the words around them for phrase queries. Parts are not
 * emitted when one of them is a single letter (Russian г-жи: Kazakh жи must not find it).
 */
export function words(s: string): string[] {
  const out: string[] = [];
  for (const match of foldText(s).matchAll(WORD)) {
    const token = match[0];
    if (!token.includes('-')) {
      out.push(token);
      continue;
    }
    const parts = token.split('-');
    // a one-letter part is an abbreviation (г-жи, т.б.), not a word of its own
    out.push(parts.join(''), ...(parts.every((part) => part.length > 1) ? parts : []));
  }
  return out;
}

/** What a run of letters holds: letters, combining marks, soft hyphens and zero-width characters. */
const RUN_CHAR = /^[\p{L}\p{M}\u00AD\u200B-\u200D\u2060\uFEFF]$/u;
/** Per UTF-16 unit of the Basic Multilingual Plane, 1 when it is RUN_CHAR (surrogates: 0), built at first use. */
let runChars: Uint8Array | undefined;

function runTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (c < 0xd800 || c > 0xdfff) table[c] = RUN_CHAR.test(String.fromCharCode(c)) ? 1 : 0;
  }
  return table;
}

/**
 * Calls `f` with each run of letters of the text, lower-cased (what `split(/[^RUN_CHAR]+/u)` gives),
 * of `min` to `max` UTF-16 units. A loop over a table rather than a regular expression: every text
 * indexed passes here (the vocabulary, typos.ts), and it is several times faster.
 */
export function forEachRun(text: string, min: number, max: number, f: (run: string) => void): void {
  runChars ??= runTable();
  const table = runChars;
  const s = text.toLowerCase();
  let start = -1;
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pair ? RUN_CHAR.test(s.slice(i, i + 2)) : table[c] === 1) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start >= min && i - start <= max) f(s.slice(start, i));
      start = -1;
    }
    i += pair ? 2 : 1;
  }
  if (start >= 0 && s.length - start >= min && s.length - start <= max) f(s.slice(start));
}
