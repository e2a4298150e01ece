import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pino } from 'pino';
import { buildApp } from '../app.ts';
import { systemActor } from '../core/audit.ts';
import { afterResponseIdle } from '../core/http/after-response.ts';
import { DEMO_PASSWORD } from '../demo/content.ts';
import { useTestApp } from '../testing/app.ts';
import { TestClient } from '../testing/client.ts';
import { countRows, lastAudit, orgId, userByEmail } from '../testing/data.ts';
import { errorsOf, linkIn, parseHtml, textOf } from '../testing/html.ts';
import { naughtyStrings } from '../testing/naughty.ts';
import { createAdmin, createResetLink } from './accounts.ts';

const t = useTestApp({ demo: true });

const count = (table: 'invitations' | 'email_outbox' | 'users' | 'audit_log' | 'sessions') => countRows(t.db, table);
/** The account page's password form, with the new password confirmed. */
const changePassword = (c: TestClient, current: string, password: string) =>
  c.post('/en/account/password', { current, password, confirm: password });
const lastMail = () => t.db.selectFrom('email_outbox').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();

describe('sign in and out', () => {
  test('a demo administrator signs in; the session cookie is HttpOnly and SameSite', async () => {
    const c = new TestClient(t.app);
    const res = await c.signIn('admin@kenes.demo');
    assert.equal(res.headers.location, '/en/');
    const cookie = res.cookies.find((k) => k.name === 'kenes_session');
    assert.equal(cookie?.httpOnly, true);
    assert.equal(cookie?.sameSite, 'Lax');
    assert.equal(cookie?.maxAge, undefined, 'without "remember me" the cookie ends with the browser');
    const account = await c.get('/en/account');
    assert.equal(account.statusCode, 200);
    assert.match(textOf(parseHtml(account.body).querySelector('main')), /admin@kenes\.demo/);
    assert.match(textOf(parseHtml(account.body).querySelector('.flash')), /You are signed in/);
  });

  test('"remember me" keeps the session for 30 days', async () => {
    const c = new TestClient(t.app);
    const res = await c.signIn('citizen@kenes.demo', DEMO_PASSWORD, true);
    const cookie = res.cookies.find((k) => k.name === 'kenes_session');
    assert.equal(cookie?.maxAge, 30 * 86_400);
  });

  test('a wrong password and an unknown e-mail get the same localized answer and no session', async () => {
    const c = new TestClient(t.app);
    await c.get('/ru/sign-in');
    const wrong = await c.post('/ru/sign-in', { email: 'admin@kenes.demo', password: 'not-the-password' });
    const unknown = await c.post('/ru/sign-in', { email: 'nobody@kenes.demo', password: 'not-the-password' });
    for (const res of [wrong, unknown]) {
      assert.equal(res.statusCode, 422);
      assert.match(errorsOf(res.body), /Неверный адрес электронной почты или пароль/);
      assert.equal(
        res.cookies.find((k) => k.name === 'kenes_session'),
        undefined,
      );
    }
    // What the user typed comes back, the password does not.
    const email = parseHtml(wrong.body).querySelector('#field-email')?.getAttribute('value');
    assert.equal(email, 'admin@kenes.demo');
    assert.equal(parseHtml(wrong.body).querySelector('#field-password')?.getAttribute('value'), undefined);
  });

  test('empty and malformed input is refused field by field', async () => {
    const c = new TestClient(t.app);
    const res = await c.post('/kk/sign-in', { email: 'not-an-email', password: '' });
    assert.equal(res.statusCode, 422);
    const doc = parseHtml(res.body);
    assert.match(textOf(doc.querySelector('#error-email')), /name@example\.org/);
    assert.equal(textOf(doc.querySelector('#error-password')), 'Бұл өрісті толтыру міндетті.');
    assert.equal(doc.querySelector('#field-email')?.getAttribute('aria-invalid'), 'true');
  });

  test('sign-out ends the session on the server, not only in the browser', async () => {
    const c = new TestClient(t.app);
    await c.signIn('observer@kenes.demo');
    const stolen = c.cookies.get('kenes_session') ?? '';
    const out = await c.post('/en/sign-out', {});
    assert.equal(out.statusCode, 303);
    const replay = await t.app.inject({ url: '/en/account', headers: { cookie: `kenes_session=${stolen}` } });
    assert.equal(replay.statusCode, 303);
    assert.match(String(replay.headers.location), /^\/en\/sign-in\?next=/);
  });

  test('the session works on a second Kenes process sharing the database', async () => {
    const c = new TestClient(t.app);
    await c.signIn('secretariat@kenes.demo');
    const second = await buildApp({
      config: { env: 'test', publicUrl: 'http://localhost:3000' },
      db: t.db,
      sessionSecret: 'test-secret-test-secret-test-secret!',
      logger: pino({ level: 'silent' }),
    });
    try {
      const other = new TestClient(second);
      for (const [k, v] of c.cookies) other.cookies.set(k, v);
      const res = await other.get('/ru/account');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /secretariat@kenes\.demo/);
      // and a form posted there passes the CSRF check made for the first process
      const saved = await other.post('/ru/account', { displayName: 'Айгерим С.', locale: 'ru' });
      assert.equal(saved.statusCode, 303);
    } finally {
      await second.close();
    }
  });
});

