import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../../testing/app.ts';
import { csvLines } from '../../testing/csv.ts';
import { parseHtml, textOf } from '../../testing/html.ts';
import { emptyFilter, expectedCounts, FIXTURES, type Loaded, loadFixtures } from '../explorer/test-fixtures.ts';
import { RecommendationListSchema } from './routes.ts';

/*
 * The filters of the recommendations' read API, CSV export and explorer one at a time (SDG goal,
 * cycle, session) and combined (cycle and status): each list holds exactly the recommendations the
 * fixtures say, newest first, with the total of all matches.
 */

let loaded: Loaded;
const t = useTestApp({}, async () => {
  loaded = await loadFixtures(t.db);
});

const ids = (...keys: string[]) => keys.map((k) => loaded.ids[k] ?? `missing ${k}`);

async function list(query: string) {
  const res = await t.app.inject({ url: `/api/v1/recommendations${query}` });
  assert.equal(res.statusCode, 200, res.body);
  return RecommendationListSchema.parse(res.json());
}

/** The ids of a CSV export's rows (its first column), in the file's order. */
async function csvIds(query: string) {
  const res = await t.app.inject({ url: `/en/recommendations.csv${query}` });
  assert.equal(res.statusCode, 200, res.body);
  assert.match(String(res.headers['content-type']), /text\/csv/);
  const [header, ...rows] = csvLines(res.body);
  assert.match(header ?? '', /^id,url,state_code,/);
  return rows.map((r) => r.split(',')[0] ?? '');
}

describe('the filters of the recommendations API and export', { concurrency: false }, () => {
  test('an SDG goal alone matches every recommendation with a target under it, newest first', async () => {
    const peace = await list('?sdg=16');
    assert.equal(peace.total, 4);
    assert.deepEqual(
      peace.items.map((i) => i.id),
      ids('kz-crc-20', 'uz-upr-1', 'kz-cat-12', 'uz-cat-9'),
    );
    assert.ok(peace.items.every((i) => i.sdgTargets.some((s) => s.startsWith('16.'))));
    const gender = await list('?sdg=5');
    assert.equal(gender.total, 2);
    assert.deepEqual(
      gender.items.map((i) => i.id),
      ids('kg-cedaw-30', 'uz-cat-9'),
    );
    // Paging keeps the total of all matches.
    const second = await list('?sdg=16&limit=1&offset=1');
    assert.equal(second.total, 4);
    assert.deepEqual(
      second.items.map((i) => i.id),
      ids('uz-upr-1'),
    );
  });

  test('a cycle alone matches its recommendations, an undated one last', async () => {
    const crc = await list(`?cycle=${loaded.cycles.crc5}`);
    assert.equal(crc.total, 2);
    assert.deepEqual(
      crc.items.map((i) => i.id),
      ids('kz-crc-20', 'kz-crc-no-date'),
    );
    assert.ok(
      crc.items.every((i) => i.cycle?.id === loaded.cycles.crc5 && i.cycle.title.en === 'Fifth periodic report'),
    );
    const cat = await list(`?cycle=${loaded.cycles.cat4}`);
    assert.deepEqual(
      cat.items.map((i) => i.id),
      ids('kz-cat-12'),
    );
    assert.equal(cat.total, 1);
  });

  test('a session matches exactly that session’s recommendations', async () => {
    const upr = await list(`?session=${encodeURIComponent('UPR cycle 3')}`);
    assert.equal(upr.total, 2);
    assert.deepEqual(
      upr.items.map((i) => i.id),
      ids('kz-upr-7', 'uz-upr-1'),
    );
    assert.ok(upr.items.every((i) => i.session === 'UPR cycle 3'));
    const none = await list(`?session=${encodeURIComponent('UPR cycle')}`);
    assert.equal(none.total, 0, 'exact, not a prefix');
    assert.deepEqual(none.items, []);
  });

  test('a search that looks for nothing (only an exclusion) matches nothing', async () => {
    const r = await list('?q=-torture');
    assert.equal(r.total, 0);
    assert.deepEqual(r.items, []);
    // While the word itself is found.
    assert.equal((await list('?q=torture')).total, 2);
  });

  test('the CSV export has every match of the filter, in id order', async () => {
    const all = await csvIds('');
    assert.deepEqual(
      all,
      Object.values(loaded.ids).sort((a, b) => Number(a) - Number(b)),
    );
    assert.deepEqual(await csvIds(`?cycle=${loaded.cycles.crc5}`), ids('kz-crc-20', 'kz-crc-no-date').sort());
    assert.deepEqual(
      await csvIds(`?session=${encodeURIComponent('UPR cycle 3')}`),
      ids('uz-upr-1', 'kz-upr-7').sort((a, b) => Number(a) - Number(b)),
    );
  });

  test('the explorer combines a cycle and a status, each facet counted without its own selection', async () => {
    const url = `/en/recommendations?cycle=${loaded.cycles.crc5}&status=implemented`;
    const res = await t.app.inject({ url });
    assert.equal(res.statusCode, 200);
    const doc = parseHtml(res.body);
    assert.match(textOf(doc.querySelector('#results')), /^1 recommendation$/);
    const results = doc
      .querySelectorAll('ol.recommendation-list > li')
      .map((li) => li.querySelector('a')?.getAttribute('href')?.split('/').pop());
    assert.deepEqual(results, ids('kz-crc-20'));
    const shown: Record<string, Record<string, number>> = {};
    for (const input of doc.querySelectorAll('aside input[type=checkbox]')) {
      const count = Number(/\(([\d\s,.  ]+)\)$/.exec(textOf(input.parentNode))?.[1]?.replace(/\D/g, ''));
      const name = input.getAttribute('name') ?? '';
      shown[name] = { ...shown[name], [input.getAttribute('value') ?? '']: count };
    }
    const want = expectedCounts(
      FIXTURES,
      loaded.cycles,
      emptyFilter({ cycle: [loaded.cycles.crc5], status: ['implemented'] }),
    );
    assert.equal(want.total, 1);
    for (const facet of ['state', 'mechanism', 'cycle', 'response', 'status', 'body'])
      assert.deepEqual(shown[facet], want.facets[facet], facet);
    // Statuses are counted within the cycle: two of its recommendations, one of them assessed.
    assert.deepEqual(shown.status, { implemented: 1, not_assessed: 1 });
    assert.equal(
      doc.querySelector(`aside input[name=cycle][value="${loaded.cycles.crc5}"]`)?.hasAttribute('checked'),
      true,
    );
  });
});
