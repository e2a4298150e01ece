/**
 * The API's lists of meetings, tasks and news hold exactly the rows the reader may see and the filter
 * asks for: as a visitor, a member (a representative) and staff, with and without updated_since.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { inDays, insertMeeting, insertTask, orgId } from '../../testing/data.ts';

type Reader = 'visitor' | 'member' | 'staff';
const clients = {} as Record<Reader, TestClient>;
/** The meetings made here, by what a reader may see of them. */
const made = { publicHeld: '', membersHeld: '', draft: '' };
const tasks = { publicMia: '', membersNgo: '', draftMia: '', publicNgo: '' };
const news = { publicNews: '', membersNews: '' };

const t = useTestApp({ demo: true }, async () => {
  clients.visitor = new TestClient(t.app);
  clients.member = await TestClient.signedIn(t.app, 'ngo@kenes.demo');
  clients.staff = await TestClient.signedIn(t.app, 'secretariat@kenes.demo');
  const meeting = (number: number, title: string, status: 'published' | 'draft', visibility: 'public' | 'members') =>
    insertMeeting(t.db, { number, title, startsAt: new Date('2026-03-01T05:00:00Z'), status, visibility });
  made.publicHeld = await meeting(801, 'Lists: public', 'published', 'public');
  made.membersHeld = await meeting(802, 'Lists: members-only', 'published', 'members');
  made.draft = await meeting(803, 'Lists: draft', 'draft', 'public');
  const task = async (meetingId: string, org: string, description: string) =>
    insertTask(t.db, {
      meetingId,
      decision: description,
      description,
      organisationId: await orgId(t.db, org),
      deadline: inDays(30),
    });
  tasks.publicMia = await task(made.publicHeld, 'mia', 'Lists: public task of the MIA');
  tasks.publicNgo = await task(made.publicHeld, 'kadyr-kasiyet', 'Lists: public task of the NGO');
  tasks.membersNgo = await task(made.membersHeld, 'kadyr-kasiyet', 'Lists: members-only task of the NGO');
  tasks.draftMia = await task(made.draft, 'mia', 'Lists: draft task of the MIA');
  for (const [key, meetingId] of [
    ['publicNews', made.publicHeld],
    ['membersNews', made.membersHeld],
  ] as const) {
    const row = await t.db
      .insertInto('communiques')
      .values({
        meeting_id: meetingId,
        title: JSON.stringify({ en: `Lists: ${key}` }),
        body: JSON.stringify({ en: 'Body' }),
        published_at: new Date('2026-03-02T10:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    news[key] = row.id;
  }
});

/** The ids a list of the API gives this reader, and its total; fails unless it answers 200. */
async function listed(who: Reader, url: string) {
  const res = await clients[who].get(url);
  assert.equal(res.statusCode, 200, `${who} ${url}: ${res.body}`);
  const body = res.json() as { items: { id: string }[]; total: number };
  return { ids: body.items.map((i) => i.id), total: body.total };
}

/** The ids of the meetings the query (narrowed by `where`) gives, newest first as the API sorts them. */
const meetingIds = async (where: (q: ReturnType<typeof meetingsQuery>) => ReturnType<typeof meetingsQuery>) =>
  (await where(meetingsQuery()).execute()).map((r) => r.id);
const meetingsQuery = () =>
  t.db.selectFrom('meetings as m').select('m.id').orderBy('m.starts_at', 'desc').orderBy('m.id', 'desc');

describe('/api/v1/meetings', () => {
  test('staff get every meeting, drafts included; a member every one but drafts; a visitor public ones only', async () => {
    const all = await meetingIds((q) => q);
    assert.deepEqual(await listed('staff', '/api/v1/meetings?limit=100'), { ids: all, total: all.length });
    const notDraft = await meetingIds((q) => q.where('m.status', '!=', 'draft'));
    assert.deepEqual(await listed('member', '/api/v1/meetings?limit=100'), { ids: notDraft, total: notDraft.length });
    const publicOnes = await meetingIds((q) => q.where('m.status', '!=', 'draft').where('m.visibility', '=', 'public'));
    assert.deepEqual(await listed('visitor', '/api/v1/meetings?limit=100'), {
      ids: publicOnes,
      total: publicOnes.length,
    });
    // The three made here fall where they should (the comparisons above cannot all be empty).
    assert.ok(all.includes(made.draft) && !notDraft.includes(made.draft));
    assert.ok(notDraft.includes(made.membersHeld) && !publicOnes.includes(made.membersHeld));
    assert.ok(publicOnes.includes(made.publicHeld));
  });

  test('updated_since lists only the meetings changed since, for staff and members alike', async () => {
    await listsChangedSince('/api/v1/meetings', [made.membersHeld, made.draft], (ids) =>
      t.db.updateTable('meetings').set({ updated_at: sql`now()` }).where('id', 'in', ids).execute(),
    );
  });
});

/** The database's clock now, as the API's updated_since takes it. */
const dbNow = async () =>
  encodeURIComponent(
    (await sql<{ now: Date }>`SELECT now() AS now`.execute(t.db)).rows[0]?.now.toISOString() ?? 'no clock',
  );

/**
 * What `path` lists with updated_since a moment before `change` changes two rows, one of a
 * members-only meeting and one of a draft: nothing before it; after it, both for staff, the first
 * for a member, none for a visitor.
 */
async function listsChangedSince(
  path: string,
  [membersOnly, draft]: [string, string],
  change: (ids: string[]) => Promise<unknown>,
) {
  const since = await dbNow();
  const url = `${path}?updated_since=${since}`;
  for (const who of ['staff', 'member'] as const) assert.deepEqual(await listed(who, url), { ids: [], total: 0 }, who);
  await change([membersOnly, draft]);
  const staff = await listed('staff', url);
  assert.deepEqual(new Set(staff.ids), new Set([membersOnly, draft]));
  assert.equal(staff.total, 2);
  assert.deepEqual(await listed('member', url), { ids: [membersOnly], total: 1 });
  assert.deepEqual(await listed('visitor', url), { ids: [], total: 0 });
}

describe('/api/v1/tasks', () => {
  test('filtered by organisation: staff get all its tasks, a visitor those of public meetings', async () => {
    const mia = await orgId(t.db, 'mia');
    const ngo = await orgId(t.db, 'kadyr-kasiyet');
    const tasksOf = async (org: string, draftsToo: boolean) => {
      let q = t.db
        .selectFrom('tasks as t')
        .innerJoin('meetings as m', 'm.id', 't.meeting_id')
        .select('t.id')
        .where('t.organisation_id', '=', org)
        .orderBy('t.deadline')
        .orderBy('t.id');
      if (!draftsToo) q = q.where('m.status', '!=', 'draft');
      return (await q.execute()).map((r) => r.id);
    };
    const staffMia = await listed('staff', '/api/v1/tasks?organisation=mia&limit=100');
    assert.deepEqual(staffMia.ids, await tasksOf(mia, true));
    assert.equal(staffMia.total, staffMia.ids.length);
    assert.ok(staffMia.ids.includes(tasks.draftMia) && staffMia.ids.includes(tasks.publicMia));
    assert.ok(!staffMia.ids.includes(tasks.publicNgo), 'another organisation’s task');
    const visitorNgo = await listed('visitor', '/api/v1/tasks?organisation=kadyr-kasiyet&limit=100');
    assert.ok(visitorNgo.ids.includes(tasks.publicNgo));
    assert.ok(!visitorNgo.ids.includes(tasks.membersNgo), 'members-only meeting');
    assert.equal(visitorNgo.total, visitorNgo.ids.length);
    const memberNgo = await listed('member', '/api/v1/tasks?organisation=kadyr-kasiyet&limit=100');
    assert.deepEqual(memberNgo.ids, await tasksOf(ngo, false));
    assert.ok(memberNgo.ids.includes(tasks.membersNgo));
  });

  test('unfiltered: staff get every task, a member every one but those of drafts', async () => {
    const count = async (draftsToo: boolean) => {
      let q = t.db
        .selectFrom('tasks as t')
        .innerJoin('meetings as m', 'm.id', 't.meeting_id')
        .select((eb) => eb.fn.countAll<string>().as('n'));
      if (!draftsToo) q = q.where('m.status', '!=', 'draft');
      return Number((await q.executeTakeFirstOrThrow()).n);
    };
    const staff = await listed('staff', '/api/v1/tasks?limit=100');
    assert.equal(staff.total, await count(true));
    assert.equal(staff.ids.length, staff.total, 'all on one page');
    assert.ok(staff.ids.includes(tasks.draftMia));
    const member = await listed('member', '/api/v1/tasks?limit=100');
    assert.equal(member.total, await count(false));
    assert.ok(member.ids.includes(tasks.membersNgo) && !member.ids.includes(tasks.draftMia));
  });

  test('updated_since lists the tasks done since', async () => {
    await listsChangedSince('/api/v1/tasks', [tasks.membersNgo, tasks.draftMia], (ids) =>
      t.db.updateTable('tasks').set({ done_at: sql`now()` }).where('id', 'in', ids).execute(),
    );
  });
});

describe('/api/v1/news', () => {
  test('a member reads the communiqués of members-only meetings too; a visitor does not', async () => {
    const member = await listed('member', '/api/v1/news?limit=100');
    assert.ok(member.ids.includes(news.membersNews) && member.ids.includes(news.publicNews));
    assert.equal(member.total, member.ids.length);
    const visitor = await listed('visitor', '/api/v1/news?limit=100');
    assert.ok(visitor.ids.includes(news.publicNews));
    assert.ok(!visitor.ids.includes(news.membersNews));
    assert.equal(member.total, visitor.total + 1);
  });

  test('updated_since lists the communiqués changed since', async () => {
    const since = await dbNow();
    assert.deepEqual(await listed('member', `/api/v1/news?updated_since=${since}`), { ids: [], total: 0 });
    await t.db.updateTable('communiques').set({ updated_at: sql`now()` }).where('id', '=', news.membersNews).execute();
    assert.deepEqual(await listed('member', `/api/v1/news?updated_since=${since}`), {
      ids: [news.membersNews],
      total: 1,
    });
    assert.deepEqual(await listed('visitor', `/api/v1/news?updated_since=${since}`), { ids: [], total: 0 });
  });
});
