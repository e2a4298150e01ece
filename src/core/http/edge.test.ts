/**
 * The reproductions of the trust issue's "one request must never stop Kenes": each answered 500 or
 * stopped the process before the input guard, the one date rule and the stream and upload fixes.
 * test/hostile-input.test.ts sends the same kinds of values to every route; these name the cases.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { DEMO_PASSWORD } from '../../demo/content.ts';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { parseHtml, textOf } from '../../testing/html.ts';
import { csvStream } from './csv.ts';
import { date as dateSchema, text } from './forms.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({
    demo: true,
    extend: (app) => {
      // A CSV whose query fails after the first rows, as the proposals CSV did with a NUL byte.
      app.get('/test/failing.csv', async (_req, reply) => {
        async function* rows() {
          yield ['first', 'row'];
          await new Promise((r) => setTimeout(r, 20));
          throw new Error('the database refused the next batch');
        }
        return reply.type('text/csv; charset=utf-8').send(csvStream(['a', 'b'], rows()));
      });
    },
  });
});
after(() => t.close());

async function count(table: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.db);
  return Number(rows[0]?.n);
}

describe('text PostgreSQL cannot store is refused at the edge, in the user’s language', () => {
  const urls = [
    '/en/proposals.csv?q=%00',
    '/en/recommendations?q=a%00b',
    '/en/recommendations?session=a%00b',
    '/en/recommendations?qall=1&q=a%00b',
    '/en/proposals?q=%00',
    '/en/recommendations.csv?q=a%00b',
    '/en/meetings/%00',
  ];
  for (const url of urls) {
    test(`GET ${url} answers 400 and Kenes goes on`, async () => {
      const res = await t.app.inject(url);
      assert.equal(res.statusCode, 400);
      assert.match(textOf(parseHtml(res.body).querySelector('main')), /characters that cannot be stored/);
    });
  }

  test('broken UTF-8 in a search is cleaned (U+FFFD), not an error', async () => {
    for (const url of ['/en/recommendations?q=%FF%FE', '/en/proposals?q=%ED%A0%80', '/api/v1/proposals?q=%C3']) {
      const res = await t.app.inject(url);
      assert.equal(res.statusCode, 200, url);
    }
  });

  test('a lone surrogate in a JSON body is refused with 400', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/en/sign-in',
      payload: '{"email":"\\ud800@example.org","password":"x"}',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /characters that cannot be stored/);
  });

  test('the API answers 400 in JSON, in the language asked for', async () => {
    for (const url of ['/api/v1/recommendations?q=a%00b', '/api/v1/proposals?q=%00']) {
      const res = await t.app.inject({ url, headers: { 'accept-language': 'ru' } });
      assert.equal(res.statusCode, 400);
      assert.match(res.json().error.message, /символы, которые нельзя сохранить/);
    }
  });

  test('the Kazakh and Russian pages say it in Kazakh and Russian', async () => {
    const kk = await t.app.inject('/kk/proposals?q=%00');
    assert.match(textOf(parseHtml(kk.body).querySelector('main')), /сақтауға болмайтын таңбалар/);
    const ru = await t.app.inject('/ru/proposals?q=%00');
    assert.match(textOf(parseHtml(ru.body).querySelector('main')), /символы, которые нельзя сохранить/);
  });

  test('a stored header is cleaned, not refused: a User-Agent with NUL and control characters', async () => {
    const c = new TestClient(t.app);
    const res = await c.post(
      '/en/sign-in',
      { email: 'observer@kenes.demo', password: DEMO_PASSWORD },
      { headers: { 'user-agent': 'Odd\u0000Browser\u001b[31m/1.0' }, remoteAddress: '10.9.9.9' },
    );
    assert.equal(res.statusCode, 303);
    const { rows } = await sql<{ user_agent: string }>`
      SELECT s.user_agent FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE u.email = 'observer@kenes.demo' ORDER BY s.created_at DESC LIMIT 1`.execute(t.db);
    assert.equal(rows[0]?.user_agent, 'OddBrowser[31m/1.0');
  });

  test('a form with a NUL byte is refused with 400 and writes nothing', async () => {
    const client = new TestClient(t.app);
    await client.signIn('secretariat@kenes.demo');
    const before = await count('organisations');
    await client.postExpect(400, '/en/organisations', { name_en: 'A\u0000B', category: 'ngo' });
    assert.equal(await count('organisations'), before);
  });
});

describe('a stream that fails ends its own response only', () => {
  test('the CSV is cut off, the next request is answered, nothing stops the process', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const failed = await fetch(`http://127.0.0.1:${port}/test/failing.csv`).then(
      (res) =>
        res.text().then(
          (body) => ({ status: res.status, body, error: undefined }),
          (error: Error) => ({ status: res.status, body: '', error }),
        ),
      (error: Error) => ({ status: 0, body: '', error }),
    );
    // Either the response was cut mid-way or refused: never a complete file that hides the failure.
    assert.ok(failed.error || failed.status >= 500, `the failing CSV looked complete: ${failed.status}`);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(health.status, 200);
    const csv = await fetch(`http://127.0.0.1:${port}/en/proposals.csv`);
    assert.equal(csv.status, 200);
    assert.match(await csv.text(), /^\uFEFF?/);
  });
});

describe('dates are real days in the years 1900–2200, everywhere', () => {
  test('the schema refuses the year 0000, 31 February and 2201; takes 1900-01-01 and 2200-12-31', () => {
    for (const bad of ['0000-01-01', '2021-02-31', '2201-01-01', '1899-12-31', '2021-2-3', '20210203']) {
      assert.equal(dateSchema.safeParse(bad).success, false, bad);
    }
    for (const good of ['1900-01-01', '2200-12-31', '2024-02-29'])
      assert.equal(dateSchema.safeParse(good).success, true, good);
  });

  test("a decision's task deadline of 0000-01-01 is a field error (422), nothing written", async () => {
    const client = new TestClient(t.app);
    await client.signIn('secretariat@kenes.demo');
    const before = await count('decisions');
    await client.postExpect(422, '/en/meetings/1/decisions', {
      text_en: 'The Ministry to consider the proposal',
      task_en: 'Consider the proposal',
      taskOrganisationId: '1',
      taskDeadline: '0000-01-01',
    });
    // (The demo meeting's minutes are approved, so its page no longer shows the form; the field's
    // message is checked on the forms that show it, e.g. the ratification below.)
    assert.equal(await count('decisions'), before);
  });

  test('a ratification dated 0000-01-01 or 2021-02-31 is a field error (422)', async () => {
    const client = new TestClient(t.app);
    await client.signIn('secretariat@kenes.demo');
    for (const ratifiedOn of ['0000-01-01', '2021-02-31']) {
      const res = await client.post('/en/mechanisms/CCPR/ratification', { status: 'ratified', ratifiedOn });
      assert.equal(res.statusCode, 422, ratifiedOn);
      assert.match(res.body, /Enter a date that exists, between the years 1900 and 2200/);
    }
  });
});

describe('an upload cut off mid-file', () => {
  test('answers 400 in the user’s language and stores nothing', async () => {
    const client = new TestClient(t.app);
    await client.signIn('secretariat@kenes.demo', DEMO_PASSWORD);
    const page = await client.get('/en/recommendations/import');
    const csrf = parseHtml(page.body).querySelector('input[name="_csrf"]')?.getAttribute('value') ?? '';
    const files = await count('recommendation_import_chunks');
    const imports = await count('recommendation_imports');
    const b = 'cutBoundary';
    const body =
      `--${b}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n` +
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="recs.csv"\r\nContent-Type: text/csv\r\n\r\n` +
      `Recommendation,State\n${'"Ensure that every child is heard",Kazakhstan\n'.repeat(200)}`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/en/recommendations/import',
      payload: body,
      headers: {
        cookie: client.cookieHeader(),
        'content-type': `multipart/form-data; boundary=${b}`,
      },
    });
    assert.equal(res.statusCode, 400);
    assert.match(textOf(parseHtml(res.body).querySelector('main')), /ended before the whole file arrived/);
    assert.equal(await count('recommendation_import_chunks'), files);
    assert.equal(await count('recommendation_imports'), imports);
  });
});

describe('invisible characters cannot disguise a name', () => {
  test('bidirectional controls and zero-width characters are removed from what users type', () => {
    const name = text({ max: 100 });
    assert.equal(name.parse('Kadyr\u200B-Kasiyet'), 'Kadyr-Kasiyet');
    assert.equal(name.parse('\u202Eadmin\u202C'), 'admin');
    assert.equal(name.parse('Ministry\u2066 of Justice\u2069\uFEFF'), 'Ministry of Justice');
    assert.equal(name.parse('a\u200Db'), 'ab');
    // In a long text the joiners stay (emoji and some scripts need them); the controls still go.
    const body = text({ max: 100, multiline: true });
    assert.equal(body.parse('👩\u200D⚖️ \u202Ejudge'), '👩\u200D⚖️ judge');
  });

  test('an organisation named with a right-to-left override is stored without it', async () => {
    const client = new TestClient(t.app);
    await client.signIn('secretariat@kenes.demo');
    await client.postExpect(303, '/en/organisations', {
      name_en: 'Open \u202EDialogue\u202C Centre',
      category: 'ngo',
    });
    const { rows } = await sql<{ name: string }>`
      SELECT name->>'en' AS name FROM organisations WHERE name->>'en' LIKE 'Open %Centre'`.execute(t.db);
    assert.deepEqual(
      rows.map((r) => r.name),
      ['Open Dialogue Centre'],
    );
  });
});
