import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { orgId } from '../../testing/data.ts';
import { parseHtml, textOf } from '../../testing/html.ts';
import { naughtyStrings } from '../../testing/naughty.ts';

const t = useTestApp({ demo: true });

describe('the tracker', () => {
  test('filters, searches in three languages and counts', async () => {
    const visitor = new TestClient(t.app);
    const all = parseHtml((await visitor.get('/en/proposals')).body);
    const total = Number(textOf(all.querySelector('.figures strong')).replace(/\D/g, ''));
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
