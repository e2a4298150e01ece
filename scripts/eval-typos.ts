/**
 * How well typo tolerance (decision 0018, core/search/typos.ts) finds the word meant, measured on the
 * UDHR in Kazakh, Russian and English: the vocabulary is built from the three texts, then words of
 * five letters or more get one random edit (a letter changed, left out, doubled, or two neighbours
 * swapped; typos that are themselves words of the text are skipped) and go through findCorrections.
 * - Found: the corrections hold the word meant (Kazakh: its stem). Alone: it is the only correction.
 * Runs on a new database on DATABASE_URL's server (or an embedded PostgreSQL), dropped at the end.
 * Run: DATABASE_URL=postgres://… node --import tsx scripts/eval-typos.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from '../src/core/db/schema.ts';
import { words } from '../src/core/search/fold.ts';
import { parseQuery } from '../src/core/search/query.ts';
import { kazakhTerm } from '../src/core/search/terms.ts';
import { addToVocabulary, findCorrections } from '../src/core/search/typos.ts';
import { benchDatabase } from './bench-database.ts';

const FILE = path.resolve(import.meta.dirname, '../../shared/data/udhr-kk-ru-en/udhr_parallel_kk_ru_en.tsv');
const SAMPLE = Number(process.env.SAMPLE ?? 300);
const LANGS = ['kk', 'ru', 'en'] as const;
const ALPHABET = {
  kk: 'аәбгғдеиійкқлмнңоөпрстуұүшыіз',
  ru: 'абвгдежзийклмнопрстуфхцчшщыьэюя',
  en: 'abcdefghijklmnopqrstuvwxyz',
};

let seed = 7;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;

function typo(word: string, alphabet: string): string {
  const i = Math.floor(random() * word.length);
  const letter = pick([...alphabet]);
  switch (Math.floor(random() * 4)) {
    case 0:
      return word.slice(0, i) + letter + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    case 2:
      return word.slice(0, i) + word[i] + word.slice(i);
    default:
      return i + 1 < word.length ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : `${word}${letter}`;
  }
}

const articles = readFileSync(FILE, 'utf8')
  .split('\n')
  .slice(1)
  .filter(Boolean)
  .map((l) => l.split('\t'));
const bench = await benchDatabase('eval-typos');
const pool = new pg.Pool({ connectionString: bench.url, max: 2 });
pool.on('error', () => {});
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
try {
  for (const [n, lang] of LANGS.entries()) {
    await addToVocabulary(
      db,
      articles.map((a) => ({ lang, title: '', body: a[n + 1] ?? '', visibility: 'public' })),
    );
  }
  for (const [n, lang] of LANGS.entries()) {
    const vocabulary = new Set(articles.flatMap((a) => words(a[n + 1] ?? '')));
    const long = [...vocabulary].filter((w) => /^\p{L}{5,}$/u.test(w));
    let tried = 0;
    let found = 0;
    let alone = 0;
    let none = 0;
    const t0 = performance.now();
    while (tried < SAMPLE) {
      const word = pick(long);
      const wrong = typo(word, ALPHABET[lang]);
      if (vocabulary.has(wrong) || [...wrong].length < 5) continue;
      tried++;
      const fixes = (await findCorrections(db, parseQuery(wrong))).get(wrong)?.[lang] ?? [];
      const meant = lang === 'kk' ? kazakhTerm(word) : word;
      if (fixes.includes(meant)) found++;
      if (fixes.length === 1 && fixes[0] === meant) alone++;
      if (fixes.length === 0) none++;
    }
    const ms = (performance.now() - t0) / tried;
    const pct = (x: number) => `${((100 * x) / tried).toFixed(1)} %`;
    console.log(
      `${lang}: ${tried} typos of words of 5+ letters: word meant found ${pct(found)}, as the only correction ${pct(alone)}, ` +
        `no correction ${pct(none)}; ${ms.toFixed(1)} ms a query (shared machine)`,
    );
  }
} finally {
  await db.destroy();
  await bench.done();
}
