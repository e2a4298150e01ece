import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listPageSchema } from '../../core/http/api-list.ts';
import { useTestApp } from '../../testing/app.ts';
import { type Loaded, loadFixtures } from '../explorer/test-fixtures.ts';
import { orgId } from '../test-support.ts';
import { ActionSchema, AssessmentSchema, ProgressSchema } from './implementation.ts';

/*
 * The implementation lists of the read API filtered by organisation: the actions it is responsible
 * for, the progress reports on them, the assessments it made — exactly those, with the total.
 * Fixtures: ministry A acts on kz-cat-12 and kz-crc-20 and assessed both; ministry B acts on
 * kz-crc-20 and kg-cedaw-30 and assessed kg-cedaw-30.
 */

let loaded: Loaded;
const t = useTestApp({}, async () => {
  loaded = await loadFixtures(t.db);
});

async function get<T>(url: string, schema: { parse: (v: unknown) => T }): Promise<T> {
  const res = await t.app.inject({ url });
  assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
  assert.equal(res.headers['access-control-allow-origin'], '*');
  return schema.parse(res.json());
}
const Actions = listPageSchema(ActionSchema);
const Progress = listPageSchema(ProgressSchema);
const Assessments = listPageSchema(AssessmentSchema);

/** The action of `slug` on the recommendation of fixture `key`. */
async function actionOf(slug: string, key: string) {
  const row = await t.db
    .selectFrom('implementation_actions')
    .select('id')
    .where('responsible_id', '=', await orgId(t.db, slug))
    .where('recommendation_id', '=', loaded.ids[key] ?? '')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('the implementation lists of the API by organisation', { concurrency: false }, () => {
  test('actions: those the organisation is responsible for, nearest deadline first, with their reports counted', async () => {
    const a = await get('/api/v1/actions?body=test-ministry-a', Actions);
    assert.equal(a.total, 2);
    assert.deepEqual(
      a.items.map((i) => i.recommendationId).sort(),
      [loaded.ids['kz-cat-12'], loaded.ids['kz-crc-20']].sort(),
    );
    assert.ok(a.items.every((i) => i.responsible.slug === 'test-ministry-a' && i.responsible.name.en === 'Ministry A'));
    const b = await get('/api/v1/actions?body=test-ministry-b&limit=1', Actions);
    assert.equal(b.total, 2, 'the total of all matches, not of the page');
    assert.equal(b.items.length, 1);
    assert.equal(b.items[0]?.responsible.slug, 'test-ministry-b');
    const nobody = await get('/api/v1/actions?body=no-such-body', Actions);
    assert.equal(nobody.total, 0);
    assert.deepEqual(nobody.items, []);
  });

  test('progress: the reports on the organisation’s actions only, the latest first', async () => {
    const onA = await actionOf('test-ministry-a', 'kz-cat-12');
    const onB = await actionOf('test-ministry-b', 'kg-cedaw-30');
    const report = (action: string, on: string, text: string) => ({
      action_id: action,
      reported_on: on,
      text: JSON.stringify({ en: text }),
      links: ['https://example.org/evidence'],
      organisation_id: null,
    });
    await t.db
      .insertInto('action_progress_reports')
      .values([
        report(onA, '2025-01-10', 'Instruction issued to police'),
        report(onA, '2025-06-01', 'Training of 200 officers'),
        report(onB, '2025-03-01', 'Shelter opened'),
      ])
      .execute();
    const a = await get('/api/v1/progress?body=test-ministry-a', Progress);
    assert.equal(a.total, 2);
    assert.deepEqual(
      a.items.map((p) => [p.reportedOn, p.text.en, p.actionId, p.recommendationId]),
      [
        ['2025-06-01', 'Training of 200 officers', onA, loaded.ids['kz-cat-12']],
        ['2025-01-10', 'Instruction issued to police', onA, loaded.ids['kz-cat-12']],
      ],
    );
    assert.deepEqual(a.items[0]?.links, ['https://example.org/evidence']);
    const b = await get('/api/v1/progress?body=test-ministry-b', Progress);
    assert.deepEqual(
      b.items.map((p) => p.text.en),
      ['Shelter opened'],
    );
    assert.equal(b.total, 1);
    // The action list counts each action's reports.
    const actions = await get('/api/v1/actions?body=test-ministry-a', Actions);
    assert.equal(actions.items.find((x) => x.id === onA)?.progressReports, 2);
  });

  test('assessments: those the organisation made, the latest first', async () => {
    await t.db
      .updateTable('recommendation_assessments')
      .set({ assessed_on: '2024-05-01' })
      .where('recommendation_id', '=', loaded.ids['kz-cat-12'] ?? '')
      .execute();
    await t.db
      .updateTable('recommendation_assessments')
      .set({ assessed_on: '2025-02-01' })
      .where('recommendation_id', '=', loaded.ids['kz-crc-20'] ?? '')
      .execute();
    const a = await get('/api/v1/assessments?organisation=test-ministry-a', Assessments);
    assert.equal(a.total, 2);
    assert.deepEqual(
      a.items.map((s) => [s.recommendationId, s.level, s.assessedOn, s.side, s.organisation.slug]),
      [
        [loaded.ids['kz-crc-20'], 'implemented', '2025-02-01', 'state', 'test-ministry-a'],
        [loaded.ids['kz-cat-12'], 'in_progress', '2024-05-01', 'state', 'test-ministry-a'],
      ],
    );
    const b = await get('/api/v1/assessments?organisation=test-ministry-b', Assessments);
    assert.deepEqual(
      b.items.map((s) => [s.recommendationId, s.level]),
      [[loaded.ids['kg-cedaw-30'], 'not_started']],
    );
    assert.equal(b.total, 1);
    const bad = await t.app.inject({ url: '/api/v1/assessments?organisation=Not%20a%20slug' });
    assert.equal(bad.statusCode, 400);
  });
});
