import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ErrorResponse } from '../../core/http/openapi.ts';
import { useTestApp } from '../../testing/app.ts';
import { type Loaded, loadFixtures } from '../explorer/test-fixtures.ts';
import { CycleListSchema, RecommendationDetailSchema, RecommendationListSchema } from './routes.ts';

let loaded: Loaded;
const t = useTestApp({}, async () => {
  loaded = await loadFixtures(t.db);
});

const get = async (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });
const list = async (query: string) => {
  const res = await get(`/api/v1/recommendations${query}`);
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.headers['access-control-allow-origin'], '*');
  return RecommendationListSchema.parse(res.json());
};

describe('the read API of recommendations and cycles', () => {
  test('lists recommendations newest first with the total, filtered like the explorer', async () => {
    const all = await list('');
    assert.equal(all.total, 7);
    assert.equal(all.items.length, 7);
    assert.equal(all.items[0]?.id, loaded.ids['kg-cedaw-30']);
    assert.equal(all.facets, undefined, 'no facet counts unless asked');
    const kz = await list('?state=KZ&mechanism=CAT,CRC');
    assert.equal(kz.total, 3);
    assert.deepEqual(
      kz.items.map((i) => i.id),
      [loaded.ids['kz-crc-20'], loaded.ids['kz-cat-12'], loaded.ids['kz-crc-no-date']],
    );
    const one = kz.items.find((i) => i.id === loaded.ids['kz-cat-12']);
    assert.deepEqual(
      {
        mechanism: one?.mechanism.code,
        cycle: one?.cycle?.title.en,
        themes: one?.themes.map((x) => x.slug),
        groups: one?.affectedGroups.map((x) => x.slug),
        bodies: one?.responsibleBodies.map((x) => x.slug),
        sdg: one?.sdgTargets,
        status: one?.status,
        response: one?.response,
        priority: one?.priority,
        url: one?.url,
      },
      {
        mechanism: 'CAT',
        cycle: 'Fourth periodic report',
        themes: ['torture-prevention'],
        groups: ['persons-deprived-of-liberty'],
        bodies: ['test-ministry-a'],
        sdg: ['16.3'],
        status: 'in_progress',
        response: 'supported',
        priority: true,
        url: `http://localhost:3000/en/recommendations/${loaded.ids['kz-cat-12']}`,
      },
    );
    // Limit and offset page through the same order; the total stays that of all matches.
    const page2 = await list('?limit=2&offset=2');
    assert.equal(page2.total, 7);
    assert.deepEqual(
      page2.items.map((i) => i.id),
      all.items.slice(2, 4).map((i) => i.id),
    );
    // Search looks in all three languages unless told which.
    assert.equal((await list('?q=torture')).total, 2);
    assert.equal((await list(`?q=${encodeURIComponent('пытках')}&qlang=en`)).total, 0);
    assert.equal((await list(`?q=${encodeURIComponent('пытках')}`)).total, 1);
    assert.equal((await list('?response=none&status=not_assessed')).total, 1);
    assert.equal((await list('?sdg=5&year=2021&priority=1')).total, 1);
  });

  test('counts facets on request', async () => {
    const r = await list('?state=KZ&facets=1');
    assert.equal(r.total, 4);
    const counts = (facet: string) => Object.fromEntries((r.facets?.[facet] ?? []).map((v) => [v.value, v.count]));
    assert.deepEqual(counts('state'), { KZ: 4, UZ: 2, KG: 1 });
    assert.deepEqual(counts('mechanism'), { CAT: 1, CRC: 2, UPR: 1 });
    assert.deepEqual(counts('response'), { supported: 1, noted: 1, none: 1, not_applicable: 1 });
  });

  test('refuses invalid parameters with a message naming them, in the reader’s language', async () => {
    for (const [query, name] of [
      ['limit=1000', 'limit'],
      ['offset=-1', 'offset'],
      ['state=Kazakhstan', 'state'],
      ['year=twenty', 'year'],
      ['response=maybe', 'response'],
      ['theme=no-such-theme', 'theme'],
      ['mechanism=XYZ', 'mechanism'],
      ['themes=children', 'themes'],
      ['qlang=fr', 'qlang'],
      ['facets=yes', 'facets'],
      [`q=${'x'.repeat(201)}`, 'q'],
    ]) {
      const res = await get(`/api/v1/recommendations?${query}`, { 'accept-language': 'en' });
      assert.equal(res.statusCode, 400, query);
      const body = ErrorResponse.parse(res.json());
      assert.equal(body.error.message, `The query parameter “${name}” is not valid.`, query);
    }
    const ru = await get('/api/v1/recommendations?limit=0', { 'accept-language': 'ru' });
    assert.equal(ru.json().error.message, 'Недопустимое значение параметра запроса «limit».');
    const cycles = await get('/api/v1/cycles?state=K');
    assert.equal(cycles.statusCode, 400);
  });

  test('gives one recommendation with its actions and assessments; 404 otherwise', async () => {
    const res = await get(`/api/v1/recommendations/${loaded.ids['kz-crc-20']}`);
    assert.equal(res.statusCode, 200);
    const r = RecommendationDetailSchema.parse(res.json());
    assert.equal(r.text.kk, 'Балаларды дене жазасына тартуға барлық мекемелерде тыйым салу.');
    assert.equal(r.text.en, undefined, 'a missing translation is a missing key');
    assert.deepEqual(
      r.actions.map((a) => [a.responsible.slug, a.deadline, a.status]),
      [
        ['test-ministry-a', '2027-06-30', 'planned'],
        ['test-ministry-b', '2027-06-30', 'planned'],
      ],
    );
    assert.deepEqual(
      r.assessments.map((a) => [a.side, a.level, a.organisation.slug]),
      [['state', 'implemented', 'test-ministry-a']],
    );
    assert.equal(r.status, 'implemented');
    for (const id of ['99999999', 'abc', '1e3', '-1']) {
      const missing = await get(`/api/v1/recommendations/${id}`);
      assert.equal(missing.statusCode, 404, id);
      assert.equal(ErrorResponse.parse(missing.json()).error.status, 404);
    }
  });

  test('lists reporting cycles with their mechanism, State and dated stages', async () => {
    await t.db
      .insertInto('cycle_stages')
      .values([
        { cycle_id: loaded.cycles.cat4, kind: 'report_due', due_on: '2020-12-07', done_on: '2021-02-01' },
        { cycle_id: loaded.cycles.cat4, kind: 'constructive_dialogue', due_on: '2099-04-20', ends_on: '2099-04-21' },
        { cycle_id: loaded.cycles.cat4, kind: 'follow_up_due', due_on: '2022-12-01' },
      ])
      .execute();
    const res = await get('/api/v1/cycles?state=KZ&mechanism=CAT');
    assert.equal(res.statusCode, 200);
    const cycles = CycleListSchema.parse(res.json());
    assert.equal(cycles.total, 1);
    const c = cycles.items[0];
    assert.equal(c?.mechanism.code, 'CAT');
    assert.equal(c?.recommendations, 1);
    assert.deepEqual(
      c?.stages.map((s) => [s.kind, s.dueOn, s.doneOn, s.late]),
      [
        ['report_due', '2020-12-07', '2021-02-01', false],
        ['constructive_dialogue', '2099-04-20', null, false],
        ['follow_up_due', '2022-12-01', null, true],
      ],
    );
    assert.equal(c?.url, `http://localhost:3000/en/cycles/${loaded.cycles.cat4}`);
    const all = CycleListSchema.parse((await get('/api/v1/cycles?limit=1')).json());
    assert.equal(all.total, 2);
    assert.equal(all.items.length, 1);
    assert.equal(CycleListSchema.parse((await get('/api/v1/cycles?state=UZ')).json()).total, 0);
  });

  test('the OpenAPI document describes the three endpoints', async () => {
    const doc = (await get('/api/openapi.json')).json();
    for (const path of ['/api/v1/recommendations', '/api/v1/recommendations/{id}', '/api/v1/cycles'])
      assert.ok(doc.paths[path]?.get, path);
    assert.ok(doc.components.schemas.RecommendationList.properties.total);
    assert.ok(doc.components.schemas.RecommendationDetail.properties.assessments);
    assert.ok(doc.components.schemas.CycleList.properties.items);
    assert.deepEqual(
      doc.paths['/api/v1/recommendations'].get.parameters.map((p: { name: string }) => p.name).slice(0, 10),
      ['state', 'mechanism', 'cycle', 'theme', 'group', 'sdg', 'response', 'status', 'body', 'year'],
    );
  });
});
