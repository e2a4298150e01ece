import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { useTestApp } from '../../testing/app.ts';
import { parseHtml } from '../../testing/html.ts';
import { PUBLIC_DIR, partHeading, STYLESHEET_PARTS } from './assets.ts';

const t = useTestApp();
const CSS_DIR = path.join(PUBLIC_DIR, 'css');
const partText = (part: string) => fs.readFileSync(path.join(CSS_DIR, part), 'utf8');
/** A part's rules: its text without comments and blank space. */
const rulesOf = (css: string) => css.replace(/\/\*[\s\S]*?\*\//g, '').trim();

describe('the stylesheet, one sheet joined from the parts in public/css/', () => {
  test('every page links one stylesheet: the parts joined in their order, its hash from the joined bytes', async () => {
    const page = await t.app.inject({ url: '/en/' });
    const links = parseHtml(page.body).querySelectorAll('link[rel=stylesheet]');
    assert.deepEqual(
      links.map((l) => l.getAttribute('href')?.replace(/\?.*/, '')),
      ['/assets/kenes.css'],
    );
    const href = links[0]?.getAttribute('href') ?? '';
    const res = await t.app.inject({ url: href });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/css; charset=utf-8');
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
    const expected = STYLESHEET_PARTS.map((part) => partHeading(part) + partText(part)).join('');
    assert.equal(res.body, expected);
    // The headings name the parts in the order of the list (a rule's place in the cascade).
    const headings = [...res.body.matchAll(/^\/\* ——— public\/css\/(.+?) ——— \*\/$/gm)].map((m) => m[1]);
    assert.deepEqual(headings, [...STYLESHEET_PARTS]);
    const hash = createHash('sha256').update(res.rawPayload).digest('hex').slice(0, 10);
    assert.equal(href, `/assets/kenes.css?v=${hash}`);
    const again = await t.app.inject({ url: href, headers: { 'if-none-match': res.headers.etag as string } });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
  });

  test('every file in public/css/ is a part, listed once, with rules and no @import', () => {
    const files = fs.readdirSync(CSS_DIR).sort();
    assert.deepEqual([...STYLESHEET_PARTS].sort(), files, 'the list names every file in public/css/, and only them');
    assert.equal(new Set(STYLESHEET_PARTS).size, STYLESHEET_PARTS.length, 'no part twice');
    for (const part of STYLESHEET_PARTS) {
      const rules = rulesOf(partText(part));
      assert.match(rules, /\{[^}]*\}/, `${part} has rules`);
      assert.doesNotMatch(rules, /@import/, `${part} imports nothing (one request)`);
    }
  });

  test('the parts are not served one by one; the other assets are, cached for a year', async () => {
    for (const url of ['/assets/css/base.css', '/assets/css/tokens.css', '/assets/CSS/base.css']) {
      assert.equal((await t.app.inject({ url })).statusCode, 404, url);
    }
    const js = await t.app.inject({ url: '/assets/kenes.js' });
    assert.equal(js.statusCode, 200);
    assert.match(String(js.headers['cache-control']), /max-age=31536000.*immutable/);
  });
});
