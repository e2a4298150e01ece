import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { saveCommentSettings } from './core/comments/settings.ts';
import { setMailChoice } from './core/notifications/choices.ts';
import { sendNotificationMail } from './core/notifications/mail.ts';
import { DEMO_PASSWORD } from './demo/content.ts';
import { publicProposals } from './proposals/index.ts';
import { useTestApp } from './testing/app.ts';
import { TestClient } from './testing/client.ts';
import { lastAudit } from './testing/data.ts';
import { parseHtml, textOf } from './testing/html.ts';

/* Comments on every kind that takes them: the pages, the lists' counts, followers, deleted accounts. */

const ids = { meeting: '', proposal: '', recommendation: '', news: '' };
const t = useTestApp({ demo: true }, async () => {
  const first = async (query: ReturnType<typeof sql<{ id: string }>>) => (await query.execute(t.db)).rows[0]?.id ?? '';
  ids.meeting = await first(
    sql`SELECT id::text AS id FROM meetings WHERE visibility = 'public' AND status <> 'draft' ORDER BY id LIMIT 1`,
  );
  ids.news = await first(
    sql`SELECT id::text AS id FROM communiques WHERE published_at IS NOT NULL ORDER BY id LIMIT 1`,
  );
  ids.recommendation = await first(sql`SELECT id::text AS id FROM recommendations ORDER BY id LIMIT 1`);
  const proposal = await t.db
    .selectFrom('proposals as p')
    .select('p.id')
    .where(publicProposals())
    .where('p.status', 'not in', ['withdrawn', 'merged'])
    .orderBy('p.id')
    .executeTakeFirst();
  ids.proposal = proposal?.id ?? '';
  assert.ok(Object.values(ids).every(Boolean), `the demo has one of each: ${JSON.stringify(ids)}`);
});

const PAGES = {
  meeting: (id: string) => `/meetings/${id}`,
  proposal: (id: string) => `/proposals/${id}`,
  recommendation: (id: string) => `/recommendations/${id}`,
  news: (id: string) => `/news/${id}`,
};
type Kind = keyof typeof PAGES;

let addresses = 0;
/** Each post from an address of its own (the per-address limit is tested in comments.test.ts). */
const send = (c: TestClient, url: string, form: Record<string, string>) => {
  addresses += 1;
  return c.post(url, form, { remoteAddress: `203.0.${Math.floor(addresses / 250)}.${(addresses % 250) + 1}` });
};
const comment = (c: TestClient, kind: Kind, body: string, id = ids[kind]) =>
  send(c, `/en/comments/${kind}/${id}`, { body, lang: 'en' });
const commentId = (res: { headers: Record<string, unknown> }) =>
  /#comment-(\d+)/.exec(String(res.headers.location))?.[1] ?? '';

let citizens = 0;
async function newCitizen(
  notify: 'immediately' | 'daily' | 'weekly' | 'never' = 'immediately',
): Promise<{ client: TestClient; id: string; email: string }> {
  citizens += 1;
  const email = `everywhere${citizens}@comments.test`;
  const row = await sql<{ id: string }>`INSERT INTO users (email, password_hash, display_name, role, locale)
    SELECT ${email}, password_hash, ${`Everywhere ${citizens}`}, 'citizen', 'en' FROM users WHERE email = 'citizen@kenes.demo'
    RETURNING id::text AS id`.execute(t.db);
  // The choice for every kind of notification (decision 0024).
  await setMailChoice(t.db, row.rows[0]?.id ?? '', '*', notify);
  return { client: await TestClient.signedIn(t.app, email), id: row.rows[0]?.id ?? '', email };
}

const mailTo = async (email: string) =>
  (
    await t.db.selectFrom('email_outbox').select(['subject', 'body_text']).where('to_address', '=', email).execute()
  ).map((m) => `${m.subject}\n${m.body_text}`);

