import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DOMAINS } from '../../domains.ts';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { inDays, orgId, userId } from '../../testing/data.ts';
import { errorsOf, parseHtml, textOf } from '../../testing/html.ts';
import type { Db } from '../db/database.ts';
import { sendNotificationMail } from './mail.ts';
import { noticeNotifications, notify } from './notices.ts';

const t = useTestApp({ demo: true });

const client = (email: string) => TestClient.signedIn(t.app, email);
const SOURCES = [...DOMAINS.flatMap((d) => d.notifications ?? []), noticeNotifications];
/** Sends what is due, as the job does; `quietMs: 0` as if the few minutes of waiting had passed. */
const sendMail = (quietMs?: number) =>
  sendNotificationMail(t.db, SOURCES, 'http://x', quietMs === undefined ? {} : { quietMs });

/** A person's notifications, as their page shows them. */
async function notificationsOf(email: string): Promise<string> {
  return textOf(
    parseHtml((await (await client(email)).get('/en/notifications')).body).querySelector('ul.notifications'),
  );
}

async function lastMailId(db: Db): Promise<string> {
  const last = await db.selectFrom('email_outbox').select('id').orderBy('id', 'desc').executeTakeFirst();
  return last?.id ?? '0';
}

async function mailsSince(id: string, to?: string) {
  let q = t.db.selectFrom('email_outbox').select(['to_address', 'subject', 'body_text']).where('id', '>', id);
  if (to) q = q.where('to_address', '=', to);
  return q.orderBy('id').execute();
}

