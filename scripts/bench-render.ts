/**
 * Signed-in pages' CPU in the process (issue 15): the demo on a new database (DATABASE_URL's server, or
 * a throw-away embedded PostgreSQL), the app in production mode listening for changes as production does
 * (so that what an audience sees is kept), and each page asked BENCH_REQUESTS times (default 500) in turn
 * by one client with app.inject, as the secretariat and as an NGO's representative: mean, p50 and p95 ms
 * per request, and the CPU time this process spent per request (user + system; PostgreSQL's is not in it).
 * One client at a time is less disturbed by other work on the machine than wrk's 16.
 *
 * BENCH_AGAINST=/path/to/another/checkout (e.g. `git archive main | tar -x -C /tmp/main`, with its
 * node_modules) also builds that checkout's app in this process, on the same database, and asks both in
 * alternating batches of BENCH_REQUESTS / 10, so that the machine's other work weighs on both alike; it
 * prints both and their ratio. BENCH_SIGNED_IN and BENCH_AS choose pages and readers as in bench-pages.ts.
 * BENCH_PROFILE=dir writes there a CPU profile of each page's measured requests (node:inspector;
 * `reader page.cpuprofile`, for Chrome's DevTools or scripts/profile-summary.ts).
 * Run: node --import tsx scripts/bench-render.ts
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import type { FastifyInstance } from 'fastify';
import { register } from 'tsx/esm/api';
import { configureAudit } from '../src/core/audit.ts';
import { newAuditKey, parseAuditKeys } from '../src/core/audit-keys.ts';
import { createDb } from '../src/core/db/database.ts';
import { DEMO_PASSWORD } from '../src/demo/content.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { benchDatabase } from './bench-database.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);
const BATCHES = 10;
const PAGES = (
  process.env.BENCH_SIGNED_IN ?? '/en/,/ru/meetings/1,/en/proposals/1,/en/recommendations/7,/en/cycles/1,/en/explorer'
).split(',');
const READERS = (process.env.BENCH_AS ?? 'secretariat@kenes.demo,ngo@kenes.demo').split(',');
const AGAINST = process.env.BENCH_AGAINST ? path.resolve(process.env.BENCH_AGAINST) : undefined;

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

const configured = new Set<string>();

/** The app of the checkout at `root` (this one, or BENCH_AGAINST's), on the database at `url`. */
async function appOf(root: string, url: string) {
  // The other checkout's files are compiled with its own tsconfig (JSX for preact), in a namespace of their own.
  const other =
    root === roots[0] ? undefined : register({ namespace: 'against', tsconfig: path.join(root, 'tsconfig.json') });
  const load = (file: string) => {
    const href = pathToFileURL(path.join(root, file)).href;
    return other ? other.import(href, import.meta.url) : import(href);
  };
  const [{ configureAudit }, { newAuditKey, parseAuditKeys }, database, { benchApp }] = await Promise.all([
    load('src/core/audit.ts'),
    load('src/core/audit-keys.ts'),
    load('src/core/db/database.ts'),
    load('scripts/bench-database.ts'),
  ]);
  // Each checkout has its own modules, so its own audit settings (seeding and signing in write to the audit
  // log); this checkout's are set before seeding, once.
  if (!configured.has(root)) configureAudit({ keyring: parseAuditKeys(newAuditKey(), 'measurement') });
  configured.add(root);
  const db = database.createDb(url);
  const app: FastifyInstance = await benchApp(db, { pageCacheUrl: url });
  return { app, close: () => app.close().then(() => db.destroy()) };
}

interface Side {
  name: string;
  app: FastifyInstance;
  sessions: string[];
  times: number[];
  cpuMicros: number;
}

function summary(side: Side) {
  const times = [...side.times].sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const at = (q: number) => times[Math.floor(q * (times.length - 1))] ?? 0;
  return { mean, p50: at(0.5), p95: at(0.95), cpu: side.cpuMicros / 1000 / times.length };
}

