import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { safeCell } from '../../core/http/csv.ts';
import { useTestApp } from '../../testing/app.ts';
import { parseHtml, textOf } from '../../testing/html.ts';
import { facetCounts } from './facets.ts';
import { type ExplorerFilter, parseExplorerQuery } from './filter.ts';
import {
  emptyFilter,
  expectedCounts,
  FIXTURES,
  type Fixture,
  filterCombinations,
  type Loaded,
  loadFixtures,
} from './test-fixtures.ts';
import { resolveFilter } from './where.ts';

// The last test empties the table with TRUNCATE, which only the owner may do (decision 0013).
let loaded: Loaded;
let fixtures: Fixture[] = FIXTURES;
const t = useTestApp({ runtimeRole: false }, async () => {
  loaded = await loadFixtures(t.db);
});

const page = async (url: string) => {
  const res = await t.app.inject({ url });
  assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 500)}`);
  return parseHtml(res.body);
};

/** What the page shows: the heading's count, the result links and every facet checkbox's count. */
async function explorer(url: string) {
  const doc = await page(url);
  const facets: Record<string, Record<string, { count: number; checked: boolean }>> = {};
  for (const input of doc.querySelectorAll('aside input[type=checkbox]')) {
    const name = input.getAttribute('name') ?? '';
    const label = textOf(input.parentNode);
    const count = Number(/\(([\d\s,.  ]+)\)$/.exec(label)?.[1]?.replace(/\D/g, '') ?? Number.NaN);
    facets[name] ??= {};
    (facets[name] as Record<string, { count: number; checked: boolean }>)[input.getAttribute('value') ?? ''] = {
      count,
      checked: input.hasAttribute('checked'),
    };
  }
  const results = doc
    .querySelectorAll('ol.recommendation-list > li')
    .map((li) => li.querySelector('a')?.getAttribute('href')?.split('/').pop() ?? '');
  return { doc, heading: textOf(doc.querySelector('#results')), results, facets };
}

const idsOf = (...keys: string[]) => keys.map((k) => loaded.ids[k]).sort();

describe('the explorer of recommendations', { concurrency: false }, () => {
  test('lists everything with counts per facet, newest first, in each language', async () => {
    const en = await explorer('/en/recommendations');
    assert.match(en.heading, /^7 recommendations$/);
    assert.deepEqual(en.results, [
      loaded.ids['kg-cedaw-30'],
      loaded.ids['kz-upr-7'],
      loaded.ids['kz-crc-20'],
      loaded.ids['uz-upr-1'],
      loaded.ids['kz-cat-12'],
      loaded.ids['uz-cat-9'],
      loaded.ids['kz-crc-no-date'],
    ]);
    assert.deepEqual(Object.fromEntries(Object.entries(en.facets.state ?? {}).map(([k, v]) => [k, v.count])), {
      KZ: 4,
      KG: 1,
      UZ: 2,
    });
    assert.equal(en.facets.mechanism?.CAT?.count, 2);
    assert.equal(en.facets.response?.none?.count, 1);
    assert.equal(en.facets.status?.not_assessed?.count, 4);
    assert.equal(en.facets.body?.['test-ministry-a']?.count, 2);
    assert.equal(en.facets.sdg?.['16']?.count, 4);
    assert.equal(en.facets.priority?.['1']?.count, 2);
    // Text in the page's language, or another marked as such; State and mechanism named.
    const first = en.doc.querySelector('ol.recommendation-list > li');
    assert.match(textOf(first), /Criminalise domestic violence/);
    assert.match(textOf(first), /Kyrgyzstan · CEDAW · March 1, 2021/);
    assert.match(textOf(first), /Response: Supported · Implementation: Not started/);
    const ruOnly = en.doc.querySelectorAll('ol.recommendation-list > li')[2];
    assert.equal(
      ruOnly?.querySelector('span[lang=ru]')?.text,
      'Запретить телесные наказания детей во всех учреждениях.',
    );
    assert.match(textOf(ruOnly), /not translated/);
    assert.equal(
      ruOnly?.querySelector(`a[href="/en/cycles/${loaded.cycles.crc5}"]`)?.text,
      'Cycle: Fifth periodic report',
    );

    const ru = await explorer('/ru/recommendations');
    assert.match(ru.heading, /^7 рекомендаций$/);
    assert.match(textOf(ru.doc.querySelector('aside')), /Казахстан \(4\)/);
    assert.match(textOf(ru.doc.querySelector('ol.recommendation-list')), /Ответ: Поддержана · Выполнение: Не начато/);
    const kk = await explorer('/kk/recommendations');
    assert.match(textOf(kk.doc.querySelector('h1')), /Ұсынымдар/);
    assert.match(kk.heading, /7 ұсыным/);
    assert.match(textOf(kk.doc.querySelector('aside')), /Қазақстан \(4\)/);
    // Kazakh text where there is one; Russian (marked) for a reader of Kazakh otherwise.
    assert.match(textOf(kk.doc.querySelector('ol.recommendation-list')), /Балаларды дене жазасына/);
    assert.ok(kk.doc.querySelector('ol.recommendation-list span[lang=ru]'));
  });

  test('a facet narrows the list; the other values of its own facet keep their counts', async () => {
    const kz = await explorer('/en/recommendations?state=KZ');
    assert.match(kz.heading, /^4 recommendations$/);
    assert.deepEqual(kz.results.sort(), idsOf('kz-cat-12', 'kz-crc-20', 'kz-upr-7', 'kz-crc-no-date'));
    assert.equal(kz.facets.state?.KZ?.checked, true);
    assert.equal(kz.facets.state?.UZ?.count, 2, 'UZ still offered with its own count');
    assert.equal(kz.facets.mechanism?.CAT?.count, 1, 'mechanisms counted within KZ');
    assert.equal(kz.facets.mechanism?.CRC?.count, 2);
    // Two facets combine with AND; two values of a facet with OR.
    const both = await explorer('/en/recommendations?state=KZ&mechanism=CAT');
    assert.deepEqual(both.results, [loaded.ids['kz-cat-12']]);
    assert.equal(both.facets.state?.UZ?.count, 1, 'States counted within CAT');
    assert.equal(both.facets.mechanism?.CRC?.count, 2, 'mechanisms counted within KZ');
    const either = await explorer('/en/recommendations?state=KZ&mechanism=CAT&mechanism=CEDAW');
    assert.deepEqual(either.results, [loaded.ids['kz-cat-12']]);
    const kgToo = await explorer('/en/recommendations?state=KZ&state=KG&mechanism=CAT,CEDAW');
    assert.deepEqual(kgToo.results.sort(), idsOf('kz-cat-12', 'kg-cedaw-30'));
  });

  test('each facet filters: cycle, theme, group, SDG goal and target, response, status, body, year, priority, session', async () => {
    const cases: [string, string[]][] = [
      [`cycle=${loaded.cycles.crc5}`, ['kz-crc-20', 'kz-crc-no-date']],
      ['theme=torture-prevention', ['kz-cat-12', 'uz-cat-9']],
      ['theme=children&theme=detention', ['kz-crc-20', 'kz-crc-no-date', 'uz-cat-9']],
      ['group=victims-of-torture', ['uz-cat-9']],
      ['sdg=5', ['uz-cat-9', 'kg-cedaw-30']],
      ['sdg=16.2', ['kz-crc-20']],
      ['sdg=16.1&sdg=5', ['uz-upr-1', 'uz-cat-9', 'kg-cedaw-30']],
      ['response=noted', ['kz-crc-20', 'uz-upr-1']],
      ['response=none', ['kz-upr-7']],
      ['response=none&response=not_applicable', ['kz-upr-7', 'kz-crc-no-date']],
      ['status=in_progress&status=implemented', ['kz-cat-12', 'kz-crc-20']],
      ['status=not_assessed', ['uz-upr-1', 'kz-upr-7', 'uz-cat-9', 'kz-crc-no-date']],
      ['body=test-ministry-b', ['kz-crc-20', 'kg-cedaw-30']],
      ['year=2014', ['kz-cat-12', 'uz-cat-9']],
      ['year=2014&year=2021&state=UZ', ['uz-cat-9']],
      ['priority=1', ['kz-cat-12', 'kg-cedaw-30']],
      [`session=${encodeURIComponent('UPR cycle 3')}`, ['uz-upr-1', 'kz-upr-7']],
    ];
    for (const [query, keys] of cases) {
      const r = await explorer(`/en/recommendations?${query}`);
      assert.deepEqual(r.results.sort(), idsOf(...keys), query);
      assert.match(r.heading, new RegExp(`^${keys.length} recommendations?$`), query);
    }
    // Under a selected goal, its targets are offered too.
    const goal = await explorer('/en/recommendations?sdg=16');
    assert.equal(goal.facets.sdg?.['16.3']?.count, 2);
    assert.equal(goal.facets.sdg?.['16.2']?.count, 1);
  });

  test('counts agree with counting by hand for many combinations of filters (all three ways of counting)', async () => {
    const choices: Partial<Record<keyof ExplorerFilter, string[]>> = {
      state: ['KZ', 'UZ', 'KG'],
      mechanism: ['CAT', 'CRC', 'UPR', 'CEDAW'],
      cycle: [loaded.cycles.cat4, loaded.cycles.crc5],
      theme: ['children', 'torture-prevention', 'detention'],
      group: ['children', 'persons-deprived-of-liberty'],
      sdg: ['16', '5', '16.3'],
      response: ['supported', 'noted', 'none'],
      status: ['not_assessed', 'implemented', 'in_progress'],
      body: ['test-ministry-a', 'test-ministry-b'],
      year: ['2014', '2019', '2021'],
    };
    // A deterministic sequence of combinations: one facet at a time (counted from the whole
    // collection's counts, or by subtraction when the selection covers most of it), then pairs
    // and triples (counted pass by pass).
    const filters = filterCombinations(choices, { seed: 7, count: 60 });
    for (const f of filters) {
      const { filter } = await resolveFilter(t.db, f);
      const got = await facetCounts(t.db, filter);
      const want = expectedCounts(fixtures, loaded.cycles, f);
      const label = JSON.stringify(f);
      assert.equal(got.total, want.total, `total ${label}`);
      assert.equal(got.priority, want.priority, `priority ${label}`);
      for (const [facet, values] of Object.entries(want.facets)) {
        const shown = Object.fromEntries(
          (got.facets[facet as keyof typeof got.facets] ?? [])
            .filter((v) => v.count > 0)
            .map((v) => [v.value, v.count]),
        );
        assert.deepEqual(shown, values, `${facet} ${label}`);
      }
    }
  });

  test('the whole collection’s counts stay right through inserts, updates, deletes and compaction', async () => {
    const check = async (label: string) => {
      for (const f of [
        emptyFilter(),
        emptyFilter({ response: ['supported', 'noted', 'not_applicable'] }),
        emptyFilter({ state: ['KZ'] }),
      ]) {
        const { filter } = await resolveFilter(t.db, f);
        const got = await facetCounts(t.db, filter);
        const want = expectedCounts(fixtures, loaded.cycles, f);
        assert.equal(got.total, want.total, label);
        for (const [facet, values] of Object.entries(want.facets))
          assert.deepEqual(
            Object.fromEntries(
              (got.facets[facet as keyof typeof got.facets] ?? [])
                .filter((v) => v.count > 0)
                .map((v) => [v.value, v.count]),
            ),
            values,
            `${label}: ${facet} ${JSON.stringify(f)}`,
          );
      }
    };
    await check('as loaded');
    // An update that changes facets, one that changes none, a delete.
    await sql`UPDATE recommendations SET response = 'supported', theme_ids = '{}' WHERE source_key = 'uz-upr-1'`.execute(
      t.db,
    );
    await sql`UPDATE recommendations SET session = 'renamed' WHERE source_key = 'kz-cat-12'`.execute(t.db);
    await sql`DELETE FROM recommendations WHERE source_key = 'kz-crc-no-date'`.execute(t.db);
    fixtures = FIXTURES.filter((f) => f.key !== 'kz-crc-no-date').map((f) =>
      f.key === 'uz-upr-1'
        ? { ...f, response: 'supported' as const, themes: [] }
        : f.key === 'kz-cat-12'
          ? { ...f, session: 'renamed' }
          : f,
    );
    await check('after an update and a delete');
    const deltas = await sql<{ n: number }>`SELECT count(*)::int AS n FROM recommendation_facet_counts`.execute(t.db);
    await sql`SELECT recommendation_facet_counts_compact()`.execute(t.db);
    const compacted = await sql<{ n: number; keys: number }>`
      SELECT count(*)::int AS n, count(DISTINCT (facet, code, id))::int AS keys FROM recommendation_facet_counts`.execute(
      t.db,
    );
    assert.ok((compacted.rows[0]?.n ?? 0) < (deltas.rows[0]?.n ?? 0), 'compaction leaves fewer rows');
    assert.equal(compacted.rows[0]?.n, compacted.rows[0]?.keys, 'one row per value after compaction');
    await check('after compaction');
    // Put things back for the tests that follow.
    await sql`UPDATE recommendations SET session = '53rd session' WHERE source_key = 'kz-cat-12'`.execute(t.db);
    fixtures = fixtures.map((f) => (f.key === 'kz-cat-12' ? { ...f, session: '53rd session' } : f));
    await check('restored');
  });

  test('searches the text in all three languages whatever the page’s, or in one', async () => {
    const ru = await explorer(`/ru/recommendations?q=${encodeURIComponent('пытки полиции')}`);
    assert.deepEqual(ru.results, [loaded.ids['kz-cat-12']], 'Russian stemming: пытки ~ пытках, полиции');
    const en = await explorer('/en/recommendations?q=torture');
    assert.deepEqual(en.results.sort(), idsOf('kz-cat-12', 'uz-cat-9'));
    const phrase = await explorer(`/en/recommendations?q=${encodeURIComponent('"domestic violence" -penalty')}`);
    assert.deepEqual(phrase.results, [loaded.ids['kg-cedaw-30']]);
    const kk = await explorer(`/kk/recommendations?q=${encodeURIComponent('балаларды')}`);
    assert.deepEqual(kk.results, [loaded.ids['kz-crc-20']]);
    // The Kazakh page searches English and Russian texts too (decision 0018); qlang keeps one language.
    const kkAll = await explorer('/kk/recommendations?q=torture');
    assert.deepEqual(kkAll.results.sort(), idsOf('kz-cat-12', 'uz-cat-9'));
    const kkOnly = await explorer('/kk/recommendations?q=torture&qlang=kk');
    assert.deepEqual(kkOnly.results, []);
    assert.match(textOf(kkOnly.doc.querySelector('main')), /Бұл сүзгілерге сәйкес ұсыным жоқ/);
    assert.deepEqual((await explorer('/kk/recommendations?q=torture&qall=1')).results.sort(), kkAll.results.sort());
    // Search and facets together; counts within the search.
    const both = await explorer('/en/recommendations?q=torture&state=UZ');
    assert.deepEqual(both.results, [loaded.ids['uz-cat-9']]);
    assert.equal(both.facets.state?.KZ?.count, 1);
    assert.equal(both.facets.mechanism?.UPR, undefined, 'no UPR recommendation mentions torture');
  });

  // The addresses the browser test opens (explorer.browser.test.ts), here too: their statements then run
  // on CI's second PostgreSQL, which runs no browser test (scripts/test.ts, --engine-only).
  test('the browser test’s addresses: a mechanism with answered and unanswered, a search within a mechanism', async () => {
    for (const lang of ['kk', 'ru', 'en']) {
      const r = await explorer(`/${lang}/recommendations?mechanism=CAT&response=none&response=supported`);
      const want = expectedCounts(
        fixtures,
        loaded.cycles,
        emptyFilter({ mechanism: ['CAT'], response: ['none', 'supported'] }),
      );
      assert.ok(want.total > 0, 'the fixtures hold such recommendations');
      assert.equal(r.results.length, want.total, lang);
      for (const facet of ['state', 'response'] as const)
        for (const [value, count] of Object.entries(want.facets[facet] ?? {}))
          assert.equal(r.facets[facet]?.[value]?.count, count, `${lang} ${facet}=${value}`);
    }
    const search = await explorer('/en/recommendations?mechanism=CAT&q=torture');
    assert.deepEqual(search.results.sort(), idsOf('kz-cat-12', 'uz-cat-9'));
    assert.equal(search.facets.mechanism?.CAT?.checked, true);
  });

  test('invalid filters in the address are ignored with a message, never an error', async () => {
    const r = await explorer(
      '/en/recommendations?state=Kazakhstan&year=20x4&page=abc&theme=no-such-theme&mechanism=CAT',
    );
    const message = textOf(r.doc.querySelector('.flash'));
    assert.match(message, /Some filters in the address were not valid and have been ignored/);
    for (const name of ['state', 'year', 'page', 'theme']) assert.ok(message.includes(name), message);
    assert.ok(!message.includes('mechanism'), message);
    assert.match(r.heading, /^2 recommendations$/);
    const huge = await t.app.inject({ url: `/en/recommendations?q=${'x'.repeat(500)}` });
    assert.equal(huge.statusCode, 200);
    const stopWords = await explorer('/en/recommendations?q=the');
    assert.deepEqual(stopWords.results, []);
  });

  test('exports the filtered list as CSV, formulas neutralised', async () => {
    const res = await t.app.inject({ url: '/en/recommendations.csv?state=KZ&mechanism=UPR,CAT' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="kenes-recommendations.csv"/);
    assert.ok(res.body.startsWith('\uFEFFid,url,state_code,state,mechanism'), 'UTF-8 BOM and header');
    const lines = res.body.trim().split('\n');
    assert.equal(lines.length, 3, 'header and the two matches');
    const formula = lines.find((l) => l.includes('calc'));
    assert.ok(formula?.includes(",'=cmd|' /C calc'!A0 strengthen"), formula);
    assert.ok(formula?.includes(",'+ укрепить независимость судей"), formula);
    assert.ok(lines.some((l) => l.includes('Kazakhstan,CAT,Fourth periodic report,CAT/C/KAZ/CO/4,12,2014-12-12')));
    assert.ok(!res.body.includes('UZ'), 'the filter applies');
    const ru = await t.app.inject({ url: '/ru/recommendations.csv?theme=children' });
    assert.match(ru.body, /Казахстан,CRC/);
    assert.match(ru.body, /Права ребёнка/);
    // The explorer links to the export of what it shows.
    const doc = await page('/en/recommendations?state=KZ&theme=children');
    assert.equal(
      doc.querySelector('a[href^="/en/recommendations.csv"]')?.getAttribute('href'),
      '/en/recommendations.csv?state=KZ&theme=children',
    );
  });

  test('a CSV sent with brotli is compressed with a window of 128 KB, not 4 MB (the memory of each download)', async () => {
    const res = await t.app.inject({ url: '/en/recommendations.csv?state=KZ', headers: { 'accept-encoding': 'br' } });
    assert.equal(res.headers['content-encoding'], 'br');
    // The stream's header (RFC 7932, 9.1): bit 0 = 0 is a window of 2^16 bytes; else bits 1-3 = n > 0
    // is 2^(17 + n); else bits 4-6 = 0 is 2^17 (others are 2^10 to 2^15, or a large window).
    const head = res.rawPayload.readUInt8(0);
    const n = (head >> 1) & 7;
    const windowBits = (head & 1) === 0 ? 16 : n > 0 ? 17 + n : ((head >> 4) & 7) === 0 ? 17 : undefined;
    assert.equal(windowBits, 17);
    assert.ok(zlib.brotliDecompressSync(res.rawPayload).toString().startsWith('\uFEFFid,url,state_code'));
  });

  test('the one CSV helper neutralises every formula prefix', () => {
    for (const c of ['=1+2', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) assert.equal(safeCell(c), `'${c}`);
    for (const c of ['1', 'a=b', ' =x', '']) assert.equal(safeCell(c), c);
  });

  test('pages through many results and exports them all; the same few queries however many there are', async () => {
    const count = async (url: string) => {
      t.queries.length = 0;
      const res = await t.app.inject({ url });
      assert.equal(res.statusCode, 200);
      return t.queries.length;
    };
    const urls = [
      '/en/recommendations',
      '/en/recommendations?state=KZ',
      `/ru/recommendations?state=KZ&state=UZ&theme=children&sdg=16&year=2014&response=none&status=implemented&body=test-ministry-a&cycle=${loaded.cycles.cat4}&mechanism=CAT&group=children&priority=1&q=${encodeURIComponent('пытки')}`,
    ];
    const before: number[] = [];
    for (const url of urls) before.push(await count(url));
    // The comment counts of the page's rows are one query more; a page with no row asks none; a query
    // with a word of five letters or more, one lookup of its typo corrections (core/search); a search,
    // its counts and page ids in one transaction (begin, set costs, counts + page ids, commit).
    assert.deepEqual(before, [4, 4, 6]);
    const cat = await t.db.selectFrom('mechanisms').select('id').where('code', '=', 'CAT').executeTakeFirstOrThrow();
    await sql`INSERT INTO recommendations (source_key, state_code, mechanism_id, adopted_on, text, theme_ids)
      SELECT 'bulk-' || g, 'KZ', ${cat.id}, date '2010-01-01' + g, jsonb_build_object('en', 'Bulk recommendation ' || g),
             ARRAY(SELECT id FROM themes WHERE slug = 'children')
        FROM generate_series(1, 1100) g`.execute(t.db);
    for (const [i, url] of urls.entries()) assert.equal(await count(url), before[i], url);

    const second = await explorer('/en/recommendations?state=KZ&page=2');
    assert.match(textOf(second.doc.querySelector('main')), /Showing 51–100 of 1,103/);
    assert.equal(second.results.length, 50);
    assert.equal(second.doc.querySelector('a[rel=prev]')?.getAttribute('href'), '/en/recommendations?state=KZ');
    assert.equal(second.doc.querySelector('a[rel=next]')?.getAttribute('href'), '/en/recommendations?state=KZ&page=3');
    const last = await explorer('/en/recommendations?state=KZ&page=23');
    assert.equal(last.results.length, 3);
    assert.equal(last.doc.querySelector('a[rel=next]'), null);
    const past = await explorer('/en/recommendations?state=KZ&page=29');
    assert.match(textOf(past.doc.querySelector('main')), /There is no page 29: the last is page 23/);
    // The export has them all, read in batches.
    const csv = await t.app.inject({ url: '/en/recommendations.csv?state=KZ' });
    const lines = csv.body.trim().split('\n');
    assert.equal(lines.length, 1 + 1103);
    assert.equal(new Set(lines.map((l) => l.split(',')[0])).size, 1 + 1103, 'each once');
    await sql`DELETE FROM recommendations WHERE source_key LIKE 'bulk-%'`.execute(t.db);
  });

  test('the form works without JavaScript: labelled fields, a GET form, every facet a checkbox', async () => {
    const doc = await page('/en/recommendations?state=KZ');
    const form = doc.querySelector('form.explorer');
    assert.equal(form?.getAttribute('method'), 'get');
    assert.equal(form?.getAttribute('action'), '/en/recommendations');
    for (const input of doc.querySelectorAll('form.explorer input:not([type=hidden])')) {
      const id = input.getAttribute('id');
      assert.ok(id && doc.querySelector(`label[for="${id}"]`), `label for ${input.toString()}`);
    }
    assert.equal(doc.querySelectorAll('aside fieldset legend').length >= 8, true);
    assert.equal(doc.querySelector('script:not([src])'), null, 'no inline script');
    // A filter the form shows selected is submitted again with it.
    assert.equal(doc.querySelector('input[name=state][value=KZ]')?.hasAttribute('checked'), true);
    const parsed = parseExplorerQuery({ state: 'kz,UZ', mechanism: 'cat' }, { lang: 'en', maxPage: 200 });
    assert.deepEqual([parsed.filter.state, parsed.filter.mechanism], [['KZ', 'UZ'], ['CAT']]);
  });

  test('emptying the table empties the collection’s counts (last: it removes everything)', async () => {
    await sql`TRUNCATE recommendations CASCADE`.execute(t.db);
    const { filter } = await resolveFilter(t.db, emptyFilter());
    const none = await facetCounts(t.db, filter);
    assert.equal(none.total, 0);
    assert.deepEqual(none.facets.state, []);
    const cat = await t.db.selectFrom('mechanisms').select('id').where('code', '=', 'CAT').executeTakeFirstOrThrow();
    await t.db
      .insertInto('recommendations')
      .values({ source_key: 'again', state_code: 'KZ', mechanism_id: cat.id, text: JSON.stringify({ en: 'Again' }) })
      .execute();
    const one = await facetCounts(t.db, filter);
    assert.equal(one.total, 1);
    assert.deepEqual(
      one.facets.state.map((v) => [v.value, v.count]),
      [['KZ', 1]],
    );
  });
});
