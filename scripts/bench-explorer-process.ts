/**
 * The explorer served by a Kenes process in production mode (issue 15, decision 0030): `kenes start`
 * on a database a run of bench-recommendations.ts kept (BENCH_HOLD=1; give its URL as BENCH_REUSE),
 * then BENCH_CLIENTS (default 4) clients request the explorer's pages, its API and a large CSV for
 * BENCH_SECONDS (default 30), each request with a session cookie no session has (so that none is
 * answered from the page cache: each is computed). Prints each case's p50 / p95 and the process's
 * resident memory, sampled every 100 ms from /proc, at its largest: the issue asks for under 300 MB.
 * BENCH_CASES (e.g. "search,CSV") measures the cases whose label contains one of its words;
 * BENCH_ENCODING (e.g. "br") is what the clients accept (by default fetch's own, gzip or deflate).
 * Run: BENCH_REUSE=postgres://…/kenes_bench_rec_… node --import tsx scripts/bench-explorer-process.ts
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newAuditKey } from '../src/core/audit-keys.ts';

const root = path.resolve(import.meta.dirname, '..');
const url = process.env.BENCH_REUSE;
if (!url) throw new Error('BENCH_REUSE: the URL of a database bench-recommendations.ts kept (BENCH_HOLD=1)');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const PORT = 3911;
const base = `http://127.0.0.1:${PORT}`;

const CASES: { label: string; paths: string[] }[] = [
  { label: 'unfiltered', paths: ['/en/recommendations', '/ru/recommendations?page=100'] },
  {
    label: 'one facet',
    paths: ['/ru/recommendations?state=KZ', '/en/recommendations?status=not_assessed', '/en/recommendations?sdg=16'],
  },
  {
    label: 'two or three facets',
    paths: [
      '/en/recommendations?mechanism=UPR&response=supported',
      '/en/recommendations?mechanism=CAT&year=2019&status=not_assessed',
    ],
  },
  {
    label: 'search',
    paths: [
      `/en/recommendations?q=${encodeURIComponent('torture children')}`,
      `/ru/recommendations?q=${encodeURIComponent('пытки детей')}`,
      '/kk/recommendations?q=police&qall=1',
    ],
  },
  {
    label: 'search + facets',
    paths: ['/en/recommendations?q=police&status=implemented&year=2020', '/en/recommendations?q=police&state=KZ'],
  },
  {
    label: 'API + facets',
    paths: ['/api/v1/recommendations?mechanism=CRC&year=2015&facets=1', '/api/v1/recommendations?q=police&facets=1'],
  },
  { label: 'CSV ~108,000 rows', paths: ['/en/recommendations.csv?response=none'] },
];

const kenes = spawn(process.execPath, [path.join(root, 'bin', 'kenes.js'), 'start'], {
  env: {
    ...process.env,
    NODE_ENV: 'production',
    // One process's memory (WORKERS could make it several, decision 0032).
    WORKERS: '1',
    DATABASE_URL: url,
    PORT: String(PORT),
    HOST: '127.0.0.1',
    PUBLIC_URL: base,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    AUDIT_KEY: newAuditKey(),
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const rssOf = () => {
  const status = fs.readFileSync(`/proc/${kenes.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
};
try {
  const started = Date.now();
  for (;;) {
    if (Date.now() - started > 60_000) throw new Error('Kenes did not start within a minute');
    const ok = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const atStart = rssOf();
  let peak = atStart;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssOf());
  }, 100);
  // BENCH_ENCODING: what the clients accept (fetch's own is "gzip, deflate"; browsers also take "br").
  const headers = {
    cookie: 'kenes_session=bench-no-such-session',
    ...(process.env.BENCH_ENCODING ? { 'accept-encoding': process.env.BENCH_ENCODING } : {}),
  };
  // The first request starts the facet index's build: measured from when it answers.
  await fetch(`${base}/en/recommendations`, { headers }).then((r) => r.arrayBuffer());
  await new Promise((r) => setTimeout(r, 15_000));
  const warmed = rssOf();
  const times = new Map<string, number[]>(CASES.map((c) => [c.label, []]));
  // BENCH_CASES=search,CSV: only the cases whose label contains one of these.
  const only = process.env.BENCH_CASES?.split(',');
  const all = CASES.filter((c) => !only || only.some((o) => c.label.includes(o))).flatMap((c) =>
    c.paths.map((p) => ({ label: c.label, path: p })),
  );
  const until = Date.now() + SECONDS * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < until) {
        const c = all[next++ % all.length] as (typeof all)[number];
        const t = performance.now();
        const res = await fetch(base + c.path, { headers });
        // Read as it comes (the CSV streams), never held whole.
        for await (const _ of res.body as AsyncIterable<Uint8Array>);
        if (res.status !== 200) throw new Error(`${c.path}: ${res.status}`);
        times.get(c.label)?.push(performance.now() - t);
      }
    }),
  );
  clearInterval(sampler);
  const pct = (list: number[], p: number) => [...list].sort((a, b) => a - b)[Math.floor((list.length - 1) * p)] ?? 0;
  console.log(
    `Kenes in production mode, ${CLIENTS} clients for ${SECONDS} s${process.env.BENCH_ENCODING ? `, accepting ${process.env.BENCH_ENCODING}` : ''}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log('| case | requests | p50 ms | p95 ms |\n|---|--:|--:|--:|');
  for (const [label, list] of times)
    console.log(`| ${label} | ${list.length} | ${pct(list, 0.5).toFixed(0)} | ${pct(list, 0.95).toFixed(0)} |`);
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
  console.log(
    `\nresident memory of the Kenes process: ${mb(atStart)} once ready, ${mb(warmed)} with the facet index built, at most ${mb(peak)} (sampled every 100 ms)`,
  );
} finally {
  kenes.kill('SIGTERM');
}
