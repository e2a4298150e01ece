import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CurrentUser } from './core/auth/user.ts';
import type { SearchDocument } from './core/extensions.ts';
import { DOMAINS } from './domains.ts';
import { createTestApp, type TestApp } from './testing/app.ts';
import { insertMeeting } from './testing/data.ts';

/*
 * The extension points' contract (decision 0016), checked for every domain that fills one in, on the
 * demo: what a domain says of a record's visibility agrees with what its page shows a visitor.
 */

const searchables = DOMAINS.flatMap((d) => d.searchable ?? []);
const commentables = DOMAINS.flatMap((d) => d.commentable ?? []);
const feeds = DOMAINS.flatMap((d) => d.feeds ?? []);

let t: TestApp;
let staff: CurrentUser;
const docs = new Map<string, SearchDocument[]>();
const visitorStatus = async (path: string) => (await t.app.inject({ method: 'GET', url: `/en${path}` })).statusCode;

before(async () => {
  t = await createTestApp({ demo: true });
  const row = await t.db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'role', 'organisation_id', 'locale'])
    .where('role', '=', 'secretariat')
    .executeTakeFirstOrThrow();
  staff = {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    organisationId: row.organisation_id,
    locale: row.locale,
  } as CurrentUser;
  // A members-only draft meeting and a draft proposal: the demo shows only what everyone may see.
  await insertMeeting(t.db, {
    number: 999,
    title: 'Closed draft meeting',
    startsAt: new Date('2027-03-01T10:00:00Z'),
    visibility: 'members',
    status: 'draft',
  });
  await t.db
    .insertInto('proposals')
    .values({ title: JSON.stringify({ ru: 'Черновик предложения' }), kind: 'other', status: 'draft' })
    .execute();
  for (const s of searchables) {
    const all: SearchDocument[] = [];
    // Paged by id, 7 at a time, to exercise the paging every indexer will use.
    for (let afterId: string | undefined; ; ) {
      const page = await s.documents(t.db, { limit: 7, ...(afterId ? { afterId } : {}) });
      all.push(...page);
      if (page.length < 7) break;
      afterId = page[page.length - 1]?.id;
    }
    docs.set(s.kind, all);
  }
});
after(() => t.close());

describe('searchable: every domain contributes its records with the visibility its pages apply', () => {
  test('the kinds are unique and each has documents in the demo', () => {
    const kinds = searchables.map((s) => s.kind);
    assert.deepEqual([...new Set(kinds)], kinds);
    for (const kind of ['meeting', 'news', 'proposal', 'recommendation', 'cycle', 'organisation'])
      assert.ok((docs.get(kind)?.length ?? 0) > 0, `${kind}: no documents`);
  });

  test('paging returns each record once, with text in at least one language', () => {
    for (const [kind, list] of docs) {
      const ids = list.map((d) => d.id);
      assert.equal(new Set(ids).size, ids.length, `${kind}: a record twice`);
      for (const d of list) {
        const texts = [...Object.values(d.title), ...Object.values(d.body)].filter((x) => typeof x === 'string' && x);
        assert.ok(texts.length > 0, `${kind} ${d.id}: no text`);
        assert.equal(d.kind, kind);
      }
    }
  });

  test('nothing changed after now is nothing', async () => {
    for (const s of searchables)
      assert.deepEqual(await s.documents(t.db, { since: new Date(Date.now() + 60_000), limit: 10 }), []);
  });

  test('a document is public exactly when a visitor may open its page, and visibleTo agrees', async () => {
    for (const s of searchables) {
      const list = docs.get(s.kind) ?? [];
      const visitorSees = await s.visibleTo(
        t.db,
        null,
        list.map((d) => d.id),
      );
      const staffSees = await s.visibleTo(
        t.db,
        staff,
        list.map((d) => d.id),
      );
      for (const d of list.slice(0, 40)) {
        const status = await visitorStatus(d.path);
        assert.equal(status === 200, visitorSees.has(d.id), `${s.kind} ${d.id} ${d.path}: page ${status}`);
        if (d.visibility === 'public') assert.equal(status, 200, `${s.kind} ${d.id} is public but ${status}`);
        if (visitorSees.has(d.id)) assert.ok(staffSees.has(d.id), `${s.kind} ${d.id}: staff see less than a visitor`);
      }
    }
  });

  test('a draft meeting and a draft proposal are restricted: a visitor is refused, staff see the meeting only', async () => {
    const meeting = docs.get('meeting')?.find((d) => d.title.en === 'Closed draft meeting');
    const proposal = docs.get('proposal')?.find((d) => d.title.ru === 'Черновик предложения');
    assert.ok(meeting && proposal);
    for (const [kind, d] of [
      ['meeting', meeting],
      ['proposal', proposal],
    ] as const) {
      assert.equal(d.visibility, 'restricted');
      assert.equal(await visitorStatus(d.path), 404);
      const s = searchables.find((x) => x.kind === kind);
      assert.equal((await s?.visibleTo(t.db, null, [d.id]))?.has(d.id), false);
      // Staff run meetings; a draft proposal is its authors' alone (decision 0014).
      assert.equal((await s?.visibleTo(t.db, staff, [d.id]))?.has(d.id), kind === 'meeting');
    }
  });
});

describe('commentable: a record takes comments only where its reader may see it', () => {
  test('each kind answers for its records as the pages do; an unknown id is null', async () => {
    assert.ok(commentables.length >= 4);
    for (const c of commentables) {
      const list = docs.get(c.kind) ?? [];
      assert.ok(list.length > 0, `${c.kind}: no searchable records to compare with`);
      for (const d of list.slice(0, 25)) {
        const target = await c.target(t.db, null, d.id);
        if (target) {
          assert.equal(target.path, d.path);
          assert.equal(await visitorStatus(target.path), 200, `${c.kind} ${d.id} takes comments but is hidden`);
        } else if (d.visibility === 'public' && c.kind !== 'meeting') {
          assert.fail(`${c.kind} ${d.id} is public but takes no comments`);
        }
      }
      assert.equal(await c.target(t.db, staff, '999999999'), null);
      assert.equal(c.mayModerate(null), false);
      assert.equal(c.mayModerate(staff), true);
    }
  });
});

describe('feeds: every public feed answers and every page advertises it', () => {
  test('each feed is served in each language with its type, and named in the head', async () => {
    const home = (await t.app.inject({ method: 'GET', url: '/kk/' })).body;
    // A record's feed (Feed.page) is advertised on its record's page only: test/feeds.test.ts.
    for (const f of feeds.filter((feed) => !feed.page)) {
      for (const lang of ['kk', 'ru', 'en'] as const) {
        const res = await t.app.inject({ method: 'GET', url: f.path(lang) });
        assert.equal(res.statusCode, 200, f.path(lang));
        assert.match(String(res.headers['content-type']), f.format === 'atom' ? /atom\+xml/ : /text\/calendar/);
      }
      assert.ok(home.includes(`href="${f.path('kk')}"`), `${f.id} is not advertised`);
    }
  });
});
