/**
 * Comments in Chromium (issue 14): a visitor signs up in Kazakh, confirms the address from the
 * outbox and comments on the demo communiqué — keyboard only; the secretariat has chosen
 * pre-moderation on the settings page, so nothing shows until it approves the comment from the
 * queue; another citizen reports it; a moderator (a capability, decision 0024) hides it with a
 * reason; the author is told. The comment form works with JavaScript off too.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { afterResponseIdle } from '../../src/core/http/after-response.ts';
import { axeViolations, type Harness, openPage, skip, startHarness } from './harness.ts';

let h: Harness;
let newsPath = '';
before(async () => {
  if (skip) return;
  h = await startHarness();
  const news = await h.t.db
    .selectFrom('communiques')
    .select('id')
    .where('published_at', 'is not', null)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  newsPath = `/news/${news.id}`;
  // The observer moderates comments besides their role (given on the account's page; tested over HTTP).
  await h.t.db.updateTable('users').set({ moderator: true }).where('email', '=', 'observer@kenes.demo').execute();
});
after(() => h?.close());

const EMAIL = 'dana@example.kz';
const PASSWORD = 'tau-ozen-kokorai-9';
const COMMENT = 'Коммюникеде балалар құқықтары туралы көбірек айтылса екен.';

async function axe(page: Page, where: string) {
  assert.deepEqual(await axeViolations(page), [], where);
}

/** Tabs from where the focus is to the element `selector` names (the way a keyboard user gets there). */
async function tabTo(page: Page, selector: string, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`${selector} is not reached with Tab on ${page.url()}`);
}

/** Tabs to a field and types into it. */
async function typeInto(page: Page, selector: string, text: string) {
  await tabTo(page, selector);
  await page.keyboard.type(text);
}

