import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { syncSearch } from '../../core/search/indexer.ts';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { orgId } from '../../testing/data.ts';
import { parseHtml, textOf } from '../../testing/html.ts';
import { naughtyStrings } from '../../testing/naughty.ts';
import { proposalSearch } from '../search.ts';

const t = useTestApp({ demo: true });

describe('the tracker', () => {
  test('filters, searches in three languages and counts', async () => {
    const visitor = new TestClient(t.app);
    const all = parseHtml((await visitor.get('/en/proposals')).body);
    const total = Number(textOf(all.querySelector('.tracker-summary strong')).replace(/\D/g, ''));
    assert.ok(total >= 3, `${total} proposals`);
    const ru = parseHtml((await visitor.get(`/ru/proposals?q=${encodeURIComponent('пыткам')}`)).body);
    assert.ok(
      ru.querySelectorAll('ul.proposal-list > li').length >= 1,
      'Russian stemming finds “пыток/пытки” from “пыткам”',
    );
    const kk = parseHtml((await visitor.get(`/kk/proposals?q=${encodeURIComponent('буллинг')}`)).body);
    assert.ok(kk.querySelectorAll('ul.proposal-list > li').length >= 1);
    const none = parseHtml((await visitor.get('/en/proposals?q=zzzzqqqq')).body);
    assert.equal(none.querySelectorAll('ul.proposal-list > li').length, 0);
    // Nothing found: why that may be, and the way back to every proposal.
    assert.match(textOf(none.querySelector('.empty-state')), /No proposals match\..*a filter may hide some/);
    assert.equal(none.querySelector('.empty-state a.button')?.getAttribute('href'), '/en/proposals');
    // With a search, the default order is by relevance, and the order's label says so.
    const sortLabel = (page: typeof none) => textOf(page.querySelector('select[name=sort] option[value=newest]'));
    assert.equal(sortLabel(none), 'Most relevant first, then newest');
    assert.equal(sortLabel(all), 'Newest first');
    const overdue = await visitor.get('/en/proposals?overdue=1&status=nonsense&page=-3&body=x');
    assert.equal(overdue.statusCode, 200, 'bad filters are ignored, not fatal');
    const csv = await visitor.get('/en/proposals.csv?q=torture');
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    for (const s of naughtyStrings().slice(0, 200)) {
      const res = await visitor.get(`/en/proposals?q=${encodeURIComponent(s)}`);
      assert.equal(res.statusCode, 200, s);
    }
  });

  test('the tracker runs the same number of queries whatever it lists', async () => {
    const visitor = new TestClient(t.app);
    t.queries.length = 0;
    await visitor.get('/en/proposals');
    const before = t.queries.length;
    const ngo = await orgId(t.db, 'kadyr-kasiyet');
    const mia = await orgId(t.db, 'mia');
    const rows = await t.db
      .insertInto('proposals')
      .values(
        Array.from({ length: 200 }, (_, i) => ({
          title: JSON.stringify({ ru: `Предложение ${i}` }),
          kind: 'practice' as const,
          status: 'assigned' as const,
          submitted_at: new Date(),
        })),
      )
      .returning('id')
      .execute();
    await t.db
      .insertInto('proposal_authors')
      .values(rows.map((r) => ({ proposal_id: r.id, organisation_id: ngo })))
      .execute();
    await t.db
      .insertInto('proposal_addressees')
      .values(rows.map((r) => ({ proposal_id: r.id, organisation_id: mia, deadline: '2020-01-01' })))
      .execute();
    t.queries.length = 0;
    const res = await visitor.get('/en/proposals?overdue=1');
    assert.equal(t.queries.length, before);
    assert.equal(parseHtml(res.body).querySelectorAll('ul.proposal-list > li').length, 50);
    // "Waiting longest" puts the earliest unanswered deadline first, with the same queries.
    const oldest = rows[150]?.id ?? '';
    await t.db
      .updateTable('proposal_addressees')
      .set({ deadline: '2019-06-01' })
      .where('proposal_id', '=', oldest)
      .execute();
    t.queries.length = 0;
    const waiting = parseHtml((await visitor.get('/en/proposals?overdue=1&sort=waiting')).body);
    assert.equal(t.queries.length, before);
    const first = waiting.querySelector('ul.proposal-list > li a[href^="/en/proposals/"]');
    assert.equal(first?.getAttribute('href'), `/en/proposals/${oldest}`);
  });
});

