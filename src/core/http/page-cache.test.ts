import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import pg from 'pg';
import { pino } from 'pino';
import { buildApp } from '../../app.ts';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { scheduleMeeting } from '../../testing/meetings.ts';
import { waitFor } from '../../testing/wait.ts';
import { createPageCache, NOT_SHOWN_TO_VISITORS, type PageCache } from './page-cache.ts';

/** Issue 15 / decision 0022: visitors' pages kept in memory, forgotten on any process's change. */
describe('pages kept for visitors', () => {
  let t: TestApp;
  let base: string;
  let cache: PageCache;

  /**
   * A visitor's page fetched until it is kept: a write in between (the app's jobs write while the test
   * runs) rightly makes the cache drop the page it was compressing, so one fetch is not always enough.
   */
  async function fetchKept(path: string): Promise<{ res: Response; body: string }> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const res = await fetch(`${base}${path}`);
      const body = await res.text();
      try {
        await waitFor(() => cache.keeps(path), 1000);
        return { res, body };
      } catch {
        // Dropped or not yet compressed: ask again.
      }
    }
    throw new Error(`${path} was never kept`);
  }

  let staff: TestClient;
  const staffGet = (path: string) => fetch(base + path, { headers: { cookie: staff.cookieHeader() } });

  before(async () => {
    t = await createTestApp({ demo: true, pageCache: true });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    cache = t.pageCache as PageCache;
    staff = await TestClient.signedIn(t.app, 'secretariat@kenes.demo');
  });
  after(() => t.close());

  test('visitors asking at once for a page not kept get it from one render (single flight)', async () => {
    // An app of its own whose handler counts the page's renders (requests reaching Fastify) and makes
    // each slow, so that the others surely ask while the first renders (else, under load, some would
    // come after it was kept: hits, not waits). Statements are not counted: the app's jobs run theirs.
    let renders = 0;
    const app = await createTestApp({
      demo: true,
      pageCache: true,
      extend: (a) =>
        a.addHook('preHandler', async (req) => {
          if (req.url !== '/en/organisations') return;
          renders++;
          await new Promise((r) => setTimeout(r, 500));
        }),
    });
    try {
      await app.app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.app.server.address();
      const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/en/organisations`;
      const slowCache = app.pageCache as PageCache;
      for (let attempt = 0; ; attempt++) {
        slowCache.forget();
        const waited = slowCache.stats().waited;
        const generation = slowCache.version();
        renders = 0;
        const bodies = await Promise.all(Array.from({ length: 8 }, () => fetch(url).then((r) => r.text())));
        // A write meanwhile (the app's jobs) rightly drops the page being kept: measured again.
        if (slowCache.version() !== generation && attempt < 4) continue;
        assert.equal(new Set(bodies).size, 1, 'every visitor got the same page');
        assert.equal(renders, 1, 'eight visitors, one render');
        assert.equal(slowCache.stats().waited - waited, 7, 'seven waited for the first');
        break;
      }
    } finally {
      await app.close();
    }
  });

  test('a visitor’s page is kept and then served from memory, with an ETag, compressed as asked; 304 on a matching ETag', async () => {
    cache.forget();
    // Kept once it is compressed (asynchronously, after the answer).
    const { res: first, body } = await fetchKept('/en/organisations');
    assert.equal(first.status, 200);
    const hits = cache.stats().hits;
    const second = await fetch(`${base}/en/organisations`);
    assert.equal(await second.text(), body);
    assert.equal(cache.stats().hits, hits + 1);
    const etag = second.headers.get('etag');
    assert.match(etag ?? '', /^"[\w-]{27}"$/);
    assert.equal(second.headers.get('cache-control'), 'no-cache');
    assert.match(
      second.headers.get('content-security-policy') ?? '',
      /default-src 'self'/,
      'the security headers are kept',
    );

    const notModified = await fetch(`${base}/en/organisations`, { headers: { 'if-none-match': etag ?? '' } });
    assert.equal(notModified.status, 304);
    assert.equal(await notModified.text(), '');

    // Brotli and gzip as negotiated (node's fetch would decode them: read the raw bytes through http).
    for (const [accept, decode] of [
      ['br', zlib.brotliDecompressSync],
      ['gzip', zlib.gunzipSync],
    ] as const) {
      const raw = await rawGet(`${base}/en/organisations`, { 'accept-encoding': accept });
      assert.equal(raw.headers['content-encoding'], accept);
      assert.equal(decode(raw.body).toString('utf8'), body);
      assert.ok(raw.body.length < body.length / 2, `${accept}: ${raw.body.length} of ${body.length} bytes`);
    }
  });

  test('the language a visitor reads in is remembered from a kept page too', async () => {
    await fetchKept('/ru/organisations');
    const hits = cache.stats().hits;
    const kept = await fetch(`${base}/ru/organisations`, { headers: { cookie: 'lang=en' } });
    assert.equal(cache.stats().hits, hits + 1);
    assert.match(kept.headers.get('set-cookie') ?? '', /^lang=ru; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax/);
    const already = await fetch(`${base}/ru/organisations`, { headers: { cookie: 'lang=ru' } });
    assert.equal(already.headers.get('set-cookie'), null);
  });

  test('a page changes for visitors within a second of a write by another process', async () => {
    const page = `${base}/en/organisations/mia`;
    await fetchKept('/en/organisations/mia');
    const hits = cache.stats().hits;
    assert.doesNotMatch(await (await fetch(page)).text(), /Renamed by another process/);
    assert.equal(cache.stats().hits, hits + 1, 'served from memory before the change');

    // Another process (not this one's requests) renames the ministry in the database.
    await otherProcess(
      t.url,
      `UPDATE organisations SET name = jsonb_set(name, '{en}', '"Renamed by another process"') WHERE slug = 'mia'`,
    );
    // From the write's commit (the other process has ended).
    const started = performance.now();
    let seen = false;
    while (!seen && performance.now() - started < 1000) {
      seen = /Renamed by another process/.test(await (await fetch(page)).text());
      if (!seen) await new Promise((r) => setTimeout(r, 20));
    }
    assert.ok(seen, 'the new name shows within a second');
  });

  test('two Kenes processes: a change made through one is seen through the other within a second', async () => {
    // A second app with its own memory and its own listening connection, as a second process has.
    const otherCache = createPageCache({ databaseUrl: t.url });
    await otherCache.start();
    const other = await buildApp({
      config: { env: 'test', publicUrl: 'http://localhost:3000' },
      db: t.db,
      sessionSecret: 'test-secret-test-secret-test-secret!',
      logger: pino({ level: 'silent' }),
      pageCache: otherCache,
    });
    await other.listen({ port: 0, host: '127.0.0.1' });
    try {
      const address = other.server.address();
      const page = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/en/meetings`;
      await fetch(page);
      await waitFor(() => otherCache.keeps('/en/meetings'));
      const hits = otherCache.stats().hits;
      await fetch(page);
      assert.equal(otherCache.stats().hits, hits + 1, 'served from the second process’s memory before the change');
      // Through the first process, as the secretariat would.
      const id = await scheduleMeeting(staff, { title_en: 'Scheduled through the first process' });
      assert.equal((await staff.post(`/en/meetings/${id}/status`, { status: 'announced' })).statusCode, 303);
      const started = performance.now();
      let seen = false;
      while (!seen && performance.now() - started < 1000) {
        seen = /Scheduled through the first process/.test(await (await fetch(page)).text());
        if (!seen) await new Promise((r) => setTimeout(r, 20));
      }
      assert.ok(seen, 'the new meeting shows through the second process within a second');
    } finally {
      await other.close();
      await otherCache.stop();
    }
  });

  test('a visitor never receives a signed-in user’s page, nor a signed-in user a visitor’s', async () => {
    cache.forget();
    const stored = cache.stats().stored;
    const staffPage = await (await staffGet('/en/organisations')).text();
    assert.match(staffPage, /href="\/en\/organisations\/new"/, 'the staff page offers to add an organisation');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(cache.stats().stored, stored, 'a signed-in user’s page is not kept');
    assert.doesNotMatch((await fetchKept('/en/organisations')).body, /organisations\/new/);
    const hits = cache.stats().hits;
    assert.match(await (await staffGet('/en/organisations')).text(), /href="\/en\/organisations\/new"/);
    assert.equal(cache.stats().hits, hits, 'the visitor’s page is not given to a signed-in user');
  });

  test('members-only content never enters the cache; pages with a form’s token are not kept', async () => {
    const id = await scheduleMeeting(staff, { title_en: 'Closed consultation', visibility: 'members' });
    cache.forget();
    const stored = cache.stats().stored;
    assert.equal((await fetch(`${base}/en/meetings/${id}`)).status, 404);
    assert.match(await (await staffGet(`/en/meetings/${id}`)).text(), /Closed consultation/);
    const signIn = await fetch(`${base}/en/sign-in`);
    assert.match(signIn.headers.get('set-cookie') ?? '', /kenes_csrf=/);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(cache.stats().stored, stored, 'neither the 404, the member’s page nor the form was kept');
  });

  test('every table a visitor’s page may show tells the other processes of its changes, and only of changes', async () => {
    const { rows } = await sql<{ table: string; events: number }>`
      SELECT c.relname AS table,
             (SELECT count(*) FROM pg_trigger g JOIN pg_proc p ON p.oid = g.tgfoid
               WHERE g.tgrelid = c.oid AND p.proname = 'notify_content_changed')::int AS events
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`.execute(t.db);
    assert.ok(rows.length > 40);
    const quiet: readonly string[] = NOT_SHOWN_TO_VISITORS;
    // Insert, update, delete and truncate: a new table is given add_content_triggers() or listed. Of
    // the quiet ones, sessions tell when they end (delete, truncate: migration 202612090100), for the
    // sessions processes keep (decision 0039), not for pages.
    const events = (table: string) => (table === 'sessions' ? 2 : quiet.includes(table) ? 0 : 4);
    for (const r of rows) assert.equal(r.events, events(r.table), r.table);

    // A statement that changes nothing (the jobs run such every second) does not empty the caches.
    await fetchKept('/en/organisations');
    await sql`UPDATE organisations SET website = website WHERE false`.execute(t.db);
    await sql`DELETE FROM search_documents WHERE false`.execute(t.db);
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(cache.keeps('/en/organisations'));
    // A TRUNCATE (which has no rows to show the trigger) tells them too (the owner's right).
    const owner = new pg.Client({ connectionString: t.ownerUrl });
    await owner.connect();
    await owner.query('TRUNCATE search_vocabulary');
    await owner.end();
    await waitFor(() => !cache.keeps('/en/organisations'), 1000);
  });
});

/** A GET whose body is read as sent (fetch would decompress it). */
async function rawGet(url: string, headers: Record<string, string>) {
  const http = await import('node:http');
  return new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

/** Runs one statement in a separate node process (its own connection), as another Kenes process would. */
function otherProcess(url: string, statement: string): Promise<void> {
  const script = `const pg = require('pg'); const c = new pg.Client({ connectionString: process.env.URL });
    c.connect().then(() => c.query(process.env.SQL)).then(() => c.end()).catch((e) => { console.error(e); process.exit(1); });`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], {
      env: { ...process.env, URL: url, SQL: statement },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the other process exited with ${code}`))));
  });
}
