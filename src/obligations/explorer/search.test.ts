import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../../testing/app.ts';
import { parseHtml } from '../../testing/html.ts';
import { RecommendationListSchema } from '../api/routes.ts';
import type { ExplorerFilter } from './filter.ts';
import { explorerCount, explorerPage, explorerRows } from './queries.ts';
import { emptyFilter, FIXTURES, type Loaded, loadFixtures } from './test-fixtures.ts';
import { resolveFilter } from './where.ts';

/*
 * The explorer, its CSV export and the API search through the one search (core/search, decision 0018):
 * every language whatever the page's, Kazakh in any form and either script, the reader's language first.
 */

let loaded: Loaded;
const t = useTestApp({}, async () => {
  loaded = await loadFixtures(t.db, [
    ...FIXTURES,
    // One word in an English text and in a Russian one; the Russian is the older.
    { key: 'en-only', state: 'KZ', mechanism: 'UPR', adoptedOn: '2024-01-01', text: { en: 'Zhanaozen inquiry' } },
    { key: 'ru-only', state: 'KZ', mechanism: 'UPR', adoptedOn: '2010-01-01', text: { ru: 'Расследование Zhanaozen' } },
  ]);
});

const id = (key: string) => loaded.ids[key] ?? '';

async function results(url: string): Promise<string[]> {
  const res = await t.app.inject({ url });
  assert.equal(res.statusCode, 200, url);
  return parseHtml(res.body)
    .querySelectorAll('ol.recommendation-list > li')
    .map((li) => li.querySelector('a')?.getAttribute('href')?.split('/').pop() ?? '');
}

