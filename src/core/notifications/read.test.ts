/** "Mark all read" on the notifications page marks every source's notifications of that person, and no one else's. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { userId } from '../../testing/data.ts';
import { parseHtml } from '../../testing/html.ts';
import { notify } from './notices.ts';

const t = useTestApp({ demo: true });

/** One unread notification of each source (a notice, a proposal's, a comment's) for the person: written directly. */
async function unreadOfEverySource(user: string, label: string) {
  const meeting = await t.db.selectFrom('meetings').select('id').orderBy('id').executeTakeFirstOrThrow();
  await notify(t.db, [user], {
    kind: 'minutes-circulated', // a kind the meetings domain declares
    record: `meeting:${meeting.id}`,
    path: '/meetings',
    title: { en: `Notice ${label}` },
    message: 'notice.minutesCirculated',
  });
  const event = await t.db.selectFrom('proposal_events').select('id').orderBy('id').executeTakeFirstOrThrow();
  await t.db
    .insertInto('notifications')
    .values({ user_id: user, event_id: event.id, kind: 'proposal-assigned' })
    .execute();
  const comment = await t.db
    .insertInto('comments')
    .values({ kind: 'proposal', record_id: '1', lang: 'en', body: `A reply to ${label}`, state: 'published' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('comment_notifications')
    .values({ user_id: user, comment_id: comment.id, event: 'reply', title: JSON.stringify({ en: label }), path: '/' })
    .execute();
}

/** How many unread notifications of each source the person has. */
async function unread(user: string) {
  const count = async (table: 'notices' | 'notifications' | 'comment_notifications') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('user_id', '=', user)
          .where('read_at', 'is', null)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    notices: await count('notices'),
    proposals: await count('notifications'),
    comments: await count('comment_notifications'),
  };
}

describe('marking notifications read', () => {
  test('every source’s notifications of the person become read; another person’s stay unread', async () => {
    const ngo = await userId(t.db, 'ngo@kenes.demo');
    const mia = await userId(t.db, 'mia@kenes.demo');
    await unreadOfEverySource(ngo, 'ngo');
    await unreadOfEverySource(mia, 'mia');
    const miaBefore = await unread(mia);
    const before = await unread(ngo);
    assert.ok(before.notices >= 1 && before.proposals >= 1 && before.comments >= 1, JSON.stringify(before));

    const client = await TestClient.signedIn(t.app, 'ngo@kenes.demo');
    const page = parseHtml((await client.get('/en/notifications')).body);
    assert.ok(page.querySelectorAll('ul.notifications li.unread').length >= 3, 'shown as unread');

    const res = await client.post('/en/notifications/read', {});
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/en/notifications');
    assert.deepEqual(await unread(ngo), { notices: 0, proposals: 0, comments: 0 });
    assert.deepEqual(await unread(mia), miaBefore, 'another person’s notifications are untouched');
    const after = parseHtml((await client.get('/en/notifications')).body);
    assert.equal(after.querySelectorAll('ul.notifications li.unread').length, 0);
    assert.ok(after.querySelectorAll('ul.notifications li.read').length >= 3, 'still listed, as read');
  });

  test('a visitor cannot mark anything read', async () => {
    const mia = await userId(t.db, 'mia@kenes.demo');
    const before = await unread(mia);
    const res = await new TestClient(t.app).post('/en/notifications/read', {});
    assert.equal(res.statusCode, 403);
    assert.deepEqual(await unread(mia), before);
  });
});
