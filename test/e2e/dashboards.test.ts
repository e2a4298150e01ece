/**
 * The dashboards (and a cycle's chart) in Chromium: axe-clean in every language, in forced colours (high contrast) too,
 * readable on a 360 px phone without horizontal scrolling, and every download link answers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { axeViolations, type Harness, openPage, skip, startHarness } from './harness.ts';

let h: Harness;
let browser: Browser;
let base: string;

before(async () => {
  if (skip) return;
  h = await startHarness();
  ({ browser, base } = h);
});
after(() => h?.close());

describe('dashboards in the browser', { skip }, () => {
  test('axe finds nothing serious in kk, ru and en, nor in forced colours; the charts are named images', async () => {
    const { page, problems, close } = await openPage(browser);
    // Russian is checked in forced colours below.
    for (const lang of ['kk', 'en']) {
      const res = await page.goto(`${base}/${lang}/dashboards`);
      assert.equal(res?.status(), 200);
      assert.deepEqual(await axeViolations(page), [], lang);
    }
    const names = await page.$$eval('figure.chart svg[role="img"]', (svgs) =>
      svgs.map((svg) =>
        svg
          .getAttribute('aria-labelledby')
          ?.split(' ')
          .map((id) => document.getElementById(id)?.textContent),
      ),
    );
    assert.equal(names.length, 13);
    for (const [title, desc] of names.map((n) => n ?? [])) assert.ok(title && desc && desc.length > title.length);

    await page.emulateMedia({ forcedColors: 'active' });
    await page.goto(`${base}/ru/dashboards`);
    assert.deepEqual(await axeViolations(page), [], 'forced colours');
    // Bars take the system's text colour, the colour labels are drawn in, so none is lost against the background.
    const [bar, label] = await page.$eval('#answers svg', (svg) => [
      getComputedStyle(svg.querySelector('rect') as Element).fill,
      getComputedStyle(svg.querySelector('text') as Element).fill,
    ]);
    assert.equal(bar, label);
    assert.deepEqual(problems, []);
    await close();
  });

  test("a cycle's chart of its recommendations: axe-clean in kk, ru and en, in forced colours too", async () => {
    const { id } = await h.t.db
      .selectFrom('recommendations')
      .select('cycle_id as id')
      .where('cycle_id', 'is not', null)
      .limit(1)
      .executeTakeFirstOrThrow();
    const { page, problems, close } = await openPage(browser);
    for (const lang of ['kk', 'ru', 'en']) {
      assert.equal((await page.goto(`${base}/${lang}/cycles/${id}`))?.status(), 200);
      assert.ok(await page.$('#recommendations-by-status svg[role="img"] title'), lang);
      assert.deepEqual(await axeViolations(page), [], lang);
    }
    await page.emulateMedia({ forcedColors: 'active' });
    await page.goto(`${base}/kk/cycles/${id}`);
    assert.deepEqual(await axeViolations(page), [], 'forced colours');
    const png = await page.request.get(`${base}/kk/cycles/${id}/charts/recommendations-by-status.png`);
    assert.equal(png.headers()['content-type'], 'image/png');
    assert.deepEqual(problems, []);
    await close();
  });

  test('on a 360 px phone the page needs no horizontal scrolling and the charts fit', async () => {
    const { page, close } = await openPage(browser, { width: 360 });
    await page.goto(`${base}/kk/dashboards`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${overflow}px wider than the screen`);
    const widest = await page.$$eval('figure.chart svg', (svgs) =>
      Math.max(...svgs.map((s) => s.getBoundingClientRect().width)),
    );
    assert.ok(widest <= 360, `a chart is ${widest}px wide`);
    await close();
  });

  test('each download link answers with its SVG, PNG or CSV', async () => {
    const { page, close } = await openPage(browser);
    await page.goto(`${base}/en/dashboards`);
    const links = await page.$$eval('#deadlines figcaption a', (as) => as.map((a) => (a as HTMLAnchorElement).href));
    const types = [];
    for (const link of links) types.push((await page.request.get(link)).headers()['content-type']);
    assert.deepEqual(types, ['image/svg+xml; charset=utf-8', 'image/png', 'text/csv; charset=utf-8']);
    await close();
  });
});