describe('sign-in throttling', () => {
  test('5 failures lock the account from that address for 15 minutes; the owner elsewhere still signs in', async () => {
    const c = new TestClient(t.app);
    for (let i = 0; i < 5; i++) {
      const res = await c.post(
        '/en/sign-in',
        { email: 'chair@kenes.demo', password: `wrong-${i}` },
        { remoteAddress: '10.1.1.1' },
      );
      assert.equal(res.statusCode, 422);
    }
    const locked = await c.post(
      '/en/sign-in',
      { email: 'chair@kenes.demo', password: DEMO_PASSWORD },
      { remoteAddress: '10.1.1.1' },
    );
    assert.equal(locked.statusCode, 429, 'locked even for the right password, from where the guesses came');
    assert.equal(locked.headers['retry-after'], String(15 * 60));
    assert.match(errorsOf(locked.body), /Too many failed attempts for this account\. Try again in 15 minutes/);
    assert.equal(
      locked.cookies.find((k) => k.name === 'kenes_session'),
      undefined,
    );
    // A stranger's guesses do not keep the chair out before a meeting.
    const fromElsewhere = await new TestClient(t.app).post(
      '/en/sign-in',
      { email: 'chair@kenes.demo', password: DEMO_PASSWORD },
      { remoteAddress: '10.2.2.2' },
    );
    assert.equal(fromElsewhere.statusCode, 303, 'the owner signs in from another address');
    const otherAccount = await new TestClient(t.app).post(
      '/en/sign-in',
      { email: 'mia@kenes.demo', password: DEMO_PASSWORD },
      { remoteAddress: '10.1.1.1' },
    );
    assert.equal(otherAccount.statusCode, 303);
  });

  test('50 failures within an hour from many addresses lock the account everywhere; a reset lifts it', async () => {
    await createAdmin(t.db, 'many-guesses@example.org', 'first-secret-1', 'Many Guesses');
    const c = new TestClient(t.app);
    for (let i = 0; i < 50; i++) {
      const res = await c.post(
        '/en/sign-in',
        { email: 'many-guesses@example.org', password: `wrong-${i}` },
        // Four failures per address: never 5 from one place, never 20 from one network.
        { remoteAddress: `10.50.${Math.floor(i / 4)}.1` },
      );
      assert.equal(res.statusCode, 422, `attempt ${i}`);
    }
    const locked = await new TestClient(t.app).post(
      '/en/sign-in',
      { email: 'many-guesses@example.org', password: 'first-secret-1' },
      { remoteAddress: '10.99.99.99' },
    );
    assert.equal(locked.statusCode, 429);
    assert.equal(locked.headers['retry-after'], String(60 * 60));
    assert.match(errorsOf(locked.body), /Too many failed attempts for this account/);
    // The owner is never stuck: a reset link sets a new password and clears the count.
    const link = await createResetLink(t.db, 'many-guesses@example.org', systemActor('test'));
    const reset = await c.post(`/en/password-reset/${link}`, {
      password: 'observer-secret-9',
      confirm: 'observer-secret-9',
    });
    assert.equal(reset.statusCode, 303);
    const after = await new TestClient(t.app).post(
      '/en/sign-in',
      { email: 'many-guesses@example.org', password: 'observer-secret-9' },
      { remoteAddress: '10.99.99.99' },
    );
    assert.equal(after.statusCode, 303);
  });

  test('20 failures from one address block that address, whatever the account', async () => {
    const c = new TestClient(t.app);
    for (let i = 0; i < 20; i++) {
      await c.post(
        '/ru/sign-in',
        { email: `guess${i}@example.org`, password: 'guess-guess' },
        { remoteAddress: '10.3.3.3' },
      );
    }
    const blocked = await c.post(
      '/ru/sign-in',
      { email: 'ngo@kenes.demo', password: DEMO_PASSWORD },
      { remoteAddress: '10.3.3.3' },
    );
    assert.equal(blocked.statusCode, 429);
    assert.match(errorsOf(blocked.body), /из вашей сети\. Повторите через 15 минут/);
    const elsewhere = await c.post(
      '/ru/sign-in',
      { email: 'ngo@kenes.demo', password: DEMO_PASSWORD },
      { remoteAddress: '10.4.4.4' },
    );
    assert.equal(elsewhere.statusCode, 303);
  });
});

