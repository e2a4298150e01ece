import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { syncSearch } from '../../core/search/indexer.ts';
import { createTestApp, type TestApp, useTestApp } from '../../testing/app.ts';
import { waitFor } from '../../testing/wait.ts';
import { recommendationSearch } from '../search.ts';
import { buildFacetIndex, type FacetIndex } from './facet-index.ts';
import type { FacetCounts } from './facets.ts';
import { type ExplorerFilter, parseExplorerQuery } from './filter.ts';
import { keptFacetIndex } from './kept-index.ts';
import { explorerPage, matchingIds, recordRowsAndCounts, recordRowsAndTotal } from './queries.ts';
import { emptyFilter, FIXTURES, filterCombinations, type Loaded, loadFixtures } from './test-fixtures.ts';
import { resolveFilter } from './where.ts';

/*
 * Decision 0030: the facet index in memory answers exactly as PostgreSQL does — the same counts, the
 * same names, the same page in the same order — and is trusted only while the recommendations table
 * has not changed, by any process.
 */

/** Facet values in a fixed order (the statement's rows come in no particular order; the page sorts them). */
const sorted = (c: FacetCounts) => ({
  ...c,
  facets: Object.fromEntries(
    Object.entries(c.facets).map(([k, values]) => [k, [...values].sort((a, b) => a.value.localeCompare(b.value))]),
  ),
});

describe('the facet index counts and orders as PostgreSQL does', () => {
  let loaded: Loaded;
  let ix: FacetIndex;
  const t = useTestApp({}, async () => {
    loaded = await loadFixtures(t.db, [
      ...FIXTURES,
      {
        key: 'en-only',
        state: 'KZ',
        mechanism: 'UPR',
        adoptedOn: '2024-01-01',
        text: { en: 'Zhanaozen inquiry torture' },
      },
      {
        key: 'ru-only',
        state: 'KZ',
        mechanism: 'UPR',
        adoptedOn: '2010-01-01',
        text: { ru: 'Расследование Zhanaozen пытки' },
      },
    ]);
    ix = await buildFacetIndex(t.db);
  });

  /** Many filters: none, each facet alone, random combinations, with and without a search. */
  function filters(): ExplorerFilter[] {
    const choices: Partial<Record<keyof ExplorerFilter, string[]>> = {
      state: ['KZ', 'UZ', 'KG', 'FR'],
      mechanism: ['CAT', 'CRC', 'UPR', 'CEDAW'],
      cycle: [loaded.cycles.cat4, loaded.cycles.crc5].filter((c): c is string => Boolean(c)),
      theme: ['children', 'torture-prevention', 'detention'],
      group: ['children', 'persons-deprived-of-liberty'],
      sdg: ['16', '5', '16.3', '16.2'],
      response: ['supported', 'noted', 'none'],
      status: ['not_assessed', 'implemented', 'in_progress'],
      body: ['test-ministry-a', 'test-ministry-b'],
      year: ['2014', '2019', '2021', '2024'],
    };
    const queries = [
      undefined,
      undefined,
      'torture',
      'пытки',
      'бала',
      'zhanaozen',
      'police',
      '-torture',
      'torture -children',
      '""',
      // Read from the posting lists (decision 0036) in every form, or from the rows (a phrase, a complement).
      'torture or police',
      'torture children',
      'балаларға',
      '"torture prevention"',
      'children or -torture',
    ];
    return [
      emptyFilter({ session: 'renamed' }),
      ...filterCombinations(choices, {
        seed: 11,
        count: 70,
        start: (i, random) => ({
          priority: random() < 0.15,
          q: queries[Math.floor(random() * queries.length)],
          lang: (['en', 'ru', 'kk'] as const)[i % 3],
          searchIn: i % 7 === 0 ? 'ru' : i % 11 === 0 ? 'en' : 'all',
        }),
      }),
    ];
  }

  test('every count, name and page of many filters, with and without a search, equals the statements’', async () => {
    assert.equal(ix.size, FIXTURES.length + 2);
    let nonEmpty = 0;
    for (const f of filters()) {
      const label = JSON.stringify(f);
      for (const slice of [
        { limit: 50, offset: 0 },
        { limit: 2, offset: 1 },
      ]) {
        const inSql = await explorerPage(t.db, f, slice);
        const inMemory = await explorerPage(t.db, f, slice, ix);
        assert.deepEqual(sorted(inMemory.counts), sorted(inSql.counts), `counts ${label}`);
        assert.deepEqual(
          inMemory.rows.map((r) => r.id),
          inSql.rows.map((r) => r.id),
          `page ${JSON.stringify(slice)} ${label}`,
        );
        if (inSql.rows.length > 1) nonEmpty++;
      }
      const { filter } = await resolveFilter(t.db, f);
      assert.deepEqual(await matchingIds(t.db, filter, ix), await matchingIds(t.db, filter), `CSV ids ${label}`);
      const page = { limit: 3, offset: 0 };
      const [a, b] = [await recordRowsAndTotal(t.db, filter, page, ix), await recordRowsAndTotal(t.db, filter, page)];
      assert.deepEqual(a, b, `API page ${label}`);
      const [c, d] = [await recordRowsAndCounts(t.db, filter, page, ix), await recordRowsAndCounts(t.db, filter, page)];
      assert.deepEqual(sorted(c.counts), sorted(d.counts), `API counts ${label}`);
    }
    assert.ok(nonEmpty > 40, `only ${nonEmpty} pages of two rows or more compared`);
  });

  test('the API’s changes feed (updated_since) is answered by PostgreSQL, not the index', async () => {
    const { filter } = await resolveFilter(t.db, emptyFilter({ updatedSince: new Date(Date.now() + 60_000) }));
    const got = await recordRowsAndTotal(t.db, filter, { limit: 10, offset: 0 }, ix);
    assert.equal(got.total, 0, 'nothing changed in the future, whatever the index holds');
  });
});

