/**
 * Browser journeys in Debian's Chromium (playwright-core + axe-core): each language's home page,
 * switching language, no console errors, no WCAG 2.x A or AA violation that axe-core finds, a phone
 * width without horizontal scrolling, and pages that work with JavaScript off.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/content.ts';
import { axeViolations, type Harness, openPage as open, skip, startHarness } from './harness.ts';

let h: Harness;

let browser: Browser;
let base: string;

before(async () => {
  if (skip) return;
  h = await startHarness();
  ({ browser, base } = h);
});
after(() => h?.close());

const openPage = (opts: { javaScriptEnabled?: boolean; width?: number } = {}) => open(browser, opts);

describe('in the browser', { skip }, () => {
  for (const lang of ['kk', 'ru', 'en']) {
    test(`home page in ${lang}: right language, no console errors, no axe violations`, async () => {
      const { page, problems, close } = await openPage();
      const res = await page.goto(`${base}/${lang}/`);
      assert.equal(res?.status(), 200);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(problems, []);
      await close();
    });
  }

  test('the language switcher keeps you on the same page', async () => {
    const { page, problems, close } = await openPage();
    await page.goto(`${base}/kk/organisations/mia`);
    await page.click('nav.lang-switcher a[hreflang="en"]');
    await page.waitForURL(`${base}/en/organisations/mia`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal((await page.textContent('h1'))?.trim(), 'Ministry of Internal Affairs of the Republic of Kazakhstan');
    await page.click('nav.lang-switcher a[hreflang="ru"]');
    await page.waitForURL(`${base}/ru/organisations/mia`);
    // "/" now brings the visitor back to the language they chose last.
    await page.goto(`${base}/`);
    assert.equal(page.url(), `${base}/ru/`);
    assert.deepEqual(problems, []);
    await close();
  });

  test('the organisations directory and an error page pass axe too', async () => {
    const { page, problems, close } = await openPage();
    for (const path of ['/ru/organisations', '/en/organisations/coalition-against-torture']) {
      await page.goto(`${base}${path}`);
      assert.deepEqual(await axeViolations(page), [], path);
    }
    const res = await page.goto(`${base}/kk/no-such-page`);
    assert.equal(res?.status(), 404);
    assert.deepEqual(await axeViolations(page), []);
    // The page's own 404 is expected (Chromium reports it twice); nothing else may fail.
    assert.deepEqual(
      problems.filter((p) => !p.includes('404')),
      [],
    );
    assert.ok(problems.some((p) => p === `HTTP 404: ${base}/kk/no-such-page`));
    await close();
  });

  test('signing in through the form, then the account, administration and organisation forms pass axe', async () => {
    const { page, problems, close } = await openPage();
    await page.goto(`${base}/ru/sign-in`);
    assert.deepEqual(await axeViolations(page), [], 'sign-in');
    await page.fill('#field-email', 'admin@kenes.demo');
    await page.fill('#field-password', 'wrong-password-here');
    await page.click('main button[type="submit"]');
    assert.match((await page.textContent('.error-summary')) ?? '', /Неверный адрес электронной почты или пароль/);
    assert.deepEqual(await axeViolations(page), [], 'sign-in with errors');
    await page.fill('#field-password', DEMO_PASSWORD);
    await page.click('main button[type="submit"]');
    await page.waitForURL(`${base}/ru/`);
    assert.match((await page.textContent('.flash')) ?? '', /Вы вошли в систему/);
    for (const path of [
      '/ru/account',
      '/ru/admin',
      '/ru/admin/audit',
      '/ru/admin/outbox',
      '/ru/organisations/new',
      '/ru/organisations/mfa',
    ]) {
      const res = await page.goto(`${base}${path}`);
      assert.equal(res?.status(), 200, path);
      assert.deepEqual(await axeViolations(page), [], path);
    }
    await page.click('button:has-text("Выйти")');
    await page.waitForURL(`${base}/ru/`);
    assert.match((await page.textContent('.flash')) ?? '', /Вы вышли/);
    // The failed sign-in answered 422 by design; nothing else may fail.
    assert.deepEqual(
      problems.filter((p) => !p.includes('422')),
      [],
    );
    await close();
  });

  test('a 360 px phone needs no horizontal scrolling', async () => {
    const { page, close } = await openPage({ width: 360 });
    for (const path of ['/kk/', '/ru/', '/en/', '/kk/sign-in', '/ru/organisations']) {
      await page.goto(`${base}${path}`);
      const lang = path;
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${lang}: ${overflow}px wider than the screen`);
    }
    await close();
  });

  test('with JavaScript off, pages read and links work; the skip link reaches main', async () => {
    const { page, close } = await openPage({ javaScriptEnabled: false });
    await page.goto(`${base}/en/`);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    assert.equal(focused, 'Skip to main content');
    await page.click('text=All organisations');
    await page.waitForURL(`${base}/en/organisations`);
    assert.equal((await page.textContent('h1'))?.trim(), 'Organisations');
    // Forms work without JavaScript too.
    await page.goto(`${base}/en/sign-in`);
    await page.fill('#field-email', 'citizen@kenes.demo');
    await page.fill('#field-password', DEMO_PASSWORD);
    await page.click('main button[type="submit"]');
    await page.waitForURL(`${base}/en/`);
    assert.match((await page.textContent('.user-nav')) ?? '', /Азамат Гражданин/);
    await close();
  });
});
