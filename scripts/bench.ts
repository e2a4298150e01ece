/**
 * Page benchmark on large data: how many queries each page runs and how fast it answers under load.
 * Loads the demo plus BENCH_ORGS extra organisations (default 2,000) and a meeting of
 * BENCH_ITEMS agenda items (default 100) with 5 presenters each, serves the real app on
 * 127.0.0.1 and sends requests for BENCH_SECONDS (default 5) per page from BENCH_CONCURRENCY
 * (default 8) loops in a worker thread. Uses DATABASE_URL when set, else a throw-away embedded PostgreSQL.
 * Run: npm run bench
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { pino } from 'pino';
import { buildApp } from '../src/app.ts';
import { auditMany, configureAudit, systemActor, verifyAuditChain } from '../src/core/audit.ts';
import { newAuditKey, parseAuditKeys } from '../src/core/audit-keys.ts';
import { createDb } from '../src/core/db/database.ts';
import { DEMO_PASSWORD } from '../src/demo/content.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { benchDatabase } from './bench-database.ts';

const ORGS = Number(process.env.BENCH_ORGS ?? 2000);
const USERS = Number(process.env.BENCH_USERS ?? 2000);
const AUDIT = Number(process.env.BENCH_AUDIT ?? 50_000);
const PROPOSALS = Number(process.env.BENCH_PROPOSALS ?? 20_000);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

const bench = await benchDatabase('bench');
const url = new URL(bench.url);
// A throw-away key: the bench database is dropped afterwards.
configureAudit({ keyring: parseAuditKeys(newAuditKey(), 'bench') });

let queries = 0;
const db = createDb(url.toString(), 10, () => {
  queries++;
});
await seedDemo(db);
await db
  .insertInto('organisations')
  .values(
    Array.from({ length: ORGS }, (_, i) => ({
      slug: `bench-org-${i}`,
      category: (['ngo', 'state_body', 'international', 'media'] as const)[i % 4] ?? 'other',
      name: JSON.stringify({ kk: `Ұйым ${i}`, ru: `Организация ${i}`, ...(i % 3 ? { en: `Organisation ${i}` } : {}) }),
    })),
  )
  .execute();
const meeting = await db.selectFrom('meetings').select('id').where('number', '=', 1).executeTakeFirstOrThrow();
const orgIds = (await db.selectFrom('organisations').select('id').limit(50).execute()).map((o) => o.id);
for (let i = 3; i < ITEMS + 3; i++) {
  const item = await db
    .insertInto('agenda_items')
    .values({ meeting_id: meeting.id, position: i, title: JSON.stringify({ ru: `Вопрос ${i}`, en: `Item ${i}` }) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('agenda_presenters')
    .values(
      [1, 2, 3, 4, 5].map((p) => ({
        agenda_item_id: item.id,
        organisation_id: orgIds[(i + p) % orgIds.length] ?? '',
        role: 'proposals' as const,
        position: p,
      })),
    )
    .execute();
}

// A meeting of 50 agenda items with 3 presenters each and 300 attendees (the yardstick).
const big = await db
  .insertInto('meetings')
  .values({
    body_id: (await db.selectFrom('bodies').select('id').executeTakeFirstOrThrow()).id,
    number: 99,
    title: JSON.stringify({ en: 'Large meeting', ru: 'Большое заседание' }),
    starts_at: new Date('2026-06-01T05:00:00Z'),
    format: 'in_person',
    venue: JSON.stringify({ en: 'Astana' }),
    status: 'held',
  })
  .returning('id')
  .executeTakeFirstOrThrow();
const bigItems = await db
  .insertInto('agenda_items')
  .values(
    Array.from({ length: 50 }, (_, i) => ({
      meeting_id: big.id,
      position: i + 1,
      title: JSON.stringify({ en: `Item ${i}` }),
    })),
  )
  .returning('id')
  .execute();
await db
  .insertInto('agenda_presenters')
  .values(
    bigItems.flatMap((item, i) =>
      [1, 2, 3].map((p) => ({
        agenda_item_id: item.id,
        organisation_id: orgIds[(i + p) % orgIds.length] ?? '',
        role: 'proposals' as const,
        position: p,
      })),
    ),
  )
  .execute();
const attendees = await db
  .insertInto('people')
  .values(Array.from({ length: 300 }, (_, i) => ({ full_name: JSON.stringify({ ru: `Участник ${i}` }) })))
  .returning('id')
  .execute();
await db
  .insertInto('attendance')
  .values(
    attendees.map((p, i) => ({
      meeting_id: big.id,
      person_id: p.id,
      organisation_id: orgIds[i % orgIds.length] ?? '',
      role: 'member' as const,
      presence: 'present' as const,
    })),
  )
  .execute();

// 20,000 proposals, each with an author, an addressed state body and a theme; a third answered.
const stateBodies = (
  await db.selectFrom('organisations').select('id').where('category', '=', 'state_body').execute()
).map((o) => o.id);
const ngos = (await db.selectFrom('organisations').select('id').where('category', '=', 'ngo').execute()).map(
  (o) => o.id,
);
const words = [
  'пыток',
  'детей',
  'буллинг',
  'суд',
  'трудовых',
  'инвалидностью',
  'мигрантов',
  'образования',
  'свободы',
  'доступ',
];
const proposalsStart = performance.now();
for (let offset = 0; offset < PROPOSALS; offset += 2000) {
  const batch = await db
    .insertInto('proposals')
    .values(
      Array.from({ length: Math.min(2000, PROPOSALS - offset) }, (_, k) => {
        const i = offset + k;
        return {
          title: JSON.stringify({
            ru: `Предложение ${i} о защите ${words[i % words.length]} и ${words[(i * 7) % words.length]}`,
            en: `Proposal ${i}`,
          }),
          body: JSON.stringify({ ru: `Текст предложения ${i}: ${words[(i * 3) % words.length]}` }),
          kind: (['amend_law', 'new_law', 'practice'] as const)[i % 3] ?? 'other',
          status: (['assigned', 'answered', 'submitted'] as const)[i % 3] ?? 'submitted',
          submitted_at: new Date(Date.now() - (i % 400) * 86_400_000),
        };
      }),
    )
    .returning('id')
    .execute();
  await db
    .insertInto('proposal_authors')
    .values(batch.map((p, k) => ({ proposal_id: p.id, organisation_id: ngos[k % ngos.length] ?? '' })))
    .execute();
  await db
    .insertInto('proposal_addressees')
    .values(
      batch.map((p, k) => ({
        proposal_id: p.id,
        organisation_id: stateBodies[k % stateBodies.length] ?? '',
        deadline: new Date(Date.now() + ((k % 60) - 30) * 86_400_000).toISOString().slice(0, 10),
        ...(k % 3 === 1
          ? { answer: 'accepted' as const, reasons: JSON.stringify({ ru: 'Да' }), answered_at: new Date() }
          : {}),
      })),
    )
    .execute();
}
const proposalsMs = performance.now() - proposalsStart;
// Autovacuum would have analysed tables this size long before anyone read them; do it now.
await sql`ANALYZE`.execute(db);
const sampleProposal = (await db.selectFrom('proposals').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow())
  .id;

const someHash = (await db.selectFrom('users').select('password_hash').executeTakeFirstOrThrow()).password_hash;
await db
  .insertInto('users')
  .values(
    Array.from({ length: USERS }, (_, i) => ({
      email: `user${i}@bench.example`,
      password_hash: someHash,
      display_name: `Пользователь ${i}`,
      role: 'citizen' as const,
    })),
  )
  .execute();
let t0 = performance.now();
await auditMany(
  db,
  systemActor('bench'),
  Array.from({ length: AUDIT }, (_, i) => ({
    entity: 'thing',
    entityId: String(i + 1),
    action: 'update',
    after: { n: i + 1 },
  })),
);
const auditInsertMs = performance.now() - t0;

const app = await buildApp({
  config: { env: 'production', publicUrl: 'http://localhost' },
  db,
  sessionSecret: 'bench-secret-bench-secret-bench-secret',
  logger: pino({ level: 'warn' }),
});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

// Sign in as the demo administrator, as a browser would (CSRF token, then the form).
const signInPage = await fetch(`${base}/en/sign-in`);
const jar = signInPage.headers.getSetCookie().map((c) => c.split(';')[0]);
const csrf = (await signInPage.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
const signedIn = await fetch(`${base}/en/sign-in`, {
  method: 'POST',
  redirect: 'manual',
  headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
  body: new URLSearchParams({ _csrf: csrf, email: 'admin@kenes.demo', password: DEMO_PASSWORD }).toString(),
});
const cookie = [...jar, ...signedIn.headers.getSetCookie().map((c) => c.split(';')[0])].join('; ');

t0 = performance.now();
const csv = await (await fetch(`${base}/en/admin/audit.csv`, { headers: { cookie } })).text();
const csvMs = performance.now() - t0;
t0 = performance.now();
const verify = await verifyAuditChain(db);
const verifyMs = performance.now() - t0;

console.log(`proposals: ${PROPOSALS} inserted in ${Math.round(proposalsMs)} ms`);
console.log(
  `data: ${ORGS + 26} organisations, one meeting with ${ITEMS + 2} agenda items × 5 presenters, ${USERS + 7} accounts, ${AUDIT} audit entries`,
);
console.log(
  `audit: ${AUDIT} chained entries in one auditMany call ${Math.round(auditInsertMs)} ms; verify ${Math.round(verifyMs)} ms (${verify.ok ? 'intact' : 'BROKEN'}); CSV export of ${csv.split('\n').length - 2} rows, ${(csv.length / 1e6).toFixed(1)} MB, ${Math.round(csvMs)} ms`,
);
console.log(
  `load: ${CONCURRENCY} concurrent loops for ${SECONDS} s per page, on 127.0.0.1, ${os.cpus().length} cores\n`,
);
console.log('page (admin signed in)                           queries  bytes    req/s   p50 ms  p95 ms  p99 ms');
for (const page of [
  '/en/',
  '/ru/organisations',
  '/kk/organisations/mia',
  '/en/organisations/bench-org-7',
  `/en/meetings/${big.id}`,
  `/en/meetings/${big.id}/attendance`,
  `/api/v1/meetings/${big.id}`,
  '/en/meetings',
  '/en/news',
  '/ru/proposals',
  `/ru/proposals?q=${encodeURIComponent('пытки детей')}`,
  '/ru/proposals?overdue=1&sort=waiting',
  `/ru/proposals?body=${stateBodies[0]}&kind=practice&page=3`,
  `/ru/proposals/${sampleProposal}`,
  `/api/v1/proposals?q=${encodeURIComponent('буллинг')}`,
  '/en/admin',
  '/en/admin/audit',
  '/en/admin/audit?actor=bench&before=25000',
]) {
  queries = 0;
  const body = await (await fetch(base + page, { headers: { cookie } })).text();
  const perPage = queries;
  const worker = new Worker(new URL('./bench-load.mjs', import.meta.url), {
    workerData: { url: base + page, seconds: SECONDS, concurrency: CONCURRENCY, cookie },
  });
  const latencies = await new Promise<number[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  latencies.sort((a, b) => a - b);
  const q = (p: number) =>
    (latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0).toFixed(1);
  console.log(
    `${page.padEnd(48)} ${String(perPage).padStart(7)}  ${String(body.length).padStart(7)}  ${(latencies.length / SECONDS).toFixed(0).padStart(6)}  ${q(0.5).padStart(7)} ${q(0.95).padStart(7)} ${q(0.99).padStart(7)}`,
  );
}

await app.close();
await db.destroy();
await bench.done();
