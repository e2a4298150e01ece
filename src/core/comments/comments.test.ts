import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { COMMENT_PEOPLE, DOMAINS } from '../../domains.ts';
import { useTestApp } from '../../testing/app.ts';
import { asEveryDemoUser, TestClient } from '../../testing/client.ts';
import { auditCount, userId } from '../../testing/data.ts';
import { parseHtml, textOf } from '../../testing/html.ts';
import { naughtyStrings } from '../../testing/naughty.ts';
import type { CurrentUser } from '../auth/user.ts';
import { i18nFor } from '../i18n/i18n.ts';
import { linkCount, mayComment } from './comments.ts';
import { type CommentsEnv, guardedCommentable } from './context.ts';
import { commentCounts } from './queries.ts';
import { commentsOpen, heldByWords, saveCommentSettings } from './settings.ts';

let newsId = '';
let meetingId = '';
const t = useTestApp({ demo: true }, async () => {
  const news = await sql<{ id: string }>`
    SELECT id::text AS id FROM communiques WHERE published_at IS NOT NULL ORDER BY id LIMIT 1`.execute(t.db);
  newsId = news.rows[0]?.id ?? '';
  const meeting = await sql<{ id: string }>`
    SELECT id::text AS id FROM meetings WHERE visibility = 'public' AND status <> 'draft' ORDER BY id LIMIT 1`.execute(
    t.db,
  );
  meetingId = meeting.rows[0]?.id ?? '';
  assert.ok(newsId && meetingId, 'the demo has a published communiqué and a public meeting');
});

const env = (): CommentsEnv => ({
  db: t.db,
  commentables: DOMAINS.flatMap((d) => d.commentable ?? []).map(guardedCommentable),
  people: COMMENT_PEOPLE,
  publicUrl: 'http://localhost:3000',
});

/** Inserts comments as a user straight into the table (for volume; the HTTP path is tested below). */
async function insertComments(kind: string, recordId: string, authorId: string, bodies: string[]) {
  for (let i = 0; i < bodies.length; i += 500) {
    await t.db
      .insertInto('comments')
      .values(
        bodies.slice(i, i + 500).map((body) => ({
          kind,
          record_id: recordId,
          author_id: authorId,
          lang: 'en' as const,
          body,
          state: 'published' as const,
        })),
      )
      .execute();
  }
}

/** Each request from an address of its own: the per-address limit is tested once, on purpose. */
let addresses = 0;
const send = (c: TestClient, url: string, form: Record<string, string>) => {
  addresses += 1;
  return c.post(url, form, { remoteAddress: `198.51.${Math.floor(addresses / 250)}.${(addresses % 250) + 1}` });
};
const post = (
  c: TestClient,
  body: string,
  extra: Record<string, string> = {},
  lang = 'en',
  kind = 'news',
  id = newsId,
) => send(c, `/${lang}/comments/${kind}/${id}`, { body, lang: 'en', ...extra });

/** Each test writes as fresh citizens (the per-account limit is ten comments in ten minutes). */
let citizens = 0;
async function newCitizen(): Promise<TestClient> {
  citizens += 1;
  const email = `citizen${citizens}@comments.test`;
  await sql`INSERT INTO users (email, password_hash, display_name, role, locale)
    SELECT ${email}, password_hash, ${`Citizen ${citizens}`}, 'citizen', 'kk' FROM users WHERE email = 'citizen@kenes.demo'`.execute(
    t.db,
  );
  return TestClient.signedIn(t.app, email);
}

