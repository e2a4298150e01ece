import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { LANGS, type Lang } from '../i18n/locales.ts';
import { forEachRun, words } from './fold.ts';
import { exactKey, isExact, plainKey, searchKey, stemExact, stemKazakh } from './kazakh.ts';
import type { ParsedQuery } from './query.ts';
import { KAZAKH_PREFIX, kazakhIndexTerms, kazakhTerm, lexeme, snowballText } from './terms.ts';

/*
 * Typo tolerance (decision 0018). The words of the public index are kept in search_vocabulary with
 * their deletion keys (SymSpell): two words within one edit share a key "without one letter", within
 * two edits a key "without two letters". A query word of TYPO_MIN letters or more whose terms match
 * nothing, in any language, is looked up by its own keys, in one statement (one GIN lookup per word and
 * language), and the words found within one edit (two for TYPO_TWO letters or more) are searched as
 * well, in the same language only: Kazakh by the script-neutral plain key (Cyrillic and Latin typos
 * meet), Russian among Cyrillic words, English among Latin ones. Short words are never corrected (ат
 * must not find атап), a word found as it is never is (Russian "ананас" must not find Kazakh "анасы"),
 * and neither are phrases and excluded words.
 */

/** Words shorter than this are never corrected. */
export const TYPO_MIN = 5;
/** Words of this many letters or more are corrected within two edits, shorter ones within one. */
export const TYPO_TWO = 8;
/** The vocabulary keeps words whose key has this many letters: a 5-letter word's neighbours have 4 or more. */
const VOCABULARY_MIN = TYPO_MIN - 1;
const VOCABULARY_MAX = 24;
/** At most this many words of a query are corrected, each into at most CANDIDATES_MAX words per language. */
const WORDS_MAX = 6;
const CANDIDATES_MAX = 8;

/** Letters the Kazakh alphabets have and Russian and English do not: such a word is not corrected as Russian or English. */
const KAZAKH_ONLY = /[әғқңөұүһіäğıñöūüşç]/;

/** How many edits separate two words: insertions, deletions, substitutions, swaps of neighbours (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  let before: number[] = [];
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        d = Math.min(d, (before[j - 2] as number) + 1);
      current.push(d);
    }
    before = previous;
    previous = current;
  }
  return previous[t.length] as number;
}

/** The edits allowed for a word of this many letters: none below TYPO_MIN, one, or two from TYPO_TWO. */
export function editsAllowed(word: string): number {
  const n = [...word].length;
  return n < TYPO_MIN ? 0 : n < TYPO_TWO ? 1 : 2;
}

/** A 32-bit FNV-1a hash of a string, as PostgreSQL's integer (signed). */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/**
 * The deletion keys of a word (SymSpell): the word, the word without one letter, and from TYPO_TWO
 * letters without two; hashed with the language. Two words of a language within one edit share a
 * key; within two, if the longer has TYPO_TWO letters or more.
 */
export function typoKeys(lang: Lang, word: string): number[] {
  // By UTF-16 units: a letter outside the Basic Multilingual Plane only gives a few more keys.
  const out = new Set<string>([word]);
  for (let i = 0; i < word.length; i++) {
    const one = word.slice(0, i) + word.slice(i + 1);
    out.add(one);
    if (word.length < TYPO_TWO) continue;
    for (let j = i; j < one.length; j++) out.add(one.slice(0, j) + one.slice(j + 1));
  }
  return [...new Set([...out].map((k) => hash(`${lang} ${k}`)))];
}

/** One word of the vocabulary: `word` is stored, `base` is keyed, `text` gives PostgreSQL the terms (Russian, English). */
interface Entry {
  lang: Lang;
  word: string;
  /** The word as a text wrote it (folded, lower case): what a correction shows the reader. */
  shown: string;
  base: string;
  text: string;
  keys?: number[];
  /** Kazakh: the terms, computed here; Russian and English: computed by PostgreSQL from `text`. */
  terms: string[];
}

const LETTERS = /^\p{L}+$/u;
const CYRILLIC = /^\p{Script=Cyrillic}+$/u;
const ASCII = /^[a-z]+$/;

/** The vocabulary entry of one word of a text in `lang`, or undefined when it is not kept (numbers, too short or long). */
export function vocabularyEntry(word: string, lang: Lang): Entry | undefined {
  if (lang === 'kk') {
    const exact = exactKey(word);
    const base = plainKey(exact);
    if (!ASCII.test(base) || base.length < VOCABULARY_MIN || base.length > VOCABULARY_MAX) return undefined;
    return { lang, word: exact, shown: word, base, text: '', terms: kazakhIndexTerms(word).map((t) => `kk=${t}`) };
  }
  const n = [...word].length;
  if (n < VOCABULARY_MIN || n > VOCABULARY_MAX || !LETTERS.test(word)) return undefined;
  if (lang === 'ru' ? !CYRILLIC.test(word) : !/^\p{Script=Latin}+$/u.test(word)) return undefined;
  return { lang, word, shown: word, base: word, text: snowballText(word, lang), terms: [] };
}