describe('CSRF', () => {
  test("a form without a token, with a forged one, or with another browser's token changes nothing", async () => {
    const before = await count('sessions');
    const c = new TestClient(t.app);
    const none = await c.post('/en/sign-in', { email: 'admin@kenes.demo', password: DEMO_PASSWORD }, { csrf: false });
    assert.equal(none.statusCode, 403);
    assert.match(
      textOf(parseHtml(none.body).querySelector('main')),
      /This form has expired or did not come from Kenes/,
    );
    const forged = await c.post('/en/sign-in', {
      _csrf: 'forged-token',
      email: 'admin@kenes.demo',
      password: DEMO_PASSWORD,
    });
    assert.equal(forged.statusCode, 403);
    const a = new TestClient(t.app);
    await a.get('/en/sign-in');
    const token =
      parseHtml((await a.get('/en/sign-in')).body)
        .querySelector('input[name="_csrf"]')
        ?.getAttribute('value') ?? '';
    const b = new TestClient(t.app);
    await b.get('/en/');
    const crossed = await b.post('/en/sign-in', { _csrf: token, email: 'admin@kenes.demo', password: DEMO_PASSWORD });
    assert.equal(crossed.statusCode, 403);
    const ru = await new TestClient(t.app).post('/ru/sign-out', {}, { csrf: false });
    assert.match(textOf(parseHtml(ru.body).querySelector('main')), /Срок действия формы истёк/);
    assert.equal(await count('sessions'), before);
  });
});

