import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { parseHtml, textOf } from '../../testing/html.ts';
import { waitFor } from '../../testing/wait.ts';
import type { PageCache } from './page-cache.ts';

/*
 * Issue 15: signed-in pages read what is the same for everyone (and each person's "My work" count)
 * once per change, as production does with its page cache (shared-reads.ts, decision 0022).
 */
const PAGES = [
  '/en/',
  '/en/meetings',
  '/en/meetings/1',
  '/en/proposals',
  '/en/proposals/1',
  '/en/recommendations',
  '/en/work',
  '/en/tasks',
  '/en/notifications',
];

/** The header's "My work (n)": n, or 0 when nothing waits. */
const workCountIn = (html: string) => Number(/\d+/.exec(textOf(parseHtml(html).querySelector('.work-link')))?.[0] ?? 0);

describe('signed-in pages', () => {
  let t: TestApp;
  let cache: PageCache;
  let staff: TestClient;
  let ngo: TestClient;

  before(async () => {
    t = await createTestApp({ demo: true, pageCache: true });
    cache = t.pageCache as PageCache;
    staff = await TestClient.signedIn(t.app, 'secretariat@kenes.demo');
    ngo = await TestClient.signedIn(t.app, 'ngo@kenes.demo');
  });
  after(() => t.close());

  test('queries per page, after a change and while nothing changes', async () => {
    const counts: Record<string, [number, number]> = {};
    for (const [who, client] of [
      ['staff', staff],
      ['ngo', ngo],
    ] as const) {
      for (const page of PAGES) {
        cache.forget();
        t.queries.length = 0;
        const first = await client.get(page);
        assert.equal(first.statusCode, 200, page);
        const cold = t.queries.length;
        t.queries.length = 0;
        const second = await client.get(page);
        assert.equal(second.statusCode, 200, page);
        counts[`${who} ${page}`] = [cold, t.queries.length];
      }
    }
    console.log(counts);
  });
});
