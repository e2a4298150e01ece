import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';

const t = useTestApp({ demo: true });

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

describe('the news feed (Atom)', () => {
  // Issue 10: the feed declared communiqués type="html", so a reader rendered what was typed as markup.
  test('a communiqué is plain text in the feed: markup typed into it is shown, never rendered', async () => {
    const title = `<script>alert("t")</script> <b>Bold</b> & 'quoted' ]]> end`;
    const body = `First <b>paragraph</b> & more.\n\n<img src=x onerror=alert(1)> ]]><script>x</script>\u0001`;
    const published = await t.db
      .selectFrom('communiques')
      .select('id')
      .where('published_at', 'is not', null)
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('communiques')
      .set({
        title: JSON.stringify({ kk: title, ru: title, en: title }),
        body: JSON.stringify({ kk: body, ru: body, en: body }),
      })
      .where('id', '=', published.id)
      .execute();

    const res = await new TestClient(t.app).get('/en/news.atom');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/atom\+xml/);
    const xml = res.body;
    assert.doesNotMatch(xml, /type="html"|type="xhtml"|CDATA/);
    assert.doesNotMatch(xml, /<script|<b>|<img/i);
    // Every title and content element says it holds text.
    for (const m of xml.matchAll(/<(title|content|summary)(\s[^>]*)?>/g)) assert.equal(m[2], ' type="text"', m[0]);

    const entry = /<entry>([\s\S]*?)<\/entry>/.exec(xml)?.[1] ?? '';
    assert.ok(entry.includes(`/en/news/${published.id}<`), 'the changed communiqué is the entry');
    assert.equal(unescapeXml(/<title type="text">([^<]*)<\/title>/.exec(entry)?.[1] ?? ''), title);
    // A character XML cannot carry is replaced, not passed on to break the document.
    assert.equal(
      unescapeXml(/<content type="text">([^<]*)<\/content>/.exec(entry)?.[1] ?? ''),
      body.replace('\u0001', '\uFFFD'),
    );
    assert.match(xml, /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
  });
});