describe('notifications of what asks someone to act, and their e-mail (issue 13)', { concurrency: false }, () => {
  let url = '';

  test('submitted → the secretariat; assigned → the ministry; answered → the authors', async () => {
    await sendMail(0); // whatever the demo left unmailed
    const ngo = await client('ngo@kenes.demo');
    const created = await ngo.post('/en/proposals', {
      title_en: 'Panic buttons in every custody cell',
      kind: 'amend_law',
      addresseeIds: await orgId(t.db, 'mia'),
      intent: 'save',
    });
    assert.equal(created.statusCode, 303, errorsOf(created.body));
    url = String(created.headers.location);
    assert.equal((await ngo.post(`${url}/submit`, {})).statusCode, 303);
    assert.match(await notificationsOf('secretariat@kenes.demo'), /Panic buttons in every custody cell: Submitted/);

    const staff = await client('secretariat@kenes.demo');
    assert.equal((await staff.post(`${url}/register`, {})).statusCode, 303);
    assert.equal((await staff.post(`${url}/assign`, { deadline: inDays(30) })).statusCode, 303);
    assert.match(await notificationsOf('mia@kenes.demo'), /Panic buttons in every custody cell: Assigned to/);

    const mia = await client('mia@kenes.demo');
    const answered = await mia.post(`${url}/answer`, { answer: 'accepted', reasons_en: 'We agree.' });
    assert.equal(answered.statusCode, 303, errorsOf(answered.body));
    assert.match(await notificationsOf('ngo@kenes.demo'), /Panic buttons in every custody cell: .*Accepted/);
  });

  test('six stages within a minute reach the author in ONE e-mail, after a few quiet minutes', async () => {
    await sendMail(0);
    const before = await lastMailId(t.db);
    const staff = await client('secretariat@kenes.demo');
    const stages = ['drafted', 'government', 'mazhilis', 'senate', 'signed', 'in_force'];
    for (const [i, stage] of stages.entries()) {
      const res = await staff.post(`${url}/stages`, {
        stage,
        date: inDays(-30 + i),
        url: 'https://adilet.zan.kz/rus/docs/Z2600000001',
      });
      assert.equal(res.statusCode, 303, `${stage}: ${errorsOf(res.body)}`);
    }
    assert.equal((await mailsSince(before)).length, 0, 'nothing in the transaction of each change');
    assert.equal(await sendMail(), 0, 'changes a moment ago: wait for more');
    assert.ok((await sendMail(0)) >= 1);
    const toNgo = await mailsSince(before, 'ngo@kenes.demo');
    assert.equal(toNgo.length, 1, JSON.stringify(toNgo.map((m) => m.subject)));
    // In the NGO representative's language (Kazakh): "6 changes".
    assert.match(toNgo[0]?.subject ?? '', /Panic buttons in every custody cell: 6 өзгеріс/);
    const body = toNgo[0]?.body_text ?? '';
    assert.equal(body.match(/^ {2}– /gm)?.length, 6, body);
    assert.equal(body.match(/Panic buttons/g)?.length, 1, 'the proposal named once');
    assert.equal(await sendMail(0), 0, 'and nothing twice');
  });

  test('minutes circulated → attendees and the chair; a correction → the secretariat; decided → the chair', async () => {
    const meeting = await t.db
      .selectFrom('meetings')
      .select(['id', 'number'])
      .where('status', '=', 'minutes_approved')
      .executeTakeFirst();
    const m =
      meeting ??
      (await t.db
        .selectFrom('meetings')
        .select(['id', 'number'])
        .where('status', '=', 'published')
        .executeTakeFirstOrThrow());
    // Back to "held", as before the minutes went round (the demo's are approved).
    await t.db.updateTable('meetings').set({ status: 'held' }).where('id', '=', m.id).execute();
    const staff = await client('secretariat@kenes.demo');
    const circulated = await staff.post(`/en/meetings/${m.id}/minutes/circulate`, {});
    assert.equal(circulated.statusCode, 303, errorsOf(circulated.body));
    assert.match(
      await notificationsOf('ngo@kenes.demo'),
      new RegExp(`the minutes of meeting No\\. ${m.number} were circulated`),
    );
    assert.match(await notificationsOf('chair@kenes.demo'), /await your approval/);
    assert.doesNotMatch(await notificationsOf('citizen@kenes.demo'), /minutes/);

    const ngo = await client('ngo@kenes.demo');
    assert.equal((await ngo.post(`/en/meetings/${m.id}/minutes/corrections`, { text: 'Our name.' })).statusCode, 303);
    assert.match(await notificationsOf('secretariat@kenes.demo'), /proposed a correction to the minutes/);
    const correction = await t.db
      .selectFrom('minutes_corrections')
      .select('id')
      .where('meeting_id', '=', m.id)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    const chairId = await userId(t.db, 'chair@kenes.demo');
    const countChair = async () =>
      (await t.db.selectFrom('notices').select('id').where('user_id', '=', chairId).execute()).length;
    const chairBefore = await countChair();
    const decided = await staff.post(`/en/meetings/${m.id}/minutes/corrections/${correction.id}`, {
      status: 'accepted',
    });
    assert.equal(decided.statusCode, 303);
    assert.equal(await countChair(), chairBefore + 1, 'the chair is told approval is due');

    // In Russian for a Russian reader, by e-mail too.
    await t.db.updateTable('users').set({ locale: 'ru' }).where('id', '=', chairId).execute();
    const before = await lastMailId(t.db);
    await sendMail(0);
    const toChair = await mailsSince(before, 'chair@kenes.demo');
    assert.equal(toChair.length, 1);
    assert.match(toChair[0]?.body_text ?? '', /ждёт вашего утверждения/);
  });

  test('a daily reader gets one digest, even with two processes sending at once', async () => {
    const observer = await userId(t.db, 'observer@kenes.demo');
    await t.db.updateTable('users').set({ notify: 'daily', digest_sent_at: null }).where('id', '=', observer).execute();
    const c = await client('observer@kenes.demo');
    const target = url.split('/')[3] ?? '';
    assert.equal((await c.post(`/en/proposals/${target}/follow`, { follow: '1' })).statusCode, 303);
    const ombudsman = await client('ombudsman@kenes.demo');
    assert.equal((await ombudsman.post(`/en/proposals/${target}/endorse`, {})).statusCode, 303);
    const before = await lastMailId(t.db);
    await Promise.all([sendMail(0), sendMail(0)]);
    const digests = await mailsSince(before, 'observer@kenes.demo');
    assert.equal(digests.length, 1);
    assert.match(digests[0]?.body_text ?? '', /Endorsed by/);
    assert.equal((await ombudsman.post(`/en/proposals/${target}/follow`, { follow: '1' })).statusCode, 303);
    assert.equal((await mailsSince(before, 'observer@kenes.demo')).length, 1, 'nothing more until tomorrow');
  });
  test('someone told of something every minute still gets mail within fifteen minutes', async () => {
    await sendMail(0);
    const person = await userId(t.db, 'mia@kenes.demo');
    const notice = {
      record: 'meeting:1',
      path: '/meetings/1',
      message: 'notice.approvalDue' as const,
      params: { number: 1 },
    };
    await notify(t.db, [person], notice);
    await t.db
      .updateTable('notices')
      .set({ created_at: new Date(Date.now() - 16 * 60_000) })
      .where('user_id', '=', person)
      .where('emailed_at', 'is', null)
      .execute();
    await notify(t.db, [person], notice); // and another just now
    const before = await lastMailId(t.db);
    await sendMail();
    assert.equal((await mailsSince(before, 'mia@kenes.demo')).length, 1);
  });
});