describe('the explorer searches through the one search', () => {
  test('a Kazakh word in any form, in Cyrillic or Latin, finds the inflected Cyrillic text', async () => {
    // "Балаларды дене жазасына…" and "Бала құқықтары…".
    const both = [id('kz-crc-20'), id('kz-crc-no-date')].sort();
    for (const q of ['бала', 'балаларға', 'balalar', 'BALALARĞA', 'balalarga'])
      assert.deepEqual((await results(`/en/recommendations?q=${encodeURIComponent(q)}`)).sort(), both, q);
    // Words of one text only: all required.
    assert.deepEqual(await results(`/ru/recommendations?q=${encodeURIComponent('balalardy tyiym')}`), [
      id('kz-crc-20'),
    ]);
  });

  test('a query with nothing to look for finds nothing, on the page, in the CSV and the API', async () => {
    for (const q of ['-1', '-torture', '!!', '""', 'or'])
      assert.deepEqual(await results(`/en/recommendations?q=${encodeURIComponent(q)}&state=KZ`), [], q);
    const csv = await t.app.inject({ url: '/en/recommendations.csv?q=-1' });
    assert.equal(csv.body.trim().split('\n').length, 1, 'the header only');
    const api = await t.app.inject({ url: '/api/v1/recommendations?q=-1&facets=1' });
    assert.equal(RecommendationListSchema.parse(api.json()).total, 0);
    // Stop words only, in the one language asked for: an empty query, which matches nothing.
    const stop = await t.app.inject({ url: '/api/v1/recommendations?q=the&qlang=en' });
    assert.equal(RecommendationListSchema.parse(stop.json()).total, 0);
  });

  test('the reader’s language first, then the newest', async () => {
    assert.deepEqual(await results('/ru/recommendations?q=zhanaozen'), [id('ru-only'), id('en-only')]);
    assert.deepEqual(await results('/en/recommendations?q=zhanaozen'), [id('en-only'), id('ru-only')]);
    assert.deepEqual(await results('/ru/recommendations?q=zhanaozen&qlang=en'), [id('en-only')]);
  });

  test('the CSV export and the API find the same', async () => {
    const csv = await t.app.inject({ url: `/kk/recommendations.csv?q=${encodeURIComponent('balalar')}` });
    const ids = csv.body
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[0])
      .sort();
    assert.deepEqual(ids, [id('kz-crc-20'), id('kz-crc-no-date')].sort());
    const api = async (query: string) =>
      RecommendationListSchema.parse((await t.app.inject({ url: `/api/v1/recommendations?${query}` })).json());
    const found = await api(`q=${encodeURIComponent('балаларға')}&facets=1`);
    assert.equal(found.total, 2);
    assert.deepEqual(found.facets?.state, [{ value: 'KZ', count: 2 }]);
    assert.equal((await api('q=balalar&qlang=ru')).total, 0, 'qlang keeps one language');
    assert.equal((await api('q=balalar&qlang=kk')).total, 2);
    assert.deepEqual(
      (await api('q=zhanaozen&qlang=ru')).items.map((i) => i.id),
      [id('ru-only')],
    );
  });

  test('a misspelt word is corrected as on the search page, on the page, in the CSV and the API', async () => {
    // As "zhanaozen" finds: the word in the English text and in the Russian one.
    assert.deepEqual(await results('/en/recommendations?q=zhanaozne'), [id('en-only'), id('ru-only')]);
    const page = async (url: string) => parseHtml((await t.app.inject({ url })).body).querySelector('.searched-for');
    assert.match((await page('/en/recommendations?q=zhanaozne'))?.text ?? '', /Showing results for:\s*zhanaozen/);
    // Kazakh, a letter left out: "балаларды" of "Балаларды дене жазасына…".
    const kk = `/kk/recommendations?q=${encodeURIComponent('балалрды')}`;
    assert.ok((await results(kk)).includes(id('kz-crc-20')));
    assert.match((await page(kk))?.text ?? '', /балаларды/);
    // A word found as it is is not corrected.
    assert.equal(await page('/en/recommendations?q=zhanaozen'), null);
    assert.equal(await page(`/kk/recommendations?q=${encodeURIComponent('балаларды')}`), null);
    const csv = await t.app.inject({ url: '/en/recommendations.csv?q=zhanaozne' });
    assert.deepEqual(
      csv.body
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
      [id('en-only'), id('ru-only')].sort(),
    );
    const api = RecommendationListSchema.parse(
      (await t.app.inject({ url: '/api/v1/recommendations?q=zhanaozne&facets=1' })).json(),
    );
    assert.deepEqual(
      api.items.map((i) => i.id),
      [id('en-only'), id('ru-only')],
    );
    assert.deepEqual(api.facets?.state, [{ value: 'KZ', count: 2 }], 'the counts search the same');
    assert.equal(api.searchedFor, 'zhanaozen', 'the API says what it searched for');
    const exact = RecommendationListSchema.parse(
      (await t.app.inject({ url: '/api/v1/recommendations?q=zhanaozen' })).json(),
    );
    assert.equal(exact.searchedFor, null, 'a word found as written is not corrected');
  });

  test('with a search and facets, every count equals a plain count and the page is the one pageOf gives', async () => {
    const filters: ExplorerFilter[] = [
      emptyFilter({ q: 'torture', state: ['KZ', 'UZ'], mechanism: ['CAT'] }),
      emptyFilter({ q: 'torture', state: ['UZ', 'KG'], response: ['supported', 'none'], year: [2019, 2021] }),
      emptyFilter({ q: 'пытки', mechanism: ['CAT', 'UPR'], status: ['not_assessed'], response: ['none'] }),
      emptyFilter({ q: 'zhanaozen', state: ['KZ'], mechanism: ['UPR'], year: [2024], lang: 'ru' }),
      emptyFilter({ q: 'torture', state: ['KZ'] }),
    ];
    let compared = 0;
    for (const f of filters) {
      const { filter } = await resolveFilter(t.db, f);
      const plain = async (over: Partial<ExplorerFilter>) =>
        explorerCount(t.db, (await resolveFilter(t.db, { ...f, ...over })).filter);
      const got = await explorerPage(t.db, f, { limit: 50, offset: 0 });
      const label = JSON.stringify(f);
      assert.equal(got.counts.total, await plain({}), `total ${label}`);
      // Every value, shown or not (a value counted 0 is not listed unless selected).
      const values = {
        state: ['KZ', 'UZ', 'KG'],
        mechanism: ['CAT', 'CRC', 'UPR', 'CEDAW'],
        response: ['supported', 'noted', 'none'],
        status: ['not_assessed', 'implemented', 'in_progress'],
        year: ['2010', '2014', '2019', '2021', '2024'],
      };
      for (const [facet, list] of Object.entries(values) as [keyof typeof values, string[]][])
        for (const value of list) {
          const shown = got.counts.facets[facet].find((v) => v.value === value)?.count ?? 0;
          const want = await plain({ [facet]: facet === 'year' ? [Number(value)] : [value] });
          assert.equal(shown, want, `${facet}=${value} ${label}`);
          if (want > 0) compared++;
        }
      const paged = await explorerRows(t.db, filter, { limit: 50, offset: 0 });
      assert.deepEqual(
        got.rows.map((r) => r.id),
        paged.map((r) => r.id),
        `page ${label}`,
      );
      assert.equal(got.rows.length, Math.min(50, got.counts.total), `page size ${label}`);
    }
    assert.ok(compared > 10, `only ${compared} counts compared`);
  });
});
