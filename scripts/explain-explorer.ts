/**
 * The explorer's search statements, explained: for each case, every statement a request runs, with
 * EXPLAIN (ANALYZE, BUFFERS) — the shared pages it hit and read (load-independent) and its time. Runs
 * against a database a `scripts/bench-recommendations.ts` run kept (BENCH_HOLD=1):
 *   BENCH_REUSE=postgres://…/kenes_bench_rec_… node --import tsx scripts/explain-explorer.ts [--plans]
 * With --plans it prints every statement's plan too; CASE=<part of a label> runs the cases it names.
 */
import os from 'node:os';
import { configureAudit } from '../src/core/audit.ts';
import { newAuditKey, parseAuditKeys } from '../src/core/audit-keys.ts';
import { benchApp } from './bench-database.ts';
import { explained, loggedDb } from './logged-db.ts';

const url = process.env.BENCH_REUSE;
if (!url) throw new Error('BENCH_REUSE: the URL of a database kept by bench-recommendations.ts');
const plans = process.argv.includes('--plans');
const only = process.env.CASE;
configureAudit({ keyring: parseAuditKeys(newAuditKey(), 'measurement') });

const { db, pool, take } = loggedDb(url);
const app = await benchApp(db);

const q = encodeURIComponent;
const cases: [string, string][] = [
  ['"police", English', `/en/recommendations?q=police&qlang=en`],
  ['"police", all languages', `/en/recommendations?q=police`],
  ['"полиция" (ru and kk), all languages', `/ru/recommendations?q=${q('полиция')}`],
  ['"балалар" (kk), all languages', `/kk/recommendations?q=${q('балалар')}`],
  ['"police" + 2 facets', '/en/recommendations?q=police&status=implemented&year=2020'],
  ['"police" + 3 facets', '/en/recommendations?q=police&state=KZ&status=implemented&year=2020'],
  ['API list + facets, "police"', '/api/v1/recommendations?q=police&facets=1'],
  // Without a search, for comparison.
  ['2 facets, no search', '/en/recommendations?mechanism=UPR&response=supported'],
  ['API list + facets, 2 filters, no search', '/api/v1/recommendations?mechanism=CRC&year=2015&facets=1'],
];

console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log(
  `${'case'.padEnd(40)} ${'stmts'.padStart(5)} ${'hit'.padStart(8)} ${'read'.padStart(8)} ${'ms'.padStart(8)}  costliest (hit+read, ms)`,
);
const client = await pool.connect();
for (const [label, path] of cases) {
  if (only && !label.includes(only)) continue;
  take();
  const res = await app.inject({ url: path });
  const queries = take();
  if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode}`);
  let hit = 0;
  let read = 0;
  let ms = 0;
  let worst: { pages: number; ms: number } | undefined;
  // In one transaction, so that a statement's set_config(…, true) (facets.ts) holds for those after it.
  await client.query('BEGIN');
  for (const s of queries) {
    if (!/^\s*(select|with)/i.test(s.sql)) continue;
    // Twice: the first warms the cache as a repeated request would find it.
    await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, [...s.parameters]);
    const { pages, ...e } = await explained(client, s);
    hit += e.hit;
    read += e.read;
    ms += e.ms;
    if (plans) {
      const text = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, [...s.parameters]);
      console.log(`\n${pages} pages, ${e.ms.toFixed(0)} ms: ${s.sql.replace(/\s+/g, ' ').slice(0, 90)}`);
      for (const r of text.rows as { 'QUERY PLAN': string }[]) console.log(r['QUERY PLAN']);
    }
    if (!worst || pages > worst.pages) {
      worst = { pages, ms: e.ms };
    }
  }
  await client.query('ROLLBACK');
  console.log(
    `${label.padEnd(40)} ${String(queries.length).padStart(5)} ${String(hit).padStart(8)} ${String(read).padStart(8)} ${ms.toFixed(0).padStart(8)}  ${worst?.pages ?? 0}, ${worst?.ms.toFixed(0) ?? 0}`,
  );
}
console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
client.release();
await app.close();
await db.destroy();