describe('comments: who may do what', () => {
  test('role × action: every signed-in role comments, replies and reports; only the secretariat and admins moderate', async () => {
    let n = 0;
    await asEveryDemoUser(t.app, async (c, user, who) => {
      n += 1;
      const res = await post(c, `A comment number ${n} by ${who}`, {}, 'en', 'news', newsId);
      assert.equal(res.statusCode, user ? 303 : 403, `${who} posts`);
      const queue = await c.get('/en/moderation');
      const staff = user?.role === 'platform_admin' || user?.role === 'secretariat';
      assert.equal(queue.statusCode, staff ? 200 : user ? 403 : 303, `${who} opens the queue`);
      const page = await c.get(`/en/news/${newsId}`);
      assert.equal(page.statusCode, 200);
      const html = parseHtml(page.body);
      // The form is offered exactly to those who may use it.
      assert.equal(html.querySelector(`form[action="/en/comments/news/${newsId}"]`) !== null, user !== null, who);
    });
  });

  test('only its author edits (within 15 minutes) or deletes a comment; others may report it', async () => {
    const author = await newCitizen();
    const other = await newCitizen();
    const res = await post(author, 'My first thought');
    const id = /#comment-(\d+)/.exec(String(res.headers.location))?.[1] ?? '';
    assert.ok(id);
    assert.equal((await send(other, `/en/comment/${id}/edit`, { body: 'Hijacked' })).statusCode, 404);
    assert.equal((await send(other, `/en/comment/${id}/delete`, {})).statusCode, 404);
    assert.equal((await send(author, `/en/comment/${id}/edit`, { body: 'My second thought' })).statusCode, 303);
    const page = await author.get(`/en/news/${newsId}`);
    const item = parseHtml(page.body).querySelector(`#comment-${id}`);
    assert.match(textOf(item), /My second thought/);
    assert.match(textOf(item), /edited/);
    // Past 15 minutes the edit is refused.
    await t.db
      .updateTable('comments')
      .set({ created_at: new Date(Date.now() - 16 * 60_000) })
      .where('id', '=', id)
      .execute();
    const late = await send(author, `/en/comment/${id}/edit`, { body: 'Too late' });
    assert.equal(late.statusCode, 403);
    assert.match(late.body, /can no longer be edited/);
    assert.equal((await send(other, `/en/comment/${id}/flag`, { reason: 'Rude' })).statusCode, 303);
    assert.equal((await send(author, `/en/comment/${id}/delete`, {})).statusCode, 303);
    const after = await t.app.inject({ url: `/en/news/${newsId}` });
    assert.ok(!after.body.includes('My second thought'));
  });

  test('replies are one level deep; a representative writes as their organisation, and it shows', async () => {
    const mia = await TestClient.signedIn(t.app, 'mia@kenes.demo');
    const res = await post(mia, 'The ministry answers', { as: 'organisation' });
    assert.equal(res.statusCode, 303);
    const id = /#comment-(\d+)/.exec(String(res.headers.location))?.[1] ?? '';
    const citizen = await newCitizen();
    const reply = await post(citizen, 'Thank you for the answer', { parent: id });
    assert.equal(reply.statusCode, 303);
    const replyId = /#comment-(\d+)/.exec(String(reply.headers.location))?.[1] ?? '';
    const deeper = await post(citizen, 'A reply to a reply', { parent: replyId });
    assert.equal(deeper.statusCode, 422);
    const html = parseHtml((await t.app.inject({ url: `/en/news/${newsId}` })).body);
    assert.match(textOf(html.querySelector(`#comment-${id} .comment-meta`)), /for .*Internal Affairs/i);
    assert.ok(html.querySelector(`.comment-replies #comment-${replyId}`), 'the reply sits under its comment');
    // The author of the comment is told of the reply.
    const notifications = await mia.get('/en/notifications');
    assert.match(notifications.body, /A reply to your comment/);
  });
});