/** The languages in which a query word may be corrected, and its entry in each. */
function queryEntries(word: string): Entry[] {
  if (editsAllowed(word) === 0 || !LETTERS.test(word)) return [];
  const out: Entry[] = [];
  const base = searchKey(word);
  if (ASCII.test(base)) out.push({ lang: 'kk', word, shown: word, base, text: '', terms: [`kk=${kazakhTerm(word)}`] });
  if (!KAZAKH_ONLY.test(word)) {
    if (CYRILLIC.test(word)) out.push({ lang: 'ru', word, shown: word, base: word, text: word, terms: [] });
    else if (ASCII.test(word))
      out.push({ lang: 'en', word, shown: word, base: word, text: snowballText(word, 'en'), terms: [] });
  }
  return out;
}

/** The terms of a Russian or English vocabulary word, 'ru=<lexeme>', as search_vocabulary_near computes a query word's (Kazakh ones are computed by Kenes). */
const snowballTerms = sql`ARRAY(
    SELECT x.lang || '=' || l FROM unnest(tsvector_to_array(to_tsvector(
      (CASE x.lang WHEN 'ru' THEN 'russian' ELSE 'english' END)::regconfig, x.text))) AS l)`;

// Words written by this process to each database, not written again (a text repeats its words), up to this many.
const KNOWN_MAX = 300_000;
const knownIn = new WeakMap<Db, Record<Lang, Set<string>>>();

/**
 * Adds the words of these rows' texts to the vocabulary (public rows only: a word that only a
 * restricted record has must not change what a visitor's search does). New words only; words of deleted
 * or since-restricted records stay, and findCorrections suggests them only while a public row has them.
 */
export async function addToVocabulary(
  db: Db,
  rows: readonly { lang: Lang; title: string; body: string; visibility: string }[],
): Promise<void> {
  const known = knownIn.get(db) ?? { kk: new Set<string>(), ru: new Set<string>(), en: new Set<string>() };
  knownIn.set(db, known);
  // The words not written yet, as written (a quick split, forEachRun: every record's text passes here), then
  // the entries of their folded forms, each computed once.
  const fresh = { kk: new Set<string>(), ru: new Set<string>(), en: new Set<string>() };
  for (const row of rows) {
    if (row.visibility !== 'public') continue;
    const seen = known[row.lang];
    const add = fresh[row.lang];
    const note = (token: string) => {
      if (!seen.has(token)) add.add(token);
    };
    forEachRun(row.title, VOCABULARY_MIN, VOCABULARY_MAX * 2, note);
    forEachRun(row.body, VOCABULARY_MIN, VOCABULARY_MAX * 2, note);
  }
  const entries = new Map<string, Entry>();
  for (const lang of LANGS) {
    for (const token of fresh[lang]) {
      for (const word of words(token)) {
        const entry = vocabularyEntry(word, lang);
        if (entry) entries.set(`${lang}:${entry.word}`, entry);
      }
    }
    if (known[lang].size + fresh[lang].size > KNOWN_MAX) known[lang].clear();
    for (const token of fresh[lang]) known[lang].add(token);
  }
  if (entries.size === 0) return;
  // In one order, so that two processes adding the same words never wait for each other in a circle.
  const list = [...entries.values()]
    .sort((a, b) => a.lang.localeCompare(b.lang) || (a.word < b.word ? -1 : 1))
    .map((entry, n) => ({ ...entry, keys: typoKeys(entry.lang, entry.base), n }));
  // A word stored before it had its written form (migration 202612070700) gets it now.
  await sql`
    INSERT INTO search_vocabulary (lang, word, terms, keys, shown)
    SELECT x.lang, x.word, t.terms, x.keys, x.shown
      FROM jsonb_to_recordset(${JSON.stringify(list)}::jsonb)
        AS x(lang text, word text, shown text, text text, terms text[], keys integer[], n int)
     CROSS JOIN LATERAL (SELECT CASE WHEN x.lang = 'kk' THEN x.terms ELSE ${snowballTerms} END AS terms) AS t
     WHERE cardinality(t.terms) > 0
       AND NOT EXISTS (SELECT 1 FROM search_vocabulary v WHERE v.lang = x.lang AND v.word = x.word AND v.shown IS NOT NULL)
     ORDER BY x.n
    ON CONFLICT (lang, word) DO UPDATE SET shown = EXCLUDED.shown WHERE search_vocabulary.shown IS NULL`.execute(db);
}

/** The corrections of one query word: the Kazakh terms, the Russian and English words to search as well, and what to show the reader. */
export interface Correction {
  kk: string[];
  ru: string[];
  en: string[];
  /** The words it was corrected to, as the texts write them, the nearest first (at most SHOWN_MAX). */
  shown: string[];
}

/** Per query word (folded), its corrections. */
export type Corrections = Map<string, Correction>;

const SHOWN_MAX = 3;

