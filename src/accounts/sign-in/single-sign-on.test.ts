import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { oidcClient } from '../../core/auth/oidc.ts';
import { ROLES } from '../../core/db/schema-accounts.ts';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { errorsOf, parseHtml, textOf } from '../../testing/html.ts';
import { startTestProvider, type TestProvider, throughProvider } from '../../testing/openid-provider.ts';

// Kenes (in-process, PUBLIC_URL http://localhost:3000) and a real OpenID Provider on 127.0.0.1:
// the browser goes Kenes → the provider's authorization endpoint → its login and consent pages →
// Kenes's callback, every step a real request; Kenes reaches the provider's discovery, token,
// keys and UserInfo endpoints over HTTP itself.
const CALLBACK = 'http://localhost:3000/sign-in/oidc/callback';
let provider: TestProvider;
let t: TestApp;

before(async () => {
  provider = await startTestProvider(
    {
      secretariat: { email: 'secretariat@kenes.demo', email_verified: true, name: 'Secretariat' },
      chair: { email: 'Chair@Kenes.Demo', email_verified: true },
      unverified: { email: 'admin@kenes.demo', email_verified: false },
      stranger: { email: 'nobody@elsewhere.example', email_verified: true },
      nameless: { name: 'No e-mail' },
    },
    CALLBACK,
  );
  t = await createTestApp({
    demo: true,
    config: {
      oidc: {
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        emailClaim: 'email',
        name: { en: 'Test ID', ru: 'Test ID' },
      },
      // Staff roles sign in only through the provider.
      passwordSignInRoles: ROLES.filter((r) => r !== 'secretariat' && r !== 'chair'),
    },
  });
});
after(async () => {
  await t?.close();
  await provider?.close();
});

/** Starts at Kenes's button, signs in at the provider as `login`, and returns Kenes's answer to the callback. */
async function signInAs(c: TestClient, login: string, lang = 'en', opts: { cancel?: boolean } = {}) {
  const start = await c.get(`/${lang}/sign-in/oidc?next=/${lang}/meetings`);
  assert.equal(start.statusCode, 303, start.body);
  const authorize = new URL(String(start.headers.location));
  assert.equal(authorize.origin, provider.issuer);
  const callback = await throughProvider(authorize.href, login, opts);
  assert.equal(`${callback.origin}${callback.pathname}`, CALLBACK);
  return c.get(`${callback.pathname}${callback.search}`);
}

