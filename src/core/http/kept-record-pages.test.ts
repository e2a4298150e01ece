import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { inDays, insertMeeting, insertTask, orgId, userByEmail } from '../../testing/data.ts';
import { draftProposal } from '../../testing/proposals.ts';
import { keptStats, resetKeptStats } from '../html/kept.tsx';
import type { PageCache } from './page-cache.ts';

/*
 * Issue 15: record pages keep what every reader of an audience sees (app.shared, decision 0022). Each
 * reader's page must be the one they get with nothing kept, whoever read it before them: the
 * secretariat first (what only staff or members see is kept then) and the visitor first. Records
 * only some readers see are made here: a draft meeting (staff), a members-only meeting with approved
 * minutes (members), their agenda items linked to a recommendation and a cycle, their tasks given to
 * the NGO (its organisation's page), and a draft proposal of the NGO (its representatives).
 */

type Who = 'staff' | 'ngo' | 'citizen' | 'visitor';
const ORDERS: Who[][] = [
  ['staff', 'ngo', 'citizen', 'visitor'],
  ['visitor', 'citizen', 'ngo', 'staff'],
];

/** A page without what changes on every answer (CSRF tokens). */
const withoutTokens = (html: string) => html.replace(/name="_csrf" value="[^"]*"/g, '');

