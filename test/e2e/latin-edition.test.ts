/**
 * The Latin-script Kazakh edition in the browser (decision 0018): chosen in the language switcher and
 * remembered, the page in Latin letters (axe clean), a form's redirect kept in the edition. Every page
 * the other browser tests check is also loaded in this edition by harness.ts (cyrillicInLatinTwin).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_PASSWORD } from '../../src/demo/content.ts';
import { axeViolations, cyrillicLeft, type Harness, openPage, skip, startHarness } from './harness.ts';

let h: Harness;

before(async () => {
  if (skip) return;
  h = await startHarness();
});
after(() => h?.close());

describe('the Latin-script Kazakh edition in the browser', { skip }, () => {
  test('chosen in the switcher, remembered, in Latin letters; signing in stays in it', async () => {
    const { page, problems, close } = await openPage(h.browser);
    await page.goto(`${h.base}/kk/organisations/mia`);
    assert.ok((await cyrillicLeft(page)).length > 0, 'the check finds the Cyrillic of the Cyrillic edition');
    await page.goto(`${h.base}/kk/organisations/mia`);
    await Promise.all([
      page.waitForURL(`${h.base}/kk-latn/organisations/mia`),
      page.click('nav.lang-switcher a[hreflang="kk-Latn"]'),
    ]);
    assert.equal(await page.getAttribute('html', 'lang'), 'kk-Latn');
    assert.equal(await page.getAttribute('nav.lang-switcher a[aria-current="true"]', 'hreflang'), 'kk-Latn');
    assert.deepEqual(await axeViolations(page), []);
    await page.goto(`${h.base}/`);
    assert.equal(page.url(), `${h.base}/kk-latn/`, '"/" brings the reader back to the edition');

    await page.goto(`${h.base}/kk-latn/account`);
    assert.match(page.url(), /\/kk-latn\/sign-in\?next=/);
    await page.fill('#field-email', 'citizen@kenes.demo');
    await page.fill('#field-password', DEMO_PASSWORD);
    await Promise.all([page.waitForURL(`${h.base}/kk-latn/account`), page.click('main button[type="submit"]')]);
    assert.match((await page.textContent('.flash')) ?? '', /^[^\u0400-\u04FF]+$/u);
    await page.selectOption('#field-locale', 'kk-latn');
    await Promise.all([
      page.waitForURL(`${h.base}/kk-latn/account`),
      page.click('main form[action="/kk-latn/account"] button[type="submit"]'),
    ]);
    assert.equal(await page.inputValue('#field-locale'), 'kk-latn');
    assert.deepEqual(await cyrillicLeft(page), []);
    assert.deepEqual(problems, []);
    await close();
  });
});
