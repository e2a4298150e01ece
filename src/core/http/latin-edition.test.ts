import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { parseHtml, textOf } from '../../testing/html.ts';
import { latinDocument } from './latin-edition.ts';

const CYRILLIC = /[\u0400-\u04FF]/;

/** The text of a page outside elements marked as another language (Russian, English, Cyrillic Kazakh). */
function kazakhText(html: string): string {
  const root = parseHtml(html);
  for (const el of root.querySelectorAll('[lang]')) {
    if (!/^kk(-latn)?$/i.test(el.getAttribute('lang') ?? '')) el.remove();
  }
  for (const el of root.querySelectorAll('script, style, textarea')) el.remove();
  return textOf(root);
}

describe('the Latin-script Kazakh edition (/kk-latn/)', () => {
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
      const text = kazakhText(res.body);
      const left = text.match(new RegExp(`.{0,30}${CYRILLIC.source}.{0,30}`, 'u'));
      assert.equal(left, null, `${path}: Cyrillic left: ${left?.[0]}`);
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
    const signIn = await visitor.post('/kk-latn/sign-in', {
      email: 'secretariat@kenes.demo',
      password: 'wrong password 1',
    });
    assert.equal(signIn.statusCode, 422);
    assert.match(textOf(parseHtml(signIn.body).querySelector('.error-summary')), /^[^\u0400-\u04FF]+$/u);
    const ok = await visitor.signIn('secretariat@kenes.demo');
    assert.ok(ok.statusCode === 303);
    const out = await visitor.post('/kk-latn/sign-out', {});
    assert.match(String(out.headers.location), /^\/kk-latn\//);
  });
});
