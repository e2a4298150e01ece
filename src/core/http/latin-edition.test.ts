import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_PASSWORD } from '../../demo/content.ts';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { userId } from '../../testing/data.ts';
import { cyrillicInKazakhText, parseHtml, textOf } from '../../testing/html.ts';
import { setMailChoice } from '../notifications/choices.ts';
import { sendNotificationMail } from '../notifications/mail.ts';
import { afterResponseIdle } from './after-response.ts';
import { latinCalendar, latinDocument, latinText } from './latin-edition.ts';

const CYRILLIC = /[\u0400-\u04FF]/;
const cyrillicIn = (text: string) => text.match(new RegExp(`.{0,30}${CYRILLIC.source}.{0,30}`, 'u'))?.[0];

describe('the Latin-script Kazakh edition (/kk-latn/)', () => {
  const lastMailTo = (to: string) =>
    h.db
      .selectFrom('email_outbox')
      .select(['id', 'subject', 'body_text'])
      .where('to_address', '=', to)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
  let h: TestApp;
  before(async () => {
    h = await createTestApp({ demo: true });
  });
  after(() => h.close());

  test('the transliteration of a document: text and labels in Kazakh, not what is marked as another language or typed', () => {
    const html =
      '<!doctype html><html lang="kk"><head><title>Отырыстар</title></head><body><a href="/kk/meetings" title="Барлығы">Үйге</a>' +
      '<p lang="ru">Заседания</p><a href="/kk/" hreflang="kk" lang="kk-Cyrl">Қазақша</a><textarea name="t">Мәтін</textarea>' +
      '<form action="/kk/search?q=1"><input value="Мәтін" aria-label="Іздеу"></form><p lang="kk">Бұрыңғы өткен заманда</p></body></html>';
    const out = latinDocument(html);
    assert.match(out, /<html lang="kk-Latn">/);
    assert.match(out, /<title>Otyrystar<\/title>/);
    assert.match(out, /<a href="\/kk-latn\/meetings" title="Barlyğy">Üige<\/a>/);
    assert.match(out, /<p lang="ru">Заседания<\/p>/, 'Russian stays Russian');
    assert.match(
      out,
      /<a href="\/kk\/" hreflang="kk" lang="kk-Cyrl">Қазақша<\/a>/,
      'the link to the Cyrillic edition stays',
    );
    assert.match(out, /<textarea name="t">Мәтін<\/textarea>/, 'what a user typed is not changed');
    assert.match(out, /action="\/kk-latn\/search\?q=1"/);
    assert.match(out, /value="Мәтін" aria-label="Izdeu"/);
    assert.match(out, /<p lang="kk-Latn">Būryñğy ötken zamanda<\/p>/);
  });

  test('pages: no Cyrillic left in the Kazakh text; links, forms and redirects stay in the edition; the choice is remembered', async () => {
    for (const path of [
      '/',
      '/meetings',
      '/meetings/1',
      '/proposals',
      '/recommendations',
      '/cycles',
      '/organisations',
      '/news',
      '/search?q=бала',
      '/sign-in',
    ]) {
      const res = await h.app.inject(`/kk-latn${path}`);
      assert.equal(res.statusCode, 200, path);
      assert.deepEqual(cyrillicInKazakhText(res.body), [], `${path}: Cyrillic left`);
      if (path === '/sign-in')
        assert.ok(cyrillicInKazakhText((await h.app.inject(`/kk${path}`)).body).length > 0, 'the check can fail');
      const page = parseHtml(res.body);
      for (const a of page.querySelectorAll('a[href^="/kk/"]'))
        assert.equal(a.getAttribute('hreflang'), 'kk', `${path}: ${a.getAttribute('href')}`);
      assert.equal(page.querySelector('html')?.getAttribute('lang'), 'kk-Latn');
      assert.equal(page.querySelector('a[hreflang="kk-Latn"]')?.getAttribute('aria-current'), 'true');
    }
    const visitor = new TestClient(h.app);
    const page = await visitor.get('/kk-latn/meetings');
    assert.match(String(page.headers['set-cookie']), /lang=kk-latn/);
    const home = await visitor.get('/');
    assert.equal(home.headers.location, '/kk-latn/');
    const signIn = await visitor.postExpect(422, '/kk-latn/sign-in', {
      email: 'secretariat@kenes.demo',
      password: 'wrong password 1',
    });
    assert.match(textOf(parseHtml(signIn.body).querySelector('.error-summary')), /^[^\u0400-\u04FF]+$/u);
    const ok = await visitor.signIn('secretariat@kenes.demo');
    assert.ok(ok.statusCode === 303);
    const out = await visitor.post('/kk-latn/sign-out', {});
    assert.match(String(out.headers.location), /^\/kk-latn\//);
  });

  test('plain text and calendars: transliterated, addresses in the edition, lines folded at 75 octets', () => {
    assert.equal(
      latinText(
        'Жиналыс: https://kenes.example/kk/meetings/1 және https://kenes.example/kk?x, /kk/news, https://kenes.example/kk-latn/',
      ),
      'Jinalys: https://kenes.example/kk-latn/meetings/1 jäne https://kenes.example/kk-latn?x, /kk/news, https://kenes.example/kk-latn/',
    );
    const long = 'Балалар құқықтары жөніндегі кеңестің отырысы, Астана қаласындағы Үкімет үйінде';
    const ics = `BEGIN:VCALENDAR\r\nSUMMARY:${long}\r\nURL;VALUE=URI:https://kenes.example/kk/meetings/7\r\nEND:VCALENDAR\r\n`;
    // Folded as a calendar program receives it: 75 octets a line, the rest after CRLF and a space.
    const folded = ics.replace(/(SUMMARY:.{20})/u, '$1\r\n ');
    const out = latinCalendar(folded);
    for (const line of out.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, line);
    const unfolded = out.replace(/\r\n /g, '');
    assert.match(
      unfolded,
      /SUMMARY:Balalar qūqyqtary jönındegı keñestıñ otyrysy, Astana qalasyndağy Ükımet üiınde\r\n/,
    );
    assert.match(unfolded, /URL;VALUE=URI:https:\/\/kenes\.example\/kk-latn\/meetings\/7\r\n/);
    assert.ok(out.endsWith('END:VCALENDAR\r\n'));
  });

  test('feeds and calendars of the edition: Latin text, links in the edition, and the pages offer them', async () => {
    const page = parseHtml((await h.app.inject('/kk-latn/news')).body);
    const offered = page.querySelectorAll('link[rel="alternate"][type], a[href$=".atom"], a[href$=".ics"]');
    assert.ok(offered.length >= 3);
    for (const link of offered) assert.match(link.getAttribute('href') ?? '', /^\/kk-latn\//);
    const alternates = page.querySelectorAll('link[rel="alternate"][hreflang]').map((l) => l.getAttribute('hreflang'));
    assert.deepEqual(alternates, ['kk', 'ru', 'en', 'kk-Latn']);
    assert.equal(page.querySelector('link[hreflang="kk-Latn"]')?.getAttribute('href'), '/kk-latn/news');

    const atom = await h.app.inject('/kk-latn/news.atom');
    assert.equal(atom.statusCode, 200);
    assert.match(atom.headers['content-type'] as string, /^application\/atom\+xml/);
    assert.match(atom.body, /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom" xml:lang="kk-Latn">/);
    assert.equal(cyrillicIn(atom.body), undefined, 'no Cyrillic in the feed');
    assert.match(atom.body, /<entry>/);
    const addresses = [...atom.body.matchAll(/(?:href="|<id>)(https?:\/\/[^"<]*)/g)].map((m) => m[1] as string);
    assert.ok(addresses.length > 3);
    for (const a of addresses) assert.match(a, /^https?:\/\/[^/]+\/kk-latn\//, a);
    // The Cyrillic edition's feed is untouched.
    assert.match((await h.app.inject('/kk/news.atom')).body, /xml:lang="kk"[\s\S]*[\u0400-\u04FF]/);

    for (const path of ['/meetings.ics', '/meetings/1.ics', '/cycles.ics']) {
      const res = await h.app.inject(`/kk-latn${path}`);
      assert.equal(res.statusCode, 200, path);
      assert.match(res.headers['content-type'] as string, /^text\/calendar/);
      assert.equal(cyrillicIn(res.body), undefined, `${path}: no Cyrillic`);
      assert.match(res.body, /SUMMARY:/);
      for (const line of res.body.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `${path}: ${line}`);
      const urls = res.body.replace(/\r\n /g, '').match(/^URL[^:]*:.*$/gm) ?? [];
      assert.ok(urls.length > 0, path);
      for (const url of urls) assert.match(url, /\/kk-latn\//, `${path}: ${url}`);
      assert.match((await h.app.inject(`/kk${path}`)).body, /[\u0400-\u04FF]/, `${path}: the Cyrillic edition stays`);
    }
  });

  test('errors, flash messages, sign-in return paths and forms stay in the edition', async () => {
    const missing = await h.app.inject('/kk-latn/no-such-page');
    assert.equal(missing.statusCode, 404);
    assert.equal(parseHtml(missing.body).querySelector('html')?.getAttribute('lang'), 'kk-Latn');
    assert.deepEqual(cyrillicInKazakhText(missing.body), []);
    const visitor = new TestClient(h.app);
    const account = await visitor.get('/kk-latn/account');
    assert.equal(account.statusCode, 303);
    const signInAt = String(account.headers.location);
    assert.match(signInAt, /^\/kk-latn\/sign-in\?next=/);
    const form = parseHtml((await visitor.get(signInAt)).body);
    const next = form.querySelector('input[name="next"]')?.getAttribute('value') ?? '';
    const back = await visitor.post('/kk-latn/sign-in', {
      email: 'citizen@kenes.demo',
      password: DEMO_PASSWORD,
      next,
    });
    assert.equal(back.headers.location, '/kk-latn/account');
    const invalid = await visitor.postExpect(422, '/kk-latn/account', { displayName: '', locale: 'kk-latn' });
    assert.deepEqual(cyrillicInKazakhText(invalid.body), []);
    const forged = await visitor.postExpect(403, '/kk-latn/account', {
      displayName: 'X',
      locale: 'kk',
      _csrf: 'forged',
    });
    assert.equal(parseHtml(forged.body).querySelector('html')?.getAttribute('lang'), 'kk-Latn');
    assert.deepEqual(cyrillicInKazakhText(forged.body), []);
  });

  test('a user who chooses Latin-script Kazakh gets e-mails, digests and the personal calendar in it', async () => {
    const citizen = await TestClient.signedIn(h.app, 'citizen@kenes.demo');
    const page = parseHtml((await citizen.get('/kk-latn/account')).body);
    const options = page.querySelectorAll('#field-locale option');
    assert.deepEqual(
      options.map((o) => [o.getAttribute('value'), o.getAttribute('lang'), o.textContent]),
      [
        ['kk', 'kk-Cyrl', 'Қазақша'],
        ['kk-latn', 'kk-Latn', 'Qazaqşa'],
        ['ru', 'ru', 'Русский'],
        ['en', 'en', 'English'],
      ],
    );
    const saved = await citizen.postExpect(303, '/kk-latn/account', { displayName: 'Azamat', locale: 'kk-latn' });
    assert.equal(saved.headers.location, '/kk-latn/account');
    const after = parseHtml((await citizen.get('/kk-latn/account')).body);
    assert.equal(after.querySelector('#field-locale option[selected]')?.getAttribute('value'), 'kk-latn');
    const flash = textOf(after.querySelector('.flash'));
    assert.ok(flash.length > 0 && !CYRILLIC.test(flash), flash);

    // A password reset: the message in Latin script, its link to the edition.
    await new TestClient(h.app).post('/kk/password-reset', { email: 'citizen@kenes.demo' });
    await afterResponseIdle(h.app);
    const reset = await lastMailTo('citizen@kenes.demo');
    assert.equal(cyrillicIn(`${reset.subject}\n${reset.body_text}`), undefined);
    assert.match(reset.body_text, /\/kk-latn\/password-reset\/[A-Za-z0-9_-]+/);

    // A digest: the citizen follows a proposal, someone endorses it.
    await setMailChoice(h.db, await userId(h.db, 'citizen@kenes.demo'), '*', 'daily');
    const target = await h.db
      .selectFrom('proposals')
      .select('id')
      .where('status', '=', 'assigned')
      .executeTakeFirstOrThrow();
    await citizen.postExpect(303, `/kk-latn/proposals/${target.id}/follow`, { follow: '1' });
    const ngo = await TestClient.signedIn(h.app, 'ngo@kenes.demo');
    await ngo.postExpect(303, `/en/proposals/${target.id}/endorse`, {});
    // As the mail job sends it once the few quiet minutes have passed (issue 13).
    await sendNotificationMail(h.db, h.app.notificationSources, 'https://kenes.example', { quietMs: 0 });
    const digest = await lastMailTo('citizen@kenes.demo');
    assert.notEqual(digest.id, reset.id, 'a digest was sent');
    assert.equal(cyrillicIn(`${digest.subject}\n${digest.body_text}`), undefined);
    assert.match(digest.body_text, new RegExp(`https://kenes\\.example/kk-latn/proposals/${target.id}`));
    assert.doesNotMatch(digest.body_text, /\/kk\//);

    // The personal calendar.
    const made = parseHtml((await citizen.post('/kk-latn/account/calendar', {})).body);
    const address = textOf(made.querySelector('.calendar-address'));
    const ics = await h.app.inject(new URL(address).pathname);
    assert.equal(ics.statusCode, 200);
    assert.equal(cyrillicIn(ics.body), undefined);
    assert.match(ics.body.replace(/\r\n /g, ''), /^URL[^:]*:https?:\/\/[^/]+\/kk-latn\/meetings\//m);

    // Back to Cyrillic: e-mails follow.
    await citizen.post('/kk-latn/account', { displayName: 'Azamat', locale: 'kk' });
    await new TestClient(h.app).post('/kk/password-reset', { email: 'citizen@kenes.demo' });
    await afterResponseIdle(h.app);
    assert.match((await lastMailTo('citizen@kenes.demo')).body_text, /[\u0400-\u04FF][\s\S]*\/kk\/password-reset\//);
  });

  test('an invitation in Latin-script Kazakh: its e-mail, and the account it makes, follow the choice', async () => {
    const staff = await TestClient.signedIn(h.app, 'secretariat@kenes.demo');
    const form = parseHtml((await staff.get('/kk-latn/admin')).body);
    assert.equal(form.querySelector('#field-locale option[selected]')?.getAttribute('value'), 'kk-latn');
    await staff.postExpect(303, '/kk-latn/admin/invitations', {
      email: 'dana@latin.example',
      displayName: 'Дана',
      role: 'citizen',
      locale: 'kk-latn',
    });
    const mail = await lastMailTo('dana@latin.example');
    assert.equal(cyrillicIn(`${mail.subject}\n${mail.body_text}`), undefined);
    const link = /https?:\/\/[^/\s]+(\/kk-latn\/invitations\/\S+)/.exec(mail.body_text)?.[1];
    assert.ok(link, mail.body_text);
    const person = new TestClient(h.app);
    assert.equal((await person.get(link)).statusCode, 200);
    const made = await person.postExpect(303, link, {
      password: 'a-long-latin-secret-1',
      confirm: 'a-long-latin-secret-1',
    });
    assert.match(String(made.headers.location), /^\/kk-latn\//);
    const user = await h.db
      .selectFrom('users')
      .select(['locale', 'latin_script'])
      .where('email', '=', 'dana@latin.example')
      .executeTakeFirstOrThrow();
    assert.deepEqual(user, { locale: 'kk', latin_script: true });
  });
});
