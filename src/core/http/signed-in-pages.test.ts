import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { userByEmail } from '../../testing/data.ts';
import { parseHtml, textOf } from '../../testing/html.ts';
import { BACKGROUND } from '../db/database.ts';
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
  '/en/recommendations/1',
  '/en/cycles/1',
  '/en/organisations/mia',
  '/en/work',
  '/en/tasks',
  '/en/notifications',
];

/** A page without its CSRF tokens (new on every answer). */
const withoutTokens = (html: string) => html.replace(/name="_csrf" value="[^"]*"/g, '');

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
    // The "You are signed in" message goes with the first page.
    await staff.get('/en/tasks');
    await ngo.get('/en/tasks');
  });
  after(() => t.close());

  test('queries per page after a change, and while nothing changes', async () => {
    // [after a change, while nothing changes]: the second without the My work count and what is the
    // same for everyone (home: body, members, recommendations' figures, and per audience the next
    // meeting, its agenda, the news and the meetings' figures — the session and the proposals' figures,
    // which depend on the reader, remain; tracker: themes, organisations, medians, the chart's three
    // aggregates, and per audience its rows, figures, authors, meetings and agenda items — the session
    // and the comments' counts remain; the meetings' list: per audience its upcoming and past meetings;
    // the explorer's page is kept once the facet index, built after the first answer, has counted it,
    // so from the third answer on: kept-record-pages.test.ts),
    // and on record pages without what every reader of an
    // audience sees (the record, its lists, the comment settings: the session, the reader's own
    // relation and the comments' one statement remain). Record pages before the 2026-12-07 work
    // (decision 0022's addendum), after a change → while nothing changes: a meeting 18 → 17 (NGO 19 →
    // 18), a proposal 13 → 12 (12 → 11), a recommendation 20 → 19 (10 → 9), a cycle 8 → 7 (6 → 5), an
    // organisation 9 → 8. And since the session is kept by the process (kept-sessions.ts, 2026-12-07),
    // one fewer on every page while nothing changes: a cycle's or an organisation's page runs none.
    // And since the comments' thread and a proposal's reader relation are kept under keys naming the
    // reader (the same day), a meeting's, a proposal's and a recommendation's page run none either;
    // nor do the home page, the lists of meetings and proposals (comment counts kept for the same
    // records; one fewer on the recommendations), My work (its list kept per person) and the tasks
    // (kept per meeting audience).
    const expected: Record<string, [number, number]> = {
      'staff /en/': [11, 0],
      'staff /en/meetings': [5, 0],
      'staff /en/meetings/1': [15, 0],
      'staff /en/proposals': [14, 0],
      'staff /en/proposals/1': [10, 0],
      'staff /en/recommendations': [6, 3],
      'staff /en/recommendations/1': [17, 0],
      'staff /en/cycles/1': [8, 0],
      'staff /en/organisations/mia': [9, 0],
      'staff /en/work': [3, 0],
      'staff /en/tasks': [3, 0],
      'staff /en/notifications': [7, 5],
      'ngo /en/': [11, 0],
      'ngo /en/meetings': [5, 0],
      'ngo /en/meetings/1': [16, 0],
      'ngo /en/proposals': [14, 0],
      'ngo /en/proposals/1': [9, 0],
      'ngo /en/recommendations': [6, 3],
      'ngo /en/recommendations/1': [7, 0],
      'ngo /en/cycles/1': [6, 0],
      'ngo /en/organisations/mia': [9, 0],
      'ngo /en/work': [3, 0],
      'ngo /en/tasks': [3, 0],
      'ngo /en/notifications': [7, 5],
    };
    const counts: Record<string, [number, number]> = {};
    // Work in the background (the explorer's facet index rebuilt after a change) is no request's.
    const requestStatements = () => t.queries.filter((q) => !q.includes(BACKGROUND)).length;
    for (const [who, client] of [
      ['staff', staff],
      ['ngo', ngo],
    ] as const) {
      for (const page of PAGES) {
        cache.forget();
        t.queries.length = 0;
        const first = await client.get(page);
        assert.equal(first.statusCode, 200, page);
        const cold = requestStatements();
        t.queries.length = 0;
        const second = await client.get(page);
        assert.equal(second.statusCode, 200, page);
        assert.ok(withoutTokens(second.body) === withoutTokens(first.body), `${page}: the same page from kept reads`);
        counts[`${who} ${page}`] = [cold, requestStatements()];
      }
    }
    assert.deepEqual(counts, expected);
  });

  test('each person’s My work count is their own, and follows a change made by another process', async () => {
    cache.forget();
    const ngoUser = await userByEmail(t.db, 'ngo@kenes.demo');
    const direct = async (email: string) => {
      const user = await t.db
        .selectFrom('users')
        .select([
          'id',
          'email',
          'display_name as displayName',
          'role',
          'organisation_id as organisationId',
          'locale',
          'moderator',
        ])
        .where('email', '=', email)
        .executeTakeFirstOrThrow();
      const count = t.app.workCount;
      assert.ok(count);
      cache.forget();
      return count({ ...user, emailConfirmed: true });
    };
    const [staffCount, ngoCount] = [await direct('secretariat@kenes.demo'), await direct('ngo@kenes.demo')];
    assert.notEqual(staffCount, ngoCount, 'the demo gives them different counts');
    // Kept for one, then asked by the other: each sees their own, in either order.
    for (let round = 0; round < 2; round++) {
      assert.equal(workCountIn((await staff.get('/en/')).body), staffCount);
      assert.equal(workCountIn((await ngo.get('/en/')).body), ngoCount);
      assert.equal(workCountIn((await ngo.get('/en/proposals')).body), ngoCount);
      assert.equal(workCountIn((await staff.get('/en/proposals')).body), staffCount);
    }
    // Another process (its own connection) gives the NGO's organisation a task: within a second its
    // representative's header counts it, and the secretariat's does not change.
    const other = new pg.Client({ connectionString: t.url });
    await other.connect();
    try {
      await other.query(
        `INSERT INTO tasks (decision_id, meeting_id, description, organisation_id, deadline)
         SELECT decision_id, meeting_id, description, $1, deadline FROM tasks ORDER BY id LIMIT 1`,
        [ngoUser.organisation_id],
      );
    } finally {
      await other.end();
    }
    const until = Date.now() + 1000;
    let now = ngoCount;
    while (now !== ngoCount + 1 && Date.now() < until) {
      await sleep(20);
      now = workCountIn((await ngo.get('/en/tasks')).body);
    }
    assert.equal(now, ngoCount + 1, 'the NGO’s count within a second');
    assert.equal(workCountIn((await staff.get('/en/tasks')).body), staffCount);
  });

  test('what is the same for everyone is read once while nothing changes, and again after a change', async () => {
    cache.forget();
    await staff.get('/en/');
    t.queries.length = 0;
    await ngo.get('/en/');
    assert.ok(!t.queries.some((q) => q.includes('from "bodies"')), 'the body is kept for the next reader');
    cache.forget();
    t.queries.length = 0;
    await ngo.get('/en/');
    assert.ok(
      t.queries.some((q) => q.includes('from "bodies"')),
      'read again after a change',
    );
  });
});
