/**
 * Open data (decision 0028): the time to regenerate the zip of every dataset, the longest the event
 * loop was held meanwhile, the zip's size, and the cost of a 304 (the summaries only). On the demo,
 * plus BENCH_RECOMMENDATIONS (default 0) synthetic recommendations. Uses DATABASE_URL when set (a new
 * database on it, dropped afterwards), else a throw-away embedded PostgreSQL.
 * Run: node --import tsx scripts/measure-open-data.ts   (BENCH_RECOMMENDATIONS=270000 BENCH_RUNS=3;
 * BENCH_SAVE=/tmp/x.zip keeps the zip)
 */
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sql } from 'kysely';
import { configureAudit } from '../src/core/audit.ts';
import { newAuditKey, parseAuditKeys } from '../src/core/audit-keys.ts';
import { createDb } from '../src/core/db/database.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { benchApp, benchDatabase } from './bench-database.ts';

const EXTRA = Number(process.env.BENCH_RECOMMENDATIONS ?? 0);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const bench = await benchDatabase('open-data', { unsafeFast: true });
configureAudit({ keyring: parseAuditKeys(newAuditKey(), 'measurement') });
const db = createDb(bench.url);
try {
  await seedDemo(db);
  if (EXTRA > 0) {
    const t0 = performance.now();
    // Synthetic recommendations: every mechanism, ~190 two-letter States, texts of a few sentences.
    await sql`
      INSERT INTO recommendations (source_key, state_code, mechanism_id, symbol, paragraph, adopted_on, text, response)
      SELECT 'bench-' || g, chr(65 + g % 19) || chr(65 + g % 10), m.id, 'A/HRC/' || (g % 60) || '/' || (g % 17),
             (g % 180)::text, date '2008-01-01' + (g % 6500),
             jsonb_build_object('en', 'Continue efforts to ensure the rights of everyone, recommendation ' || g ||
                                ', in law and in practice, and report on the measures taken.',
                                'ru', 'Продолжать усилия по обеспечению прав каждого, рекомендация ' || g || '.'),
             (ARRAY['supported', 'noted', NULL])[1 + g % 3]
        FROM generate_series(1, ${EXTRA}) g
        JOIN LATERAL (SELECT id FROM mechanisms ORDER BY id OFFSET g % (SELECT count(*) FROM mechanisms) LIMIT 1) m ON TRUE`.execute(
      db,
    );
    await sql`ANALYZE`.execute(db);
    console.log(`${EXTRA} recommendations added in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const app = await benchApp(db);
  const page = await app.inject({ method: 'GET', url: '/en/open-data' });
  const rows = [...page.body.matchAll(/data-rows="(\d+)"/g)].map((m) => Number(m[1]));
  const ids = [...page.body.matchAll(/<section id="([a-z-]+)"/g)].map((m) => m[1]);
  console.log(ids.map((id, i) => `${id}: ${rows[i]}`).join(', '));
  // The machine's own noise: the event loop's delay while this process does nothing for a second.
  const idle = monitorEventLoopDelay({ resolution: 5 });
  idle.enable();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  idle.disable();
  console.log(`idle baseline: event loop delayed at most ${(idle.max / 1e6).toFixed(1)} ms (the machine's load)`);
  for (let run = 1; run <= RUNS; run++) {
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const memory = process.memoryUsage().rss;
    const t0 = performance.now();
    const res = await app.inject({ method: 'GET', url: '/en/open-data/kenes-open-data.zip' });
    const ms = performance.now() - t0;
    loop.disable();
    if (process.env.BENCH_SAVE) writeFileSync(process.env.BENCH_SAVE, res.rawPayload);
    const etag = String(res.headers.etag);
    const t1 = performance.now();
    const again = await app.inject({
      method: 'GET',
      url: '/en/open-data/kenes-open-data.zip',
      headers: { 'if-none-match': etag },
    });
    const notModified = performance.now() - t1;
    console.log(
      `zip run ${run}: ${res.statusCode}, ${(res.rawPayload.length / 1e6).toFixed(2)} MB in ${ms.toFixed(0)} ms; ` +
        `event loop held at most ${(loop.max / 1e6).toFixed(1)} ms (p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms); ` +
        `rss +${((process.memoryUsage().rss - memory) / 1e6).toFixed(0)} MB (inject buffers the body); ` +
        `304 (${again.statusCode}) in ${notModified.toFixed(0)} ms`,
    );
  }
  await app.close();
} finally {
  await db.destroy();
  await bench.done();
}
