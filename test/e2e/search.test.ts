/**
 * Search in the browser (decision 0018): from the box in every page's header, keyboard only, in
 * Kazakh (Cyrillic and its Latin edition), Russian and English; results marked and axe clean.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { syncSearch } from '../../src/core/search/indexer.ts';
import { DOMAINS } from '../../src/domains.ts';
import { axeViolations, type Harness, openPage, skip, startHarness } from './harness.ts';

let h: Harness;

before(async () => {
  if (skip) return;
  h = await startHarness();
  await syncSearch(
    h.t.db,
    DOMAINS.flatMap((d) => d.searchable ?? []),
    { full: true },
  );
});
after(() => h?.close());

describe('search from the header, keyboard only', { skip }, () => {
  const cases = [
    { edition: 'kk', query: 'балалар', expect: /Балалар/ },
    { edition: 'kk-latn', query: 'balalar', expect: /Balalar/ },
    { edition: 'ru', query: 'буллинг', expect: /буллинг/i },
    { edition: 'en', query: 'bullying of children', expect: /bullying/i },
  ];
  for (const { edition, query, expect } of cases) {
    test(`${edition}: "${query}"`, async () => {
      const { page, problems, close } = await openPage(h.browser);
      await page.goto(`${h.base}/${edition}/`);
      // Tab from the top of the page to the header's search box: skip link, home link, then the box.
      let focused = '';
      for (let i = 0; i < 5 && focused !== 'header-search-q'; i++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(() => document.activeElement?.id ?? '');
      }
      assert.equal(focused, 'header-search-q', 'the search box is reached with Tab');
      await page.keyboard.type(query);
      await Promise.all([page.waitForURL(/\/search\?q=/), page.keyboard.press('Enter')]);
      assert.match(page.url(), new RegExp(`/${edition}/search\\?q=`));
      const results = page.locator('ol.search-results > li');
      assert.ok((await results.count()) > 0, 'results');
      assert.match((await page.locator('ol.search-results').textContent()) ?? '', expect);
      assert.ok((await page.locator('ol.search-results mark').count()) > 0, 'matched words marked');
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(problems, []);
      await close();
    });
  }
});