describe('single sign-on with OpenID Connect', () => {
  test('the sign-in page offers the provider, in the page language', async () => {
    const page = parseHtml((await new TestClient(t.app).get('/en/sign-in')).body);
    const button = page.querySelector('a.button[href^="/en/sign-in/oidc"]');
    assert.equal(textOf(button), 'Sign in with Test ID');
    const kk = parseHtml((await new TestClient(t.app).get('/kk/sign-in')).body);
    assert.equal(textOf(kk.querySelector('a.button[href^="/kk/sign-in/oidc"]')), 'Ұйым тіркелгісі арқылы кіру');
  });

  test('the whole flow opens a session for the account of the verified e-mail, audited', async () => {
    const c = new TestClient(t.app);
    const start = await c.get('/en/sign-in/oidc?next=/en/meetings');
    const authorize = new URL(String(start.headers.location));
    // Authorization code flow with PKCE (S256), state and nonce.
    assert.equal(authorize.searchParams.get('response_type'), 'code');
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(authorize.searchParams.get('state') && authorize.searchParams.get('nonce'));
    assert.equal(authorize.searchParams.get('redirect_uri'), CALLBACK);
    const callback = await throughProvider(authorize.href, 'secretariat');
    const res = await c.get(`${callback.pathname}${callback.search}`);
    assert.equal(res.statusCode, 303, errorsOf(res.body));
    assert.equal(res.headers.location, '/en/meetings');
    const session = res.cookies.find((k) => k.name === 'kenes_session');
    assert.equal(session?.httpOnly, true);
    assert.equal(session?.sameSite, 'Lax');
    const account = await c.get('/en/account');
    assert.equal(account.statusCode, 200);
    assert.match(textOf(parseHtml(account.body).querySelector('main')), /secretariat@kenes\.demo/);
    // The secretariat's pages open: the session is the secretariat's.
    assert.equal((await c.get('/en/admin')).statusCode, 200);
    const entry = await t.db
      .selectFrom('audit_log')
      .select(['action', 'after', 'actor_label'])
      .where('action', '=', 'sign_in')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(entry.actor_label, 'secretariat@kenes.demo');
    assert.deepEqual(
      {
        method: (entry.after as Record<string, unknown>).method,
        issuer: (entry.after as Record<string, unknown>).issuer,
      },
      { method: 'oidc', issuer: provider.issuer },
    );
    // The callback's address cannot be used twice: the code is spent and the browser's checks are gone.
    const again = await c.get(`${callback.pathname}${callback.search}`);
    assert.equal(again.statusCode, 400);
  });

  test('an address the provider sends in capitals finds its account', async () => {
    const c = new TestClient(t.app);
    const res = await signInAs(c, 'chair');
    assert.equal(res.statusCode, 303, errorsOf(res.body));
    assert.match(textOf(parseHtml((await c.get('/en/account')).body).querySelector('main')), /chair@kenes\.demo/);
  });

  test('an e-mail the provider has not verified is refused, in the language the sign-in started in', async () => {
    for (const [lang, message] of [
      ['en', /has not confirmed that the address admin@kenes\.demo is yours/],
      ['ru', /не подтвердил, что адрес admin@kenes\.demo принадлежит вам/],
      ['kk', /admin@kenes\.demo мекенжайы сізге тиесілі екенін растамады/],
    ] as const) {
      const c = new TestClient(t.app);
      const res = await signInAs(c, 'unverified', lang);
      assert.equal(res.statusCode, 403);
      assert.match(errorsOf(res.body), message);
      assert.equal(parseHtml(res.body).querySelector('html')?.getAttribute('lang'), lang);
      assert.equal(c.cookies.has('kenes_session'), false);
      assert.equal((await c.get('/en/account')).statusCode, 303, 'a visitor is sent to sign in');
    }
  });

  test('an e-mail without an account, or none at all, is refused: no account is created', async () => {
    const users = await t.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const stranger = await signInAs(new TestClient(t.app), 'stranger');
    assert.equal(stranger.statusCode, 403);
    assert.match(errorsOf(stranger.body), /No active Kenes account uses the address nobody@elsewhere\.example/);
    const nameless = await signInAs(new TestClient(t.app), 'nameless', 'ru');
    assert.equal(nameless.statusCode, 403);
    assert.match(errorsOf(nameless.body), /не сообщил адрес электронной почты/);
    const after = await t.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(after.n, users.n);
  });

  test('a disabled account is refused like an unknown one', async () => {
    await t.db.updateTable('users').set({ disabled_at: new Date() }).where('email', '=', 'chair@kenes.demo').execute();
    try {
      const res = await signInAs(new TestClient(t.app), 'chair');
      assert.equal(res.statusCode, 403);
      assert.match(errorsOf(res.body), /No active Kenes account uses the address chair@kenes\.demo/);
    } finally {
      await t.db.updateTable('users').set({ disabled_at: null }).where('email', '=', 'chair@kenes.demo').execute();
    }
  });

  test('a callback whose state is not the one this browser started with is refused', async () => {
    const c = new TestClient(t.app);
    const start = await c.get('/en/sign-in/oidc');
    const callback = await throughProvider(String(start.headers.location), 'secretariat');
    // The attacker's own code and state, delivered to a victim's browser (login CSRF): another state.
    const forged = new URL(callback);
    forged.searchParams.set('state', 'not-the-state-this-browser-started-with');
    const res = await c.get(`${forged.pathname}${forged.search}`);
    assert.equal(res.statusCode, 400);
    assert.match(errorsOf(res.body), /could not be completed/);
    assert.equal(c.cookies.has('kenes_session'), false);
    // … and a browser that started nothing has no checks at all.
    const other = await new TestClient(t.app).get(`${callback.pathname}${callback.search}`);
    assert.equal(other.statusCode, 400);
    // A checks cookie that Kenes did not sign is ignored.
    const tampered = new TestClient(t.app);
    tampered.cookies.set(
      'kenes_oidc',
      encodeURIComponent(JSON.stringify({ state: callback.searchParams.get('state') })),
    );
    assert.equal((await tampered.get(`${callback.pathname}${callback.search}`)).statusCode, 400);
  });

  test('cancelling at the provider comes back as a clear refusal', async () => {
    const res = await signInAs(new TestClient(t.app), 'secretariat', 'en', { cancel: true });
    assert.equal(res.statusCode, 403);
    assert.match(errorsOf(res.body), /cancelled at the identity provider/);
  });

  test('a role with password sign-in off cannot use the password form, and is pointed to the button', async () => {
    const c = new TestClient(t.app);
    const res = await c.post('/en/sign-in', { email: 'secretariat@kenes.demo', password: 'kenes-demo-2026' });
    assert.equal(res.statusCode, 403);
    assert.match(errorsOf(res.body), /role "secretariat" sign in with the button "Sign in with Test ID"/);
    assert.equal(c.cookies.has('kenes_session'), false);
    const ru = await new TestClient(t.app).post('/ru/sign-in', {
      email: 'chair@kenes.demo',
      password: 'kenes-demo-2026',
    });
    assert.match(errorsOf(ru.body), /ролью «председатель» входят кнопкой «Войти через Test ID»/);
    // A wrong password says only that it is wrong: the role of an address is not given away.
    const wrong = await new TestClient(t.app).post('/en/sign-in', {
      email: 'secretariat@kenes.demo',
      password: 'wrong',
    });
    assert.equal(wrong.statusCode, 422);
    assert.match(errorsOf(wrong.body), /The e-mail or the password is wrong/);
    // Other roles still sign in with their password.
    await TestClient.signedIn(t.app, 'citizen@kenes.demo');
  });
});

test('a provider that does not answer is told apart from a refusal', async () => {
  const client = oidcClient(
    { issuer: 'http://127.0.0.1:9', clientId: 'x', clientSecret: 'y', emailClaim: 'email', name: {} },
    { timeoutMs: 2000 },
  );
  await assert.rejects(client.start(CALLBACK, '/en/', 'en'), { name: 'OidcError', kind: 'unreachable' });
});
