/** The site's search finds a members-only meeting for members and staff, a draft for staff only, neither for a visitor. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { syncSearch } from '../core/search/indexer.ts';
import { useTestApp } from '../testing/app.ts';
import { TestClient } from '../testing/client.ts';
import { insertMeeting } from '../testing/data.ts';
import { meetingsDomain } from './domain.ts';

const t = useTestApp({ demo: true });

describe('searching meetings', () => {
  test('each reader finds exactly the meetings they may see', async () => {
    const meeting = (number: number, title: string, status: 'held' | 'draft', visibility: 'public' | 'members') =>
      insertMeeting(t.db, { number, title, startsAt: new Date('2026-04-01T05:00:00Z'), status, visibility });
    const open = await meeting(901, 'Quokkaforum open session', 'held', 'public');
    const closed = await meeting(902, 'Quokkaforum closed session', 'held', 'members');
    const draft = await meeting(903, 'Quokkaforum draft session', 'draft', 'public');
    // The search reads its index, as the job would have brought it up to date.
    await syncSearch(t.db, meetingsDomain.searchable ?? []);
    const found = async (c: TestClient) => {
      const res = await c.get('/api/v1/search?q=quokkaforum&type=meeting&limit=100');
      assert.equal(res.statusCode, 200);
      return new Set((res.json() as { results: { url: string }[] }).results.map((r) => new URL(r.url).pathname));
    };
    const path = (id: string) => `/en/meetings/${id}`;
    assert.deepEqual(await found(new TestClient(t.app)), new Set([path(open)]));
    assert.deepEqual(
      await found(await TestClient.signedIn(t.app, 'ngo@kenes.demo')),
      new Set([path(open), path(closed)]),
    );
    assert.deepEqual(
      await found(await TestClient.signedIn(t.app, 'secretariat@kenes.demo')),
      new Set([path(open), path(closed), path(draft)]),
    );
  });
});
