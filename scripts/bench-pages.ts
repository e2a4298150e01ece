/**
 * Public pages against the machine's limit (issue 15): starts Kenes in production mode (`kenes start`,
 * embedded PostgreSQL under data/bench-pages with the demo), and for each page measures with wrk the
 * requests per second Kenes serves to visitors and those a bare node:http server sends of the very
 * same bytes, alternating, BENCH_ROUNDS rounds (default 2) of BENCH_SECONDS (default 5) each, 16
 * connections; prints the medians and their ratio. Kenes runs one process, as by default; WORKERS=2
 * serves with two on one port (decision 0032), and the bare server then runs in as many. Then signed-in pages at 16 concurrent users: p50,
 * p95 and requests per second, as the secretariat and as an NGO's representative (BENCH_AS, BENCH_SIGNED_IN
 * to choose), each after BENCH_WARM_UP seconds (default 1) of load not counted, with the load average
 * beside each. Beside each page, the Kenes process's longest event-loop
 * delay while it was measured and its resident memory after (its /metrics: monitorEventLoopDelay, reset at
 * each scrape; with WORKERS > 1, of whichever process answered). BENCH_PAGES=/en/,/ru/meetings measures those public
 * pages only; BENCH_PAGES=none none of them. BENCH_NODE_ARGS passes node options to the Kenes process
 * (e.g. --trace-gc), BENCH_KENES_LOG names a file for its output. Needs wrk
 * (Debian: apt-get install wrk). Run: npm run bench:pages
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { median, needWrk, type Run, signIn, startKenes, waitFor, wrk as wrkRun } from './bench-http.ts';

const root = path.resolve(import.meta.dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** Load on a signed-in page before it is measured (BENCH_WARM_UP, seconds; 0: none). */
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP ?? 1);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = 16;
const KENES_PORT = 3907;
const BARE_PORT = 3908;
const PUBLIC = process.env.BENCH_PAGES
  ? process.env.BENCH_PAGES.split(',').filter((p) => p !== 'none')
  : [
      '/en/',
      '/ru/meetings',
      '/kk/meetings/1',
      '/kk-latn/meetings/1',
      '/en/proposals',
      '/ru/recommendations',
      '/en/recommendations/7',
      '/en/organisations',
      '/api/v1/proposals',
    ];
const SIGNED_IN = process.env.BENCH_SIGNED_IN
  ? process.env.BENCH_SIGNED_IN.split(',')
  : [
      '/en/',
      '/en/meetings',
      '/ru/meetings/1',
      '/en/proposals',
      '/en/proposals/1',
      '/en/recommendations',
      '/en/recommendations/7',
      '/en/cycles/1',
      '/en/organisations/mia',
      '/en/work',
      '/en/tasks',
      '/en/notifications',
    ];
/** Who signs in for the second part: staff (the secretariat) and an NGO's representative. */
const SIGNED_IN_AS = (process.env.BENCH_AS ?? 'secretariat@kenes.demo,ngo@kenes.demo').split(',');
const loadavg = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

needWrk();

function wrk(url: string, headers: Record<string, string> = {}, seconds = SECONDS): Run {
  return wrkRun(url, { headers, seconds, connections: CONNECTIONS });
}

/** A bare node:http server sending these bytes with this content type, in a process of its own. */
async function bare(body: Buffer, type: string): Promise<ChildProcess> {
  const file = path.join(root, 'data', 'tmp', 'bare-body');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, body);
  // As many processes as Kenes serves with (node:cluster, one port), so that the ratio compares like with like.
  const script = `const cluster = require('cluster');
if (cluster.isPrimary && ${WORKERS} > 1) { for (let i = 0; i < ${WORKERS}; i++) cluster.fork(); } else {
const body = require('fs').readFileSync(${JSON.stringify(file)});
require('http').createServer((req, res) => { res.writeHead(200, { 'content-type': ${JSON.stringify(type)}, 'content-length': body.length }); res.end(body); }).listen(${BARE_PORT}, '127.0.0.1'); }`;
  const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
  await waitFor(`http://127.0.0.1:${BARE_PORT}/`, child);
  return child;
}

const kenesUrl = `http://127.0.0.1:${KENES_PORT}`;
const METRICS_TOKEN = randomBytes(24).toString('hex');
const worst = { loopMs: 0, rssMb: 0 };

/**
 * The Kenes process's longest event-loop delay since the last call (ms), and its resident memory (MB);
 * counted in the run's worst figures when `measured` (not the calls that only start a page's window).
 */