describe('comments: what they hold', () => {
  test('naughty strings and XSS payloads render as text, never as markup', async () => {
    const authorId = await userId(t.db, 'citizen@kenes.demo');
    const payloads = [
      ...naughtyStrings().filter(
        (s) => s.trim() !== '' && !/\p{Cs}/u.test(s) && !/\p{Cc}/u.test(s.replace(/[\t\n\r]/g, '')),
      ),
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[click](javascript:alert(1))',
      '<a href="javascript:alert(1)">x</a>',
      '"><svg onload=alert(1)>',
    ];
    await insertComments(
      'news',
      newsId,
      authorId,
      payloads.map((p, i) => `${p} (${i})`),
    );
    const pages = Math.ceil(payloads.length / 50) + 2;
    for (let page = 1; page <= pages; page += 1) {
      const res = await t.app.inject({ url: `/en/comments/news/${newsId}?page=${page}` });
      assert.equal(res.statusCode, 200);
      const html = parseHtml(res.body);
      assert.equal(html.querySelectorAll('.comment-text script, .comment-text img, .comment-text svg').length, 0);
      for (const el of html.querySelectorAll('.comment-text *')) {
        for (const attr of Object.keys(el.attributes)) assert.ok(!/^on/i.test(attr), `an ${attr} attribute`);
        assert.ok(!/^\s*javascript:/i.test(el.getAttribute('href') ?? ''), 'a javascript: link');
      }
    }
    const page1 = await t.app.inject({ url: `/en/comments/news/${newsId}` });
    assert.ok(page1.body.includes('&lt;'), 'markup typed in a comment is shown as its characters');
  });

  test('links are limited to three and marked nofollow ugc; duplicates and the honeypot are refused quietly', async () => {
    const c = await newCitizen();
    assert.equal(linkCount('see https://a.example and [b](https://b.example)'), 2);
    const four = await post(c, 'https://a.example https://b.example https://c.example https://d.example');
    assert.equal(four.statusCode, 422);
    assert.match(four.body, /at most 3 links/);
    assert.equal((await post(c, 'One link: https://a.example/page')).statusCode, 303);
    const html = (await t.app.inject({ url: `/en/news/${newsId}` })).body;
    assert.match(html, /<a href="https:\/\/a\.example\/page" rel="nofollow ugc noopener">/);
    const again = await post(c, 'One link:   https://a.example/page');
    assert.equal(again.statusCode, 422);
    assert.match(again.body, /already written this comment/);
    const before = await t.db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const robot = await post(c, 'Buy cheap watches', { website: 'http://spam.example' });
    assert.equal(robot.statusCode, 303, 'the robot is told nothing');
    const after = await t.db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
  });

  test('each comment carries its language; the count of a list comes in one query', async () => {
    const c = await newCitizen();
    await send(c, `/en/comments/meeting/${meetingId}`, { body: 'Өте маңызды отырыс', lang: 'kk' });
    const html = parseHtml((await t.app.inject({ url: `/en/comments/meeting/${meetingId}` })).body);
    assert.equal(html.querySelector('.comment-published [lang="kk"]')?.getAttribute('lang'), 'kk');
    t.queries.length = 0;
    const counts = await commentCounts(t.db, 'meeting', [meetingId, '999999']);
    assert.equal(t.queries.length, 1);
    assert.equal(counts.get(meetingId), 1);
    assert.equal(counts.has('999999'), false);
  });
});

describe('comments: abuse', () => {
  test('per account: the eleventh comment in ten minutes answers 429 in the user’s language', async () => {
    const c = await newCitizen();
    for (let i = 0; i < 10; i += 1) assert.equal((await post(c, `Comment ${i} of many`)).statusCode, 303);
    const res = await post(c, 'One too many', {}, 'kk');
    assert.equal(res.statusCode, 429);
    assert.match(res.body, /Сіз қысқа уақытта көп пікір жаздыңыз/);
  });

  test('per address: the app’s rate limit answers 429 in the user’s language', async () => {
    // Three accounts behind one address: seven comments each stay under the per-account limit.
    const statuses: number[] = [];
    let body = '';
    for (let a = 0; a < 3; a += 1) {
      const c = await newCitizen();
      for (let i = 0; i < 7; i += 1) {
        const res = await c.post(
          `/ru/comments/news/${newsId}`,
          { body: `Из одной сети ${a}-${i}`, lang: 'ru' },
          { remoteAddress: '192.0.2.77' },
        );
        statuses.push(res.statusCode);
        body = res.body;
      }
    }
    assert.deepEqual(statuses.slice(0, 20), Array(20).fill(303));
    assert.equal(statuses[20], 429);
    assert.match(body, /слишком много запросов/i);
  });

  test('a blocked user cannot comment, and is told until when and why; an unconfirmed address cannot either', async () => {
    const c = await newCitizen();
    const res = await post(c, 'Something rude');
    const id = /#comment-(\d+)/.exec(String(res.headers.location))?.[1] ?? '';
    const staff = await TestClient.signedIn(t.app, 'secretariat@kenes.demo');
    assert.equal((await send(staff, `/en/moderation/${id}/block`, { days: '7', reason: 'insults' })).statusCode, 303);
    const refused = await post(c, 'Something else', {}, 'ru');
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /не можете комментировать до .*оскорбления/);
    const page = await c.get(`/en/news/${newsId}`);
    assert.equal(parseHtml(page.body).querySelector(`form[action="/en/comments/news/${newsId}"]`), null);
    assert.equal(await auditCount(t.db, 'user', 'block-comments'), 1);
    const unconfirmed: CurrentUser = {
      id: '1',
      email: 'x@example.org',
      displayName: 'X',
      role: 'citizen',
      organisationId: null,
      locale: 'en',
      emailConfirmed: false,
    };
    await assert.rejects(mayComment(env(), unconfirmed, i18nFor('en')), { messageKey: 'comments.confirmEmail' });
    // Through the page: a reader whose address is not confirmed is asked to confirm it and offered no
    // form, and still reads the thread (their own comments held for moderation included).
    const later = await newCitizen();
    const held = await post(later, 'Held until moderated', {}, 'en');
    assert.equal(held.statusCode, 303);
    await t.db
      .updateTable('users')
      .set({ email_confirmed_at: null })
      .where('email', '=', `citizen${citizens}@comments.test`)
      .execute();
    const asked = parseHtml((await later.get(`/en/news/${newsId}`)).body);
    assert.equal(asked.querySelector(`form[action="/en/comments/news/${newsId}"]`), null);
    assert.match(textOf(asked.querySelector('main')), /Confirm your e-mail address to comment/);
  });

  test('a word of the list sends a comment to the queue', async () => {
    assert.ok(heldByWords('What an IDIOT.', ['idiot']));
    assert.ok(!heldByWords('a fine idea', ['idiot']));
    await saveCommentSettings(t.db, { words: ['idiot'] });
    try {
      const c = await newCitizen();
      await post(c, 'You idiot, read the report');
      const visitor = await t.app.inject({ url: `/en/news/${newsId}` });
      assert.ok(!visitor.body.includes('read the report'));
      const staff = await TestClient.signedIn(t.app, 'secretariat@kenes.demo');
      assert.match((await staff.get('/en/moderation')).body, /contains a word of the list/);
    } finally {
      await saveCommentSettings(t.db, {});
    }
  });
});

