/**
 * The design system in Chromium (decision 0027, issue 18): on the key pages, in kk, ru and en, as a
 * visitor and as staff, no word is broken inside a table cell at 390 and 1280 px, nothing scrolls
 * sideways at 320 px; the header is one row of navigation at 1280 px and a menu button on a phone
 * (with and without JavaScript); the message after a form takes the focus; the living page
 * /design passes axe in every language.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { axeViolations, type Harness, openPage, skip, startHarness } from './harness.ts';

let h: Harness;
before(async () => {
  if (skip) return;
  h = await startHarness();
});
after(() => h?.close());

const LANGS = ['kk', 'ru', 'en'] as const;

/** The list pages, and from each the records its first links lead to (a meeting, a cycle…). */
const LISTS: { list: string; records: RegExp; take: number }[] = [
  { list: '/meetings', records: /^\/\w+\/meetings\/\d+$/, take: 2 },
  { list: '/proposals', records: /^\/\w+\/proposals\/\d+$/, take: 1 },
  { list: '/cycles', records: /^\/\w+\/cycles\/\d+$/, take: 2 },
  { list: '/recommendations', records: /^\/\w+\/recommendations\/\d+$/, take: 1 },
  { list: '/news', records: /^\/\w+\/news\/\d+$/, take: 1 },
];
const OTHER_PAGES = ['/', '/organisations', '/mechanisms', '/tasks'];
/** Staff's own pages with tables and forms. */
const STAFF_PAGES = ['/recommendations/import', '/cycles/new', '/admin', '/admin/audit', '/design'];

/** Every key page (paths after the language) the page's reader can open, found from the lists. */
async function keyPages(page: Page, lang: string, staff: boolean): Promise<string[]> {
  const paths = [...OTHER_PAGES, ...(staff ? STAFF_PAGES : [])];
  for (const { list, records, take } of LISTS) {
    await page.goto(`${h.base}/${lang}${list}`);
    const hrefs = await page.$$eval('main a[href]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    paths.push(list, ...[...new Set(hrefs.filter((href) => records.test(href)))].slice(0, take).map((p) => p.slice(3)));
  }
  return paths;
}

/**
 * The words of table cells that the browser broke across lines (a word: letters and digits between
 * spaces, hyphens, dashes and slashes, where a line may break), with their cell's text.
 */
function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const broken: string[] = [];
    for (const cell of document.querySelectorAll('main td, main th')) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const m of (node.textContent ?? '').matchAll(/[^\s\-‐–—/]+/gu)) {
          const range = document.createRange();
          range.setStart(node, m.index ?? 0);
          range.setEnd(node, (m.index ?? 0) + m[0].length);
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (lines.size > 1) broken.push(`"${m[0]}" in "${cell.textContent?.trim().slice(0, 60)}"`);
        }
      }
    }
    return broken;
  });
}

