import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SaxesParser } from 'saxes';
import { createTestApp, type TestApp } from '../src/testing/app.ts';
import { parseHtml } from '../src/testing/html.ts';

/*
 * The Atom feeds (issue 17): news, meetings, every proposal's changes, one proposal's timeline and
 * one recommendation's progress. Each is parsed by an XML parser (saxes, namespaces on) and held to
 * RFC 4287's required elements; each is advertised by <link rel="alternate"> on the pages it belongs to.
 */

const ATOM = 'http://www.w3.org/2005/Atom';

interface Node {
  name: string;
  ns: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
}

/** The document as a tree (saxes throws on anything that is not well-formed XML). */
function parseXml(xml: string): Node {
  const parser = new SaxesParser({ xmlns: true });
  const root: Node = { name: '#document', ns: '', attrs: {}, children: [], text: '' };
  const stack = [root];
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag) => {
    const attrs = Object.fromEntries(Object.values(tag.attributes).map((a) => [a.name, a.value]));
    const node: Node = { name: tag.local, ns: tag.uri, attrs, children: [], text: '' };
    stack.at(-1)?.children.push(node);
    stack.push(node);
  });
  parser.on('text', (text) => {
    const top = stack.at(-1);
    if (top) top.text += text;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(xml).close();
  const feed = root.children[0];
  assert.ok(feed);
  return feed;
}

const child = (n: Node, name: string) => n.children.find((c) => c.name === name && c.ns === ATOM);
const children = (n: Node, name: string) => n.children.filter((c) => c.name === name && c.ns === ATOM);

/** The feed, checked against RFC 4287's musts; its entries as plain objects. */
function atom(xml: string) {
  const feed = parseXml(xml);
  assert.equal(feed.name, 'feed');
  assert.equal(feed.ns, ATOM);
  for (const name of ['id', 'title', 'updated']) assert.ok(child(feed, name)?.text, `feed/${name}`);
  assert.ok(child(child(feed, 'author') ?? feed, 'name')?.text, 'feed/author/name');
  assert.ok(
    children(feed, 'link').some((l) => l.attrs.rel === 'self'),
    'feed/link[@rel=self]',
  );
  const entries = children(feed, 'entry').map((e) => {
    for (const name of ['id', 'title', 'updated']) assert.ok(child(e, name)?.text, `entry/${name}`);
    assert.ok(!Number.isNaN(Date.parse(child(e, 'updated')?.text ?? '')), 'entry/updated is a date');
    return {
      id: child(e, 'id')?.text ?? '',
      title: child(e, 'title')?.text ?? '',
      link: child(e, 'link')?.attrs.href ?? '',
      content: child(e, 'content')?.text ?? '',
    };
  });
  assert.equal(new Set(entries.map((e) => e.id)).size, entries.length, 'entry ids are unique');
  return { title: child(feed, 'title')?.text ?? '', entries };
}

let t: TestApp;
before(async () => {
  t = await createTestApp({ demo: true });
});
// Closed at the end: an open pool would keep the file's process alive until its idle clients time out (30 s).
after(() => t?.close());

const get = (url: string) => t.app.inject({ url });
/** The Atom feeds a page advertises in its head. */
async function advertised(url: string): Promise<string[]> {
  const res = await get(url);
  assert.equal(res.statusCode, 200, url);
  return parseHtml(res.body)
    .querySelectorAll('link[rel="alternate"][type="application/atom+xml"]')
    .map((l) => l.getAttribute('href') ?? '');
}
async function feed(url: string) {
  const res = await get(url);
  assert.equal(res.statusCode, 200, url);
  assert.match(String(res.headers['content-type']), /^application\/atom\+xml/);
  return atom(res.body);
}

describe('Atom feeds', () => {
  test('the site’s feeds — news, meetings, proposals’ changes — parse and every page advertises them', async () => {
    for (const page of ['/ru/', '/ru/meetings', '/ru/organisations'])
      for (const href of ['/ru/news.atom', '/ru/meetings.atom', '/ru/proposals.atom'])
        assert.ok((await advertised(page)).includes(href), `${page} advertises ${href}`);
    const news = await feed('/en/news.atom');
    assert.ok(news.entries.length > 0);
    const meetings = await feed('/en/meetings.atom');
    assert.ok(
      meetings.entries.some((e) => /^Meeting No\. \d+: /.test(e.title)),
      'a meeting by its number',
    );
    // A visitor's feed: no draft meeting (the demo's next meeting is announced, not a draft).
    const drafts = await t.db.selectFrom('meetings').select('id').where('status', '=', 'draft').execute();
    for (const d of drafts) assert.ok(!meetings.entries.some((e) => e.link.endsWith(`/meetings/${d.id}`)));
    const changes = await feed('/kk/proposals.atom');
    assert.ok(changes.entries.length > 0);
    assert.ok(changes.entries.every((e) => /\/kk\/proposals\/\d+#timeline$/.test(e.link)));
  });

  test('a proposal’s timeline: on its page only, in its language; a draft has none', async () => {
    const id = ((await get('/api/v1/proposals?sort=newest')).json() as { items: { id: string }[] }).items[0]?.id;
    assert.ok(id);
    const href = `/en/proposals/${id}/timeline.atom`;
    assert.ok((await advertised(`/en/proposals/${id}`)).includes(href));
    assert.ok(!(await advertised('/en/proposals')).some((h) => h.includes('/timeline.atom')));
    const timeline = await feed(href);
    const submitted = timeline.entries.find((e) => e.content.startsWith('Submitted'));
    assert.ok(submitted, `a submission entry: ${timeline.entries.map((e) => e.content).join(' | ')}`);
    assert.ok(timeline.entries.every((e) => e.link.endsWith(`/en/proposals/${id}#timeline`)));
    const ru = await feed(`/ru/proposals/${id}/timeline.atom`);
    assert.equal(ru.entries.length, timeline.entries.length);
    assert.notEqual(ru.title, timeline.title);
    const draft = await t.db.selectFrom('proposals').select('id').where('status', '=', 'draft').executeTakeFirst();
    if (draft) assert.equal((await get(`/en/proposals/${draft.id}/timeline.atom`)).statusCode, 404);
    for (const bad of ['99999999', 'abc'])
      assert.equal((await get(`/en/proposals/${bad}/timeline.atom`)).statusCode, 404);
  });

  test('a recommendation’s progress: reports and assessments, advertised on its page', async () => {
    const report = ((await get('/api/v1/progress')).json() as { items: { recommendationId: string | null }[] })
      .items[0];
    const id = report?.recommendationId;
    assert.ok(id, 'the demo reports progress on a recommendation');
    const href = `/en/recommendations/${id}/progress.atom`;
    assert.ok((await advertised(`/en/recommendations/${id}`)).includes(href));
    const progress = await feed(href);
    assert.ok(progress.entries.some((e) => e.title.startsWith('Progress report: ')));
    const assessed = ((await get(`/api/v1/assessments?recommendation=${id}`)).json() as { total: number }).total;
    assert.equal(progress.entries.filter((e) => e.title.startsWith('Assessment by ')).length, assessed);
    assert.equal((await get('/en/recommendations/99999999/progress.atom')).statusCode, 404);
  });
});
