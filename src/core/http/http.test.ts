import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { parseHtml, textOf } from '../../testing/html.ts';
import { forbidden, HttpError } from './http-error.ts';
import { langRoute } from './pages.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({
    demo: true,
    extend(app) {
      // Test-only routes that fail in each way a real handler can.
      app.get('/kk/test/boom', async () => {
        throw new Error('secret internal detail at /srv/kenes/src/thing.ts:42');
      });
      app.get('/api/test/boom', async () => {
        throw new Error('secret internal detail');
      });
      app.get('/en/test/forbidden', async () => {
        throw forbidden('not allowed in test');
      });
      app.get('/ru/test/invalid', async () => {
        throw new HttpError(422, 'bad field');
      });
      app.get('/ru/test/limited', { config: { rateLimit: { max: 2, timeWindow: 60_000 } } }, async () => 'ok');
      app.get('/ru/test/limited-too', { config: { rateLimit: { max: 2, timeWindow: 60_000 } } }, async () => 'ok');
      app.get('/en/test/slow', async () => {
        await new Promise((r) => setTimeout(r, 300));
        return 'finished';
      });
    },
  });
});
after(() => t.close());

describe('language of a visit', () => {
  test('"/" redirects to the language in the cookie first', async () => {
    const res = await t.app.inject({ url: '/', headers: { cookie: 'lang=en', 'accept-language': 'ru' } });
    assert.equal(res.statusCode, 302);
    assert.equal(res.headers.location, '/en/');
  });

  test('"/" then follows Accept-Language, with weights', async () => {
    const res = await t.app.inject({ url: '/', headers: { 'accept-language': 'de-DE, en;q=0.5, ru-RU;q=0.8' } });
    assert.equal(res.headers.location, '/ru/');
  });

  test('"/" falls back to Kazakh when nothing matches', async () => {
    const res = await t.app.inject({ url: '/', headers: { 'accept-language': 'fr, de;q=0.9' } });
    assert.equal(res.headers.location, '/kk/');
    const bogus = await t.app.inject({ url: '/', headers: { cookie: 'lang=xx', 'accept-language': '' } });
    assert.equal(bogus.headers.location, '/kk/');
  });

  test('a page remembers its language in a cookie, so "/" returns to it', async () => {
    const res = await t.app.inject({ url: '/ru/organisations' });
    const cookie = res.cookies.find((c) => c.name === 'lang');
    assert.equal(cookie?.value, 'ru');
    assert.equal(cookie?.httpOnly, true);
  });

  for (const lang of ['kk', 'ru', 'en'] as const) {
    test(`every page has <html lang="${lang}"> and a switcher that keeps the page (${lang})`, async () => {
      for (const path of ['/', '/organisations', '/organisations/mia', '/no-such-page']) {
        const res = await t.app.inject({ url: `/${lang}${path}?x=1` });
        const doc = parseHtml(res.body);
        assert.equal(doc.querySelector('html')?.getAttribute('lang'), lang, path);
        const links = doc.querySelectorAll('nav.lang-switcher a').map((a) => a.getAttribute('href'));
        // Kazakh in Cyrillic, then its Latin-script edition (decision 0018), Russian, English.
        assert.deepEqual(links, [`/kk${path}?x=1`, `/kk-latn${path}?x=1`, `/ru${path}?x=1`, `/en${path}?x=1`], path);
        const current = doc.querySelector('nav.lang-switcher a[aria-current="true"]');
        assert.equal(current?.getAttribute('hreflang'), lang);
      }
    });
  }
});

