/**
 * Open data at the size of the UN's index (issue 17, decision 0028), on a database that
 * scripts/bench-recommendations.ts made and kept (BENCH_HOLD=1 prints its URL): times BENCH_RUNS
 * (default 3) times each of (a) the datasets' versions, what every download and every open-data page
 * computes before anything else (the ETag) — read, and kept while nothing changed (as the app does), (b) the zip of everything, generated and read to its last
 * byte, (c) the recommendations CSV alone; prints min and median, the files' sizes, the load average,
 * and the process's peak RSS (sampled every 10 ms). The files are streamed and counted, not kept.
 * Run: BENCH_REUSE=<the kept URL> node --import tsx scripts/bench-open-data.ts
 */
import os from 'node:os';
import type { Readable } from 'node:stream';
import { createDb } from '../src/core/db/database.ts';
import { createPageCache } from '../src/core/http/page-cache.ts';
import { sharedReads } from '../src/core/http/shared-reads.ts';
import { zipEntries } from '../src/core/open-data/download.ts';
import { filesI18n } from '../src/core/open-data/edition.ts';
import { datasetCsv, zipOf } from '../src/core/open-data/formats.ts';
import { openDataState, readSummaries } from '../src/core/open-data/state.ts';
import { DOMAINS } from '../src/domains.ts';

const URL_ = process.env.BENCH_REUSE;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
if (!URL_) throw new Error('BENCH_REUSE=<URL of a database bench-recommendations.ts kept with BENCH_HOLD=1>');

const db = createDb(URL_);
const datasets = DOMAINS.flatMap((d) => d.datasets ?? []);
const recommendations = datasets.find((d) => d.id === 'recommendations');
if (!recommendations) throw new Error('no recommendations dataset');
const i18n = filesI18n('en');
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

let peak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 10);

/** Reads a stream or an iterable of chunks to its end; returns its bytes. */
async function drain(chunks: Readable | AsyncIterable<string | Uint8Array>): Promise<number> {
  let bytes = 0;
  for await (const chunk of chunks as AsyncIterable<string | Uint8Array>)
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
  return bytes;
}

async function measure(label: string, run: () => Promise<string>) {
  const times: number[] = [];
  let note = '';
  peak = process.memoryUsage().rss;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    note = await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] as number;
  console.log(
    `${label.padEnd(44)} min ${(times[0] as number).toFixed(0).padStart(7)} ms  median ${median.toFixed(0).padStart(7)} ms  ` +
      `peak rss ${(peak / 1e6).toFixed(0)} MB  ${note}`,
  );
}

try {
  const count = await db
    .selectFrom('recommendations')
    .select(db.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  console.log(`${count.n} recommendations; ${os.cpus().length} cores; load average ${load()} at the start\n`);
  let state = await openDataState(db, datasets);
  await measure('(a) versions of every dataset (openDataState)', async () => {
    state = await openDataState(db, datasets);
    return `${state.datasets.reduce((n, d) => n + d.summary.rows, 0)} public rows`;
  });
  // As the app does (app.shared): the summaries kept while the page cache's listener hears of no change.
  const listener = createPageCache({ databaseUrl: URL_ });
  await listener.start();
  const shared = sharedReads(() => listener.version());
  const kept = () => shared.read('open-data:summaries', () => readSummaries(db, datasets));
  await measure('(a) versions, kept while nothing changed', async () => {
    state = await openDataState(db, datasets, kept);
    return `${state.datasets.reduce((n, d) => n + d.summary.rows, 0)} public rows`;
  });
  await listener.stop();
  await measure('(b) the zip of everything (en)', async () => {
    const bytes = await drain(zipOf(zipEntries(db, i18n, state, 'http://localhost')));
    return `${(bytes / 1e6).toFixed(1)} MB`;
  });
  await measure('(c) recommendations.csv (en)', async () => {
    const bytes = await drain(datasetCsv(db, recommendations, i18n));
    return `${(bytes / 1e6).toFixed(1)} MB`;
  });
  console.log(`\nload average ${load()} at the end`);
} finally {
  clearInterval(sampler);
  await db.destroy();
}
