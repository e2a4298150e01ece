/**
 * Signed-in pages' CPU in the process (issue 15): the demo on a new database (DATABASE_URL's server, or
 * a throw-away embedded PostgreSQL), the app in production mode listening for changes as production does
 * (so that what an audience sees is kept), and each page asked BENCH_REQUESTS times (default 500) in turn
 * by one client with app.inject, as the secretariat and as an NGO's representative: mean, p50 and p95 ms
 * per request, and the CPU time this process spent per request (user + system; PostgreSQL's is not in it).
 * One client at a time is less disturbed by other work on the machine than wrk's 16.
 * BENCH_SIGNED_IN and BENCH_AS choose pages and readers as in bench-pages.ts; BENCH_ROUNDS (default 1)
 * repeats the whole. BENCH_PROFILE=dir writes there a CPU profile of each page's measured requests
 * (node:inspector; `reader page.cpuprofile`, for Chrome's DevTools or scripts/profile-summary.ts).
 * Run: node --import tsx scripts/bench-render.ts
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import v8 from 'node:v8';
import type { FastifyInstance } from 'fastify';
import { configureAudit } from '../src/core/audit.ts';
import { newAuditKey, parseAuditKeys } from '../src/core/audit-keys.ts';
import { createDb } from '../src/core/db/database.ts';
import { DEMO_PASSWORD } from '../src/demo/content.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { benchApp, benchDatabase } from './bench-database.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const PAGES = (
  process.env.BENCH_SIGNED_IN ?? '/en/,/ru/meetings/1,/en/proposals/1,/en/recommendations/7,/en/cycles/1,/en/explorer'
).split(',');
const READERS = (process.env.BENCH_AS ?? 'secretariat@kenes.demo,ngo@kenes.demo').split(',');

/** The cookies a GET or POST answer sets, merged into `jar`. */
function keep(jar: Map<string, string>, cookies: { name: string; value: string }[]) {
  for (const c of cookies) jar.set(c.name, c.value);
}
const header = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** The Cookie header of a session signed in as `email`, its sign-in message already shown. */
async function signIn(app: FastifyInstance, email: string): Promise<string> {
  const jar = new Map<string, string>();
  const form = await app.inject({ method: 'GET', url: '/en/sign-in' });
  keep(jar, form.cookies);
  const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
  const res = await app.inject({
    method: 'POST',
    url: '/en/sign-in',
    headers: { cookie: header(jar), 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
    payload: new URLSearchParams({ _csrf: token, email, password: DEMO_PASSWORD }).toString(),
  });
  if (res.statusCode !== 303) throw new Error(`sign-in as ${email} failed: ${res.statusCode}`);
  keep(jar, res.cookies);
  keep(jar, (await app.inject({ method: 'GET', url: '/en/tasks', headers: { cookie: header(jar) } })).cookies);
  return header(jar);
}

// As `kenes start` sets it for the serving process (src/cli.ts, decision 0031): its collections are part of the cost.
v8.setFlagsFromString('--heap-growing-percent=50');
const bench = await benchDatabase('bench-render', { unsafeFast: true });
configureAudit({ keyring: parseAuditKeys(newAuditKey(), 'measurement') });
const db = createDb(bench.url);
try {
  await seedDemo(db);
  const app = await benchApp(db, { pageCacheUrl: bench.url });
  const sessions = await Promise.all(READERS.map((email) => signIn(app, email)));
  const profiler = process.env.BENCH_PROFILE ? new Session() : undefined;
  profiler?.connect();
  await profiler?.post('Profiler.enable');
  await profiler?.post('Profiler.setSamplingInterval', { interval: 200 });
  console.log(`${REQUESTS} requests per page and reader, one at a time (app.inject); ms per request\n`);
  console.log('| reader | page | bytes | mean | p50 | p95 | CPU of this process |');
  console.log('|---|---|---|---|---|---|---|');
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, email] of READERS.entries()) {
      for (const page of PAGES) {
        const ask = () => app.inject({ method: 'GET', url: page, headers: { cookie: sessions[i] ?? '' } });
        let bytes = 0;
        for (let w = 0; w < 20; w++) {
          const res = await ask();
          if (res.statusCode !== 200) throw new Error(`${page} as ${email}: ${res.statusCode}`);
          bytes = res.rawPayload.length;
        }
        await profiler?.post('Profiler.start');
        const times: number[] = [];
        const cpu0 = process.cpuUsage();
        for (let r = 0; r < REQUESTS; r++) {
          const t0 = performance.now();
          await ask();
          times.push(performance.now() - t0);
        }
        const cpu = process.cpuUsage(cpu0);
        if (profiler) {
          const { profile } = await profiler.post('Profiler.stop');
          const name = `${email.split('@')[0]} ${page.replaceAll('/', '_')}.cpuprofile`;
          fs.mkdirSync(String(process.env.BENCH_PROFILE), { recursive: true });
          fs.writeFileSync(path.join(String(process.env.BENCH_PROFILE), name), JSON.stringify(profile));
        }
        times.sort((a, b) => a - b);
        const mean = times.reduce((a, b) => a + b, 0) / times.length;
        const at = (q: number) => (times[Math.floor(q * (times.length - 1))] ?? 0).toFixed(2);
        const cpuMs = (cpu.user + cpu.system) / 1000 / REQUESTS;
        console.log(
          `| ${email.split('@')[0]} | ${page} | ${bytes} | ${mean.toFixed(2)} | ${at(0.5)} | ${at(0.95)} | ${cpuMs.toFixed(2)} |`,
        );
      }
    }
  }
  await app.close();
} finally {
  await db.destroy();
  await bench.done();
}
