import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { syncSearch } from '../../core/search/indexer.ts';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { orgId } from '../../testing/data.ts';
import { parseHtml, textOf } from '../../testing/html.ts';
import { draftProposal } from '../../testing/proposals.ts';
import { proposalSearch } from '../search.ts';

/*
 * What the tracker, the similar-titles API and the search give each reader: a visitor filtering by
 * status sees exactly the public proposals of that status, counted; a representative searching finds
 * its own organisation's draft, which another organisation's representative does not.
 */

const t = useTestApp({ demo: true });

const signedIn = (email: string) => TestClient.signedIn(t.app, email);
/** The ids the tracker page lists and the total its summary states. */
async function tracker(c: TestClient, query: string) {
  const res = await c.get(`/en/proposals${query}`);
  assert.equal(res.statusCode, 200);
  const page = parseHtml(res.body);
  const ids = page
    .querySelectorAll('ul.proposal-list > li')
    .map((li) => /\/en\/proposals\/(\d+)/.exec(li.querySelector('a')?.getAttribute('href') ?? '')?.[1] ?? '');
  const total = Number(textOf(page.querySelector('.tracker-summary strong')).replace(/\D/g, ''));
  return { ids: ids.sort(), total, summary: textOf(page.querySelector('.tracker-summary')) };
}

const TITLE = 'Braille ballots for blind voters in rural polling stations';
let draftId = '';

describe('the tracker and search for each reader', { concurrency: false }, () => {
  test('a visitor filtering by status sees exactly the public proposals of that status', async () => {
    const visitor = new TestClient(t.app);
    let listed = 0;
    for (const status of ['assigned', 'in_implementation', 'submitted', 'answered'] as const) {
      const want = (
        await t.db
          .selectFrom('proposals')
          .select('id')
          .where('status', '=', status)
          .where('submitted_at', 'is not', null)
          .execute()
      )
        .map((p) => p.id)
        .sort();
      const got = await tracker(visitor, `?status=${status}`);
      assert.deepEqual(got.ids, want, status);
      assert.equal(got.total, want.length, status);
      listed += got.ids.length;
    }
    assert.ok(listed >= 3, 'the demo has proposals in these statuses');
    // A draft is nobody's to see but its authors': not even asking for drafts lists it to a visitor.
    const ngo = await signedIn('ngo@kenes.demo');
    draftId = (
      await draftProposal(ngo, {
        title_en: TITLE,
        body_en: 'Text',
        kind: 'other',
        addresseeIds: await orgId(t.db, 'ministry-of-education'),
      })
    ).id;
    const drafts = await tracker(visitor, '?status=draft');
    assert.ok(drafts.ids.length > 0 && !drafts.ids.includes(draftId), drafts.ids.join());
  });

  test('a representative finds its own draft by search; another organisation’s does not', async () => {
    const ngo = await signedIn('ngo@kenes.demo');
    const mia = await signedIn('mia@kenes.demo');
    await syncSearch(t.db, [proposalSearch]);
    const own = await tracker(ngo, '?q=Braille');
    assert.deepEqual(own.ids, [draftId]);
    assert.equal(own.total, 1);
    const other = await tracker(mia, '?q=Braille');
    assert.deepEqual(other.ids, []);
    assert.equal(other.total, 0);

    // The similar titles offered while writing: the draft for its authors only.
    const similar = async (c: TestClient) => {
      const res = await c.get(`/api/v1/proposals/similar?q=${encodeURIComponent('Braille ballots for blind voters')}`);
      assert.equal(res.statusCode, 200);
      return (res.json() as { items: { id: string }[] }).items.map((i) => i.id);
    };
    assert.deepEqual(await similar(ngo), [draftId]);
    assert.deepEqual(await similar(mia), []);

    // The one search of every kind: the same.
    const searched = async (c: TestClient) =>
      (await c.get('/en/search?q=Braille')).body.includes(`/en/proposals/${draftId}"`);
    assert.equal(await searched(ngo), true);
    assert.equal(await searched(mia), false);
  });
});
