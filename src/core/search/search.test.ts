import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { DOMAINS } from '../../domains.ts';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { parseHtml, textOf } from '../../testing/html.ts';
import { naughtyStrings } from '../../testing/naughty.ts';
import { createDb } from '../db/database.ts';
import type { Searchable, SearchDocument } from '../extensions.ts';
import { syncSearch, writeDocuments } from './indexer.ts';
import { SearchResponse } from './routes.tsx';
import { COUNT_CAP, dateOfNewest, search } from './search.ts';

const SEARCHABLES = DOMAINS.flatMap((d) => d.searchable ?? []);

describe('search over every domain (decision 0018)', () => {
  let h: TestApp;
  before(async () => {
    h = await createTestApp({ demo: true });
    await syncSearch(h.db, SEARCHABLES, { full: true });
  });
  after(() => h.close());

  const hits = async (q: string, lang: 'kk' | 'ru' | 'en' = 'en') =>
    (await search(h.db, SEARCHABLES, null, { q, lang, limit: 50, offset: 0 })).hits.map((x) => `${x.kind}:${x.path}`);

  test('the index holds every kind of record of the demo, once per language it has text in', async () => {
    const rows = await h.db
      .selectFrom('search_documents')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('kind')
      .execute();
    const kinds = new Set(rows.map((r) => r.kind));
    const every = ['meeting', 'news', 'proposal', 'recommendation', 'cycle', 'organisation', 'agenda-item'];
    for (const k of [...every, 'minutes', 'decision', 'task', 'cycle-document', 'answer', 'person'])
      assert.ok(kinds.has(k), k);
  });

  test('a query in any language finds the record in its three languages, the reader’s language first', async () => {
    const ru = await search(h.db, SEARCHABLES, null, { q: 'буллинг', lang: 'ru', limit: 50, offset: 0 });
    assert.ok(ru.total > 0);
    assert.ok(ru.hits.some((x) => x.kind === 'proposal'));
    assert.equal(ru.hits[0]?.lang, 'ru', 'a Russian reader sees the Russian text first');
    const en = await hits('bullying of children');
    assert.ok(en.some((x) => x.startsWith('proposal:')));
  });

  test('Russian and English inflected forms find each other (Snowball), English irregular forms too', async () => {
    assert.deepEqual(await hits('пыткам'), await hits('пытки'));
    const child = await hits('child bullying');
    assert.ok(child.length > 0);
    assert.deepEqual(await hits('children bullying'), child);
  });

  test('phrases, or, and words left out', async () => {
    const phrase = await hits('"Criminal Code"');
    assert.ok(phrase.length > 0);
    assert.deepEqual(await hits('"Code Criminal"'), [], 'a phrase keeps its word order');
    const either = await hits('torture or bullying');
    assert.ok(either.length >= (await hits('torture')).length);
    const without = await hits('torture -criminal');
    assert.ok(without.length < (await hits('torture')).length);
  });

  test('search never fails on naughty strings or search syntax, on the page and the API', async () => {
    // Every naughty string through the API; the page (the same search, rendered) with the syntax.
    const syntax = ['"', '""', '-', 'or', '- - -', '!!', '& | !', "'", '\\', '(а', 'a <-> b', 'a:*', '-"a b"'];
    const urls = [
      ...[...naughtyStrings(), ...syntax].map((q) => `/api/v1/search?q=${encodeURIComponent(q)}`),
      ...syntax.map((q) => `/kk/search?q=${encodeURIComponent(q)}`),
    ];
    for (const url of urls) {
      const res = await h.app.inject(url);
      assert.ok(res.statusCode < 500, `${url}: ${res.statusCode}`);
    }
  });

  test('the API answers as its OpenAPI schema says', async () => {
    const res = await h.app.inject('/api/v1/search?q=torture&lang=en&limit=5');
    assert.equal(res.statusCode, 200);
    const body = SearchResponse.parse(res.json());
    assert.ok(body.total > 0);
    assert.ok(body.results.length <= 5);
    assert.match(body.results[0]?.url ?? '', /^http:\/\/localhost:3000\/en\//);
    assert.equal((await h.app.inject('/api/v1/search?q=a&limit=1000')).statusCode, 422);
    const spec = (await h.app.inject('/api/openapi.json')).json();
    assert.ok(spec.paths['/api/v1/search']);
  });

  test('the page: a box in every header, results with the matched words marked, kinds with counts', async () => {
    const home = parseHtml((await h.app.inject('/kk/')).body);
    const box = home.querySelector('header form[role="search"]');
    assert.equal(box?.getAttribute('action'), '/kk/search');
    assert.ok(home.querySelector('label[for="header-search-q"]'));
    const res = await h.app.inject('/ru/search?q=%D0%BF%D1%8B%D1%82%D0%BE%D0%BA');
    assert.equal(res.statusCode, 200);
    const page = parseHtml(res.body);
    assert.ok(page.querySelectorAll('ol.search-results > li').length > 0);
    assert.ok(page.querySelector('ol.search-results mark'));
    assert.match(textOf(page.querySelector('.search-kinds')), /Все \(\d+\)/);
    const long = await h.app.inject(`/en/search?q=${'a'.repeat(300)}`);
    assert.equal(long.statusCode, 422);
    assert.match(textOf(parseHtml(long.body).querySelector('.field-error')), /at most 200 characters/);
  });

  test('a members-only meeting is found by members only; a hidden record never shows, even before it is reindexed', async () => {
    const meeting = await h.db.selectFrom('meetings').select(['id', 'title']).orderBy('id').executeTakeFirstOrThrow();
    const title = (meeting.title as { en: string }).en;
    assert.ok((await hits(`"${title}"`)).includes(`meeting:/meetings/${meeting.id}`), 'public at first');
    await h.db.updateTable('meetings').set({ visibility: 'members' }).where('id', '=', meeting.id).execute();
    assert.ok(!(await hits(`"${title}"`)).includes(`meeting:/meetings/${meeting.id}`), 'hidden before reindexing');
    await syncSearch(h.db, SEARCHABLES, { full: true });
    assert.ok(!(await hits(`"${title}"`)).includes(`meeting:/meetings/${meeting.id}`), 'hidden after');
    const staff = new TestClient(h.app);
    await staff.signIn('secretariat@kenes.demo');
    const mine = await staff.get(`/api/v1/search?q=${encodeURIComponent(`"${title}"`)}`);
    assert.ok(
      (mine.json() as { results: { url: string }[] }).results.some((r) => r.url.endsWith(`/meetings/${meeting.id}`)),
      'the secretariat finds it',
    );
  });
});

describe('the index and its restricted records, with a kind of record of our own', () => {
  let h: TestApp;
  const docs: SearchDocument[] = [];
  const hidden = new Set<string>();
  const kind: Searchable = {
    kind: 'thing',
    async documents(_db, page) {
      return docs
        .filter((d) => !page.since || d.updatedAt >= page.since)
        .filter((d) => !page.afterId || Number(d.id) > Number(page.afterId))
        .slice(0, page.limit);
    },
    async visibleTo(_db, _reader, ids) {
      return new Set(ids.filter((id) => !hidden.has(id)));
    },
  };
  before(async () => {
    h = await createTestApp();
  });
  after(() => h.close());

  test('counts and pages leave out what the reader may not see; every kind reads in pages', async () => {
    for (let i = 1; i <= 1200; i++) {
      docs.push({
        kind: 'thing',
        id: String(i),
        title: { en: `Thing number ${i}`, kk: `Нәрсе ${i}` },
        body: { en: i % 2 ? 'odd prisoner' : 'even prisoner' },
        path: `/things/${i}`,
        visibility: i % 10 === 0 ? 'restricted' : 'public',
        updatedAt: new Date(Date.now() - 3_600_000),
      });
      if (i % 20 === 0) hidden.add(String(i));
    }
    const read = await syncSearch(h.db, [kind]);
    assert.equal(read.thing, 1200);
    const all = await search(h.db, [kind], null, { q: 'prisoners', lang: 'en', limit: 10, offset: 0 });
    assert.equal(all.total, COUNT_CAP, 'counted up to the cap (1,140 visible)');
    assert.equal(all.more, true);
    assert.equal(all.hits.length, 10);
    const even = await search(h.db, [kind], null, { q: 'even prisoner', lang: 'en', limit: 1000, offset: 0 });
    assert.equal(even.total, 600 - 60, 'the 60 hidden ones are not counted');
    assert.equal(even.more, false);
    assert.ok(even.hits.every((x) => !hidden.has(x.id)));
  });

  test('each language’s rows are written on pages of their own (a word of one language reads its pages only)', async () => {
    const records: SearchDocument[] = Array.from({ length: 600 }, (_, i) => ({
      kind: 'layout',
      id: String(i + 1),
      title: { en: `Layout record ${i + 1}`, kk: `Орналасу ${i + 1}`, ru: `Размещение ${i + 1}` },
      body: { en: 'detention monitoring', kk: 'бақылау', ru: 'мониторинг задержания' },
      path: `/layout/${i + 1}`,
      visibility: 'public',
      updatedAt: new Date(),
    }));
    await writeDocuments(h.db, records, { fresh: true });
    // Written record by record, every page would hold all three. Written language by language,
    // a page holds two where one language ends and the next begins, and where the free space map
    // hands back a page an earlier language left part-filled (a shorter row fits where a longer
    // one did not): a few pages, never most of them.
    const r = await sql<{ pages: number; mixed: number }>`
      SELECT count(*)::int AS pages, count(*) FILTER (WHERE langs > 1)::int AS mixed
        FROM (SELECT count(DISTINCT lang) AS langs FROM search_documents WHERE kind = 'layout'
               GROUP BY (ctid::text::point)[0]) p`.execute(h.db);
    const { pages, mixed } = r.rows[0] ?? { pages: 0, mixed: 0 };
    assert.ok(pages >= 20 && mixed * 5 <= pages, `${mixed} of ${pages} pages hold more than one language`);
    await h.db.deleteFrom('search_documents').where('kind', '=', 'layout').execute();
  });

  test('a change is found at the next run, and only the changed records are read', async () => {
    const changed = docs[4] as SearchDocument;
    changed.title = { en: 'A renamed thing about detention' };
    changed.updatedAt = new Date(Date.now() + 60_000);
    const read = await syncSearch(h.db, [kind]);
    assert.ok((read.thing ?? 0) < 50, `read ${read.thing}`);
    const found = await search(h.db, [kind], null, { q: 'detention', lang: 'en', limit: 10, offset: 0 });
    assert.deepEqual(
      found.hits.map((x) => x.id),
      ['5'],
    );
    const before = await search(h.db, [kind], null, { q: '"number 5"', lang: 'en', limit: 10, offset: 0 });
    assert.ok(!before.hits.some((x) => x.id === '5'), 'the old title is gone');
  });

  test('two processes indexing at once: one does the work, the other skips it', async () => {
    const slow: Searchable = {
      ...kind,
      async documents(db, page) {
        await new Promise((resolve) => setTimeout(resolve, 150));
        return kind.documents(db, page);
      },
    };
    const [a, b] = await Promise.all([
      syncSearch(h.db, [slow], { full: true }),
      syncSearch(h.db, [slow], { full: true }),
    ]);
    assert.deepEqual([a.thing === null, b.thing === null].sort(), [false, true]);
    assert.ok(((await syncSearch(h.db, [slow])).thing ?? -1) >= 0, 'the lease is given back');
  });

  test('a full run deletes what no longer exists; a language a record lost is deleted with it', async () => {
    docs.splice(100);
    await syncSearch(h.db, [kind], { full: true });
    const n = await h.db
      .selectFrom('search_documents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'thing')
      .executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 199, '100 records in two languages, but the 5th renamed in English only');
    await writeDocuments(h.db, [{ ...(docs[0] as SearchDocument), title: { en: 'Only English now' } }]);
    const langs = await h.db
      .selectFrom('search_documents')
      .select('lang')
      .where('kind', '=', 'thing')
      .where('id', '=', '1')
      .execute();
    assert.deepEqual(
      langs.map((l) => l.lang),
      ['en'],
    );
  });
});

describe('the window of the newest matches, however it is read', () => {
  let h: TestApp;
  const docs: SearchDocument[] = [];
  const base = Date.parse('2026-06-01T00:00:00Z');
  // Matching records 1…4,000, record 1 the newest, one an hour; every 100th has the word in its
  // title (ranks first); every 7th is restricted, every 14th hidden from the reader. Enough matches
  // that the window is read since a date (8 × the window and more), not so many that the index of
  // dates is walked (matches² > 2,000 × rows).
  const matching = 4_000;
  const hidden = (i: number) => i % 14 === 0;
  const kind: Searchable = {
    kind: 'thing',
    async documents(_db, page) {
      return docs
        .filter((d) => !page.afterId || Number(d.id) > Number(page.afterId))
        .sort((a, b) => Number(a.id) - Number(b.id))
        .slice(0, page.limit);
    },
    async visibleTo(_db, _reader, ids) {
      return new Set(ids.filter((id) => !hidden(Number(id))));
    },
  };
  const thing = (i: number, updatedAt: Date, title: string, body: string): SearchDocument => ({
    kind: 'thing',
    id: String(i),
    title: { en: title },
    body: { en: body },
    path: `/things/${i}`,
    visibility: i % 7 === 0 && i <= matching ? 'restricted' : 'public',
    updatedAt,
  });
  /** What the window must hold: the newest `window` matches the reader may see, ranked: title matches first, then the newest. */
  const expected = (window: number, limit: number) => {
    const readable = Array.from({ length: matching }, (_, k) => k + 1).filter((i) => !hidden(i));
    const newest = readable.slice(0, window);
    return newest
      .sort((a, b) => Number(b % 100 === 0) - Number(a % 100 === 0) || a - b)
      .slice(0, limit)
      .map(String);
  };
  before(async () => {
    h = await createTestApp();
  });
  after(() => h.close());

  /** The statistics the window's date is read from, gathered as the owner (the run-time role of CI's second pass may not). */
  const analyze = async () => {
    const owner = createDb(h.ownerUrl, 1);
    try {
      await sql`ANALYZE search_documents`.execute(owner);
    } finally {
      await owner.destroy();
    }
  };
  const searchAndStatements = async (q: string) => {
    h.queries.length = 0;
    const found = await search(h.db, [kind], null, { q, lang: 'en', limit: 10, offset: 0 });
    return { found, statements: h.queries.join('\n') };
  };
  /** Indexes the documents afresh, then searches 'prisoner': read since a date, the newest ten of the 310 matches. */
  const prisonerSinceADate = async (said: string) => {
    await syncSearch(h.db, [kind], { full: true });
    await analyze();
    const { found, statements } = await searchAndStatements('prisoner');
    assert.match(statements, /AND d\.updated_at >= \$/, said);
    assert.deepEqual(
      found.hits.map((x) => x.id),
      expected(310, 10),
    );
    return found;
  };

  test('since a date of the histogram (dates even): the same window as every match would give', async () => {
    for (let i = 1; i <= matching; i++) {
      const at = new Date(base - i * 3_600_000);
      docs.push(thing(i, at, i % 100 === 0 ? `Prisoner ${i}` : `File ${i}`, `a prisoner, number ${i}`));
      // Records that do not match, between them.
      docs.push(thing(10_000 + i, new Date(at.getTime() + 1_800_000), `Other ${i}`, 'a garden'));
    }
    const found = await prisonerSinceADate('read since a date');
    assert.equal(found.total, COUNT_CAP);
    assert.equal(found.more, true);
  });

  test('a common word walks the dates: the same window, restricted matches included', async () => {
    // Every record matches 'prisoner or garden': the newest 310 the reader may see, those with the
    // word in their title first, then the newest (the others rank alike).
    const { found, statements } = await searchAndStatements('prisoner or garden');
    assert.match(statements, /ORDER BY "d"\."updated_at" DESC/, 'the index of dates walked');
    const readable = docs
      .filter((d) => !(d.visibility === 'restricted' && hidden(Number(d.id))))
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
      .slice(0, 310);
    const titled = (d: SearchDocument) => Number(/^Prisoner/.test(d.title.en ?? ''));
    assert.deepEqual(
      found.hits.map((x) => x.id),
      readable
        .sort((a, b) => titled(b) - titled(a) || b.updatedAt.getTime() - a.updatedAt.getTime())
        .slice(0, 10)
        .map((d) => d.id),
    );
    const twenty = await search(h.db, [kind], null, { q: 'prisoner or garden', lang: 'en', limit: 20, offset: 0 });
    assert.ok(
      twenty.hits.some((x) => x.id === '7'),
      'a restricted record the reader may see',
    );
  });

  test('since a date that holds too few (the newest records do not match): every match is read after all', async () => {
    // 6,000 newer records that do not match: the newest share of the rows (0.36) holds no match.
    docs.splice(0, docs.length, ...docs.filter((d) => Number(d.id) <= matching));
    for (let i = 1; i <= 6_000; i++)
      docs.push(thing(20_000 + i, new Date(base + i * 60_000), `Other ${i}`, 'a garden'));
    await prisonerSinceADate('tried since a date');
  });

  test('the date since which a share of the rows are, by the histogram', () => {
    const dates = Array.from({ length: 101 }, (_, i) => new Date(base + i * 86_400_000));
    assert.equal(dateOfNewest(dates, 0.1)?.getTime(), base + 90 * 86_400_000);
    assert.equal(dateOfNewest(dates, 0.001)?.getTime(), base + 99 * 86_400_000, 'at least the last bucket');
    assert.equal(dateOfNewest(dates, 0.6), undefined, 'most of the rows: read them all');
    assert.equal(dateOfNewest([], 0.1), undefined, 'no statistics');
  });

  test('every match read once when they are few: window, counts and restricted ones in one statement', async () => {
    const { found, statements } = await searchAndStatements('"number 21" or "number 28" or "number 29"');
    assert.match(statements, /WITH m AS MATERIALIZED/);
    // 21: restricted, admitted; 28: restricted, hidden; 29: public.
    assert.deepEqual(found.hits.map((x) => x.id).sort(), ['21', '29']);
    assert.deepEqual(found.byKind, { thing: 2 });
  });
});