describe('comments: moderation', () => {
  test('pre-moderation hides a comment until approved; the author is told', async () => {
    await saveCommentSettings(t.db, { moderation: { news: 'pre' } });
    try {
      const c = await newCitizen();
      const res = await post(c, 'Waiting for the moderators');
      assert.equal(res.statusCode, 303);
      const id = /#comment-(\d+)/.exec(String(res.headers.location))?.[1] ?? '';
      assert.ok(!(await t.app.inject({ url: `/en/news/${newsId}` })).body.includes('Waiting for the moderators'));
      assert.match((await c.get(`/en/news/${newsId}`)).body, /Awaiting moderation/);
      const api = await t.app.inject({ url: `/api/v1/comments?kind=news&id=${newsId}` });
      assert.ok(!api.body.includes('Waiting for the moderators'));
      const staff = await TestClient.signedIn(t.app, 'secretariat@kenes.demo');
      const queue = await staff.get('/en/moderation');
      assert.ok(parseHtml(queue.body).querySelector(`#comment-${id}`));
      assert.equal((await send(staff, `/en/moderation/${id}/approve`, {})).statusCode, 303);
      assert.match((await t.app.inject({ url: `/en/news/${newsId}` })).body, /Waiting for the moderators/);
      assert.equal((await send(staff, `/en/moderation/${id}/approve`, {})).statusCode, 409);
      assert.match((await c.get('/kk/notifications')).body, /жарияланды/);
    } finally {
      await saveCommentSettings(t.db, {});
    }
  });

  test('a report → the moderator hides with a reason shown in place of the text; audited; the author is e-mailed why', async () => {
    const author = await newCitizen();
    const res = await post(author, 'Something insulting here');
    const id = /#comment-(\d+)/.exec(String(res.headers.location))?.[1] ?? '';
    const reporter = await newCitizen();
    assert.equal((await send(reporter, `/en/comment/${id}/flag`, { reason: 'This insults people' })).statusCode, 303);
    const staff = await TestClient.signedIn(t.app, 'secretariat@kenes.demo');
    const queue = parseHtml((await staff.get('/en/moderation')).body);
    const entry = queue.querySelector(`#comment-${id}`);
    assert.match(textOf(entry), /This insults people/);
    assert.match(textOf(entry), /Published 1/);
    assert.equal((await send(staff, `/en/moderation/${id}/hide`, { reason: 'insults' })).statusCode, 303);
    const page = (await t.app.inject({ url: `/kk/news/${newsId}` })).body;
    assert.ok(!page.includes('Something insulting here'));
    assert.match(textOf(parseHtml(page).querySelector(`#comment-${id}`)), /Модераторлар жасырды: қорлау/);
    const mail = await t.db
      .selectFrom('email_outbox')
      .select(['to_address', 'body_text'])
      .where('body_text', 'like', '%Something insulting here%')
      .execute();
    assert.equal(mail.length, 1);
    assert.match(mail[0]?.body_text ?? '', /қорлау/);
    const actions = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'comment')
      .where('entity_id', '=', id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      actions.map((a) => a.action),
      ['create', 'flag', 'hide'],
    );
    const api = JSON.parse((await t.app.inject({ url: `/api/v1/comments?kind=news&id=${newsId}` })).body);
    const hidden = api.comments.find((x: { id: string }) => x.id === id);
    assert.equal(hidden.body, null);
    assert.equal(hidden.hiddenReason, 'insults');
  });
});