describe('error pages', () => {
  const cases = [
    { lang: 'kk', title: 'Бет табылмады' },
    { lang: 'ru', title: 'Страница не найдена' },
    { lang: 'en', title: 'Page not found' },
  ];
  for (const { lang, title } of cases) {
    test(`404 in ${lang}`, async () => {
      const res = await t.app.inject({ url: `/${lang}/nowhere/at/all` });
      assert.equal(res.statusCode, 404);
      assert.match(res.headers['content-type'] as string, /text\/html/);
      assert.equal(textOf(parseHtml(res.body).querySelector('h1')), title);
    });
  }

  test('a URL without a language gets a 404 page in the preferred language', async () => {
    const res = await t.app.inject({ url: '/nowhere', headers: { 'accept-language': 'ru' } });
    assert.equal(res.statusCode, 404);
    assert.equal(parseHtml(res.body).querySelector('html')?.getAttribute('lang'), 'ru');
  });

  test('500 shows a reference, never the internal message or a stack trace', async () => {
    const res = await t.app.inject({ url: '/kk/test/boom' });
    assert.equal(res.statusCode, 500);
    const doc = parseHtml(res.body);
    assert.equal(textOf(doc.querySelector('h1')), 'Бірдеңе дұрыс болмады');
    assert.doesNotMatch(res.body, /secret internal detail|thing\.ts|at .*:\d+/);
    assert.match(textOf(doc.querySelector('main')), /Өтініш нөмірі: req-/);
  });

  test('403 and 422 pages are localized', async () => {
    const denied = await t.app.inject({ url: '/en/test/forbidden' });
    assert.equal(denied.statusCode, 403);
    assert.equal(textOf(parseHtml(denied.body).querySelector('h1')), 'Access denied');
    const invalid = await t.app.inject({ url: '/ru/test/invalid' });
    assert.equal(invalid.statusCode, 422);
    assert.equal(textOf(parseHtml(invalid.body).querySelector('h1')), 'Проверьте введённые данные');
  });

  test('429 after the limit, with Retry-After and a localized page', async () => {
    const ok1 = await t.app.inject({ url: '/ru/test/limited', remoteAddress: '10.9.8.7' });
    const ok2 = await t.app.inject({ url: '/ru/test/limited', remoteAddress: '10.9.8.7' });
    const over = await t.app.inject({ url: '/ru/test/limited', remoteAddress: '10.9.8.7' });
    const other = await t.app.inject({ url: '/ru/test/limited', remoteAddress: '10.9.8.8' });
    const otherRoute = await t.app.inject({ url: '/ru/test/limited-too', remoteAddress: '10.9.8.7' });
    assert.deepEqual(
      [ok1.statusCode, ok2.statusCode, over.statusCode, other.statusCode, otherRoute.statusCode],
      [200, 200, 429, 200, 200],
      'counted per address and per route',
    );
    assert.ok(Number(over.headers['retry-after']) > 0);
    const doc = parseHtml(over.body);
    assert.equal(textOf(doc.querySelector('h1')), 'Слишком много запросов');
    assert.match(textOf(doc.querySelector('main')), /Подождите \d+ (секунд|секунды|секунду)/);
  });

  test('a malformed URL gets a 400 page, not a crash', async () => {
    for (const url of ['/kk/organisations/%E0%A4%A', '/ru/%FF%FE', '/en/organisations/%']) {
      const res = await t.app.inject({ url });
      assert.ok([400, 404].includes(res.statusCode), `${url} → ${res.statusCode}`);
      assert.match(res.headers['content-type'] as string, /text\/html/, url);
    }
  });

  test('/api/ answers errors as JSON in the requested language', async () => {
    const missing = await t.app.inject({ url: '/api/v1/nothing', headers: { 'accept-language': 'en' } });
    assert.equal(missing.statusCode, 404);
    assert.match(missing.headers['content-type'] as string, /application\/json/);
    assert.equal(missing.json().error.title, 'Page not found');
    const boom = await t.app.inject({ url: '/api/test/boom', headers: { 'accept-language': 'kk' } });
    assert.equal(boom.statusCode, 500);
    assert.equal(boom.json().error.title, 'Бірдеңе дұрыс болмады');
    assert.doesNotMatch(boom.body, /secret internal detail/);
  });

  test('/api/ answers in English when the request asks for no language, whatever the cookie says', async () => {
    const bare = await t.app.inject({ url: '/api/v1/nothing' });
    assert.equal(bare.statusCode, 404);
    assert.equal(bare.json().error.title, 'Page not found');
    const cookie = await t.app.inject({ url: '/api/v1/nothing', cookies: { lang: 'kk' } });
    assert.equal(cookie.json().error.title, 'Page not found');
    const ru = await t.app.inject({ url: '/api/v1/nothing', headers: { 'accept-language': 'fr, ru;q=0.5' } });
    assert.notEqual(ru.json().error.title, 'Page not found');
    assert.match(ru.json().error.title, /[а-я]/);
  });
});

