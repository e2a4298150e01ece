/**
 * The explorer in Chromium, on the demo: no accessibility violation (WCAG 2.x A/AA, axe-core) in any language, and
 * filtering by ticking a checkbox and searching both work with JavaScript off.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { axeViolations, type Harness, openPage, skip, startHarness } from '../../../test/e2e/harness.ts';

let h: Harness;
before(async () => {
  if (skip) return;
  h = await startHarness();
});
after(() => h?.close());

describe('the explorer in the browser', { skip, concurrency: false }, () => {
  test('every language passes axe, unfiltered and filtered', async () => {
    const { page, problems, close } = await openPage(h.browser);
    for (const lang of ['kk', 'ru', 'en']) {
      for (const query of ['', '?mechanism=CAT&response=none&response=supported']) {
        await page.goto(`${h.base}/${lang}/recommendations${query}`);
        assert.deepEqual(await axeViolations(page), [], `${lang}${query}`);
      }
    }
    if (process.env.EXPLORER_SCREENSHOT)
      await page.screenshot({ path: process.env.EXPLORER_SCREENSHOT, fullPage: true });
    assert.deepEqual(problems, []);
    await close();
  });

  test('with JavaScript off: tick a facet, apply, search, clear', async () => {
    const { page, problems, close } = await openPage(h.browser, { javaScriptEnabled: false, width: 390 });
    await page.goto(`${h.base}/en/recommendations`);
    const all = Number(((await page.locator('#results').textContent()) ?? '').replace(/\D/g, ''));
    assert.ok(all > 0, 'the demo has recommendations');
    await page.locator('details.facet:has(input[name=mechanism]) input[value=CAT]').check();
    await Promise.all([page.waitForLoadState('load'), page.locator('aside button[type=submit]').click()]);
    assert.match(page.url(), /mechanism=CAT/);
    const cat = Number(((await page.locator('#results').textContent()) ?? '').replace(/\D/g, ''));
    assert.ok(cat > 0 && cat <= all, `${cat} of ${all}`);
    assert.equal(await page.locator('input[name=mechanism][value=CAT]').isChecked(), true);
    await page.fill('#field-q', 'torture');
    await Promise.all([page.waitForLoadState('load'), page.locator('form.explorer .filters button').click()]);
    assert.match(page.url(), /q=torture/);
    assert.match(page.url(), /mechanism=CAT/, 'the search keeps the ticked facets');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: 'Clear all filters' }).click()]);
    assert.equal(new URL(page.url()).search, '');
    // Nothing wider than a phone's screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
    assert.deepEqual(problems, []);
    await close();
  });
});
