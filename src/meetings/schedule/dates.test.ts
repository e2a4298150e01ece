import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { lastAudit } from '../../testing/data.ts';
import { errorsOf, parseHtml, textOf } from '../../testing/html.ts';
import { communiqueOf, scheduleMeeting } from '../../testing/meetings.ts';

/* Issue 13: a meeting is held only once it has started, a communiqué only for a held meeting; staff reopen with a reason. */

let staff: TestClient;
const t = useTestApp({ demo: true }, async () => {
  staff = await TestClient.signedIn(t.app, 'secretariat@kenes.demo');
});

const statusOf = async (id: string) =>
  (await t.db.selectFrom('meetings').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
const startsIn = (id: string, ms: number) =>
  t.db
    .updateTable('meetings')
    .set({ starts_at: new Date(Date.now() + ms), ends_at: null })
    .where('id', '=', id)
    .execute();

describe('dates that cannot lie', { concurrency: false }, () => {
  test('a meeting that has not started cannot be marked held (kk, ru, en); once started it can', async () => {
    const id = await scheduleMeeting(staff, { startsAt: '2027-03-01T10:00' });
    assert.equal((await staff.post(`/en/meetings/${id}/status`, { status: 'announced' })).statusCode, 303);
    for (const [lang, message] of [
      ['en', /starts on March 1, 2027 at 10:00: it can be marked held only once it has started/],
      ['ru', /Заседание начнётся 1 марта 2027.*только после начала/],
      ['kk', /Отырыс 2027 ж?\.? ?1 наурыз.*басталғаннан кейін ғана/],
    ] as const) {
      const res = await staff.post(`/${lang}/meetings/${id}/status`, { status: 'held' });
      assert.equal(res.statusCode, 422, lang);
      assert.match(errorsOf(res.body), message, lang);
    }
    assert.equal(await statusOf(id), 'announced');
    // A minute before the start is still too early; a minute after is not.
    await startsIn(id, 60_000);
    assert.equal((await staff.post(`/en/meetings/${id}/status`, { status: 'held' })).statusCode, 422);
    await startsIn(id, -60_000);
    assert.equal((await staff.post(`/en/meetings/${id}/status`, { status: 'held' })).statusCode, 303);
    assert.equal(await statusOf(id), 'held');
  });

  test('a meeting marked held by mistake is reopened (back to announced) only with a reason, audited', async () => {
    const id = await scheduleMeeting(staff);
    await staff.post(`/en/meetings/${id}/status`, { status: 'announced' });
    await startsIn(id, -60_000);
    assert.equal((await staff.post(`/en/meetings/${id}/status`, { status: 'held' })).statusCode, 303);
    const page = parseHtml((await staff.get(`/en/meetings/${id}`)).body);
    const offered = page.querySelectorAll('#field-status option').map((o) => o.getAttribute('value'));
    assert.ok(offered.includes('announced'), `reopening is offered: ${offered}`);

    const noReason = await staff.post(`/ru/meetings/${id}/status`, { status: 'announced' });
    assert.equal(noReason.statusCode, 422);
    assert.match(errorsOf(noReason.body), /Укажите причину/);
    assert.equal(await statusOf(id), 'held');

    const reason = { reason_en: 'Marked held by mistake: the meeting was moved to next week.' };
    assert.equal((await staff.post(`/en/meetings/${id}/status`, { status: 'announced', ...reason })).statusCode, 303);
    assert.equal(await statusOf(id), 'announced');
    const entry = await lastAudit(t.db, { entity: 'meeting', entityId: id });
    assert.equal(entry.action, 'status');
    assert.deepEqual(entry.before, { status: 'held' });
    assert.deepEqual(entry.after, { status: 'announced', reason: { en: reason.reason_en } });
  });

  test('no communiqué is published for a meeting that has not started', async () => {
    const id = await scheduleMeeting(staff);
    // A meeting marked held before the rule existed, its minutes approved: still refused.
    await t.db.updateTable('meetings').set({ status: 'minutes_approved' }).where('id', '=', id).execute();
    await t.db
      .insertInto('communiques')
      .values({ meeting_id: id, title: JSON.stringify({ en: 'x' }), body: JSON.stringify({ en: 'Text.' }) })
      .execute();
    const res = await staff.post(`/en/meetings/${id}/communique/publish`, {});
    assert.equal(res.statusCode, 422);
    assert.match(errorsOf(res.body), /has not started yet \(March 1, 2027 at 10:00\)/);
    const c = await communiqueOf(t.db, id);
    assert.equal(c.published_at, null);
    assert.equal(await statusOf(id), 'minutes_approved');
  });

  test('a meeting page states the time zone once; a meeting abroad names its own', async () => {
    const almaty = await scheduleMeeting(staff, { startsAt: '2027-03-01T10:00' });
    const html = (await staff.get(`/en/meetings/${almaty}`)).body;
    assert.match(textOf(parseHtml(html).querySelector('main')), /March 1, 2027 at 10:00(?! GMT)/);
    assert.equal(html.match(/Astana time \(GMT\+5\)/g)?.length, 1);
    const ru = (await staff.get(`/ru/meetings/${almaty}`)).body;
    assert.equal(ru.match(/по времени Астаны \(GMT\+5\)/g)?.length, 1);
    const geneva = await scheduleMeeting(staff, { startsAt: '2027-03-01T10:00', timeZone: 'Europe/Zurich' });
    assert.match(
      textOf(parseHtml((await staff.get(`/en/meetings/${geneva}`)).body).querySelector('main')),
      /March 1, 2027 at 10:00 GMT\+1/,
    );
  });
});
