/**
 * A proposal's journey in Chromium: an NGO representative writes and submits a proposal with a
 * co-sponsor (Kenes suggests similar ones while the title is typed); the secretariat registers and
 * assigns it; the ministry answers; the NGO assesses the answer; the stages advance to "in force";
 * a citizen who follows it finds each change among their notifications.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { hashPassword } from '../../src/core/auth/password.ts';
import { DEMO_PASSWORD } from '../../src/demo/content.ts';
import { axeViolations, type Harness, skip, startHarness } from './harness.ts';

let h: Harness;
before(async () => {
  if (skip) return;
  h = await startHarness();
  // The ministry of education's representative (the demo has none).
  const moe = await h.t.db
    .selectFrom('organisations')
    .select('id')
    .where('slug', '=', 'ministry-of-education')
    .executeTakeFirstOrThrow();
  await h.t.db
    .insertInto('users')
    .values({
      email: 'moe@kenes.demo',
      password_hash: await hashPassword(DEMO_PASSWORD),
      display_name: 'Министерство просвещения',
      role: 'representative',
      organisation_id: moe.id,
      locale: 'ru',
    })
    .execute();
});
after(() => h?.close());

/** Signed in through the form the first time, then from the cookies it left (harness.ts). */
const signIn = (email: string) => h.signIn(email, 'ru');

async function press(page: Page, selector: string) {
  await Promise.all([page.waitForLoadState('load'), page.locator(selector).first().click()]);
}

async function axe(page: Page, where: string) {
  assert.deepEqual(await axeViolations(page), [], where);
}

describe('a proposal to a law in force, in the browser', { skip, concurrency: false }, () => {
  let path = '';

  test('an NGO writes and submits a proposal with a co-sponsor; similar ones are suggested', async () => {
    const { page, close } = await signIn('ngo@kenes.demo');
    await page.goto(`${h.base}/ru/proposals/new`);
    await axe(page, 'proposal form');
    await page.fill('#field-title_ru', 'Ответственность за буллинг в школах');
    await page.waitForSelector('.similar-live a', { timeout: 5000 });
    assert.match(await page.locator('.similar-live').innerText(), /буллинг/i);
    await page.fill('#field-title_en', 'Liability for bullying in schools');
    await page.fill('#field-body_ru', 'Предлагаем **обязательные** программы профилактики.');
    await page.check('fieldset#field-addresseeIds label:has-text("Министерство просвещения") input');
    await page.check('fieldset#field-coAuthorIds label:has-text("Жас Улан") input');
    await press(page, 'button[value="save"]');
    assert.match(page.url(), /\/ru\/proposals\/\d+$/);
    path = new URL(page.url()).pathname.replace(/^\/ru/, '');
    await press(page, `form[action$="${path}/submit"] button`);
    assert.match(await page.locator('.flash').innerText(), /направлено|Направлено/i);
    await axe(page, 'proposal page');
    await close();
  });

  test('a citizen follows it', async () => {
    const { page, close } = await signIn('citizen@kenes.demo');
    await page.goto(`${h.base}/ru${path}`);
    await press(page, `form[action$="${path}/follow"] button`);
    await close();
  });

  test('the secretariat registers and assigns; the ministry answers; the NGO assesses', async () => {
    const staff = await signIn('secretariat@kenes.demo');
    await staff.page.goto(`${h.base}/ru${path}`);
    await press(staff.page, `form[action$="${path}/register"] button`);
    await press(staff.page, `form[action$="${path}/assign"] button`);
    await staff.close();

    const moe = await signIn('moe@kenes.demo');
    await moe.page.goto(`${h.base}/ru${path}`);
    await moe.page.selectOption('#field-answer', 'accepted');
    await moe.page.fill('#field-reasons_ru', 'Поддерживаем, подготовим поправки.');
    await press(moe.page, `form[action$="${path}/answer"] button`);
    await axe(moe.page, 'proposal with an answer');
    await moe.close();

    const ngo = await signIn('ngo@kenes.demo');
    await ngo.page.goto(`${h.base}/ru${path}`);
    await ngo.page.locator('details.staff-form:has(form[action*="/assessment"]) summary').click();
    await ngo.page.locator('select[name="assessment"]').selectOption('satisfied');
    await press(ngo.page, 'form[action*="/assessment"] button');
    const side = await ngo.page.locator('article.answer').innerText();
    assert.match(side, /Принято[\s\S]*Поддерживаем[\s\S]*Удовлетворительно/);
    await ngo.close();
  });

  test('the stages advance to "in force"; the follower was told of each change', async () => {
    const staff = await signIn('secretariat@kenes.demo');
    await staff.page.goto(`${h.base}/ru${path}`);
    const dates = ['2026-01-15', '2026-02-15', '2026-03-15', '2026-04-15', '2026-05-15', '2026-07-01'];
    for (const date of dates) {
      await staff.page.locator('details.staff-form:has(form[action$="/stages"]) summary').click();
      await staff.page.fill('form[action$="/stages"] input[name="date"]', date);
      await press(staff.page, 'form[action$="/stages"] button');
    }
    assert.match(await staff.page.locator('ol.stages').innerText(), /Вступление в силу/);
    assert.match(await staff.page.locator('.eyebrow').innerText(), /Реализовано|Выполнено|Исполнено/i);
    await staff.close();

    const { page, close, problems } = await signIn('citizen@kenes.demo');
    await page.goto(`${h.base}/ru/notifications`);
    const text = await page.locator('ul.notifications').innerText();
    for (const expected of [
      /Зарегистрировано|секретариат/,
      /Министерство просвещения Республики Казахстан: Принято/,
      /Вступление в силу/,
    ]) {
      assert.match(text, expected);
    }
    await axe(page, 'notifications');
    await page.goto(`${h.base}/ru/proposals?q=${encodeURIComponent('буллинг')}`);
    await axe(page, 'tracker');
    assert.deepEqual(problems, []);
    await close();
  });
});