describe('CSRF tokens belong to a session, and other sites cannot post', () => {
  const tokenOf = (body: string) => parseHtml(body).querySelector('input[name="_csrf"]')?.getAttribute('value') ?? '';
  const nameOf = async (email: string) =>
    (await t.db.selectFrom('users').select('display_name').where('email', '=', email).executeTakeFirstOrThrow())
      .display_name;

  test("a token from one session is refused in another on the same browser, and a visitor's after sign-in", async () => {
    const c = new TestClient(t.app);
    const visitorToken = tokenOf((await c.get('/en/sign-in')).body);
    await c.signIn('secretariat@kenes.demo');
    const before = await nameOf('secretariat@kenes.demo');
    const early = await c.post('/en/account', { _csrf: visitorToken, displayName: 'Planted', locale: 'en' });
    assert.equal(early.statusCode, 403, 'a token from before sign-in');
    const staffToken = tokenOf((await c.get('/en/account')).body);
    assert.equal((await c.post('/en/sign-out', {})).statusCode, 303);
    // The next person at this computer keeps the browser's CSRF cookie, not the last session.
    await c.signIn('citizen@kenes.demo');
    const replay = await c.post('/ru/account', { _csrf: staffToken, displayName: 'Planted', locale: 'en' });
    assert.equal(replay.statusCode, 403, "the previous session's token");
    assert.match(textOf(parseHtml(replay.body).querySelector('main')), /Срок действия формы истёк/);
    assert.equal(await nameOf('secretariat@kenes.demo'), before);
    assert.notEqual(await nameOf('citizen@kenes.demo'), 'Planted');
    // The token of this session, from a page of it, works.
    await c.get('/en/account');
    assert.equal((await c.post('/en/account', { displayName: 'Citizen', locale: 'en' })).statusCode, 303);
  });

  test('a state-changing request from another origin is refused with 403 in the reader’s language', async () => {
    const c = new TestClient(t.app);
    await c.signIn('secretariat@kenes.demo');
    await c.get('/ru/account');
    const before = await nameOf('secretariat@kenes.demo');
    const form = { displayName: 'Cross-site', locale: 'ru' };
    for (const headers of <Record<string, string>[]>[
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'http://localhost:3000', 'sec-fetch-site': 'cross-site' },
      { origin: 'http://kenes.localhost:3000', 'sec-fetch-site': 'same-site' },
    ]) {
      const res = await c.post('/ru/account', form, { headers });
      assert.equal(res.statusCode, 403, JSON.stringify(headers));
      assert.match(textOf(parseHtml(res.body).querySelector('main')), /Этот запрос пришёл с другого сайта/);
    }
    assert.equal(await nameOf('secretariat@kenes.demo'), before, 'nothing changed');
    // Kenes's own pages: Origin of PUBLIC_URL, or a browser that says same-origin under another name.
    for (const headers of <Record<string, string>[]>[
      { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' },
      { origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' },
      { origin: 'http://localhost:3000' },
    ]) {
      const res = await c.post('/ru/account', { displayName: before, locale: 'ru' }, { headers });
      assert.equal(res.statusCode, 303, JSON.stringify(headers));
    }
  });
});

describe('invitations', () => {
  test('the secretariat invites; the link sets a password, creates the account in its organisation, signs in', async () => {
    const staff = new TestClient(t.app);
    await staff.signIn('secretariat@kenes.demo');
    const mia = await orgId(t.db, 'ministry-of-justice');
    const res = await staff.post('/en/admin/invitations', {
      email: 'Erlan@Justice.example.KZ ',
      displayName: 'Ерлан Юстиция',
      role: 'representative',
      organisationId: mia,
      locale: 'ru',
    });
    assert.equal(res.statusCode, 303);
    const admin = await staff.get('/en/admin');
    assert.match(
      textOf(parseHtml(admin.body).querySelector('.flash')),
      /invitation to erlan@justice\.example\.kz has been sent/,
    );

    const mail = await lastMail();
    assert.equal(mail.to_address, 'erlan@justice.example.kz');
    assert.equal(mail.subject, 'Приглашение в Kenes');
    assert.match(mail.body_text, /Министерство юстиции Республики Казахстан/);
    const link = linkIn(mail.body_text);

    const person = new TestClient(t.app);
    const page = await person.get(link);
    assert.equal(page.statusCode, 200);
    assert.match(textOf(parseHtml(page.body).querySelector('main')), /представитель организации/);
    const weak = await person.post(link, { password: 'password123', confirm: 'password123' });
    assert.equal(weak.statusCode, 422);
    assert.match(errorsOf(weak.body), /слишком распространён/);
    const short = await person.post(link, { password: 'short', confirm: 'short' });
    assert.match(errorsOf(short.body), /не менее 10 символов/);
    const mismatch = await person.post(link, { password: 'a-long-new-secret-1', confirm: 'a-long-new-secret-2' });
    assert.match(errorsOf(mismatch.body), /Пароли не совпадают/);
    const ok = await person.post(link, { password: 'a-long-new-secret-1', confirm: 'a-long-new-secret-1' });
    assert.equal(ok.statusCode, 303);
    const account = await person.get('/en/account');
    assert.match(
      textOf(parseHtml(account.body).querySelector('main')),
      /organisation representative.*Ministry of Justice/,
    );

    const user = await userByEmail(t.db, 'erlan@justice.example.kz');
    assert.equal(user.role, 'representative');
    assert.equal(user.organisation_id, mia);
    const position = await t.db
      .selectFrom('positions')
      .selectAll()
      .where('person_id', '=', user.person_id ?? '')
      .executeTakeFirstOrThrow();
    assert.equal(position.organisation_id, mia);

    const again = await new TestClient(t.app).get(link);
    assert.equal(again.statusCode, 404);
    assert.match(again.body, /Срок действия приглашения истёк, оно отозвано или уже использовано/);

    const trail = await t.db
      .selectFrom('audit_log')
      .select(['entity', 'action', 'actor_label'])
      .where('entity', 'in', ['invitation', 'user'])
      .where('actor_label', 'in', ['secretariat@kenes.demo', 'erlan@justice.example.kz'])
      .where('action', '=', 'create')
      .execute();
    assert.deepEqual(trail.map((r) => `${r.actor_label} ${r.entity} ${r.action}`).sort(), [
      'erlan@justice.example.kz user create',
      'secretariat@kenes.demo invitation create',
    ]);
  });

  test('bad invitations are refused with a message per field, and nothing is written', async () => {
    const staff = new TestClient(t.app);
    await staff.signIn('secretariat@kenes.demo');
    const [invitations, mails, audits] = [
      await count('invitations'),
      await count('email_outbox'),
      await count('audit_log'),
    ];
    const cases: [Record<string, string>, RegExp][] = [
      [
        { email: 'admin@kenes.demo', displayName: 'Dup', role: 'citizen', locale: 'en' },
        /An account with this e-mail already exists/,
      ],
      [
        { email: 'x@example.org', displayName: 'x'.repeat(201), role: 'citizen', locale: 'en' },
        /at most 200 characters/,
      ],
      [{ email: 'x@example.org', displayName: 'Bad \u0007 bell', role: 'citizen', locale: 'en' }, /not allowed/],
      [
        { email: 'x@example.org', displayName: 'No org', role: 'representative', locale: 'en' },
        /needs an organisation/,
      ],
      [{ email: 'x@example.org', displayName: 'Boss', role: 'platform_admin', locale: 'en' }, /may not give this role/],
      [{ email: 'x@example.org', displayName: 'Role?', role: 'emperor', locale: 'en' }, /Choose one of the options/],
      [{ email: 'x@example.org', displayName: '', role: 'citizen', locale: 'en' }, /This field is required/],
      [
        { email: 'x@example.org', displayName: 'Org?', role: 'citizen', organisationId: '999999', locale: 'en' },
        /Choose one of the options/,
      ],
    ];
    for (const [form, message] of cases) {
      const res = await staff.post('/en/admin/invitations', form);
      assert.equal(res.statusCode, 422, JSON.stringify(form).slice(0, 80));
      assert.match(errorsOf(res.body), message);
    }
    assert.deepEqual(
      [await count('invitations'), await count('email_outbox'), await count('audit_log')],
      [invitations, mails, audits],
    );
  });

  test('a broken UTF-8 byte in a form is refused, not stored', async () => {
    const staff = new TestClient(t.app);
    await staff.signIn('secretariat@kenes.demo');
    await staff.get('/en/admin');
    const csrf =
      parseHtml((await staff.get('/en/admin')).body)
        .querySelector('input[name="_csrf"]')
        ?.getAttribute('value') ?? '';
    const res = await t.app.inject({
      method: 'POST',
      url: '/en/admin/invitations',
      payload: `_csrf=${encodeURIComponent(csrf)}&email=u%40example.org&displayName=%ED%A0%80broken%FF&role=citizen&locale=en`,
      headers: {
        cookie: staff.cookieHeader(),
        'content-type': 'application/x-www-form-urlencoded',
      },
    });
    assert.equal(res.statusCode, 422);
    assert.match(errorsOf(res.body), /characters that are not allowed/);
    assert.equal(
      await t.db.selectFrom('invitations').select('id').where('email', '=', 'u@example.org').executeTakeFirst(),
      undefined,
    );
  });

  test('naughty strings as names are stored as typed (normalised) or refused, never break a page', async () => {
    const staff = new TestClient(t.app);
    await staff.signIn('admin@kenes.demo');
    const failures: string[] = [];
    let stored = 0;
    for (const [i, s] of naughtyStrings().entries()) {
      const res = await staff.post('/en/admin/invitations', {
        email: `naughty${i}@example.org`,
        displayName: s,
        role: 'citizen',
        locale: 'kk',
      });
      if (res.statusCode === 303) stored++;
      else if (res.statusCode !== 422) failures.push(`${i}: ${res.statusCode}`);
    }
    assert.deepEqual(failures, []);
    assert.ok(stored > 400, `${stored} stored`);
    const page = await staff.get('/en/admin');
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /<script>alert/);
    const row = await t.db
      .selectFrom('invitations')
      .select('display_name')
      .where('email', '=', 'naughty0@example.org')
      .executeTakeFirst();
    assert.ok(row === undefined || row.display_name.length > 0);
  });
});