describe('comments under every kind of record', () => {
  test('the public meeting, a public proposal and a recommendation show their comments and the form', async () => {
    const { client } = await newCitizen();
    for (const kind of ['meeting', 'proposal', 'recommendation'] as const) {
      const res = await comment(client, kind, `A thought on this ${kind}`);
      assert.equal(res.statusCode, 303, kind);
      assert.match(String(res.headers.location), new RegExp(`^/en${PAGES[kind](ids[kind])}#comment-\\d+$`));
      const visitor = parseHtml((await t.app.inject({ url: `/en${PAGES[kind](ids[kind])}` })).body);
      assert.match(
        textOf(visitor.querySelector(`#comment-${commentId(res)}`)),
        new RegExp(`A thought on this ${kind}`),
      );
      const mine = parseHtml((await client.get(`/en${PAGES[kind](ids[kind])}`)).body);
      assert.ok(mine.querySelector(`form[action="/en/comments/${kind}/${ids[kind]}"]`), `${kind}: the form`);
    }
  });

  test('a members-only meeting has no comments section, even for the staff who see it', async () => {
    await sql`UPDATE meetings SET visibility = 'members' WHERE id = ${ids.meeting}`.execute(t.db);
    try {
      const staff = await TestClient.signedIn(t.app, 'secretariat@kenes.demo');
      const page = await staff.get(`/en/meetings/${ids.meeting}`);
      assert.equal(page.statusCode, 200);
      assert.equal(parseHtml(page.body).querySelector('#comments'), null);
    } finally {
      await sql`UPDATE meetings SET visibility = 'public' WHERE id = ${ids.meeting}`.execute(t.db);
    }
  });

  test('comments close per kind, counted from the record’s publication (a meeting: its start)', async () => {
    const { client } = await newCitizen();
    await sql`UPDATE proposals SET submitted_at = now() - interval '10 days' WHERE id = ${ids.proposal}`.execute(t.db);
    await saveCommentSettings(t.db, { closeAfterDays: { proposal: 5, recommendation: 5 } });
    try {
      const closed = await comment(client, 'proposal', 'Too late for this one');
      assert.equal(closed.statusCode, 403);
      assert.match(closed.body, /closed/);
      assert.match((await client.get(`/en/proposals/${ids.proposal}`)).body, /Comments on this page are closed/);
      // The recommendation entered Kenes with the demo, today: still open; the meeting has no limit set.
      assert.equal((await comment(client, 'recommendation', 'Still in time')).statusCode, 303);
      assert.equal((await comment(client, 'meeting', 'No limit for meetings')).statusCode, 303);
      // The demo's meeting took place in 2021: a day after it, its comments closed.
      await saveCommentSettings(t.db, { closeAfterDays: { meeting: 1 } });
      assert.equal((await comment(client, 'meeting', 'After the meeting')).statusCode, 403);
    } finally {
      await saveCommentSettings(t.db, {});
    }
  });
});