describe('the kept facet index follows the recommendations table', () => {
  let t: TestApp;
  let other: pg.Client;
  before(async () => {
    t = await createTestApp({ pageCache: true });
    await loadFixtures(t.db);
    other = new pg.Client({ connectionString: t.url });
    await other.connect();
  });
  after(async () => {
    await other.end();
    await t.close();
  });

  test('built on first use, trusted until another connection changes a recommendation, then rebuilt', async () => {
    const cache = t.pageCache;
    assert.ok(cache);
    const kept = keptFacetIndex(t.db, (table) => cache.tableVersion(table), undefined, { minIntervalMs: 0 });
    assert.equal(kept.current(), undefined, 'nothing before the first build');
    await kept.settled();
    const first = kept.current();
    assert.ok(first, 'built');
    assert.equal(first.size, FIXTURES.length);
    // A change elsewhere leaves it trusted once its notification has come.
    const pages = cache.version();
    await other.query(
      `UPDATE affected_groups SET slug = slug || '-x' WHERE id = (SELECT min(id) FROM affected_groups)`,
    );
    await waitFor(() => cache.version() !== pages, 1000);
    assert.equal(kept.current(), first, 'a change to another table does not stale it');
    // A recommendation changed by another connection: no longer trusted within a second, then rebuilt.
    await other.query(`UPDATE recommendations SET response = 'noted' WHERE source_key = 'kz-cat-12'`);
    await waitFor(() => kept.current() !== first, 1000);
    // Rebuilt: looking again until the index is current (a second notification of the change may come
    // after a build began, and the next build then waits its turn).
    let second = kept.current();
    await waitFor(() => {
      second = kept.current();
      return second !== undefined;
    }, 10_000);
    assert.ok(second && second !== first, 'rebuilt');
    const { filter } = await resolveFilter(t.db, emptyFilter({ response: ['noted'] }));
    const page = await explorerPage(t.db, filter, { limit: 50, offset: 0 }, second);
    assert.deepEqual(page.counts.total, (await explorerPage(t.db, filter, { limit: 50, offset: 0 })).counts.total);
    assert.ok(page.rows.some((r) => r.stateCode === 'KZ' && r.mechanismCode === 'CAT'));
    // A search's matches are read once while the search's documents are unchanged, and again after a change.
    const searched = (await resolveFilter(t.db, emptyFilter({ q: 'torture' }))).filter;
    // (Their posting lists: core/search/postings.ts.)
    const reads = () => t.queries.filter((q) => q.includes('FROM search_postings p')).length;
    const before = reads();
    const once = await explorerPage(t.db, searched, { limit: 50, offset: 0 }, second);
    const withFacet = await explorerPage(t.db, { ...searched, state: ['KZ'] }, { limit: 50, offset: 0 }, second);
    assert.equal(reads(), before + 1, 'the matches read once for both');
    // From the lists, not from the rows of search_documents (~17,000 pages for "police" at 270,000);
    // a phrase, which the lists cannot tell, from the rows.
    const fromRows = () => t.queries.filter((q) => q.includes('string_agg(m.id::text || m.lang')).length;
    assert.equal(fromRows(), 0, 'no statement read the matching rows');
    const phrase = (await resolveFilter(t.db, emptyFilter({ q: '"torture prevention"' }))).filter;
    await explorerPage(t.db, phrase, { limit: 50, offset: 0 }, second);
    assert.equal(fromRows(), 1, 'a phrase reads the matching rows');
    assert.ok(once.counts.total > withFacet.counts.total && withFacet.counts.total > 0);
    const searchVersion = cache.tableVersion('search_documents');
    await other.query(`UPDATE search_documents SET lang = lang WHERE kind = 'recommendation'`);
    await waitFor(() => cache.tableVersion('search_documents') !== searchVersion, 1000);
    await explorerPage(t.db, searched, { limit: 50, offset: 0 }, second);
    assert.equal(reads(), before + 2, 'read again after the documents changed');
    // Without a version (changes may go unseen), nothing is trusted.
    await cache.stop();
    assert.equal(kept.current(), undefined);
  });

  test('the explorer’s page is the same whether the index or PostgreSQL counted it', async () => {
    await syncSearch(t.db, [recommendationSearch]);
    const urls = [
      '/en/recommendations?state=KZ&response=none',
      '/ru/recommendations?q=torture',
      '/api/v1/recommendations?facets=1&year=2019',
    ];
    const counted = () => t.queries.filter((q) => q.includes('WITH counted AS')).length;
    // The app's own kept index: the first request counts in PostgreSQL and starts a build; once it is built the same
    // request is counted in memory (its naming statement), with the same answer.
    await t.pageCache?.start();
    for (const url of urls) {
      // A change (here: as if every table changed) makes the index stale and drops the pages kept with
      // it: the first answer is counted in PostgreSQL again, and a new build starts (2 s after the last).
      t.pageCache?.forget();
      const before = (await t.app.inject({ url })).body;
      const n = counted();
      let after = '';
      const until = Date.now() + 6000;
      while (counted() === n && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 50));
        after = (await t.app.inject({ url })).body;
      }
      assert.ok(counted() > n, `${url}: counted in memory within 6 s`);
      assert.equal(after, before, url);
    }
  });
});