describe('withdrawing an invitation', () => {
  test('the link stops working and the address can be invited again', async () => {
    const staff = new TestClient(t.app);
    await staff.signIn('secretariat@kenes.demo');
    const form = { email: 'typo@example.org', displayName: 'Typo', role: 'citizen', locale: 'en' };
    assert.equal((await staff.post('/en/admin/invitations', form)).statusCode, 303);
    const link = linkIn((await lastMail()).body_text);
    assert.equal((await staff.post('/en/admin/invitations', form)).statusCode, 422, 'one open invitation per address');
    const doc = parseHtml((await staff.get('/en/admin')).body);
    const action = doc
      .querySelectorAll('form')
      .map((f) => f.getAttribute('action') ?? '')
      .find((a) => a.endsWith('/revoke'));
    assert.ok(action);
    const res = await staff.post(action, {});
    assert.equal(res.statusCode, 303);
    assert.equal((await new TestClient(t.app).get(link)).statusCode, 404);
    assert.equal((await staff.post(action, {})).statusCode, 404, 'already withdrawn');
    assert.equal((await staff.post('/en/admin/invitations', form)).statusCode, 303);
    const citizen = new TestClient(t.app);
    await citizen.signIn('citizen@kenes.demo');
    assert.equal((await citizen.post(action, {})).statusCode, 403);
  });
});

