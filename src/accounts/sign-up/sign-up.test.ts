import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { afterResponseIdle } from '../../core/http/after-response.ts';
import { DEMO_PASSWORD } from '../../demo/content.ts';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { countRows } from '../../testing/data.ts';
import { errorsOf, linkIn, parseHtml, textOf } from '../../testing/html.ts';
import { naughtyStrings } from '../../testing/naughty.ts';

const t = useTestApp({ demo: true });

let address = 0;
/** A network address of its own per sign-up, so that the per-address limit counts only where a test means it. */
const fresh = () => `10.77.${Math.floor(++address / 250)}.${address % 250}`;

const form = (over: Record<string, string> = {}) => ({
  displayName: 'Айгерім Сәрсенова',
  email: 'aigerim@example.kz',
  password: 'dala-jyry-kokorai-7',
  confirm: 'dala-jyry-kokorai-7',
  locale: 'kk',
  terms: 'on',
  privacy: 'on',
  termsVersion: '1',
  privacyVersion: '1',
  ...over,
});

/** Posts the sign-up form and waits for the work done after the answer. */
async function signUp(c: TestClient, lang: string, over: Record<string, string> = {}, ip = fresh()) {
  const res = await c.post(`/${lang}/sign-up`, form(over), { remoteAddress: ip });
  await afterResponseIdle(t.app);
  return res;
}

const mailsTo = (email: string) =>
  t.db
    .selectFrom('email_outbox')
    .select(['subject', 'body_text'])
    .where('to_address', '=', email)
    .orderBy('id', 'desc')
    .execute();
const userRow = (email: string) =>
  t.db
    .selectFrom('users')
    .select(['id', 'role', 'email_confirmed_at', 'locale', 'latin_script'])
    .where('email', '=', email)
    .executeTakeFirst();

