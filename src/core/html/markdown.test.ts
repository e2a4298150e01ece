import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { naughtyStrings } from '../../testing/naughty.ts';
import { renderMarkdown } from './markdown.ts';

const TAGS = new Set([
  'p',
  'strong',
  'em',
  'a',
  'code',
  'pre',
  'ul',
  'ol',
  'li',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'br',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  's',
]);
const ATTRIBUTES = new Set(['href', 'rel', 'start', 'style', 'class']);

/** Every tag and attribute in the HTML is one Markdown may produce; hrefs are http(s), mailto or local. */
function problems(html: string): string[] {
  const found: string[] = [];
  for (const [, name = '', attrs = ''] of html.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)) {
    if (!TAGS.has(name.toLowerCase())) found.push(`tag ${name}`);
    for (const [, attr = '', value = ''] of attrs.matchAll(/([a-zA-Z-]+)="([^"]*)"/g)) {
      if (!ATTRIBUTES.has(attr)) found.push(`attribute ${attr}`);
      if (attr === 'href' && !/^(https?:|mailto:|#|\/)/i.test(value)) found.push(`href ${value}`);
      if (attr === 'style' && !/^text-align:(left|right|center)$/.test(value)) found.push(`style ${value}`);
    }
  }
  return found;
}

describe('Markdown', () => {
  test('formats text, keeps links safe, never passes HTML through', () => {
    assert.equal(renderMarkdown('**Статья 146** УК'), '<p><strong>Статья 146</strong> УК</p>\n');
    assert.deepEqual(problems('<p><img src="x"></p>'), ['tag img', 'attribute src'], 'the check itself catches markup');
    assert.match(
      renderMarkdown('[закон](https://adilet.zan.kz/rus/docs/K1400000226)'),
      /<a href="https:\/\/adilet\.zan\.kz\/rus\/docs\/K1400000226" rel="nofollow noopener">закон<\/a>/,
    );
    for (const hostile of [
      '<script>alert(1)</script>',
      '[x](javascript:alert(1))',
      '[x](JaVaScRiPt:alert(1))',
      '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '<img src=x onerror=alert(1)>',
      '![x](https://tracker.example/pixel.png)',
      '[x](vbscript:msgbox(1))',
      '<a href="javascript:alert(1)">x</a>',
    ]) {
      assert.deepEqual(problems(renderMarkdown(hostile)), [], hostile);
    }
  });

  test('no naughty string produces markup it did not ask for', () => {
    for (const s of naughtyStrings()) {
      assert.deepEqual(problems(renderMarkdown(s)), [], s);
    }
  });
});