describe('password reset', () => {
  test('a link by e-mail sets a new password and ends every session', async () => {
    const old = new TestClient(t.app);
    await old.signIn('ngo@kenes.demo');
    const mailsBefore = await count('email_outbox');
    const c = new TestClient(t.app);
    const unknown = await c.post('/kk/password-reset', { email: 'nobody@kenes.demo' });
    assert.equal(unknown.statusCode, 303);
    await afterResponseIdle(t.app); // the link and its e-mail are made just after the answer
    assert.equal(await count('email_outbox'), mailsBefore, 'no mail for an unknown address');
    const res = await c.post('/kk/password-reset', { email: 'NGO@kenes.demo' });
    assert.equal(res.statusCode, 303);
    await afterResponseIdle(t.app);
    const signIn = await c.get('/kk/sign-in');
    assert.match(textOf(parseHtml(signIn.body).querySelector('.flash')), /сілтеме жіберілді/);
    const mail = await lastMail();
    assert.equal(mail.to_address, 'ngo@kenes.demo');
    assert.equal(mail.subject, 'Kenes: құпиясөзді қалпына келтіру');
    const link = linkIn(mail.body_text);
    assert.equal((await c.get(link)).statusCode, 200);
    const ok = await c.post(link, { password: 'brand-new-secret-7', confirm: 'brand-new-secret-7' });
    assert.equal(ok.statusCode, 303);
    assert.equal((await old.get('/en/account')).statusCode, 303, 'the old session is gone');
    await new TestClient(t.app).signIn('ngo@kenes.demo', 'brand-new-secret-7');
    const reuse = await c.post(link, { password: 'another-secret-77', confirm: 'another-secret-77' });
    assert.equal(reuse.statusCode, 404);
    const badToken = await c.get('/en/password-reset/not-a-token');
    assert.equal(badToken.statusCode, 404);
  });
});

