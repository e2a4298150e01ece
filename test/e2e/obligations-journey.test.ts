/**
 * A recommendation's journey in Chromium: the secretariat imports a UPR Info-style CSV (in
 * Windows-1251, with CRLF), checks the preview and starts the import; the recommendations join the
 * demo's CAT cycle by their symbol; one is found in the explorer; the secretariat adds an action for
 * the Ministry of Internal Affairs, which reports progress and assesses it as implemented; an NGO
 * assesses it as not started, and the disagreement shows; the cycle's draft report carries it all.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { syncSearch } from '../../src/core/search/indexer.ts';
import { recommendationSearch } from '../../src/obligations/search.ts';
import { axeViolations, type Harness, openPage, skip, startHarness } from './harness.ts';

let h: Harness;
before(async () => {
  if (skip) return;
  h = await startHarness();
});
after(() => h?.close());

/** Signed in through the form the first time, then from the cookies it left (harness.ts). */
const signIn = (email: string, lang = 'en') => h.signIn(email, lang);

async function press(page: Page, selector: string) {
  await Promise.all([page.waitForLoadState('load'), page.locator(selector).first().click()]);
}

async function axe(page: Page, where: string) {
  assert.deepEqual(await axeViolations(page), [], where);
}

const TEXT_EN = 'Introduce audio and video recording of all interrogations in police custody';
const CSV = [
  'State under Review;Recommending State;Recommendation;Response;Issues;Document symbol;Paragraph;Body;Date',
  `Kazakhstan;;${TEXT_EN};;Prevention of torture;CAT/C/KAZ/CO/4;14;CAT;03.12.2021`,
  'Kazakhstan;;Обеспечить независимое медицинское освидетельствование задержанных;;Prevention of torture;CAT/C/KAZ/CO/4;15;CAT;03.12.2021',
  'Kazakhstan;France;Ratify the International Convention for the Protection of All Persons from Enforced Disappearance;Noted;Enforced disappearances;A/HRC/44/10;141.5;UPR;27.03.2020',
].join('\r\n');