describe('comment counts on the lists', () => {
  const LISTS = {
    news: '/en/news',
    meeting: '/en/meetings',
    proposal: '/en/proposals',
    recommendation: '/en/recommendations',
  } satisfies Record<Kind, string>;

  test('each list shows a record’s published comments, in one query whatever they number', async () => {
    const author = await newCitizen();
    for (const [kind, list] of Object.entries(LISTS) as [Kind, string][]) {
      // The first record the list shows (the explorer and the tracker sort their own way).
      const first = parseHtml((await t.app.inject({ url: list })).body).querySelector(
        `main a[href^="/en${PAGES[kind]('')}"]`,
      );
      const id = /(\d+)$/.exec(first?.getAttribute('href') ?? '')?.[1] ?? '';
      assert.ok(id, `${kind}: a record in ${list}`);
      const before = async () => {
        t.queries.length = 0;
        const res = await t.app.inject({ url: list });
        assert.equal(res.statusCode, 200);
        return { queries: t.queries.length, html: parseHtml(res.body) };
      };
      const empty = await before();
      await t.db
        .insertInto('comments')
        .values([
          ...Array.from({ length: 12 }, (_, i) => ({
            kind,
            record_id: id,
            author_id: author.id,
            lang: 'en' as const,
            body: `Count me ${i}`,
            state: 'published' as const,
          })),
          { kind, record_id: id, author_id: author.id, lang: 'en', body: 'Not yet', state: 'pending' },
        ])
        .execute();
      const published = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM comments WHERE kind = ${kind} AND record_id = ${id} AND state = 'published'`.execute(
        t.db,
      );
      const full = await before();
      assert.equal(full.queries, empty.queries, `${list}: as many queries with comments as without`);
      const link = full.html.querySelector(`a.comment-count[href="/en${PAGES[kind](id)}#comments"]`);
      assert.equal(textOf(link), `${published.rows[0]?.n} comments`, list);
    }
  });
});

describe('followers of a proposal are told of its new comments', () => {
  test('at once, in their digest, or never, as each chose; the author is not told of their own', async () => {
    const [now, daily, never] = [await newCitizen('immediately'), await newCitizen('daily'), await newCitizen('never')];
    for (const f of [now, daily, never])
      assert.equal((await send(f.client, `/en/proposals/${ids.proposal}/follow`, { follow: '1' })).statusCode, 303);
    const writer = await newCitizen();
    assert.equal((await send(writer.client, `/en/proposals/${ids.proposal}/follow`, { follow: '1' })).statusCode, 303);
    const res = await comment(writer.client, 'proposal', 'Followers should hear of this');
    assert.equal(res.statusCode, 303);
    // Everyone following sees it on their notifications page; the writer does not.
    for (const f of [now, daily, never])
      assert.match((await f.client.get('/en/notifications')).body, /A new comment on/);
    assert.doesNotMatch((await writer.client.get('/en/notifications')).body, /A new comment on/);
    const [nowMail] = await mailTo(now.email);
    assert.match(nowMail ?? '', /A new comment on/);
    assert.match(nowMail ?? '', /Followers should hear of this/);
    assert.match(nowMail ?? '', new RegExp(`/en/proposals/${ids.proposal}#comment-${commentId(res)}`));
    assert.deepEqual(await mailTo(daily.email), [], 'nothing yet for a daily reader');
    await sendNotificationMail(t.db, t.app.notificationSources, 'http://kenes.test', { quietMs: 0 });
    const digest = await mailTo(daily.email);
    assert.equal(digest.length, 1);
    assert.match(
      digest[0] ?? '',
      new RegExp(`http://kenes.test/en/proposals/${ids.proposal}#comment-${commentId(res)}`),
    );
    await sendNotificationMail(t.db, t.app.notificationSources, 'http://kenes.test', { quietMs: 0 });
    assert.equal((await mailTo(daily.email)).length, 1, 'never twice');
    assert.deepEqual(await mailTo(never.email), []);
    assert.deepEqual(await mailTo(writer.email), []);
  });
});

describe('a deleted account’s comments', () => {
  /** A citizen comments on the news, someone replies; then the citizen deletes their account. */
  async function writeThenDelete(choice: 'anonymise' | 'remove') {
    await sql`UPDATE settings SET value = ${JSON.stringify(choice)} WHERE key = 'comments_on_account_deletion'`.execute(
      t.db,
    );
    const author = await newCitizen('daily');
    const res = await comment(author.client, 'news', `Words to be ${choice}d`);
    const id = commentId(res);
    const replier = await newCitizen();
    const reply = await send(replier.client, `/en/comments/news/${ids.news}`, {
      body: `A reply kept whatever becomes of ${id}`,
      lang: 'en',
      parent: id,
    });
    assert.equal(reply.statusCode, 303);
    assert.equal((await send(author.client, '/en/account/delete', { password: DEMO_PASSWORD })).statusCode, 303);
    const html = parseHtml((await t.app.inject({ url: `/en/news/${ids.news}` })).body);
    return {
      id,
      author,
      item: html.querySelector(`#comment-${id}`),
      replyText: textOf(html.querySelector(`#comment-${commentId(reply)}`)),
    };
  }

  test('anonymise: the comment stays, as a deleted user’s, tied to nobody', async () => {
    const { id, author, item, replyText } = await writeThenDelete('anonymise');
    assert.match(textOf(item), /Words to be anonymised/);
    assert.match(textOf(item), /Deleted user/);
    assert.doesNotMatch(textOf(item), /Everywhere/);
    assert.match(replyText, /A reply kept/);
    const row = await t.db
      .selectFrom('comments')
      .select(['author_id', 'state'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { author_id: null, state: 'published' });
    const left = await t.db.selectFrom('comment_notifications').select('id').where('user_id', '=', author.id).execute();
    assert.deepEqual(left, [], 'their notifications are gone');
  });

  test('remove: the text is gone, a placeholder stays above the others’ replies', async () => {
    const { id, item, replyText } = await writeThenDelete('remove');
    assert.doesNotMatch(textOf(item), /Words to be removed/);
    assert.match(replyText, /A reply kept/);
    const row = await t.db
      .selectFrom('comments')
      .select(['author_id', 'state', 'body'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { author_id: null, state: 'deleted', body: '' });
    const api = await t.app.inject({ url: `/api/v1/comments?kind=news&id=${ids.news}` });
    assert.doesNotMatch(api.body, /Words to be removed/);
  });
});

describe('the comment settings on /admin/settings', () => {
  test('the secretariat chooses pre-moderation, closing days and words per kind; audited; bad days refused in kk', async () => {
    const staff = await TestClient.signedIn(t.app, 'secretariat@kenes.demo');
    const page = parseHtml((await staff.get('/en/admin/settings')).body);
    assert.ok(page.querySelector('form[action="/en/admin/settings/comments"]'), 'the comments section');
    assert.equal(page.querySelector('form[action="/en/admin/settings"]'), null, 'not the administrators’ settings');
    for (const kind of Object.keys(PAGES)) assert.ok(page.querySelector(`select[name="moderation_${kind}"]`), kind);
    const form = {
      moderation_news: 'pre',
      moderation_meeting: 'post',
      moderation_proposal: 'post',
      moderation_recommendation: 'post',
      close_news: '30',
      close_meeting: '',
      close_proposal: '',
      close_recommendation: '',
      words: 'Scam\n  scam \nfree money',
    };
    const bad = await staff.postExpect(422, '/kk/admin/settings/comments', { ...form, close_news: 'thirty' });
    assert.equal(
      textOf(parseHtml(bad.body).querySelector('#error-close_news')),
      '0-ден 3650-ге дейінгі бүтін сан немесе бос.',
    );
    await staff.postExpect(303, '/en/admin/settings/comments', form);
    const stored = await t.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'comments')
      .executeTakeFirstOrThrow();
    assert.deepEqual(stored.value, {
      moderation: { news: 'pre', meeting: 'post', proposal: 'post', recommendation: 'post' },
      closeAfterDays: { news: 30 },
      words: ['Scam', 'scam', 'free money'],
    });
    const audited = await lastAudit(t.db, { entity: 'settings', entityId: 'comments' });
    assert.deepEqual(audited.after, stored.value);
    // The form shows what is stored.
    const again = parseHtml((await staff.get('/en/admin/settings')).body);
    assert.equal(again.querySelector('#field-close_news')?.getAttribute('value'), '30');
    const citizen = await newCitizen();
    await citizen.client.postExpect(403, '/en/admin/settings/comments', form);
    assert.equal((await citizen.client.get('/en/admin/settings')).statusCode, 403);
    await saveCommentSettings(t.db, {});
  });
});

describe('moderators besides the secretariat (decision 0025)', () => {
  test('an administrator makes a citizen a moderator: the queue opens to them, they hide; audited; and back', async () => {
    const admin = await TestClient.signedIn(t.app, 'admin@kenes.demo');
    const volunteer = await newCitizen();
    assert.equal((await volunteer.client.get('/en/moderation')).statusCode, 403);
    const form = { role: 'citizen', organisationId: '', moderator: 'on' };
    await admin.postExpect(303, `/en/admin/users/${volunteer.id}`, form);
    const edit = parseHtml((await admin.get(`/en/admin/users/${volunteer.id}`)).body);
    assert.ok(edit.querySelector('input[name="moderator"][checked]'), 'the form shows it');
    const writer = await newCitizen();
    const id = commentId(await comment(writer.client, 'news', 'Buy cheap watches here'));
    assert.equal((await send(writer.client, `/en/comment/${id}/flag`, { reason: 'Spam' })).statusCode, 303);
    const queue = parseHtml((await volunteer.client.get('/en/moderation')).body);
    assert.ok(queue.querySelector(`#comment-${id}`), 'the reported comment is in their queue');
    assert.equal((await send(volunteer.client, `/en/moderation/${id}/hide`, { reason: 'spam' })).statusCode, 303);
    const hidden = await t.db.selectFrom('comments').select('state').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(hidden.state, 'hidden');
    const audited = await lastAudit(t.db, { entity: 'user', entityId: volunteer.id, action: 'update' });
    assert.equal((audited.after as { moderator: boolean }).moderator, true);
    // The settings stay the secretariat's.
    assert.equal((await volunteer.client.get('/en/admin/settings')).statusCode, 403);
    await admin.postExpect(303, `/en/admin/users/${volunteer.id}`, { role: 'citizen', organisationId: '' });
    assert.equal((await volunteer.client.get('/en/moderation')).statusCode, 403);
  });
});
