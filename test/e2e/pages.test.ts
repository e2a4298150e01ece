/**
 * The pages of issue 18 in Chromium with axe: meetings and news as cards, the meeting page in
 * sections with its contents, in each language, and the contents list's links land on their sections.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { axeViolations, type Harness, openPage, skip, startHarness } from './harness.ts';

let h: Harness;
before(async () => {
  if (skip) return;
  h = await startHarness();
});
after(() => h?.close());

describe('cards, sections and contents in the browser', { skip }, () => {
  test('meetings, a meeting and the news pass axe (kk, ru, en in turn); the contents lead to the sections', async () => {
    const meeting = await h.t.db.selectFrom('meetings').select('id').where('number', '=', 1).executeTakeFirstOrThrow();
    const { page, problems, close } = await openPage(h.browser);
    // Each page in one language, each language once (the structure is the same in all three).
    for (const path of [`/kk/meetings`, `/ru/meetings/${meeting.id}`, `/en/news`, `/kk/meetings/${meeting.id}`]) {
      const res = await page.goto(`${h.base}${path}`);
      assert.equal(res?.status(), 200, path);
      assert.deepEqual(await axeViolations(page), [], path);
    }
    await page.goto(`${h.base}/en/meetings/${meeting.id}`);
    await page.click('nav.contents a[href="#decisions"]');
    assert.ok(page.url().endsWith('#decisions'));
    const top = await page.locator('#decisions').evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(Math.abs(top) < 5, `the Decisions heading is at the top of the window (${top})`);
    assert.deepEqual(problems, []);
    await close();
  });
});