describe('read API', () => {
  test('lists and shows proposals as the OpenAPI document describes them', async () => {
    const { ProposalListSchema, ProposalSchema } = await import('./api.ts');
    const visitor = new TestClient(t.app);
    const list = ProposalListSchema.parse((await visitor.get('/api/v1/proposals?q=torture')).json());
    assert.ok(list.total >= 1);
    const one = ProposalSchema.parse((await visitor.get(`/api/v1/proposals/${list.items[0]?.id}`)).json());
    assert.ok(one.timeline.length >= 1);
    assert.equal((await visitor.get('/api/v1/proposals/99999999')).statusCode, 404);
    const doc = (await visitor.get('/api/openapi.json')).json();
    assert.ok(doc.paths['/api/v1/proposals/{id}'] && doc.components.schemas.Proposal);
  });
});

describe('the tracker searches through the one search (decision 0018)', () => {
  const ids: Record<string, string> = {};
  before(async () => {
    const add = async (key: string, title: Record<string, string>, status = 'submitted') => {
      const row = await t.db
        .insertInto('proposals')
        .values({
          title: JSON.stringify(title),
          kind: 'other' as const,
          status: status as 'submitted',
          submitted_at: status === 'draft' ? null : new Date('2026-01-01'),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[key] = row.id;
    };
    // Words the old fuzzy title matching confused with short or foreign ones (issue 12).
    await add('atap', { kk: 'Мемлекеттік органдардың атап өткен кемшіліктері' });
    await add('anasy', { kk: 'Баланың анасы мен әкесінің құқықтары' });
    await add('aitarlyq', { kk: 'Тәртіпке айтарлықтай өзгерістер енгізу' });
    // One word in an English text and in a Russian one: the reader's language ranks first.
    await add('en', { en: 'The Zhanaozen report on custody' });
    await add('ru', { ru: 'Доклад о Zhanaozen и содержании под стражей' });
    await add('draft', { en: 'Zhanaozen: a draft nobody else may see' }, 'draft');
    const torture = await sql<{ id: string }>`SELECT id::text AS id FROM proposals
      WHERE title ->> 'kk' LIKE 'Қылмыстық кодекстегі азаптау%'`.execute(t.db);
    ids.torture = torture.rows[0]?.id ?? '';
    await syncSearch(t.db, [proposalSearch]);
  });

  const listed = async (url: string) =>
    parseHtml((await new TestClient(t.app).get(url)).body)
      .querySelectorAll('ul.proposal-list > li a[href*="/proposals/"]')
      .map((a) => a.getAttribute('href')?.split('/').at(-1) ?? '');

  test('an inflected Kazakh form, and Latin script in any case, find the Cyrillic proposal', async () => {
    assert.ok(ids.torture);
    for (const q of ['азаптауды', 'azaptaudy', 'AZAPTAUDY', 'Азаптауға', 'qylmystyq azaptau'])
      assert.ok((await listed(`/kk/proposals?q=${encodeURIComponent(q)}`)).includes(ids.torture ?? ''), q);
    assert.ok((await listed(`/ru/proposals?q=${encodeURIComponent('мектеп')}`)).length >= 1, 'any page, any language');
  });

  test('the old fuzzy matching’s false hits are gone', async () => {
    for (const [q, key] of [
      ['ат', 'atap'],
      ['ананас', 'anasy'],
      ['ай', 'aitarlyq'],
    ] as const) {
      assert.ok(!(await listed(`/kk/proposals?q=${encodeURIComponent(q)}`)).includes(ids[key] ?? ''), q);
      // … while the words themselves are found.
      const word = key === 'aitarlyq' ? 'айтарлықтай' : key === 'anasy' ? 'анасы' : 'атап';
      assert.ok((await listed(`/kk/proposals?q=${encodeURIComponent(word)}`)).includes(ids[key] ?? ''), word);
    }
  });

  test('ranks by relevance, the reader’s language first; drafts stay hidden from visitors', async () => {
    assert.deepEqual(await listed('/en/proposals?q=zhanaozen'), [ids.en, ids.ru]);
    assert.deepEqual(await listed('/ru/proposals?q=zhanaozen'), [ids.ru, ids.en]);
    // "Waiting longest" is still what it says, relevance aside.
    assert.equal((await listed('/en/proposals?q=zhanaozen&sort=waiting')).length, 2);
  });

  test('the CSV export and the API find what the page finds, with the same number of queries', async () => {
    const visitor = new TestClient(t.app);
    const csv = (await visitor.get(`/kk/proposals.csv?q=${encodeURIComponent('azaptaudy')}`)).body;
    assert.ok(
      csv.split('\n').some((line) => line.startsWith(`${ids.torture},`)),
      csv,
    );
    const api = (await visitor.get('/api/v1/proposals?q=azaptaudy')).json() as {
      items: { id: string }[];
      total: number;
    };
    assert.ok(api.items.some((i) => i.id === ids.torture));
    assert.equal(api.total, api.items.length);
    const ranked = (await visitor.get('/api/v1/proposals?q=zhanaozen&lang=ru')).json() as { items: { id: string }[] };
    assert.deepEqual(
      ranked.items.map((i) => i.id),
      [ids.ru, ids.en],
    );
    t.queries.length = 0;
    await visitor.get('/en/proposals');
    const plain = t.queries.length;
    t.queries.length = 0;
    await visitor.get('/en/proposals?q=zhanaozen');
    assert.equal(t.queries.length, plain + 1, 'one lookup of the typo corrections');
  });

  test('a misspelt word is corrected as on the search page, and the page says what it searched for', async () => {
    const page = async (url: string) => parseHtml((await new TestClient(t.app).get(url)).body);
    const searchedFor = async (url: string) => textOf((await page(url)).querySelector('.searched-for'));
    // A letter swapped in English, one left out in Kazakh (Cyrillic and Latin).
    // As "zhanaozen" finds (the Latin word in the Russian text too); the draft stays hidden.
    assert.deepEqual(await listed('/en/proposals?q=zhanaozne'), [ids.en, ids.ru]);
    assert.equal(await searchedFor('/en/proposals?q=zhanaozne'), 'Showing results for: zhanaozen');
    assert.ok((await listed(`/kk/proposals?q=${encodeURIComponent('азаптуды')}`)).includes(ids.torture ?? ''));
    assert.match(await searchedFor(`/kk/proposals?q=${encodeURIComponent('азаптуды')}`), /^Мына .*: .*азаптау/);
    assert.match(await searchedFor('/ru/proposals?q=zhanaozne'), /^Показаны результаты по запросу: zhanaozen/);
    // A word found as it is is not corrected.
    assert.equal((await page('/en/proposals?q=zhanaozen')).querySelector('.searched-for'), null);
    assert.equal(
      (await page(`/kk/proposals?q=${encodeURIComponent('азаптауды')}`)).querySelector('.searched-for'),
      null,
    );
    // The CSV and the API search the same.
    const csv = (await new TestClient(t.app).get('/en/proposals.csv?q=zhanaozne')).body.trim().split('\n');
    assert.deepEqual(
      csv.slice(1).map((line) => line.split(',')[0]),
      [ids.en, ids.ru],
    );
    const api = (await new TestClient(t.app).get('/api/v1/proposals?q=zhanaozne')).json() as {
      total: number;
      searchedFor: string | null;
    };
    assert.equal(api.total, 2);
    assert.equal(api.searchedFor, 'zhanaozen', 'the API says what it searched for');
    const exact = (await new TestClient(t.app).get('/api/v1/proposals?q=zhanaozen')).json() as typeof api;
    assert.equal(exact.searchedFor, null, 'a word found as written is not corrected');
  });
});