describe('a recommendation from import to action, both assessments and the report, in the browser', {
  skip,
  concurrency: false,
}, () => {
  let recPath = '';
  let cyclePath = '';

  test('the secretariat imports a Windows-1251 CSV: preview, mapping, progress, outcome', async () => {
    const { page, close, problems } = await signIn('secretariat@kenes.demo');
    await page.goto(`${h.base}/en/recommendations/import`);
    await axe(page, 'import form');
    await page.setInputFiles('#field-file', {
      name: 'upr-info-export.csv',
      mimeType: 'text/csv',
      buffer: iconv.encode(CSV, 'win1251'),
    });
    await press(page, 'main form[enctype="multipart/form-data"] button[type="submit"]');
    assert.match(page.url(), /\/en\/recommendations\/import\/\d+$/);
    const preview = await page.locator('main').innerText();
    assert.match(preview, /windows-1251/i, 'the encoding was recognised');
    assert.match(preview, /независимое медицинское/, 'decoded correctly');
    await axe(page, 'import preview');
    await press(page, 'form[action$="/start"] button[type="submit"]');
    await page
      .waitForFunction(
        () => /New\s*3(?!\d)[\s\S]*Rejected\s*0(?!\d)/.test(document.querySelector('main')?.textContent ?? ''),
        undefined,
        {
          timeout: 20_000,
        },
      )
      .catch(async (err) => {
        throw new Error(`${err}\n${await page.locator('main').innerText()}`);
      });
    await axe(page, 'import outcome');
    assert.deepEqual(problems, []);
    await close();
  });

  test('the recommendation joined the CAT cycle by its symbol and is found in the explorer', async () => {
    const { page, close } = await signIn('secretariat@kenes.demo');
    // The explorer searches the index, which the job brings up to date within a second; here, now.
    await syncSearch(h.t.db, [recommendationSearch]);
    await page.goto(`${h.base}/en/recommendations?q=${encodeURIComponent('audio video recording interrogations')}`);
    await axe(page, 'explorer');
    await press(page, `main li:has-text("${TEXT_EN.slice(0, 40)}") a[href*="/recommendations/"]`);
    recPath = new URL(page.url()).pathname.replace(/^\/en/, '');
    assert.match(recPath, /^\/recommendations\/\d+$/);
    const crumbs = await page.locator('.breadcrumbs').innerText();
    assert.match(crumbs, /Fourth periodic report/);
    cyclePath =
      (await page.locator('.breadcrumbs a[href*="/cycles/"]').getAttribute('href'))?.replace(/^\/en/, '') ?? '';

    await page.locator('details.staff-form:has(form[action$="/actions"]) summary').click();
    await page.fill('#field-title_en', 'Equip every interview room with video recording');
    await page.fill('#field-title_ru', 'Оснастить все комнаты допроса видеозаписью');
    await page.selectOption('#field-responsibleId', {
      label: 'Ministry of Internal Affairs of the Republic of Kazakhstan',
    });
    await page.fill('#field-deadline', '2027-06-30');
    await press(page, 'form[action$="/actions"] button[type="submit"]');
    assert.match(
      await page.locator('#actions').evaluate((h2) => h2.parentElement?.textContent ?? ''),
      /Equip every interview room/,
    );
    await axe(page, 'recommendation page (staff)');
    await close();
  });

  test('the ministry reports progress and assesses; an NGO disagrees, and it shows', async () => {
    const mia = await signIn('mia@kenes.demo', 'ru');
    await mia.page.goto(`${h.base}/ru${recPath}`);
    await mia.page.locator('details.staff-form:has(form[action$="/progress"]) summary').click();
    await mia.page.fill('form[action$="/progress"] textarea[name="text_ru"]', 'Видеозапись введена в 120 изоляторах.');
    await mia.page.fill('form[action$="/progress"] textarea[name="links"]', 'https://example.org/report');
    await press(mia.page, 'form[action$="/progress"] button[type="submit"]');
    await mia.page.locator('details.staff-form:has(form[action$="/assessment"]) summary').click();
    await mia.page.selectOption('#field-level', 'implemented');
    await mia.page.fill('#field-reasons_ru', 'Все изоляторы оснащены.');
    await press(mia.page, 'form[action$="/assessment"] button[type="submit"]');
    await axe(mia.page, 'recommendation page (ministry)');
    await mia.close();

    const ngo = await signIn('ngo@kenes.demo', 'kk');
    await ngo.page.goto(`${h.base}/kk${recPath}`);
    await ngo.page.locator('details.staff-form:has(form[action$="/assessment"]) summary').click();
    await ngo.page.selectOption('#field-level', 'not_started');
    await ngo.page.fill('#field-reasons_kk', 'Жазбалар сақталмайды және адвокаттарға берілмейді.');
    await press(ngo.page, 'form[action$="/assessment"] button[type="submit"]');
    const differ = await ngo.page.locator('.disagree').innerText();
    assert.match(differ, /Орындалған/);
    assert.match(differ, /Басталмаған/);
    await axe(ngo.page, 'recommendation page with disagreement');
    await ngo.close();
  });

  test("the cycle's draft report and its civil-society view carry the action, progress and both assessments", async () => {
    const { page, close, problems } = await openPage(h.browser);
    await page.goto(`${h.base}/ru${cyclePath}`);
    await axe(page, 'cycle page');
    await page.goto(`${h.base}/ru${cyclePath}/report`);
    const report = await page.locator('main').innerText();
    assert.match(report, /Оснастить все комнаты допроса видеозаписью/);
    assert.match(report, /Видеозапись введена в 120 изоляторах/);
    assert.match(report, /Все изоляторы оснащены/);
    await axe(page, 'draft report');
    const docx = await page.request.get(`${h.base}/ru${cyclePath}/report.docx`);
    assert.equal(docx.status(), 200);
    assert.equal(
      docx.headers()['content-type'],
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    await page.goto(`${h.base}/ru${cyclePath}/report/civil-society`);
    const cs = await page.locator('main').innerText();
    assert.match(cs, /Жазбалар сақталмайды/);
    await axe(page, 'civil-society view');
    assert.deepEqual(problems, []);
    await close();
  });
});