describe('sign-up', () => {
  test('a visitor signs up in Kazakh, gets the link in Kazakh, may sign in, and confirms the address once', async () => {
    const c = new TestClient(t.app);
    const page = await c.get('/kk/sign-up');
    assert.equal(page.statusCode, 200);
    const doc = parseHtml(page.body);
    assert.ok(doc.querySelector('a[href="/kk/terms"]') && doc.querySelector('a[href="/kk/privacy"]'));
    assert.equal(doc.querySelector('input[name="termsVersion"]')?.getAttribute('value'), '1');
    const res = await signUp(c, 'kk');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/kk/sign-in');
    assert.match(textOf(parseHtml((await c.get('/kk/sign-in')).body).querySelector('.flash')), /48 сағат/);

    const user = await userRow('aigerim@example.kz');
    assert.equal(user?.role, 'citizen');
    assert.equal(user?.email_confirmed_at, null, 'not confirmed yet');
    const consents = await t.db
      .selectFrom('consents')
      .select(['kind', 'version'])
      .where('user_id', '=', user?.id ?? '')
      .orderBy('kind')
      .execute();
    assert.deepEqual(consents, [
      { kind: 'privacy', version: 1 },
      { kind: 'terms', version: 1 },
    ]);
    const [mail] = await mailsTo('aigerim@example.kz');
    assert.equal(mail?.subject, 'Kenes: электрондық поштаны растаңыз');
    const link = linkIn(mail?.body_text ?? '');
    assert.match(link, /^\/kk\/confirm\/[A-Za-z0-9_-]{43}$/);

    // Sign-in works before the confirmation; the account page says what is missing.
    const citizen = await TestClient.signedIn(t.app, 'aigerim@example.kz', 'dala-jyry-kokorai-7');
    assert.match(textOf(parseHtml((await citizen.get('/kk/account')).body).querySelector('main')), /әлі расталмаған/);

    const confirmPage = await citizen.get(link);
    assert.equal(confirmPage.statusCode, 200);
    assert.match(textOf(parseHtml(confirmPage.body).querySelector('main')), /aigerim@example\.kz/);
    assert.equal((await userRow('aigerim@example.kz'))?.email_confirmed_at, null, 'opening the link confirms nothing');
    const confirmed = await citizen.postExpect(303, link, {});
    assert.equal(confirmed.headers.location, '/kk/account');
    assert.ok((await userRow('aigerim@example.kz'))?.email_confirmed_at);
    assert.match(textOf(parseHtml((await citizen.get('/kk/account')).body).querySelector('main')), /расталған/);
    // Single use.
    assert.equal((await citizen.get(link)).statusCode, 404);
    await citizen.postExpect(404, link, {});
    assert.equal((await citizen.get('/kk/confirm/not-a-token')).statusCode, 404);
  });

  test('Kazakh in the Latin script: the e-mail comes transliterated', async () => {
    const c = new TestClient(t.app);
    assert.equal((await signUp(c, 'kk', { email: 'latin@example.kz', locale: 'kk-latn' })).statusCode, 303);
    const user = await userRow('latin@example.kz');
    assert.deepEqual([user?.locale, user?.latin_script], ['kk', true]);
    const [mail] = await mailsTo('latin@example.kz');
    assert.doesNotMatch(`${mail?.subject} ${mail?.body_text}`, /[а-яәғқңөұүһі]/i);
  });

  test('an address that has an account is not revealed: same answer, and its owner is told', async () => {
    const users = await countRows(t.db, 'users');
    const c = new TestClient(t.app);
    const taken = await signUp(c, 'ru', { email: 'Citizen@kenes.demo' });
    const free = await signUp(c, 'ru', { email: 'someone-new@example.org' });
    assert.equal(taken.statusCode, free.statusCode);
    assert.equal(taken.headers.location, free.headers.location);
    assert.equal(await countRows(t.db, 'users'), users + 1, 'only the new address got an account');
    const [mail] = await mailsTo('citizen@kenes.demo');
    assert.match(mail?.subject ?? '', /тіркелмек болды/, "in the owner's language (Kazakh)");
    assert.match(mail?.body_text ?? '', /\/kk\/password-reset/);
  });

  test('bad input is refused field by field in the language of the page, and nothing is created', async () => {
    const users = await countRows(t.db, 'users');
    const c = new TestClient(t.app);
    const noConsent = await signUp(c, 'ru', { email: 'x1@example.org', terms: '', privacy: '' });
    assert.equal(noConsent.statusCode, 422);
    const doc = parseHtml(noConsent.body);
    assert.equal(textOf(doc.querySelector('#error-terms')), 'Зарегистрироваться можно, только согласившись с этим.');
    assert.ok(doc.querySelector('#error-privacy'));
    assert.equal(doc.querySelector('#field-terms')?.getAttribute('aria-invalid'), 'true');
    assert.equal(
      doc.querySelector('#field-email')?.getAttribute('value'),
      'x1@example.org',
      'what was typed comes back',
    );
    assert.equal(doc.querySelector('#field-password')?.getAttribute('value'), undefined, 'never the password');

    const weak = await signUp(c, 'en', { email: 'x2@example.org', password: 'password123', confirm: 'password123' });
    assert.equal(weak.statusCode, 422);
    assert.match(errorsOf(weak.body), /too common/);
    const short = await signUp(c, 'kk', { email: 'x3@example.org', password: 'short', confirm: 'short' });
    assert.equal(short.statusCode, 422);
    assert.match(textOf(parseHtml(short.body).querySelector('#error-password')), /10/);
    const mismatch = await signUp(c, 'en', { email: 'x4@example.org', confirm: 'something-else-7' });
    assert.match(errorsOf(mismatch.body), /not the same/);
    const bad = await signUp(c, 'en', { email: 'not-an-email', displayName: '  ', locale: 'de', termsVersion: 'x' });
    assert.equal(bad.statusCode, 422);
    const badDoc = parseHtml(bad.body);
    for (const f of ['email', 'displayName', 'locale', 'termsVersion'])
      assert.ok(badDoc.querySelector(`.error-summary a[href="#field-${f}"]`), f);
    assert.equal(await countRows(t.db, 'users'), users);
  });

  test('naughty strings as names are stored as typed (normalised) or refused, never break a page', async () => {
    const failures: string[] = [];
    const c = new TestClient(t.app);
    const strings = naughtyStrings().filter((_, i) => i % 4 === 0);
    for (const [i, s] of strings.entries()) {
      const res = await c.post('/en/sign-up', form({ displayName: s, email: `naughty${i}@example.org` }), {
        remoteAddress: fresh(),
      });
      if (res.statusCode === 422) assert.doesNotMatch(res.body, /<script>alert/);
      else if (res.statusCode !== 303) failures.push(`${i}: ${res.statusCode}`);
    }
    await afterResponseIdle(t.app);
    assert.deepEqual(failures, []);
    const stored = await t.db.selectFrom('users').select('display_name').where('email', 'like', 'naughty%').execute();
    assert.ok(stored.length > strings.length * 0.8, `${stored.length} of ${strings.length} stored`);
    assert.ok(stored.every((u) => u.display_name.trim().length > 0));
  });

  test('an expired link is refused', async () => {
    const c = new TestClient(t.app);
    await signUp(c, 'en', { email: 'late@example.org' });
    const [mail] = await mailsTo('late@example.org');
    const link = linkIn(mail?.body_text ?? '');
    await t.db
      .updateTable('email_confirmations')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    assert.equal((await c.get(link)).statusCode, 404);
    const res = await c.postExpect(404, link, {});
    assert.match(
      textOf(parseHtml(res.body).querySelector('main')),
      /мерзімі өтіп/,
      'in the language of the link (Kazakh)',
    );
    assert.equal((await userRow('late@example.org'))?.email_confirmed_at, null);
    // A new link from the account page works.
    const late = await TestClient.signedIn(t.app, 'late@example.org', 'dala-jyry-kokorai-7');
    await late.postExpect(303, '/en/account/confirmation', {});
    const [again] = await mailsTo('late@example.org');
    await late.postExpect(303, linkIn(again?.body_text ?? ''), {});
    assert.ok((await userRow('late@example.org'))?.email_confirmed_at);
  });

  test('limits: 10 sign-ups per address in 15 minutes, then 429 in the language of the page', async () => {
    const c = new TestClient(t.app);
    const ip = fresh();
    for (let i = 0; i < 10; i++) {
      const res = await c.post('/ru/sign-up', form({ email: `limit${i}@example.org` }), { remoteAddress: ip });
      assert.equal(res.statusCode, 303, `sign-up ${i}`);
    }
    const limited = await c.post('/ru/sign-up', form({ email: 'limit10@example.org' }), { remoteAddress: ip });
    assert.equal(limited.statusCode, 429);
    assert.match(limited.body, /Слишком много запросов/);
    await afterResponseIdle(t.app);
  });

  test('a network locked out of signing in cannot sign up either (429, Retry-After)', async () => {
    const ip = fresh();
    await t.db
      .insertInto('sign_in_failures')
      .values(Array.from({ length: 20 }, (_, i) => ({ email: `guess${i}@example.org`, ip })))
      .execute();
    const res = await signUp(new TestClient(t.app), 'kk', { email: 'blocked@example.org' }, ip);
    assert.equal(res.statusCode, 429);
    assert.ok(Number(res.headers['retry-after']) > 0);
    assert.match(errorsOf(res.body), /минуттан кейін/);
    assert.equal(await userRow('blocked@example.org'), undefined);
  });

  test('the sign-in page and the header link to sign-up for visitors only', async () => {
    const visitor = parseHtml((await new TestClient(t.app).get('/en/sign-in')).body);
    assert.ok(visitor.querySelector('main a[href="/en/sign-up"]'));
    assert.ok(visitor.querySelector('.user-nav a[href="/en/sign-up"]'));
    const signedIn = await TestClient.signedIn(t.app, 'citizen@kenes.demo', DEMO_PASSWORD);
    const home = parseHtml((await signedIn.get('/en/')).body);
    assert.equal(home.querySelector('.user-nav a[href="/en/sign-up"]'), null);
    assert.equal((await signedIn.get('/en/sign-up')).statusCode, 303);
  });

  // Last: it makes version 2 of the privacy notice, which the forms above do not name.
  test('a text changed while the form was open is asked for again', async () => {
    const staff = await TestClient.signedIn(t.app, 'secretariat@kenes.demo');
    await staff.postExpect(303, '/en/privacy/edit', {
      version: '1',
      body_kk: 'Жаңа мәтін',
      body_ru: 'Новый текст',
      body_en: 'A new text',
    });
    const c = new TestClient(t.app);
    const res = await signUp(c, 'en', { email: 'stale@example.org' });
    assert.equal(res.statusCode, 422);
    const doc = parseHtml(res.body);
    assert.match(textOf(doc.querySelector('#error-privacy')), /has changed/);
    assert.equal(doc.querySelector('input[name="privacyVersion"]')?.getAttribute('value'), '2');
    assert.equal(doc.querySelector('#field-privacy')?.hasAttribute('checked'), false, 'ticked again by the person');
    assert.equal(doc.querySelector('#field-terms')?.hasAttribute('checked'), true);
    assert.equal((await signUp(c, 'en', { email: 'stale@example.org', privacyVersion: '2' })).statusCode, 303);
    const consent = await t.db
      .selectFrom('consents as c')
      .innerJoin('users as u', 'u.id', 'c.user_id')
      .select('c.version')
      .where('u.email', '=', 'stale@example.org')
      .where('c.kind', '=', 'privacy')
      .executeTakeFirst();
    assert.equal(consent?.version, 2);
  });
});