// As `kenes start` sets it for the serving process (src/cli.ts, decision 0031): its collections are part of the cost.
v8.setFlagsFromString('--heap-growing-percent=50');
const bench = await benchDatabase('bench-render', { unsafeFast: true });
const roots = [path.resolve(import.meta.dirname, '..'), ...(AGAINST ? [AGAINST] : [])];
configureAudit({ keyring: parseAuditKeys(newAuditKey(), 'measurement') });
configured.add(roots[0] as string);
const apps: Awaited<ReturnType<typeof appOf>>[] = [];
try {
  const seeding = createDb(bench.url);
  await seedDemo(seeding);
  await seeding.destroy();
  for (const root of roots) apps.push(await appOf(root, bench.url));
  const sides: Side[] = [];
  for (const [i, root] of roots.entries()) {
    const app = apps[i]?.app as FastifyInstance;
    const sessions = [];
    for (const email of READERS) sessions.push(await signIn(app, email));
    sides.push({ name: i === 0 ? 'this' : path.basename(root), app, sessions, times: [], cpuMicros: 0 });
  }
  const profiler = process.env.BENCH_PROFILE ? new Session() : undefined;
  profiler?.connect();
  await profiler?.post('Profiler.enable');
  await profiler?.post('Profiler.setSamplingInterval', { interval: 200 });
  console.log(
    `${REQUESTS} requests per page, reader${AGAINST ? ' and checkout' : ''}, one at a time (app.inject)` +
      `${AGAINST ? `, in alternating batches of ${REQUESTS / BATCHES}: this checkout against ${AGAINST}` : ''}; ms per request\n`,
  );
  const columns = AGAINST
    ? '| reader | page | bytes | checkout | mean | p50 | p95 | CPU |'
    : '| reader | page | bytes | mean | p50 | p95 | CPU |';
  console.log(columns);
  console.log(columns.replace(/[^|]+/g, '---'));
  for (const [i, email] of READERS.entries()) {
    for (const page of PAGES) {
      let bytes = 0;
      for (const side of sides) {
        side.times = [];
        side.cpuMicros = 0;
        for (let w = 0; w < 20; w++) {
          const res = await side.app.inject({ method: 'GET', url: page, headers: { cookie: side.sessions[i] ?? '' } });
          if (res.statusCode !== 200) throw new Error(`${page} as ${email} (${side.name}): ${res.statusCode}`);
          bytes = res.rawPayload.length;
        }
      }
      await profiler?.post('Profiler.start');
      for (let b = 0; b < BATCHES; b++) {
        // Each batch in the other order than the last, so that neither side always follows the other.
        for (const side of b % 2 ? [...sides].reverse() : sides) {
          const cpu0 = process.cpuUsage();
          for (let r = 0; r < REQUESTS / BATCHES; r++) {
            const t0 = performance.now();
            await side.app.inject({ method: 'GET', url: page, headers: { cookie: side.sessions[i] ?? '' } });
            side.times.push(performance.now() - t0);
          }
          const cpu = process.cpuUsage(cpu0);
          side.cpuMicros += cpu.user + cpu.system;
        }
      }
      if (profiler) {
        const { profile } = await profiler.post('Profiler.stop');
        const name = `${email.split('@')[0]} ${page.replaceAll('/', '_')}.cpuprofile`;
        fs.mkdirSync(String(process.env.BENCH_PROFILE), { recursive: true });
        fs.writeFileSync(path.join(String(process.env.BENCH_PROFILE), name), JSON.stringify(profile));
      }
      const [ours, theirs] = sides.map(summary);
      for (const [s, side] of sides.entries()) {
        const r = s === 0 ? ours : theirs;
        if (!r) continue;
        const cells = [r.mean, r.p50, r.p95, r.cpu].map((x) => x.toFixed(2)).join(' | ');
        const who = `${email.split('@')[0]} | ${page} | ${bytes}`;
        console.log(AGAINST ? `| ${who} | ${side.name} | ${cells} |` : `| ${who} | ${cells} |`);
      }
      if (ours && theirs) {
        console.log(
          `| ${email.split('@')[0]} | ${page} | | this / other | ${(ours.mean / theirs.mean).toFixed(2)} | ` +
            `${(ours.p50 / theirs.p50).toFixed(2)} | ${(ours.p95 / theirs.p95).toFixed(2)} | ${(ours.cpu / theirs.cpu).toFixed(2)} |`,
        );
      }
    }
  }
} finally {
  for (const app of apps) await app.close();
  await bench.done();
}
