/**
 * How well Russian and English search terms group the forms of a word (decision 0018), measured on the
 * Parallel UD treebanks' hand-checked lemmas (../shared/data/ru-en-parallel-ud-pud), the way search
 * computes them: the folded word (snowballText: ё → е, English irregular forms) through PostgreSQL's
 * Snowball configuration. Needs a PostgreSQL (DATABASE_URL); reads no table.
 * Run: DATABASE_URL=postgres://… node --import tsx scripts/eval-search.ts [--examples]
 *
 * - Lemma query recall: of the (form, lemma) pairs where the form differs from its lemma, the share
 *   where the lemma's terms are the form's (a query for the dictionary form finds the inflected one;
 *   for one word the converse is the same test). Stop words (no term) are counted apart.
 * - Pairwise precision: of the pairs of distinct forms that get the same terms, the share that
 *   share a lemma. Also given without the irregular forms (irregular.ts), to show what the lists add.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { foldText } from '../src/core/search/fold.ts';
import { snowballText } from '../src/core/search/terms.ts';

const DATA = path.resolve(import.meta.dirname, '../../shared/data/ru-en-parallel-ud-pud');
const EXAMPLES = process.argv.includes('--examples');
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is needed (PostgreSQL computes the Snowball stems)');

/** form → its lemmas and parts of speech, from a CoNLL-U file (words with letters only). */
function conllu(file: string): Map<string, { lemmas: Set<string>; upos: string }> {
  const out = new Map<string, { lemmas: Set<string>; upos: string }>();
  for (const line of readFileSync(path.join(DATA, file), 'utf8').split('\n')) {
    const cols = line.split('\t');
    if (cols.length !== 10 || !/^\d+$/.test(cols[0] as string)) continue;
    const form = foldText(cols[1] as string);
    const lemma = foldText(cols[2] as string);
    if (!/^\p{L}+$/u.test(form) || !/^\p{L}+$/u.test(lemma)) continue;
    const entry = out.get(form) ?? { lemmas: new Set<string>(), upos: cols[3] as string };
    entry.lemmas.add(lemma);
    out.set(form, entry);
  }
  return out;
}

const client = new pg.Client({ connectionString: url });
await client.connect();

/** Each word's terms as search stores them (sorted, joined), computed by PostgreSQL in one statement. */
async function terms(words: string[], config: 'russian' | 'english', text: (w: string) => string) {
  const { rows } = await client.query<{ t: string }>(
    `SELECT array_to_string(tsvector_to_array(to_tsvector($1::regconfig, w)), ' ') AS t
       FROM unnest($2::text[]) WITH ORDINALITY AS x(w, n) ORDER BY n`,
    [config, words.map(text)],
  );
  return new Map(words.map((w, i) => [w, rows[i]?.t ?? '']));
}

const pct = (n: number, d: number) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)} %`);

async function evaluate(name: string, file: string, config: 'russian' | 'english', text: (w: string) => string) {
  const forms = conllu(file);
  const all = [...new Set([...forms.keys(), ...[...forms.values()].flatMap((f) => [...f.lemmas])])];
  const term = await terms(all, config, text);
  let inflected = 0;
  let found = 0;
  let stop = 0;
  const byPos = new Map<string, [number, number]>();
  const misses: string[] = [];
  for (const [form, { lemmas, upos }] of forms) {
    for (const lemma of lemmas) {
      if (lemma === form) continue;
      if (term.get(form) === '' || term.get(lemma) === '') {
        stop++;
        continue;
      }
      inflected++;
      const ok = term.get(form) === term.get(lemma);
      if (ok) found++;
      else if (misses.length < 40) misses.push(`${form}→${lemma} (${term.get(form)} ≠ ${term.get(lemma)})`);
      const pos = byPos.get(upos) ?? [0, 0];
      byPos.set(upos, [pos[0] + (ok ? 1 : 0), pos[1] + 1]);
    }
  }
  // Pairwise precision over the forms: group by terms, count pairs.
  const groups = new Map<string, string[]>();
  for (const form of forms.keys()) {
    const t = term.get(form) ?? '';
    if (t !== '') groups.set(t, [...(groups.get(t) ?? []), form]);
  }
  let same = 0;
  let right = 0;
  for (const group of groups.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        same++;
        const a = forms.get(group[i] as string)?.lemmas as Set<string>;
        if ([...(forms.get(group[j] as string)?.lemmas ?? [])].some((l) => a.has(l))) right++;
      }
    }
  }
  const pos = [...byPos]
    .filter(([, [, n]]) => n >= 20)
    .sort((a, b) => b[1][1] - a[1][1])
    .map(([p, [ok, n]]) => `${p} ${pct(ok, n)} (${ok}/${n})`)
    .join(', ');
  console.log(
    `${name.padEnd(34)} lemma query recall ${pct(found, inflected)} (${found}/${inflected}; ${stop} stop words apart), ` +
      `pairwise precision ${pct(right, same)} (${right}/${same})\n    by part of speech: ${pos}`,
  );
  if (EXAMPLES) console.log(`    misses, e.g.: ${misses.join('; ')}`);
}

await evaluate('Russian (Snowball + irregular forms)', 'ru_pud-ud-test.conllu', 'russian', (w) =>
  snowballText(w, 'ru'),
);
await evaluate('Russian (Snowball only)', 'ru_pud-ud-test.conllu', 'russian', (w) => w);
await evaluate('English (Snowball + irregular forms)', 'en_pud-ud-test.conllu', 'english', (w) =>
  snowballText(w, 'en'),
);
await evaluate('English (Snowball only)', 'en_pud-ud-test.conllu', 'english', (w) => w);
await client.end();
