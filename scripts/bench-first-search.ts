/**
 * The explorer's first searches (decision 0036): searches no one made in this process, each timed once
 * as a whole request (app.inject, the facet index built, the page not kept), on a database kept by
 * `bench-recommendations.ts` (BENCH_HOLD=1). Prints each search's time, its statements and the
 * slowest, then the median and p95 of the first runs, per group (English, Russian, all languages).
 *   BENCH_REUSE=postgres://…/kenes_bench_rec_… node --import tsx scripts/bench-first-search.ts
 * BENCH_CLIENTS=4 runs that many searches at once (each a different query). BENCH_STATEMENTS=1 prints
 * each search's statements with their times; BENCH_PAGES=1 also the pages each read (shared buffers
 * hit + read, EXPLAIN (ANALYZE, BUFFERS) run after the request: the same pages, now cached).
 */
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { configureAudit } from '../src/core/audit.ts';
import { newAuditKey, parseAuditKeys } from '../src/core/audit-keys.ts';
import { benchApp } from './bench-database.ts';
import { explained, type Logged, loggedDb } from './logged-db.ts';

const url = process.env.BENCH_REUSE;
if (!url) throw new Error('BENCH_REUSE: the URL of a database kept by bench-recommendations.ts');
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1);
configureAudit({ keyring: parseAuditKeys(newAuditKey(), 'measurement') });

const { db, pool, seen } = loggedDb(url, { max: 10 });
const logged = seen();
const app = await benchApp(db, { pageCacheUrl: url });
const NOT_KEPT = { cookie: 'kenes_session=bench-no-such-session' };
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

// The facet index built (its naming statement shows), and the code warmed on other pages and a rare word.
const started = performance.now();
while (!logged.some((q) => q.sql.includes('WITH counted AS')) && performance.now() - started < 120_000) {
  await app.inject({ url: '/en/recommendations?state=KZ', headers: NOT_KEPT });
  await new Promise((r) => setTimeout(r, 100));
}
for (const warm of process.env.BENCH_NO_WARM === '1'
  ? []
  : ['/en/recommendations?q=ombudsman', '/ru/recommendations?q=%D0%BE%D0%BC%D0%B1%D1%83%D0%B4%D1%81%D0%BC%D0%B5%D0%BD'])
  await app.inject({ url: warm, headers: NOT_KEPT });

const q = encodeURIComponent;
// Common words and pairs of them, in English, Russian and Kazakh; none searched before in the process.
const SEARCHES: [group: string, path: string][] = [
  ...['police', 'children', 'torture', 'women', 'prison', 'court', 'detention', 'rights', 'violence', 'education'].map(
    (w): [string, string] => ['en, one word', `/en/recommendations?q=${q(w)}`],
  ),
  ...['torture children', 'police violence', 'women rights', 'prison conditions', 'juvenile justice'].map(
    (w): [string, string] => ['en, two words', `/en/recommendations?q=${q(w)}`],
  ),
  ...['полиция', 'дети', 'пытки', 'женщины', 'тюрьма', 'суд', 'насилие', 'образование'].map((w): [string, string] => [
    'ru, one word',
    `/ru/recommendations?q=${q(w)}`,
  ]),
  ...['пытки детей', 'права женщин', 'условия тюрьма', 'бытовое насилие'].map((w): [string, string] => [
    'ru, two words',
    `/ru/recommendations?q=${q(w)}`,
  ]),
  ...['police', 'children', 'torture', 'women'].map((w): [string, string] => [
    'English only (qlang=en)',
    `/kk/recommendations?q=${q(w)}&qlang=en`,
  ]),
  ...['балалар', 'azaptau'].map((w): [string, string] => ['kk', `/kk/recommendations?q=${q(w)}`]),
  ...['"police custody"', 'torture -children', 'police or prison'].map((w): [string, string] => [
    'phrase, -word, or',
    `/en/recommendations?q=${q(w)}`,
  ]),
];

/** The pages a statement reads (hit + read), or '' for what EXPLAIN does not take. */
async function pagesOf(s: Logged): Promise<string> {
  if (!/^\s*(select|with)/i.test(s.sql)) return '';
  return `${(await explained(pool, s)).pages} p`;
}

console.log(`${CLIENTS} client(s), load average ${load()} at the start`);
const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
const times = new Map<string, number[]>();
let worstHeld = 0;
const all: number[] = [];
const queue = [...SEARCHES];
const client = async () => {
  for (let next = queue.shift(); next; next = queue.shift()) {
    const [group, path] = next;
    const from = logged.length;
    if (CLIENTS === 1) loop.reset();
    const t0 = performance.now();
    const res = await app.inject({ url: path, headers: NOT_KEPT });
    const ms = performance.now() - t0;
    const held = CLIENTS === 1 ? loop.max / 1e6 : 0;
    worstHeld = Math.max(worstHeld, held);
    if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode}`);
    const mine = CLIENTS === 1 ? logged.slice(from) : [];
    const slowest = mine.reduce<Logged | undefined>((a, b) => (a && a.ms >= b.ms ? a : b), undefined);
    console.log(
      `${decodeURIComponent(path).padEnd(52)} ${ms.toFixed(1).padStart(7)} ms${CLIENTS === 1 ? ` loop ≤ ${held.toFixed(0).padStart(3)} ms` : ''}${
        CLIENTS === 1
          ? `  ${mine.length} statements, slowest ${slowest?.ms.toFixed(1)} ms: ${slowest?.sql.replace(/\s+/g, ' ').slice(0, 70)}`
          : ''
      }`,
    );
    if (process.env.BENCH_STATEMENTS === '1' || process.env.BENCH_PAGES === '1')
      for (const s of mine) {
        const pages = process.env.BENCH_PAGES === '1' ? await pagesOf(s) : '';
        console.log(
          `    ${s.ms.toFixed(1).padStart(6)} ms ${pages.padStart(7)}  ${s.sql.replace(/\s+/g, ' ').slice(0, 100)}`,
        );
      }
    times.set(group, [...(times.get(group) ?? []), ms]);
    all.push(ms);
  }
};
await Promise.all(Array.from({ length: CLIENTS }, client));
const pct = (list: number[], p: number) =>
  [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(list.length * p))] ?? 0;
console.log();
for (const [group, list] of [...times, ['every first search', all] as const])
  console.log(
    `${group.padEnd(28)} n=${String(list.length).padStart(2)}  median ${pct(list, 0.5).toFixed(1).padStart(6)} ms  p95 ${pct(list, 0.95).toFixed(1).padStart(6)} ms  max ${Math.max(
      ...list,
    )
      .toFixed(1)
      .padStart(6)} ms`,
  );
console.log(
  `event loop held at most ${(loop.max / 1e6).toFixed(0)} ms; load average ${load()} at the end; rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
);
await app.close();
await db.destroy();
