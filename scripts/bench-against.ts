/**
 * Signed-in pages of this checkout against another's, under the same load (issue 15): starts both
 * checkouts' `kenes start` in production mode (each on its own embedded PostgreSQL under its
 * data/bench-pages, the demo loaded on a first start), signs in to each, and for each page runs wrk
 * (16 connections) on one then the other, BENCH_ROUNDS rounds (default 6) of BENCH_SECONDS (default 3),
 * the order swapped every round, so that what else loads the machine weighs on both alike. Prints the
 * medians of requests per second, p50, p95 and p99, every round's p95, and each process's largest
 * resident memory. BENCH_AGAINST: the other checkout (its own node_modules, e.g. a `git worktree` with
 * a link to this one's); BENCH_SIGNED_IN, BENCH_AS: pages and the account (as bench-pages.ts);
 * BENCH_NODE_ARGS and BENCH_AGAINST_NODE_ARGS: node options for this checkout's process and the other's
 * (e.g. --max-semi-space-size=64 on one side, the same checkout on both). Needs wrk.
 * Run: BENCH_AGAINST=../kenes-main node --import tsx scripts/bench-against.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { median, needWrk, type Run, signIn, startKenes, waitFor, wrk } from './bench-http.ts';

const against = process.env.BENCH_AGAINST ? path.resolve(process.env.BENCH_AGAINST) : undefined;
if (!against) throw new Error('BENCH_AGAINST: the other checkout to compare with');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const PAGES = (process.env.BENCH_SIGNED_IN ?? '/en/proposals/1,/ru/meetings/1,/en/recommendations/7').split(',');
const EMAIL = process.env.BENCH_AS ?? 'secretariat@kenes.demo';
const args = (v: string | undefined) => (v ?? '').split(' ').filter(Boolean);
needWrk();

const sides = [
  {
    name: `other (${path.basename(against)})`,
    checkout: against,
    port: 3921,
    nodeArgs: args(process.env.BENCH_AGAINST_NODE_ARGS),
  },
  {
    name: 'this checkout',
    checkout: path.resolve(import.meta.dirname, '..'),
    port: 3922,
    nodeArgs: args(process.env.BENCH_NODE_ARGS),
  },
].map((s) => ({ ...s, base: `http://127.0.0.1:${s.port}`, process: startKenes(s), runs: [] as Run[], cookie: '' }));

/** A process's largest resident memory so far (MB). */
const peakMb = (pid: number | undefined) =>
  Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

try {
  for (const s of sides) await waitFor(`${s.base}/readyz`, s.process);
  // A first start loads the demo and indexes it after it is ready: some quiet seconds first.
  await new Promise((r) => setTimeout(r, 15_000));
  for (const s of sides) s.cookie = await signIn(s.base, EMAIL);
  console.log(`signed in as ${EMAIL}; wrk, 16 connections, ${ROUNDS} × ${SECONDS} s per side, alternating\n`);
  console.log('| page | side | req/s | p50 ms | p95 ms | p99 ms | each round’s p95 |');
  console.log('|---|---|--:|--:|--:|--:|---|');
  for (const page of PAGES) {
    const run = (s: (typeof sides)[number], seconds: number) =>
      wrk(s.base + page, { headers: { cookie: s.cookie }, seconds, connections: 16 });
    // Compiled and kept reads filled first, not counted.
    for (const s of sides) {
      run(s, 2);
      s.runs = [];
    }
    for (let r = 0; r < ROUNDS; r++) for (const s of r % 2 ? [...sides].reverse() : sides) s.runs.push(run(s, SECONDS));
    for (const s of sides) {
      const m = (k: keyof Run) => median(s.runs.map((x) => x[k])).toFixed(1);
      console.log(
        `| ${page} | ${s.name} | ${m('rps')} | ${m('p50')} | ${m('p95')} | ${m('p99')} | ${s.runs.map((x) => x.p95.toFixed(0)).join(' ')} |`,
      );
    }
  }
  for (const s of sides) console.log(`\n${s.name}: resident memory at most ${peakMb(s.process.pid).toFixed(0)} MB`);
} finally {
  for (const s of sides) s.process.kill('SIGTERM');
}