describe('kept record pages', () => {
  let t: TestApp;
  let cache: PageCache;
  const clients = {} as Record<Who, TestClient>;
  const pages: string[] = [];
  const marks = {
    draft: 'DRAFT-ONLY-STAFF',
    members: 'MEMBERS-ONLY-MEETING',
    minutes: 'MEMBERS-ONLY-MINUTES',
    proposal: 'DRAFT-PROPOSAL-OF-THE-NGO',
    membersNext: 'MEMBERS-ONLY-NEXT-MEETING',
    membersNews: 'MEMBERS-ONLY-COMMUNIQUE',
    pendingComment: 'WAITING-COMMENT-OF-THE-CITIZEN',
  };

  before(async () => {
    t = await createTestApp({ demo: true, pageCache: true });
    cache = t.pageCache as PageCache;
    const db = t.db;
    const ngoOrg = await orgId(db, 'kadyr-kasiyet');
    const recommendation = await db.selectFrom('recommendations').select('id').orderBy('id').executeTakeFirstOrThrow();
    const cycle = await db.selectFrom('reporting_cycles').select('id').orderBy('id').executeTakeFirstOrThrow();
    const meetings: string[] = [];
    for (const [number, status, visibility, mark] of [
      [901, 'draft', 'public', marks.draft],
      [902, 'minutes_approved', 'members', marks.members],
    ] as const) {
      const id = await insertMeeting(db, { number, title: mark, startsAt: new Date(), status, visibility });
      const item = await db
        .insertInto('agenda_items')
        .values({ meeting_id: id, position: 1, title: JSON.stringify({ en: `${mark} item` }), cycle_id: cycle.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      const task = await insertTask(db, {
        meetingId: id,
        agendaItemId: item.id,
        decision: `${mark} decision`,
        description: `${mark} task`,
        organisationId: ngoOrg,
        deadline: inDays(30),
      });
      await db
        .insertInto('minutes_versions')
        .values({
          meeting_id: id,
          version: 1,
          content: JSON.stringify({ items: { [item.id]: { summary: { en: marks.minutes } } } }),
        })
        .execute();
      await db
        .insertInto('recommendation_agenda_items')
        .values({ recommendation_id: recommendation.id, agenda_item_id: item.id })
        .execute();
      await db
        .insertInto('recommendation_tasks')
        .values({ recommendation_id: recommendation.id, task_id: task })
        .execute();
      meetings.push(id);
    }
    // The home page's next meeting, news and figures, for members: a members-only meeting within the
    // hour (before the demo's next one), and the published communiqué of another.
    await insertMeeting(db, {
      number: 903,
      title: marks.membersNext,
      startsAt: new Date(Date.now() + 60 * 60_000),
      status: 'announced',
      visibility: 'members',
    });
    const published = await insertMeeting(db, {
      number: 904,
      title: 'A members-only meeting whose communiqué is published',
      startsAt: new Date(Date.now() - 7 * 86_400_000),
      status: 'published',
      visibility: 'members',
    });
    await db
      .insertInto('communiques')
      .values({
        meeting_id: published,
        title: JSON.stringify({ en: marks.membersNews }),
        body: JSON.stringify({ en: 'Read by members.' }),
        published_at: new Date(),
      })
      .execute();
    clients.staff = await TestClient.signedIn(t.app, 'secretariat@kenes.demo');
    clients.ngo = await TestClient.signedIn(t.app, 'ngo@kenes.demo');
    clients.citizen = await TestClient.signedIn(t.app, 'citizen@kenes.demo');
    clients.visitor = new TestClient(t.app);
    // A citizen's comment waiting for moderation: theirs to see (and moderators'), not a visitor's, on a
    // page whose thread is kept under keys naming the reader (core/comments/section.ts).
    await db
      .insertInto('comments')
      .values({
        kind: 'proposal',
        record_id: '1',
        author_id: (await userByEmail(db, 'citizen@kenes.demo')).id,
        lang: 'en',
        body: marks.pendingComment,
        state: 'pending',
      })
      .execute();
    // The citizen follows the proposal: its page shows each reader their own relation to it.
    await db
      .insertInto('follows')
      .values({ user_id: (await userByEmail(db, 'citizen@kenes.demo')).id, proposal_id: '1' })
      .execute();
    const draft = await draftProposal(clients.ngo, {
      title_en: marks.proposal,
      body_en: 'Only its authors read it.',
      kind: 'practice',
      addresseeIds: await orgId(db, 'mia'),
    });
    pages.push(
      '/en/',
      '/en/proposals',
      '/en/meetings',
      '/en/recommendations',
      '/en/meetings/1',
      ...meetings.map((id) => `/en/meetings/${id}`),
      '/en/proposals/1',
      draft.url,
      `/en/recommendations/${recommendation.id}`,
      `/en/cycles/${cycle.id}`,
      '/en/organisations/kadyr-kasiyet',
      '/en/work',
      '/en/tasks',
    );
    // The "You are signed in" message goes with the first page.
    for (const c of Object.values(clients)) await c.get('/en/tasks');
  });
  after(() => t.close());

  test('each reader gets the page they get with nothing kept, whoever read it first', async () => {
    const page = async (who: Who, url: string) => {
      const res = await clients[who].get(url);
      return `${res.statusCode} ${withoutTokens(res.body)}`;
    };
    for (const url of pages) {
      const alone = {} as Record<Who, string>;
      for (const who of ORDERS[0] ?? []) {
        cache.forget();
        alone[who] = await page(who, url);
      }
      for (const order of ORDERS) {
        cache.forget();
        for (const who of order)
          assert.ok((await page(who, url)) === alone[who], `${who} ${url} after ${order.join(', ')}`);
      }
    }
  });

  test('what only staff or members see is kept only for them (the marks, read by each after the secretariat)', async () => {
    cache.forget();
    const seen = async (who: Who) => {
      let all = '';
      for (const url of pages) all += (await clients[who].get(url)).body;
      return all;
    };
    const staff = await seen('staff');
    assert.ok(staff.includes(marks.draft) && staff.includes(marks.members), 'the secretariat sees both meetings');
    const ngo = await seen('ngo');
    assert.ok(!ngo.includes(marks.draft), 'a draft is not the NGO’s');
    assert.ok(ngo.includes(marks.members) && ngo.includes(marks.minutes), 'members see the members-only meeting');
    assert.ok(ngo.includes(marks.proposal) && !staff.includes(marks.proposal), 'a draft proposal is its authors’ only');
    assert.ok(!ngo.includes(marks.pendingComment), 'a citizen’s waiting comment is not the NGO’s');
    for (const mark of [marks.membersNext, marks.membersNews])
      assert.ok(staff.includes(mark) && ngo.includes(mark), `the home page shows members ${mark}`);
    for (const who of ['citizen', 'visitor'] as const) {
      const body = await seen(who);
      for (const mark of Object.values(marks))
        if (who !== 'citizen' || mark !== marks.pendingComment) assert.ok(!body.includes(mark), `${who}: no ${mark}`);
      if (who === 'citizen') assert.ok(body.includes(marks.pendingComment), 'a waiting comment is seen by its author');
    }
    assert.ok(t.app.shared.stats().hits > 0, 'reads were kept and given again');
  });

  test('parts of record pages rendered once per audience are given again, as each reader gets them', async () => {
    // A meeting's sections, a recommendation's and a cycle's content (core/html/kept.tsx): each reader's
    // second answer (their part kept) is their first, the representative of another organisation of the
    // same audience (members) included (a part is kept per organisation: an assessor's form names it).
    const mia = await TestClient.signedIn(t.app, 'mia@kenes.demo');
    await mia.get('/en/tasks');
    const readers = { ...clients, mia };
    const recordPages = pages.filter((url) => /\/(meetings|recommendations|cycles)\/\d+$/.test(url));
    cache.forget();
    resetKeptStats();
    for (const url of recordPages) {
      for (const [who, client] of Object.entries(readers)) {
        const first = withoutTokens((await client.get(url)).body);
        const again = withoutTokens((await client.get(url)).body);
        assert.ok(first === again, `${who} ${url}: the kept part is the one rendered`);
      }
    }
    const { hits, renders } = keptStats();
    assert.ok(renders > 0 && hits >= renders, `kept parts given again (${renders} rendered, ${hits} given again)`);
  });
});