describe('security headers', () => {
  test('a Content-Security-Policy that allows no inline script, and no framing', async () => {
    const res = await t.app.inject({ url: '/en/' });
    const csp = res.headers['content-security-policy'] as string;
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    const doc = parseHtml(res.body);
    for (const script of doc.querySelectorAll('script')) {
      assert.ok(script.getAttribute('src'), 'every script is a file, none inline');
      assert.equal(script.text.trim(), '');
    }
  });

  test('on every answer (an error page, the API), and HSTS only when PUBLIC_URL is https', async () => {
    for (const url of ['/en/nothing-here', '/api/v1/nothing', '/healthz']) {
      const res = await t.app.inject({ url });
      assert.match(String(res.headers['content-security-policy']), /default-src 'self'/, url);
      assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN', url);
      assert.equal(res.headers['strict-transport-security'], undefined, url);
    }
    const https = await createTestApp({ config: { publicUrl: 'https://kenes.example' } });
    try {
      const res = await https.app.inject({ url: '/en/' });
      assert.match(String(res.headers['strict-transport-security']), /max-age=\d+/);
      assert.match(String(res.headers['content-security-policy']), /upgrade-insecure-requests/);
    } finally {
      await https.close();
    }
  });
});

describe('health', () => {
  test('/healthz and /readyz answer', async () => {
    assert.deepEqual((await t.app.inject({ url: '/healthz' })).json(), { status: 'ok' });
    const ready = await t.app.inject({ url: '/readyz' });
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), { status: 'ready' });
  });
});

describe('graceful shutdown', () => {
  test('a request in flight finishes when the server closes', async () => {
    // The server closes once the request is in its handler (a fixed wait lost the race under load:
    // a request not yet received when closing starts is rightly refused with a 503).
    let arrived: () => void = () => {};
    const inHandler = new Promise<void>((r) => {
      arrived = r;
    });
    const other = await createTestApp({
      extend(app) {
        app.get('/en/test/slow', async () => {
          arrived();
          await new Promise((r) => setTimeout(r, 300));
          return 'finished';
        });
      },
    });
    await other.app.listen({ port: 0, host: '127.0.0.1' });
    const address = other.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const pending = fetch(`http://127.0.0.1:${port}/en/test/slow`);
    await inHandler;
    const closing = other.close();
    const res = await pending;
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'finished');
    await closing;
  });
});

describe('pages that answer with the reply itself', () => {
  test('a redirect or a stream is sent once, with nothing logged', async () => {
    const logs: string[] = [];
    const own = await createTestApp({
      logs,
      extend(app) {
        langRoute(app, 'GET', '/test/away', async (_req, reply) => reply.redirect('/en/', 303));
        langRoute(app, 'GET', '/test/stream', async (_req, reply) =>
          reply.type('text/plain').send(Readable.from(['one,', 'two'])),
        );
      },
    });
    try {
      const away = await own.app.inject({ url: '/kk/test/away' });
      assert.equal(away.statusCode, 303);
      assert.equal(away.headers.location, '/en/');
      const stream = await own.app.inject({ url: '/ru/test/stream' });
      assert.equal(stream.statusCode, 200);
      assert.equal(stream.body, 'one,two');
      assert.deepEqual(logs, []);
    } finally {
      await own.close();
    }
  });
});
