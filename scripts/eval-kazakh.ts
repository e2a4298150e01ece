/**
 * How well Kazakh search terms group the forms of a word, measured on the Kazakh UD treebank's
 * form → gold lemma list, and how fast they are computed on the UDHR.
 * Run: node --import tsx scripts/eval-kazakh.ts [--examples]
 *
 * - Pairwise recall: of the pairs of distinct forms that share a lemma, the share that get the same
 *   term. Pairwise precision: of the pairs of distinct forms that get the same term, the share that
 *   share a lemma. A form with several gold lemmas (мен: CCONJ and PRON) shares a lemma with a form
 *   having any of them.
 * - Lemma query: of the forms that differ from their lemma, the share found by the lemma's term
 *   (what "search for the dictionary form" finds).
 * - Script round trip: for every form f, the stem of f written in Latin (2021; without diacritics;
 *   upper case; the 2017 apostrophe and 2018 acute alphabets) equals the stem of f in Cyrillic, for the
 *   plain and the exact key; and "found": the variant used as a query (queryTerm) finds f's indexTerms.
 * - UDHR: no term is empty; time per 100,000 words (median of RUNS runs, default 5).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { foldText, words } from '../src/core/search/fold.ts';
import {
  exactKey,
  hasCyrillic,
  indexTerms,
  queryTerm,
  searchKey,
  stemExact,
  stemKazakh,
  toLatin,
} from '../src/core/search/kazakh.ts';

const DATA = path.resolve(import.meta.dirname, '../../shared/data');
const RUNS = Number(process.env.RUNS ?? 5);
const EXAMPLES = process.argv.includes('--examples');

// ---- the gold data
const forms = new Map<string, Set<string>>();
for (const line of readFileSync(path.join(DATA, 'kazakh-ud-ktb/kk_form_lemma.tsv'), 'utf8').split('\n').slice(1)) {
  const [form, lemma] = line.split('\t');
  if (!form || !lemma || !/\p{L}/u.test(form)) continue; // punctuation and numbers are not words
  const f = foldText(form);
  const set = forms.get(f) ?? new Set<string>();
  set.add(foldText(lemma));
  forms.set(f, set);
}
const list = [...forms.keys()];

function sharesLemma(a: string, b: string): boolean {
  const la = forms.get(a) as Set<string>;
  for (const l of forms.get(b) as Set<string>) if (la.has(l)) return true;
  return false;
}

const pct = (n: number, d: number) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)} %`);

interface Scores {
  recall: string;
  precision: string;
  lemmaQuery: string;
  pairs: string;
}

function score(term: (form: string) => string): Scores & { falseMerges: [string, string][] } {
  const terms = list.map(term);
  let sameLemma = 0;
  let sameTerm = 0;
  let both = 0;
  const falseMerges: [string, string][] = [];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const lemma = sharesLemma(list[i] as string, list[j] as string);
      const same = terms[i] === terms[j];
      if (lemma) sameLemma++;
      if (same) sameTerm++;
      if (lemma && same) both++;
      if (same && !lemma) falseMerges.push([list[i] as string, list[j] as string]);
    }
  }
  let inflected = 0;
  let found = 0;
  for (const [form, lemmas] of forms) {
    for (const lemma of lemmas) {
      if (lemma === form) continue;
      inflected++;
      if (term(lemma) === term(form)) found++;
    }
  }
  return {
    recall: `${pct(both, sameLemma)} (${both}/${sameLemma})`,
    precision: `${pct(both, sameTerm)} (${both}/${sameTerm})`,
    lemmaQuery: `${pct(found, inflected)} (${found}/${inflected})`,
    pairs: String(sameTerm),
    falseMerges,
  };
}

console.log(
  `Kazakh UD KTB: ${list.length} distinct word forms, ${new Set([...forms.values()].flatMap((s) => [...s])).size} lemmas\n`,
);
const rows: [string, (f: string) => string][] = [
  ['whole words (baseline)', (f) => f],
  ['exactKey', (f) => exactKey(f)],
  ['exactKey + stemExact', (f) => stemExact(exactKey(f))],
  ['searchKey', (f) => searchKey(f)],
  ['searchKey + stemKazakh', (f) => stemKazakh(searchKey(f))],
];
for (const [name, term] of rows) {
  const { falseMerges, ...s } = score(term);
  console.log(
    `${name.padEnd(26)} recall ${s.recall.padEnd(22)} precision ${s.precision.padEnd(22)} lemma query ${s.lemmaQuery}`,
  );
  if (EXAMPLES && name.includes('+')) {
    const byTerm = new Map<string, Set<string>>();
    for (const [a, b] of falseMerges) {
      const t = term(a);
      const set = byTerm.get(t) ?? new Set<string>();
      set.add(a).add(b);
      byTerm.set(t, set);
    }
    for (const [t, set] of [...byTerm].sort((x, y) => y[1].size - x[1].size).slice(0, 40)) {
      console.log(`  ${t}: ${[...set].map((f) => `${f}(${[...(forms.get(f) as Set<string>)].join('|')})`).join(' ')}`);
    }
  }
}

// ---- the script round trip
/** The 2017 apostrophe alphabet (decree 569, October 2017). */
const LATIN_2017: Record<string, string> = {
  ...Object.fromEntries([...'абвгдежзкқлмнопрстуфхһы'].map((c) => [c, toLatin(c)])),
  ә: "a'",
  ғ: "g'",
  и: "i'",
  й: "i'",
  і: 'i',
  ң: "n'",
  ө: "o'",
  ұ: "y'",
  ү: "u'",
  ц: 'ts',
  ч: "c'",
  ш: "s'",
  щ: "s's'",
  э: 'e',
  ю: "i'u",
  я: "i'a",
  ё: "i'o",
  ь: '',
  ъ: '',
};
/** The 2018 acute alphabet (decree of February 2018). */
const LATIN_2018: Record<string, string> = {
  ...LATIN_2017,
  ә: 'á',
  ғ: 'ǵ',
  и: 'ı',
  й: 'ı',
  ң: 'ń',
  ө: 'ó',
  у: 'ý',
  ұ: 'u',
  ү: 'ú',
  ч: 'ch',
  ш: 'sh',
  щ: 'shsh',
  ю: 'ıý',
  я: 'ıa',
  ё: 'ıo',
};
const spell = (table: Record<string, string>) => (f: string) => [...f].map((c) => table[c] ?? c).join('');
const stripDiacritics = (s: string) => s.replace(/ı/g, 'i').normalize('NFD').replace(/\p{M}/gu, '');

