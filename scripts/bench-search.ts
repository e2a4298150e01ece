/**
 * Search benchmark (decision 0018) at the search issue's scale: BENCH_SCALE (default 1) × 270,000
 * recommendations, 20,000 proposals, 2,000 meetings, 2,000 minutes and 5,000 news items, each in one
 * to three languages, with real sentences (Kazakh: the UD treebank and the UDHR; Russian and English:
 * the parallel UD sentences and the treaty bodies' General Comments). It times the indexing from
 * scratch (Kenes computing the terms and writing search_documents), then BENCH_RUNS (default 20) runs of
 * each query (one word, several words, a phrase, in each language, the commonest words included)
 * through the same search() the page and the API call, and prints median and p95.
 * Uses DATABASE_URL when set, else a throw-away embedded PostgreSQL. BENCH_HOLD=1 keeps the database
 * and prints its URL; BENCH_REUSE=<that URL> times the queries again on it, without indexing.
 * Run: node --import tsx scripts/bench-search.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { CONNECTION_OPTIONS } from '../src/core/db/database.ts';
import type { DB } from '../src/core/db/schema.ts';
import type { Searchable, SearchDocument } from '../src/core/extensions.ts';
import type { Translated } from '../src/core/i18n/translated.ts';
import { syncSearch } from '../src/core/search/indexer.ts';
import { search } from '../src/core/search/search.ts';
import { benchDatabase } from './bench-database.ts';
import { SEARCH_QUERIES } from './logged-db.ts';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const DATA = path.resolve(import.meta.dirname, '../../shared/data');

function lines(file: string): string[][] {
  return fs
    .readFileSync(path.join(DATA, file), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split('\t'));
}
const kk = [
  ...lines('kazakh-ud-ktb/kk_sentences.tsv').map((r) => r[1] ?? ''),
  ...lines('udhr-kk-ru-en/udhr_parallel_kk_ru_en.tsv').map((r) => r[1] ?? ''),
].filter(Boolean);
const pairs = lines('ru-en-parallel-ud-pud/en_ru_parallel.tsv').filter((r) => r[1] && r[2]);
const gcDir = path.join(DATA, 'treaty-body-general-comments/json_data');
const gc = fs
  .readdirSync(gcDir)
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) =>
    (JSON.parse(fs.readFileSync(path.join(gcDir, f), 'utf8')) as { Text?: string }[]).map((p) => p.Text ?? ''),
  )
  .filter((t) => t.length > 40);

let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const any = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)] as T;
const title = (s: string) => s.split(/\s+/).slice(0, 12).join(' ');

function doc(kind: string, id: number): SearchDocument {
  const pair = any(pairs);
  const en = random() < 0.5 ? any(gc) : (pair[1] ?? '');
  const t: Translated = { en: title(en) };
  const b: Translated = { en: `${en} ${any(gc)}` };
  if (random() < 0.6) {
    t.ru = title(pair[2] ?? '');
    b.ru = `${pair[2]} ${any(pairs)[2]}`;
  }
  if (random() < 0.3) {
    const k = any(kk);
    t.kk = title(k);
    b.kk = `${k} ${any(kk)} ${any(kk)}`;
  }
  return {
    kind,
    id: String(id),
    title: t,
    body: b,
    path: `/${kind}/${id}`,
    visibility: random() < 0.97 ? 'public' : 'restricted',
    updatedAt: new Date(Date.now() - random() * 3e11),
  };
}

const reuse = process.env.BENCH_REUSE;
const bench = await benchDatabase('bench-search', { unsafeFast: true, reuse });
const pool = new pg.Pool({ connectionString: bench.url, max: 4, options: CONNECTION_OPTIONS });
// DROP DATABASE … WITH (FORCE) at the end ends the idle connections: not an error here.
pool.on('error', () => {});
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });

try {
  const sizes: [string, number][] = [
    ['recommendation', 270_000],
    ['proposal', 20_000],
    ['meeting', 2_000],
    ['minutes', 2_000],
    ['news', 5_000],
  ];
  // Each kind serves its records by id, in pages, as a domain's Searchable does.
  const searchables: Searchable[] = sizes.map(([kind, n]) => ({
    kind,
    async documents(_db, page) {
      const count = Math.round(n * SCALE);
      const from = Number(page.afterId ?? 0) + 1;
      return Array.from({ length: Math.max(0, Math.min(page.limit, count - from + 1)) }, (_, i) => {
        seed = (from + i) * 7919;
        return doc(kind, from + i);
      });
    },
    visibleTo: async (_db, _reader, ids) => new Set(ids.filter((id) => Number(id) % 2 === 0)),
  }));
  // CPU time, less noisy than the time on a shared machine: this process's, and the server
  // processes' of this database (when the server runs here and /proc can be read; not the server's
  // background processes: WAL writer, checkpointer, autovacuum), sampled while it runs: a pooled
  // connection may close before the end.
  const c = new pg.Client({ connectionString: bench.url });
  await c.connect();
  const serverCpu = new Map<number, number>();
  const sample = async () => {
    const { rows } = await c.query(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    for (const { pid } of rows as { pid: number }[]) {
      try {
        const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        serverCpu.set(pid, (Number(f[11]) + Number(f[12])) / 100);
      } catch {
        serverCpu.set(pid, Number.NaN);
      }
    }
  };
  const sampling = setInterval(() => void sample().catch(() => {}), 1000);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const read = reuse ? {} : await syncSearch(db, searchables, { full: true });
  const total = Object.values(read).reduce<number>((a, n) => a + (n ?? 0), 0);
  const indexing = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampling);
  await sample();
  await c.query('VACUUM ANALYZE search_documents');
  const rows = (await c.query('SELECT count(*)::int AS n FROM search_documents')).rows[0].n;
  const size = (await c.query("SELECT pg_size_pretty(pg_total_relation_size('search_documents')) AS s")).rows[0].s;
  await c.end();
  console.log(`\nIndexed ${total} records (${rows} rows, ${size}) from scratch in ${indexing.toFixed(1)} s`);
  const js = (cpu.user + cpu.system) / 1e6;
  const server = [...serverCpu.values()].reduce((a, n) => a + n, 0);
  console.log(`CPU: Kenes ${js.toFixed(1)} s, PostgreSQL's ${serverCpu.size} connections ${server.toFixed(1)} s\n`);

  const queries = SEARCH_QUERIES;
  // The first run of each query, timed apart: it meets a cold cache and, on each pooled connection,
  // loads the text search dictionaries; the runs after it are a running Kenes's steady state.
  const first = new Map<string, number>();
  for (const [name, lang, q] of queries) {
    const t = performance.now();
    await search(db, searchables, null, { q, lang, limit: 20, offset: 0 });
    first.set(name, performance.now() - t);
  }
  console.log(`query                      median    p95   first   results   (${RUNS} runs after a first one)`);
  for (const [name, lang, q] of queries) {
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const r = await search(db, searchables, null, { q, lang, limit: 20, offset: 0 });
      times.push(performance.now() - t);
      found = r.total;
    }
    times.sort((a, b) => a - b);
    const p = (x: number) => (times[Math.min(times.length - 1, Math.ceil(x * times.length) - 1)] as number).toFixed(1);
    const cold = (first.get(name) ?? 0).toFixed(1);
    console.log(`${name.padEnd(26)} ${p(0.5).padStart(6)} ${p(0.95).padStart(6)} ${cold.padStart(7)}   ${found}`);
  }
} finally {
  await db.destroy();
  await bench.done(process.env.BENCH_HOLD === '1');
}