async function processFigures(measured = true): Promise<{ loopMs: number; rssMb: number }> {
  const res = await fetch(`${kenesUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  const text = await res.text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? Number.NaN);
  const figures = {
    loopMs: value('nodejs_eventloop_lag_max_seconds') * 1000,
    rssMb: value('process_resident_memory_bytes') / 2 ** 20,
  };
  if (measured) {
    worst.loopMs = Math.max(worst.loopMs, figures.loopMs);
    worst.rssMb = Math.max(worst.rssMb, figures.rssMb);
  }
  return figures;
}
const shown = (f: { loopMs: number; rssMb: number }) => `${f.loopMs.toFixed(0)} | ${f.rssMb.toFixed(0)}`;
const dataDir = path.join(root, 'data', 'bench-pages');
// One process, as by default (decision 0032); WORKERS=2 (or auto) measures several on one port.
const WORKERS =
  process.env.WORKERS === 'auto' ? String(Math.min(8, os.availableParallelism())) : process.env.WORKERS || '1';
// BENCH_NODE_ARGS: node's options for the Kenes process (e.g. --trace-gc); BENCH_KENES_LOG: a file for its output.
const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const kenesLog = process.env.BENCH_KENES_LOG ? fs.openSync(process.env.BENCH_KENES_LOG, 'w') : 'ignore';
const kenes = startKenes({
  checkout: root,
  port: KENES_PORT,
  nodeArgs,
  env: { METRICS_TOKEN, WORKERS },
  stdio: ['ignore', kenesLog, 'inherit'],
});
try {
  await waitFor(`${kenesUrl}/readyz`, kenes);
  // A first start on an empty DATA_DIR loads the demo and indexes it for search after it is ready: the
  // pages are measured once the process has had two quiet seconds (at most a minute's wait).
  await processFigures(false);
  for (let i = 0; i < 30; i++) {
    await new Promise((r) => setTimeout(r, 2000));
    if ((await processFigures(false)).loopMs < 30) break;
  }
  console.log(
    `Kenes in production mode, ${WORKERS} process(es), on ${kenesUrl} (DATA_DIR ${path.relative(root, dataDir)}); wrk, ${CONNECTIONS} connections, ${ROUNDS} × ${SECONDS} s per server, alternating\n`,
  );
  console.log(
    '| page | bytes | Kenes req/s | bare node:http req/s, same bytes | ratio | event loop max ms | Kenes RSS MB |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const page of PUBLIC) {
    const res = await fetch(kenesUrl + page);
    const body = Buffer.from(await res.arrayBuffer());
    const server = await bare(body, res.headers.get('content-type') ?? 'text/html');
    await processFigures(false);
    try {
      const ours: number[] = [];
      const theirs: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        ours.push(wrk(kenesUrl + page).rps);
        theirs.push(wrk(`http://127.0.0.1:${BARE_PORT}/`).rps);
      }
      const [k, b] = [median(ours), median(theirs)];
      console.log(
        `| ${page} | ${body.length} | ${Math.round(k)} | ${Math.round(b)} | ${((100 * k) / b).toFixed(1)} % | ${shown(await processFigures())} |`,
      );
    } finally {
      server.kill();
    }
  }

  for (const email of SIGNED_IN_AS) {
    const session = await signIn(kenesUrl, email);
    console.log(`\nSigned in as ${email}, ${CONNECTIONS} concurrent users, ${SECONDS} s per page\n`);
    console.log('| page | req/s | p50 ms | p95 ms | load average | event loop max ms | Kenes RSS MB |');
    console.log('|---|---|---|---|---|---|---|');
    for (const page of SIGNED_IN) {
      // A second's load first, not counted: the page's code compiled and its kept reads filled, as in a
      // process that has served for a while (the first seconds after a start are not what p95 is about).
      if (WARM_UP_SECONDS > 0) wrk(kenesUrl + page, { cookie: session }, WARM_UP_SECONDS);
      await processFigures(false);
      const run = wrk(kenesUrl + page, { cookie: session });
      console.log(
        `| ${page} | ${Math.round(run.rps)} | ${run.p50.toFixed(1)} | ${run.p95.toFixed(1)} | ${loadavg()} | ${shown(await processFigures())} |`,
      );
    }
  }
  console.log(
    `\nThe Kenes process: event loop held at most ${worst.loopMs.toFixed(0)} ms; resident memory at most ${worst.rssMb.toFixed(0)} MB (at each page's end)`,
  );
} finally {
  kenes.kill('SIGTERM');
  await new Promise((r) => kenes.once('exit', r));
}