/** Tabs to a button and presses Enter, waiting for the page it leads to. */
async function pressEnterOn(page: Page, selector: string) {
  await tabTo(page, selector);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

/** Signs in through the form, keyboard only. */
async function signInByKeyboard(page: Page, lang: string) {
  await page.goto(`${h.base}/${lang}/sign-in`);
  await typeInto(page, '#field-email', EMAIL);
  await typeInto(page, '#field-password', PASSWORD);
  await Promise.all([page.waitForURL(`${h.base}/${lang}/`), page.keyboard.press('Enter')]);
}

/** The comment's id, from its text on the moderation queue or a page. */
async function commentId(): Promise<string> {
  const row = await h.t.db.selectFrom('comments').select('id').where('body', '=', COMMENT).executeTakeFirstOrThrow();
  return row.id;
}

describe('comments on the communiqué, in the browser', { skip, concurrency: false }, () => {
  test('the secretariat chooses pre-moderation for the news on the settings page', async () => {
    const { page, close } = await h.signIn('secretariat@kenes.demo', 'kk');
    await page.goto(`${h.base}/kk/admin/settings`);
    await axe(page, 'settings');
    await page.selectOption('#field-moderation_news', 'pre');
    await Promise.all([page.waitForNavigation(), page.click('form[action="/kk/admin/settings/comments"] button')]);
    assert.match(await page.locator('.flash').innerText(), /сақталды/);
    await close();
  });

  test('a visitor signs up in Kazakh, confirms the address and comments — keyboard only', async () => {
    const { page, problems, close } = await openPage(h.browser);
    await page.goto(`${h.base}/kk/sign-up`);
    await axe(page, 'sign-up');
    await typeInto(page, '#field-displayName', 'Дана Ахметова');
    await typeInto(page, '#field-email', EMAIL);
    await typeInto(page, '#field-password', PASSWORD);
    await typeInto(page, '#field-confirm', PASSWORD);
    for (const consent of ['terms', 'privacy']) {
      await tabTo(page, `input[name="${consent}"]`);
      await page.keyboard.press('Space');
    }
    await pressEnterOn(page, 'main form button[type="submit"]');
    assert.equal(new URL(page.url()).pathname, '/kk/sign-in');
    // The account is made after the answer (decision 0021); the link is in the outbox, in Kazakh.
    await afterResponseIdle(h.t.app);
    const mail = await h.t.db
      .selectFrom('email_outbox')
      .select(['subject', 'body_text'])
      .where('to_address', '=', EMAIL)
      .executeTakeFirstOrThrow();
    const link = /https?:\/\/[^/\s]+(\/kk\/confirm\/[A-Za-z0-9_-]{43})/.exec(mail.body_text)?.[1];
    assert.ok(link, mail.body_text);

    await signInByKeyboard(page, 'kk');
    await page.goto(`${h.base}${link}`);
    await pressEnterOn(page, 'main form button[type="submit"]');
    assert.equal(new URL(page.url()).pathname, '/kk/account');

    await page.goto(`${h.base}/kk${newsPath}`);
    await typeInto(page, '#field-body', COMMENT);
    await pressEnterOn(page, `form[action="/kk/comments${newsPath}"] button[type="submit"]`);
    const id = await commentId();
    const mine = page.locator(`#comment-${id}`);
    assert.match(await mine.innerText(), /Коммюникеде балалар/);
    assert.match(await mine.innerText(), /модерация/i, 'its author sees it waits for the moderators');
    await axe(page, 'the communiqué with a waiting comment');
    assert.deepEqual(problems, []);
    await close();
    // Nobody else sees it yet.
    const visitor = await h.t.app.inject({ url: `/kk${newsPath}` });
    assert.ok(!visitor.body.includes(COMMENT));
  });

  test('the secretariat approves it from the queue; then everyone sees it', async () => {
    const id = await commentId();
    const { page, close } = await h.signIn('secretariat@kenes.demo', 'kk');
    await page.goto(`${h.base}/kk/moderation`);
    await axe(page, 'the moderation queue');
    await Promise.all([page.waitForNavigation(), page.click(`form[action="/kk/moderation/${id}/approve"] button`)]);
    await close();
    const visitor = await h.t.app.inject({ url: `/kk${newsPath}` });
    assert.ok(visitor.body.includes(COMMENT));
  });

  test('another citizen reports it; the moderator hides it with a reason; the author is told', async () => {
    const id = await commentId();
    const citizen = await h.signIn('citizen@kenes.demo', 'kk');
    await citizen.page.goto(`${h.base}/kk${newsPath}`);
    await citizen.page.click(`#comment-${id} .comment-flag summary`);
    await citizen.page.fill(`#field-reason-${id}`, 'Тақырыптан тыс және дөрекі');
    await Promise.all([
      citizen.page.waitForNavigation(),
      citizen.page.click(`form[action="/kk/comment/${id}/flag"] button`),
    ]);
    await citizen.close();

    const moderator = await h.signIn('observer@kenes.demo', 'kk');
    await moderator.page.goto(`${h.base}/kk/moderation`);
    const entry = moderator.page.locator(`#comment-${id}`);
    assert.match(await entry.innerText(), /Тақырыптан тыс және дөрекі/);
    await moderator.page.selectOption(`#field-hide-${id}`, 'insults');
    await Promise.all([
      moderator.page.waitForNavigation(),
      moderator.page.click(`form[action="/kk/moderation/${id}/hide"] button`),
    ]);
    await moderator.close();

    const page = (await h.t.app.inject({ url: `/kk${newsPath}` })).body;
    assert.ok(!page.includes(COMMENT), 'the text is gone');
    assert.match(page, /Модераторлар жасырды: қорлау/);
    const told = await h.t.db
      .selectFrom('email_outbox')
      .select('body_text')
      .where('to_address', '=', EMAIL)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.match(told.body_text, /қорлау/);
    const author = await openPage(h.browser);
    await signInByKeyboard(author.page, 'kk');
    await author.page.goto(`${h.base}/kk/notifications`);
    assert.match(await author.page.locator('main').innerText(), /жасырылды|жасырды/);
    await author.close();
  });

  test('with JavaScript off, the form still posts a comment (on the public meeting, post-moderated)', async () => {
    const meeting = await h.t.db
      .selectFrom('meetings')
      .select('id')
      .where('visibility', '=', 'public')
      .where('status', '!=', 'draft')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const { page, problems, close } = await openPage(h.browser, { javaScriptEnabled: false });
    page.setDefaultTimeout(15_000);
    await signInByKeyboard(page, 'kk');
    await page.goto(`${h.base}/kk/meetings/${meeting.id}`);
    await page.fill('#field-body', 'JavaScript-сіз да жазуға болады.');
    await Promise.all([
      page.waitForNavigation(),
      page.click(`form[action="/kk/comments/meeting/${meeting.id}"] button[type="submit"]`),
    ]);
    assert.match(page.url(), new RegExp(`/kk/meetings/${meeting.id}#comment-\\d+$`));
    assert.match(await page.locator('#comments').innerText(), /JavaScript-сіз да жазуға болады/);
    // (axe runs JavaScript in the page: it was checked above with JavaScript on.)
    assert.deepEqual(problems, []);
    await close();
  });
});