/** How many pixels the page is wider than the window (0: no sideways scrolling). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the design system in the browser', { skip }, () => {
  for (const who of ['visitor', 'admin@kenes.demo'] as const) {
    test(`${who}: no word broken in a table cell at 390 and 1280 px, no sideways scrolling at 320 px`, async () => {
      const problems: string[] = [];
      for (const [i, lang] of LANGS.entries()) {
        const session = who === 'visitor' ? await openPage(h.browser) : await h.signIn(who, lang);
        const { page } = session;
        // Each page in one of the three languages in turn (the visitor's and staff's in different ones),
        // so that every language is laid out on every kind of page, in a third of the time.
        const shift = who === 'visitor' ? 0 : 1;
        const paths = (await keyPages(page, lang, who !== 'visitor')).filter(
          (_, n) => (n + shift) % LANGS.length === i,
        );
        // One load per page; the widths are laid out in turn (setViewportSize re-lays out the page).
        for (const path of paths) {
          await page.setViewportSize({ width: 1280, height: 900 });
          const res = await page.goto(`${h.base}/${lang}${path}`);
          assert.equal(res?.status(), 200, `${lang}${path}`);
          for (const width of [1280, 390, 320]) {
            await page.setViewportSize({ width, height: 900 });
            if (width === 320) {
              const wider = await overflow(page);
              if (wider > 0) problems.push(`${width}px /${lang}${path}: ${wider}px wider than the screen`);
            } else {
              for (const b of await brokenWords(page)) problems.push(`${width}px /${lang}${path}: ${b}`);
            }
          }
        }
        await session.close();
      }
      assert.deepEqual(problems, []);
    });
  }

  test('for staff at 1280 px the navigation is one row, in every language', async () => {
    for (const lang of LANGS) {
      const { page, close } = await h.signIn('admin@kenes.demo', lang);
      await page.goto(`${h.base}/${lang}/cycles`);
      const tops = await page.$$eval('.main-nav li', (lis) =>
        lis.filter((li) => li.getClientRects().length > 0).map((li) => Math.round(li.getBoundingClientRect().top)),
      );
      assert.ok(tops.length >= 8, `${lang}: ${tops.length} links`);
      assert.equal(new Set(tops).size, 1, `${lang}: the navigation wraps (${tops.join(', ')})`);
      assert.ok(await page.isVisible(`.main-nav a[href="/${lang}/tasks"]`), `${lang}: Tasks in the navigation`);
      assert.equal(await page.isVisible('details[data-menu] > summary'), false, 'no menu button on a wide screen');
      await close();
    }
  });

  for (const javaScriptEnabled of [true, false]) {
    test(`on a phone the menu button opens the navigation (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const { page, close } = await openPage(h.browser, { width: 390, javaScriptEnabled });
      await page.goto(`${h.base}/ru/`);
      const headerHeight = await page.$eval('.site-header', (el) => el.getBoundingClientRect().height);
      assert.ok(headerHeight < 140, `the closed header takes ${headerHeight}px`);
      assert.equal(await page.isVisible('.main-nav a[href="/ru/meetings"]'), false);
      assert.equal(await page.isVisible('.lang-switcher'), false);
      await page.click('details[data-menu] > summary');
      assert.ok(await page.isVisible('.main-nav a[href="/ru/meetings"]'));
      assert.ok(await page.isVisible('.lang-switcher a[hreflang="en"]'));
      if (javaScriptEnabled) {
        // axe runs in the page, so only with JavaScript on.
        assert.deepEqual(await axeViolations(page), []);
        await page.keyboard.press('Escape');
        assert.equal(await page.isVisible('.main-nav a[href="/ru/meetings"]'), false, 'Escape closes the menu');
      }
      await close();
    });
  }

  test('after a form is sent, its message has the focus and is a status region', async () => {
    const { page, close } = await openPage(h.browser, { javaScriptEnabled: false });
    await page.goto(`${h.base}/en/sign-in`);
    await page.fill('#field-email', 'secretariat@kenes.demo');
    await page.fill('#field-password', 'kenes-demo-2026');
    await Promise.all([page.waitForURL(`${h.base}/en/`), page.click('main button[type="submit"]')]);
    // Signing out leads to /en/: sent from another page, so that waiting for /en/ waits for it.
    await page.goto(`${h.base}/en/meetings`);
    await Promise.all([page.waitForURL(`${h.base}/en/`), page.click('.user-nav button')]);
    // Autofocus is applied at the page's next rendering update, which may come just after its load event.
    const focused = () => page.evaluate(() => document.activeElement?.id);
    for (let i = 0; i < 50 && (await focused()) !== 'flash'; i++) await page.waitForTimeout(20);
    assert.equal(await focused(), 'flash');
    assert.equal(await page.getAttribute('#flash', 'role'), 'status');
    await close();
  });

  test('the living page of the design system (every component in kk, ru and en) passes axe; visitors may not open it', async () => {
    // The page shows each component in the three languages side by side: one load checks them all.
    const { page: staff, close: closeStaff } = await h.signIn('secretariat@kenes.demo', 'kk');
    await staff.goto(`${h.base}/kk/design`);
    assert.equal(await staff.locator('.design-languages > section').count(), 3);
    assert.deepEqual(await axeViolations(staff), []);
    await closeStaff();
    const { page, close } = await openPage(h.browser);
    await page.goto(`${h.base}/en/design`);
    assert.match(new URL(page.url()).pathname, /^\/en\/sign-in/, 'a visitor is sent to sign in');
    await close();
  });
});
