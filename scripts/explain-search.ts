/**
 * The search's statements, explained (decision 0018): for each of scripts/bench-search.ts's queries,
 * every statement one search() runs, with EXPLAIN (ANALYZE, BUFFERS) — the shared pages it hit and
 * read (load-independent) and its time. Runs against a database a bench-search.ts run kept
 * (BENCH_HOLD=1):
 *   BENCH_REUSE=postgres://…/kenes_bench_search_… node --import tsx scripts/explain-search.ts [--plans]
 * With --plans it prints every statement's plan too; CASE=<part of a label> runs the cases it names.
 */
import os from 'node:os';
import type { Searchable } from '../src/core/extensions.ts';
import { search } from '../src/core/search/search.ts';
import { explained, loggedDb, SEARCH_QUERIES } from './logged-db.ts';

const url = process.env.BENCH_REUSE;
if (!url) throw new Error('BENCH_REUSE: the URL of a database kept by bench-search.ts');
const plans = process.argv.includes('--plans');
const only = process.env.CASE;

const { db, pool, take } = loggedDb(url);
// As bench-search.ts: its kinds, every other record visible to the reader when restricted.
const searchables: Searchable[] = ['recommendation', 'proposal', 'meeting', 'minutes', 'news'].map((kind) => ({
  kind,
  documents: async () => [],
  visibleTo: async (_db, _reader, ids) => new Set(ids.filter((id) => Number(id) % 2 === 0)),
}));

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
console.log(`load average ${load()}`);
console.log(
  `${'case'.padEnd(26)} ${'stmts'.padStart(5)} ${'hit'.padStart(7)} ${'read'.padStart(6)} ${'ms'.padStart(6)}  per statement (pages/ms)`,
);
const client = await pool.connect();
for (const [label, lang, q] of SEARCH_QUERIES) {
  if (only && !label.includes(only)) continue;
  await search(db, searchables, null, { q, lang, limit: 20, offset: 0 });
  take();
  await search(db, searchables, null, { q, lang, limit: 20, offset: 0 });
  const queries = take();
  let hit = 0;
  let read = 0;
  let ms = 0;
  const each: string[] = [];
  for (const s of queries) {
    if (!/^\s*(select|with)/i.test(s.sql)) continue;
    const { pages, ...e } = await explained(client, s);
    hit += e.hit;
    read += e.read;
    ms += e.ms;
    each.push(`${pages}/${e.ms.toFixed(1)}`);
    if (plans) {
      const text = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, [...s.parameters]);
      console.log(`\n${pages} pages, ${e.ms.toFixed(1)} ms: ${s.sql.replace(/\s+/g, ' ').slice(0, 120)}`);
      console.log(JSON.stringify(s.parameters).slice(0, 300));
      for (const r of text.rows as { 'QUERY PLAN': string }[]) console.log(r['QUERY PLAN']);
    }
  }
  console.log(
    `${label.padEnd(26)} ${String(queries.length).padStart(5)} ${String(hit).padStart(7)} ${String(read).padStart(6)} ${ms.toFixed(0).padStart(6)}  ${each.join(' ')}`,
  );
}
console.log(`load average ${load()}`);
client.release();
await db.destroy();