/** The words of a query that may be corrected: single words, not excluded, long enough. */
function correctable(query: ParsedQuery): string[] {
  const out = new Set<string>();
  for (const item of query.flat()) {
    const word = item.words[0];
    if (item.negated || item.words.length !== 1 || word === undefined || editsAllowed(word) === 0) continue;
    out.add(word);
  }
  return [...out].slice(0, WORDS_MAX);
}

interface Candidate {
  /** The query word's index among the correctable ones. */
  i: number;
  lang: Lang;
  /** The vocabulary's word (Kazakh: its exact key), its distance, what it shows. */
  word: string;
  d: number;
  shown: string;
  /** What the search would look for: a Kazakh term, or a Russian or English word. */
  term: string;
  /** That as tsquery text (Kazakh: its lexeme; Russian, English: for to_tsquery). */
  query: string;
}

/**
 * The corrections of the query's words that match nothing, in two statements at most. First
 * (search_vocabulary_near), for each word and language: whether its terms are in the vocabulary (or
 * it is a stop word), and the vocabulary's words sharing a deletion key with it, kept when they are
 * within the edits allowed. Then, only when there are such words, whether each still finds a public
 * record (search_public_has): the vocabulary only grows, and a word that only a deleted record, or one
 * made private since, had must not be suggested (decision 0018, 2026-12-07).
 */
export async function findCorrections(db: Db, query: ParsedQuery): Promise<Corrections> {
  const wanted = correctable(query);
  const list = wanted.flatMap((word, i) =>
    queryEntries(word).map((e) => ({ ...e, keys: typoKeys(e.lang, e.base), i })),
  );
  const out: Corrections = new Map();
  if (list.length === 0) return out;
  // One statement: each word in each language looked up by its terms and its keys (two GIN lookups).
  const { rows } = await sql<{
    i: number;
    lang: Lang | null;
    word: string | null;
    exact: boolean;
    shown: string | null;
  }>`
    SELECT x.i, n.lang, n.word, n.exact, n.shown
      FROM jsonb_to_recordset(${JSON.stringify(list)}::jsonb)
        AS x(i int, lang text, text text, terms text[], keys integer[])
     CROSS JOIN LATERAL search_vocabulary_near(x.lang, x.text, x.terms, x.keys) AS n`.execute(db);
  const found = new Set(rows.filter((r) => r.exact).map((r) => r.i));
  const candidates: Candidate[] = [];
  for (const entry of list) {
    if (found.has(entry.i)) continue;
    const exact = isExact(wanted[entry.i] as string);
    const near = rows
      .filter((r) => r.i === entry.i && r.lang === entry.lang && r.word !== null)
      .map((r) => {
        const word = r.word as string;
        const d = editDistance(entry.base, entry.lang === 'kk' ? plainKey(word) : word);
        return { word, d, shown: r.shown ?? word };
      })
      .filter((c) => c.d <= editsAllowed(entry.base))
      .sort((a, b) => a.d - b.d || (a.word < b.word ? -1 : 1))
      .slice(0, CANDIDATES_MAX);
    for (const c of near) {
      const term = entry.lang !== 'kk' ? c.word : exact ? stemExact(c.word) : stemKazakh(plainKey(c.word));
      const query = entry.lang === 'kk' ? lexeme(KAZAKH_PREFIX + term) : lexeme(snowballText(term, entry.lang));
      candidates.push({ i: entry.i, lang: entry.lang, ...c, term, query });
    }
  }
  const live = await publicOnes(db, candidates);
  for (const [i, word] of wanted.entries()) {
    const mine = candidates.filter((c) => c.i === i && live.has(`${c.lang} ${c.query}`));
    if (mine.length === 0) continue;
    const terms = (lang: Lang) => [...new Set(mine.filter((c) => c.lang === lang).map((c) => c.term))];
    const shown = [...mine].sort((a, b) => a.d - b.d || (a.shown < b.shown ? -1 : 1)).map((c) => c.shown);
    out.set(word, {
      kk: terms('kk'),
      ru: terms('ru'),
      en: terms('en'),
      shown: [...new Set(shown)].slice(0, SHOWN_MAX),
    });
  }
  return out;
}

/** Of these candidates, the ones some public record has ("lang query"), in one statement (none when there are none). */
async function publicOnes(db: Db, candidates: Candidate[]): Promise<Set<string>> {
  const distinct = [
    ...new Map(candidates.map((c) => [`${c.lang} ${c.query}`, { lang: c.lang, query: c.query }])).values(),
  ];
  if (distinct.length === 0) return new Set();
  const { rows } = await sql<{ lang: Lang; query: string }>`
    SELECT x.lang, x.query FROM jsonb_to_recordset(${JSON.stringify(distinct)}::jsonb) AS x(lang text, query text)
     WHERE search_public_has(CASE x.lang WHEN 'kk' THEN x.query::tsquery
             WHEN 'ru' THEN to_tsquery('russian', x.query) ELSE to_tsquery('english', x.query) END)`.execute(db);
  return new Set(rows.map((r) => `${r.lang} ${r.query}`));
}