const stem = (w: string) => stemKazakh(searchKey(w));
const variants: [string, (f: string) => string][] = [
  ['2021 Latin', toLatin],
  ['2021 Latin, no diacritics', (f) => stripDiacritics(toLatin(f))],
  ['2021 Latin, upper case', (f) => toLatin(f.toUpperCase())],
  ['2021 Latin, no diacritics, upper case', (f) => stripDiacritics(toLatin(f)).toUpperCase()],
  ['Cyrillic, upper case', (f) => f.toUpperCase()],
  ['2017 apostrophes', spell(LATIN_2017)],
  ['2018 acutes', spell(LATIN_2018)],
];
console.log(
  '\nScript round trip, for every form f: plain stem(variant of f) === plain stem(f); exact stem(variant) === exact stem(f);\n' +
    'and found: the variant as a query (exact stem if it has diacritics or is Cyrillic, else plain) finds f',
);
const cyrillic = list.filter((f) => hasCyrillic(f));
for (const [name, variant] of variants) {
  let plain = 0;
  let exact = 0;
  let found = 0;
  const misses: string[] = [];
  for (const f of cyrillic) {
    const v = variant(f);
    const index = indexTerms(f);
    const query = queryTerm(v);
    if (stem(v) === stem(f)) plain++;
    if (stemExact(exactKey(v)) === stemExact(exactKey(f))) exact++;
    if (query.stem === (query.exact ? index.exact : index.plain)) found++;
    else if (misses.length < 3) misses.push(`${f} → ${v}`);
  }
  console.log(
    `  ${name.padEnd(40)} plain ${pct(plain, cyrillic.length).padEnd(8)} exact ${pct(exact, cyrillic.length).padEnd(8)} found ${pct(found, cyrillic.length).padEnd(8)} of ${cyrillic.length}${misses.length ? `  not found e.g. ${misses.join(', ')}` : ''}`,
  );
}

// ---- the UDHR
const udhr = readFileSync(path.join(DATA, 'udhr-kk-ru-en/udhr_kaz.txt'), 'utf8');
const udhrWords = words(udhr).filter(hasCyrillic);
const empty = udhrWords.filter((w) => searchKey(w) === '' || stem(w) === '');
console.log(
  `\nUDHR (Kazakh): ${udhrWords.length} Cyrillic words, ${new Set(udhrWords).size} distinct, ${new Set(udhrWords.map(stem)).size} distinct stems; empty keys or stems: ${empty.length}${empty.length ? ` (${empty.slice(0, 5).join(', ')})` : ''}`,
);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
// 100,000 words: the UDHR's words over and over (the text itself for words() and toLatin)
const N = 100_000;
const sample = Array.from({ length: N }, (_, i) => udhrWords[i % udhrWords.length] as string);
const text = udhr.repeat(Math.ceil(N / udhrWords.length));
const timings = {
  words: [] as number[],
  key: [] as number[],
  exact: [] as number[],
  stem: [] as number[],
  both: [] as number[],
  latin: [] as number[],
};
let sink = 0;
const time = (f: () => void) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};
for (let run = 0; run <= RUNS; run++) {
  const words100k = time(() => {
    sink += words(text).length;
  });
  const key = time(() => {
    for (const w of sample) sink += searchKey(w).length;
  });
  const exact = time(() => {
    for (const w of sample) sink += exactKey(w).length;
  });
  const stemmed = time(() => {
    for (const w of sample) sink += stemKazakh(searchKey(w)).length;
  });
  const both = time(() => {
    for (const w of sample) sink += indexTerms(w).exact.length;
  });
  const latin = time(() => {
    sink += toLatin(text).length;
  });
  if (run === 0) continue; // warm-up
  timings.words.push((words100k * N) / words(text).length);
  timings.key.push(key);
  timings.exact.push(exact);
  timings.stem.push(stemmed);
  timings.both.push(both);
  timings.latin.push((latin * N) / words(text).length);
}
const ms = (xs: number[]) => `${median(xs).toFixed(0)} ms`;
console.log(
  `Time per 100,000 words (median of ${RUNS} runs after a warm-up; shared machine, noisy): words() ${ms(timings.words)}, ` +
    `searchKey ${ms(timings.key)}, exactKey ${ms(timings.exact)}, searchKey + stemKazakh ${ms(timings.stem)}, ` +
    `indexTerms (both stems) ${ms(timings.both)}, toLatin of the text ${ms(timings.latin)}${sink < 0 ? '' : ''}`,
);
