/**
 * How long the draft national report takes for a large cycle: REPORT_RECOMMENDATIONS recommendations
 * (default 300) × 2 actions × 2 progress reports × 3 assessments. Times the compilation alone (four
 * queries), the HTML page and the DOCX document through the app, each RUNS times (default 5), and
 * prints the median and the slowest wall time and the median CPU time of this Node process (the
 * machine may be shared: CPU time shows the work itself). Uses DATABASE_URL when set, else a throw-away embedded PostgreSQL.
 * Run: node --import tsx scripts/bench-report.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import { configureAudit } from '../src/core/audit.ts';
import { newAuditKey, parseAuditKeys } from '../src/core/audit-keys.ts';
import { createDb } from '../src/core/db/database.ts';
import { startEmbeddedPostgres } from '../src/core/db/embedded.ts';
import { migrate } from '../src/core/db/migrate.ts';
import { compileReport } from '../src/obligations/report/compile.ts';
import { addRecommendations, insertCycle } from '../src/obligations/report/fixtures.ts';
import { benchApp } from './bench-database.ts';

const COUNT = Number(process.env.REPORT_RECOMMENDATIONS ?? 300);
const RUNS = Number(process.env.RUNS ?? 5);

let adminUrl: string;
let cleanup = async () => {};
if (process.env.DATABASE_URL) {
  adminUrl = process.env.DATABASE_URL;
} else {
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kenes-report-')), 'data');
  const e = await startEmbeddedPostgres({ dataDir, password: 'measure-password', database: 'postgres', log: () => {} });
  adminUrl = e.adminUrl;
  cleanup = async () => {
    await e.stop();
    fs.rmSync(e.clusterDir, { recursive: true, force: true });
    fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  };
}
const dbName = `kenes_report_${process.pid}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
await migrate(url.toString());
// A throw-away key: this database is dropped afterwards.
configureAudit({ keyring: parseAuditKeys(newAuditKey(), 'measurement') });
let queries = 0;
const db = createDb(url.toString(), 10, () => {
  queries++;
});

try {
  const started = performance.now();
  const cycleId = await insertCycle(db, 4, { en: 'Fourth periodic report', ru: 'Четвёртый периодический доклад' });
  await addRecommendations(db, cycleId, COUNT, { actions: 2, progress: 2 });
  await sql`ANALYZE`.execute(db);
  console.log(
    `inserted ${COUNT} recommendations × 2 actions × 2 progress reports × 3 assessments in ${ms(performance.now() - started)}`,
  );

  const app = await benchApp(db);

  const time = async (label: string, run: () => Promise<number>) => {
    await run(); // warm-up (JIT, first queries)
    const times: number[] = [];
    const cpu: number[] = [];
    let size = 0;
    let perRun = 0;
    // The longest the event loop was held: what other requests of the process would wait.
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    for (let i = 0; i < RUNS; i++) {
      queries = 0;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      size = await run();
      times.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      perRun = queries;
    }
    loop.disable();
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? 0;
    console.log(
      `${label.padEnd(34)} median ${ms(median)}, slowest ${ms(times.at(-1) ?? 0)}, ` +
        `Node CPU ${ms(cpu[Math.floor(cpu.length / 2)] ?? 0)}, event loop held at most ${ms(loop.max / 1e6)}, ` +
        `${perRun} queries, ${(size / 1024).toFixed(0)} KiB`,
    );
  };

  await time('compile (queries + grouping)', async () => {
    const report = await compileReport(db, cycleId, 'en');
    return JSON.stringify(report).length;
  });
  for (const [label, suffix] of [
    ['HTML /en/cycles/:id/report', 'report'],
    ['DOCX /en/cycles/:id/report.docx', 'report.docx'],
    ['HTML civil-society view', 'report/civil-society'],
    ['DOCX civil-society view', 'report/civil-society.docx'],
  ] as const) {
    await time(label, async () => {
      const res = await app.inject({ url: `/en/cycles/${cycleId}/${suffix}` });
      if (res.statusCode !== 200) throw new Error(`${suffix}: ${res.statusCode}`);
      return res.rawPayload.length;
    });
  }
  await app.close();
} finally {
  await db.destroy();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
  await cleanup();
}

function ms(value: number): string {
  return `${value.toFixed(0)} ms`;
}