describe('a long list counted in memory is named as PostgreSQL names it', () => {
  let ix: FacetIndex;
  let cycles: string[] = [];
  const t = useTestApp({}, async () => {
    await loadFixtures(t.db);
    // 47 more cycles with 1 to 5 recommendations each (counts that tie): more than the LONG_LIST shown.
    const r = await sql<{ id: string }>`
      INSERT INTO reporting_cycles (mechanism_id, state_code, number, title)
      SELECT (SELECT id FROM mechanisms WHERE code = 'UPR'), 'UZ', n, '{"en": "A cycle"}'::jsonb
        FROM generate_series(1, 47) n RETURNING id`.execute(t.db);
    cycles = r.rows.map((c) => c.id);
    await sql`
      INSERT INTO recommendations (source_key, state_code, mechanism_id, cycle_id, text, response)
      SELECT 'long-' || c.n || '-' || k, 'UZ', c.mechanism_id, c.id, '{"en": "Ratify the convention"}'::jsonb,
             CASE WHEN k % 2 = 0 THEN 'supported' END
        FROM (SELECT id, mechanism_id, number AS n FROM reporting_cycles WHERE state_code = 'UZ') c,
             generate_series(1, 1 + c.n % 5) k`.execute(t.db);
    ix = await buildFacetIndex(t.db);
  });

  const asGiven = (query: Record<string, string>) => {
    const { cycle, sdg } = parseExplorerQuery(query, { lang: 'en', maxPage: 10 }).filter;
    return { cycle, sdg };
  };

  test('its largest values, the selected ones and how many more, whoever counted', async () => {
    const small = cycles[44] as string; // the 45th: one recommendation, past the first 40
    const filters = [
      emptyFilter(),
      emptyFilter({ state: ['UZ'] }),
      emptyFilter({ cycle: [small] }),
      // As the address gives them: "0048" is the cycle 48, "05" the goal 5, for the index as for PostgreSQL.
      emptyFilter({ ...asGiven({ cycle: `00${small}`, sdg: '05' }), response: ['supported'] }),
      emptyFilter(asGiven({ sdg: '05.2,16' })),
      emptyFilter({ cycle: [small, cycles[0] as string], state: ['UZ'] }),
      emptyFilter({ q: 'convention' }),
    ];
    for (const f of filters) {
      const slice = { limit: 5, offset: 0 };
      const inSql = await explorerPage(t.db, f, slice);
      const inMemory = await explorerPage(t.db, f, slice, ix);
      assert.deepEqual(sorted(inMemory.counts), sorted(inSql.counts), JSON.stringify(f));
    }
    // The list was long: 40 shown, the others counted as more (selected ones shown besides).
    const all = (await explorerPage(t.db, emptyFilter(), { limit: 5, offset: 0 }, ix)).counts;
    assert.equal(all.facets.cycle.length, 40);
    assert.equal(all.more.cycle, 49 - 40);
    // With leading zeros, the same selection as without.
    const pairs: [Record<string, string>, Partial<ExplorerFilter>][] = [
      [{ sdg: '05' }, { sdg: ['5'] }],
      [{ cycle: `0${small}` }, { cycle: [small] }],
    ];
    for (const [given, plain] of pairs) {
      const a = await explorerPage(t.db, emptyFilter(asGiven(given)), { limit: 5, offset: 0 }, ix);
      const b = await explorerPage(t.db, emptyFilter(plain), { limit: 5, offset: 0 });
      assert.ok(b.counts.total > 0);
      assert.equal(a.counts.total, b.counts.total, JSON.stringify(given));
    }
    const chosen = (await explorerPage(t.db, emptyFilter({ cycle: [small] }), { limit: 5, offset: 0 }, ix)).counts;
    assert.ok(chosen.facets.cycle.some((c) => c.value === small && c.count === 1));
  });
});