describe('comments: visibility follows the record', () => {
  test('a comment on a meeting that became members-only is never public: page, API and feed answer 404', async () => {
    const c = await newCitizen();
    assert.equal(
      (await send(c, `/en/comments/meeting/${meetingId}`, { body: 'Public for now', lang: 'en' })).statusCode,
      303,
    );
    assert.equal((await t.app.inject({ url: `/api/v1/comments?kind=meeting&id=${meetingId}` })).statusCode, 200);
    await sql`UPDATE meetings SET visibility = 'members' WHERE id = ${meetingId}`.execute(t.db);
    try {
      for (const url of [
        `/en/comments/meeting/${meetingId}`,
        `/api/v1/comments?kind=meeting&id=${meetingId}`,
        `/en/comments/meeting/${meetingId}/feed.atom`,
      ]) {
        const res = await t.app.inject({ url });
        assert.equal(res.statusCode, 404, url);
        assert.ok(!res.body.includes('Public for now'), url);
      }
      const refused = await send(c, `/en/comments/meeting/${meetingId}`, { body: 'Still here?', lang: 'en' });
      assert.equal(refused.statusCode, 404);
    } finally {
      await sql`UPDATE meetings SET visibility = 'public' WHERE id = ${meetingId}`.execute(t.db);
    }
  });

  test('comments close the set number of days after publication', () => {
    const target = { title: {}, path: '/news/1', open: true, publishedAt: new Date(Date.now() - 31 * 86_400_000) };
    const settings = { moderation: {}, closeAfterDays: { news: 30 }, words: [] };
    assert.equal(commentsOpen(settings, 'news', target), false);
    assert.equal(commentsOpen(settings, 'meeting', target), true);
    assert.equal(commentsOpen({ ...settings, closeAfterDays: { news: 40 } }, 'news', target), true);
  });

  test('the feed of a record’s comments is Atom of plain text', async () => {
    const res = await t.app.inject({ url: `/en/comments/news/${newsId}/feed.atom` });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /atom\+xml/);
    assert.ok(!res.body.includes('<script>'));
  });
});

describe('comments: a page of 1,000', () => {
  test('runs the same number of queries with 1,000 comments as with none, and is paged by 50', async () => {
    const recordId = meetingId;
    const fresh = await sql<{ id: string }>`
      SELECT id::text AS id FROM communiques WHERE published_at IS NOT NULL AND id::text <> ${newsId} ORDER BY id LIMIT 1`.execute(
      t.db,
    );
    const other = fresh.rows[0]?.id;
    const kind = other ? 'news' : 'meeting';
    const id = other ?? recordId;
    const count = async () => {
      t.queries.length = 0;
      const res = await t.app.inject({ url: `/en/comments/${kind}/${id}` });
      assert.equal(res.statusCode, 200);
      return { queries: t.queries.length, html: parseHtml(res.body) };
    };
    await sql`DELETE FROM comments WHERE kind = ${kind} AND record_id = ${id}`.execute(t.db);
    const empty = await count();
    const authorId = await userId(t.db, 'citizen@kenes.demo');
    await insertComments(
      kind,
      id,
      authorId,
      Array.from({ length: 1000 }, (_, i) => `Comment ${i}`),
    );
    const full = await count();
    assert.equal(full.queries, empty.queries, 'a fixed number of queries');
    assert.equal(full.html.querySelectorAll('.comment-list > li').length, 50);
    assert.ok(full.html.querySelector('a[rel="next"]'));
    const last = await t.app.inject({ url: `/en/comments/${kind}/${id}?page=20` });
    assert.equal(parseHtml(last.body).querySelectorAll('.comment-list > li').length, 50);
    assert.ok(!last.body.includes('rel="next"'));
  });
});
