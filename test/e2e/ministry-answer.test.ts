/**
 * The ministry's journey with a proposal, in Chromium (issue 13): the secretariat addresses a submitted
 * proposal to the Ministry of Internal Affairs instead of the body the NGO ticked, registers and
 * assigns it with a deadline; the ministry's representative finds it on "My work" with that deadline,
 * answers it in formatted text with the official letter as a PDF, and it leaves their list.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { TestClient } from '../../src/testing/client.ts';
import { inDays, orgId } from '../../src/testing/data.ts';
import { axeViolations, type Harness, skip, startHarness } from './harness.ts';

let h: Harness;
let path = '';
const deadline = inDays(21);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

before(async () => {
  if (skip) return;
  h = await startHarness();
  // The NGO's submitted proposal, addressed (wrongly) to the ministry of justice: made over HTTP.
  const ngo = await TestClient.signedIn(h.t.app, 'ngo@kenes.demo');
  const res = await ngo.post('/en/proposals', {
    title_en: 'Body cameras for every patrol officer',
    body_en: 'Equip patrol officers with body cameras and keep the recordings for a year.',
    kind: 'practice',
    addresseeIds: await orgId(h.t.db, 'ministry-of-justice'),
    intent: 'save',
  });
  path = new URL(String(res.headers.location), 'http://x').pathname.replace(/^\/en/, '');
  assert.equal((await ngo.post(`/en${path}/submit`, {})).statusCode, 303);
});
after(() => h?.close());

async function press(page: Page, selector: string) {
  await Promise.all([page.waitForLoadState('load'), page.locator(selector).first().click()]);
}

async function axe(page: Page, where: string) {
  assert.deepEqual(await axeViolations(page), [], where);
}

describe('the ministry answers a proposal assigned to it, in the browser', { skip, concurrency: false }, () => {
  test('the secretariat addresses it to the Ministry of Internal Affairs, registers and assigns it', async () => {
    const { page, close, problems } = await h.signIn('secretariat@kenes.demo', 'en');
    await page.goto(`${h.base}/en${path}`);
    await page.locator('details.staff-form:has(form[action$="/addressees"]) summary').click();
    await page.uncheck('form[action$="/addressees"] label:has-text("Justice") input');
    await page.check('form[action$="/addressees"] label:has-text("Internal Affairs") input');
    await press(page, 'form[action$="/addressees"] button');
    assert.match(await page.locator('.flash').innerText(), /addressees have been changed/);
    await press(page, `form[action$="${path}/register"] button`);
    await page.fill('form[action$="/assign"] input[name="deadline"]', deadline);
    await press(page, `form[action$="${path}/assign"] button`);
    const timeline = await page.locator('ol.timeline').innerText();
    assert.match(timeline, /Also addressed to .*Internal Affairs/);
    assert.match(timeline, /No longer addressed to .*Justice/);
    assert.match(timeline, /Assigned to .*Internal Affairs/);
    await axe(page, 'proposal page, secretariat');
    assert.deepEqual(problems, []);
    await close();
  });

  test('the ministry sees it on My work with its deadline, answers with a PDF letter, and it leaves the list', async () => {
    const { page, close, problems } = await h.signIn('mia@kenes.demo', 'en');
    await page.goto(`${h.base}/en/work`);
    const item = page.locator(`li.work-item:has(a[href="/en${path}"])`);
    assert.equal(await item.count(), 1, 'the proposal waits on My work');
    assert.equal(await item.locator('time').getAttribute('datetime'), deadline);
    await axe(page, 'My work');
    await press(page, `li.work-item a[href="/en${path}"]`);
    assert.equal(await page.locator('form[action$="/endorse"]').count(), 0, 'an addressee is not offered Endorse');
    await page.selectOption('#field-answer', 'partly_accepted');
    await page.fill(
      '#field-reasons_en',
      'We agree **in part**:\n\n- cameras for patrols in cities from 2027\n- the rest once the budget allows',
    );
    await page.setInputFiles('form[action$="/answer"] input[type="file"]', {
      name: 'MIA letter 3-1-12.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await press(page, `form[action$="${path}/answer"] button`);
    const answer = page.locator('article.answer');
    assert.equal(await answer.locator('.answer-reasons strong').innerText(), 'in part');
    assert.equal(await answer.locator('.answer-reasons li').count(), 2);
    const href = (await answer.locator('.answer-files a').getAttribute('href')) ?? '';
    assert.match(href, /^\/files\/\d+\/MIA%20letter%203-1-12\.pdf$/);
    const letter = await page.request.get(`${h.base}${href}`);
    assert.equal(letter.status(), 200);
    assert.deepEqual(await letter.body(), PDF);
    await axe(page, 'proposal with the answer and its letter');
    await page.goto(`${h.base}/en/work`);
    assert.equal(await page.locator(`li.work-item a[href="/en${path}"]`).count(), 0, 'answered: off the list');
    assert.deepEqual(problems, []);
    await close();
  });
});