describe('older reset links stop working', () => {
  /** The link of the next reset e-mail to this address (the mail may be written just after the answer). */
  async function nextResetLink(c: TestClient, email: string): Promise<string> {
    const before = await mailsTo(email);
    assert.equal((await c.post('/en/password-reset', { email })).statusCode, 303);
    for (let i = 0; i < 200; i++) {
      const mails = await mailsTo(email);
      if (mails.length > before.length) return linkIn(mails[0]?.body_text ?? '');
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no reset e-mail to ${email}`);
  }
  const mailsTo = (email: string) =>
    t.db.selectFrom('email_outbox').select('body_text').where('to_address', '=', email).orderBy('id', 'desc').execute();

  test('a newer link closes the older ones, and a reset closes every link', async () => {
    const c = new TestClient(t.app);
    const first = await nextResetLink(c, 'ombudsman@kenes.demo');
    const second = await nextResetLink(c, 'ombudsman@kenes.demo');
    assert.equal((await c.get(first)).statusCode, 404, 'the first link died when the second was sent');
    assert.equal((await c.get(second)).statusCode, 200);
    const old = await c.post(first, { password: 'ombudsman-secret-1', confirm: 'ombudsman-secret-1' });
    assert.equal(old.statusCode, 404);
    // Using the newest link leaves no link of this account open.
    const third = await nextResetLink(c, 'ombudsman@kenes.demo');
    assert.equal(
      (await c.post(third, { password: 'ombudsman-secret-2', confirm: 'ombudsman-secret-2' })).statusCode,
      303,
    );
    for (const link of [first, second, third]) assert.equal((await c.get(link)).statusCode, 404, link);
  });

  test('changing the password on the account page closes an open reset link', async () => {
    const c = new TestClient(t.app);
    const link = await nextResetLink(c, 'ombudsman@kenes.demo');
    await c.signIn('ombudsman@kenes.demo', 'ombudsman-secret-2');
    await c.get('/en/account');
    const changed = await changePassword(c, 'ombudsman-secret-2', 'ombudsman-secret-3');
    assert.equal(changed.statusCode, 303);
    assert.equal((await new TestClient(t.app).get(link)).statusCode, 404);
  });
});

describe('a reset request tells nothing of whether the address has an account', () => {
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return ((s[(s.length - 1) >> 1] ?? 0) + (s[s.length >> 1] ?? 0)) / 2;
  };

  test('the answer is the same and takes the same time (30 pairs, median difference)', async () => {
    const c = new TestClient(t.app);
    await c.get('/en/password-reset');
    const token = parseHtml((await c.get('/en/password-reset')).body)
      .querySelector('input[name="_csrf"]')
      ?.getAttribute('value');
    const cookie = c.cookieHeader();
    let address = 0;
    const request = async (email: string) => {
      address++;
      const started = performance.now();
      const res = await t.app.inject({
        method: 'POST',
        url: '/en/password-reset',
        payload: new URLSearchParams({ _csrf: token ?? '', email }).toString(),
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        // Each from its own address: the route allows 10 requests per address per 15 minutes.
        remoteAddress: `10.77.${address >> 8}.${address & 255}`,
      });
      const ms = performance.now() - started;
      // Whatever was started runs to its end before the next measurement, on both sides alike.
      await afterResponseIdle(t.app);
      return { ms, answer: [res.statusCode, res.headers.location] };
    };
    /** Median over pairs of (account exists − no account), each side first in turn. */
    const measure = async () => {
      const differences: number[] = [];
      const times: number[] = [];
      for (let i = 0; i < 40; i++) {
        const first = i % 2 === 0;
        const early = first ? await request('admin@kenes.demo') : undefined;
        const none = await request(`nobody-${i}@kenes.demo`);
        const known = early ?? (await request('admin@kenes.demo'));
        assert.deepEqual(known.answer, none.answer, 'the same answer');
        if (i < 10) continue; // warming up
        differences.push(known.ms - none.ms);
        times.push(none.ms);
      }
      return { difference: median(differences), typical: median(times) };
    };
    const mailsBefore = await count('email_outbox');
    // Before: 5.5 ms against 3.0 ms. Now the same code runs before the answer on both sides, so a
    // difference must be noise: measured again (at most 3 times) before the test gives up, since
    // other processes share this machine; a real difference shows every time.
    const attempts: string[] = [];
    let same = false;
    for (let attempt = 0; attempt < 3 && !same; attempt++) {
      const { difference, typical } = await measure();
      attempts.push(`${difference.toFixed(2)} ms in ${typical.toFixed(2)} ms`);
      same = Math.abs(difference) < 0.25 + 0.1 * typical;
    }
    assert.ok(same, `median differences: ${attempts.join(', ')}`);
    assert.ok(
      (await count('email_outbox')) >= mailsBefore + 40,
      'every request for the existing account sent its link',
    );
  });
});

describe('own account', () => {
  test('changing name and language is audited with before and after', async () => {
    const c = new TestClient(t.app);
    await c.signIn('observer@kenes.demo');
    const res = await c.post('/en/account', { displayName: 'UNDP — observer', locale: 'ru' });
    assert.equal(res.statusCode, 303);
    const entry = await lastAudit(t.db, { entity: 'user', action: 'update' });
    assert.deepEqual(entry.before, { display_name: 'UNDP observer', locale: 'en', latin_script: false });
    assert.deepEqual(entry.after, { display_name: 'UNDP — observer', locale: 'ru', latin_script: false });
    assert.equal(entry.actor_label, 'observer@kenes.demo');
    assert.ok(entry.actor_organisation_id, 'on behalf of UNDP');
    const invalid = await c.post('/en/account', { displayName: '   ', locale: 'de' });
    assert.equal(invalid.statusCode, 422);
    assert.match(errorsOf(invalid.body), /This field is required.*Choose one of the options/);
  });

  test('changing the password needs the current one; the audit never holds a password', async () => {
    const c = new TestClient(t.app);
    await c.signIn('mia@kenes.demo');
    const wrong = await changePassword(c, 'nope-nope-nope', 'mia-new-secret-1');
    assert.equal(wrong.statusCode, 422);
    assert.match(errorsOf(wrong.body), /current password is wrong/);
    const ok = await changePassword(c, DEMO_PASSWORD, 'mia-new-secret-1');
    assert.equal(ok.statusCode, 303);
    assert.equal((await c.get('/en/account')).statusCode, 200, 'still signed in here');
    const dump = JSON.stringify(await t.db.selectFrom('audit_log').select(['before', 'after']).execute());
    assert.doesNotMatch(dump, /mia-new-secret-1|\$argon2/);
  });
});
