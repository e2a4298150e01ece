import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_PASSWORD } from '../demo/content.ts';
import { createTestApp, type TestApp } from '../testing/app.ts';
import { TestClient } from '../testing/client.ts';

/*
 * Sign-in as deployed: behind https, and behind proxies that TRUST_PROXY names. Each case needs an
 * app built with its own settings, hence this file apart from accounts.test.ts.
 */

describe('behind https', () => {
  let t: TestApp;
  before(async () => {
    // No TRUST_PROXY: Kenes sees plain http from the proxy, yet users reach it by https.
    t = await createTestApp({ demo: true, config: { publicUrl: 'https://kenes.example.org' } });
  });
  after(() => t.close());

  test('the session cookie is Secure when PUBLIC_URL is https, whatever TRUST_PROXY says', async () => {
    const c = new TestClient(t.app);
    const res = await c.signIn('admin@kenes.demo');
    const session = res.cookies.find((k) => k.name === 'kenes_session');
    assert.equal(session?.secure, true, 'session cookie');
    const csrf = (await new TestClient(t.app).get('/en/sign-in')).cookies.find((k) => k.name === 'kenes_csrf');
    assert.equal(csrf?.secure, true, 'CSRF cookie');
    const lang = (await new TestClient(t.app).get('/ru/')).cookies.find((k) => k.name === 'lang');
    assert.equal(lang?.secure, true, 'language cookie');
    // The flash message after a form (here: a profile saved) rides in a cookie too.
    const profile = await c.post('/en/account', { displayName: 'Admin', locale: 'en' });
    assert.equal(profile.statusCode, 303);
    assert.equal(profile.cookies.find((k) => k.name === 'kenes_flash')?.secure, true, 'flash cookie');
  });
});

/** 40 failed sign-ins by one client that writes a new X-Forwarded-For each time. */
async function rotatingForwardedFor(t: TestApp, proxy: string, client: string) {
  const c = new TestClient(t.app);
  const statuses: number[] = [];
  for (let i = 0; i < 40; i++) {
    const res = await c.post(
      '/en/sign-in',
      { email: `guess${i}@example.org`, password: 'guess-guess' },
      // The client's own header comes first; the proxy appends the address it saw.
      { remoteAddress: proxy, headers: { 'x-forwarded-for': `198.51.100.${i}, ${client}` } },
    );
    statuses.push(res.statusCode);
  }
  return statuses;
}

for (const [label, trustProxy, proxy] of [
  ['one proxy hop (TRUST_PROXY=1)', 1, '192.0.2.10'],
  ['a proxy named by address (TRUST_PROXY=10.0.0.0/8)', '10.0.0.0/8', '10.0.0.5'],
] as const) {
  describe(`behind ${label}`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp({ demo: true, config: { trustProxy } });
    });
    after(() => t.close());

    test('rotating X-Forwarded-For does not escape the per-address limit', async () => {
      const statuses = await rotatingForwardedFor(t, proxy, '203.0.113.7');
      assert.deepEqual(statuses.slice(0, 20), Array(20).fill(422));
      assert.deepEqual(statuses.slice(20), Array(20).fill(429), 'blocked after 20 failures from one address');
      // Another client behind the same proxy is someone else.
      const other = await new TestClient(t.app).post(
        '/en/sign-in',
        { email: 'ngo@kenes.demo', password: DEMO_PASSWORD },
        { remoteAddress: proxy, headers: { 'x-forwarded-for': '203.0.113.8' } },
      );
      assert.equal(other.statusCode, 303);
    });
  });
}
