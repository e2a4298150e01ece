import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../../testing/app.ts';
import { notificationsOf, TestClient } from '../../testing/client.ts';
import { inDays, meetingIn, orgId, userId } from '../../testing/data.ts';
import { errorsOf } from '../../testing/html.ts';
import { draftProposal } from '../../testing/proposals.ts';
import type { Db } from '../db/database.ts';
import { setMailChoice } from './choices.ts';
import { sendNotificationMail } from './mail.ts';
import { type Notice, notify } from './notices.ts';

const t = useTestApp({ demo: true });

const client = (email: string) => TestClient.signedIn(t.app, email);
/** Sends what is due, as the job does; `quietMs: 0` as if the few minutes of waiting had passed. */
const sendMail = (quietMs?: number, now?: Date) =>
  sendNotificationMail(t.db, t.app.notificationSources, 'http://x', {
    ...(quietMs === undefined ? {} : { quietMs }),
    ...(now ? { now } : {}),
  });

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
    ({ url } = await draftProposal(ngo, {
      title_en: 'Panic buttons in every custody cell',
      kind: 'amend_law',
      addresseeIds: await orgId(t.db, 'mia'),
    }));
    assert.equal((await ngo.post(`${url}/submit`, {})).statusCode, 303);
    assert.match(
      await notificationsOf(t.app, 'secretariat@kenes.demo'),
      /Panic buttons in every custody cell: Submitted/,
    );

    const staff = await client('secretariat@kenes.demo');
    assert.equal((await staff.post(`${url}/register`, {})).statusCode, 303);
    assert.equal((await staff.post(`${url}/assign`, { deadline: inDays(30) })).statusCode, 303);
    assert.match(await notificationsOf(t.app, 'mia@kenes.demo'), /Panic buttons in every custody cell: Assigned to/);

    const mia = await client('mia@kenes.demo');
    const answered = await mia.post(`${url}/answer`, { answer: 'accepted', reasons_en: 'We agree.' });
    assert.equal(answered.statusCode, 303, errorsOf(answered.body));
    assert.match(await notificationsOf(t.app, 'ngo@kenes.demo'), /Panic buttons in every custody cell: .*Accepted/);
  });

  test('six stages within a minute reach the author in ONE e-mail, after a few quiet minutes', async () => {
    // The author chose every change of their proposals at once (the default is a daily digest).
    await setMailChoice(t.db, await userId(t.db, 'ngo@kenes.demo'), 'proposal-updates', 'immediately');
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
    const m = await meetingIn(t.db, 'minutes_approved', 'published');
    // Back to "held", as before the minutes went round (the demo's are approved).
    await t.db.updateTable('meetings').set({ status: 'held' }).where('id', '=', m.id).execute();
    const staff = await client('secretariat@kenes.demo');
    const circulated = await staff.post(`/en/meetings/${m.id}/minutes/circulate`, {});
    assert.equal(circulated.statusCode, 303, errorsOf(circulated.body));
    assert.match(
      await notificationsOf(t.app, 'ngo@kenes.demo'),
      new RegExp(`the minutes of meeting No\\. ${m.number} were circulated`),
    );
    assert.match(await notificationsOf(t.app, 'chair@kenes.demo'), /await your approval/);
    assert.doesNotMatch(await notificationsOf(t.app, 'citizen@kenes.demo'), /minutes/);

    const ngo = await client('ngo@kenes.demo');
    assert.equal((await ngo.post(`/en/meetings/${m.id}/minutes/corrections`, { text: 'Our name.' })).statusCode, 303);
    assert.match(await notificationsOf(t.app, 'secretariat@kenes.demo'), /proposed a correction to the minutes/);
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
    await setMailChoice(t.db, observer, '*', 'daily');
    await t.db.deleteFrom('notification_digests').where('user_id', '=', observer).execute();
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
    const notice: Notice = {
      kind: 'minutes-approval-due',
      record: 'meeting:1',
      path: '/meetings/1',
      message: 'notice.approvalDue',
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

describe('e-mail per kind of notification, as each person chose (issue 13)', { concurrency: false }, () => {
  const notice = (kind: string, id: number, message: Notice['message']): Notice => ({
    kind,
    record: `meeting:${id}`,
    path: `/meetings/${id}`,
    title: { en: `Meeting ${id}` },
    message,
    params: { number: id, deadline: { date: '2026-12-31' } },
  });

  test('at once, in the weekly digest, or never: one e-mail per due batch, nothing twice with two processes', async () => {
    await sendMail(0); // whatever the demo and the other tests left unmailed
    const mia = await userId(t.db, 'mia@kenes.demo');
    await setMailChoice(t.db, mia, 'minutes-circulated', 'immediately');
    await setMailChoice(t.db, mia, 'answer-due-soon', 'weekly');
    await setMailChoice(t.db, mia, 'action-due-soon', 'never');
    // The last weekly digest went yesterday: the next is six days away.
    await t.db.deleteFrom('notification_digests').where('user_id', '=', mia).execute();
    await t.db
      .insertInto('notification_digests')
      .values({ user_id: mia, cadence: 'weekly', sent_at: new Date(Date.now() - 86_400_000) })
      .execute();
    await notify(t.db, [mia], notice('minutes-circulated', 901, 'notice.minutesCirculated'));
    await notify(t.db, [mia], notice('minutes-circulated', 902, 'notice.minutesCirculated'));
    await notify(t.db, [mia], notice('answer-due-soon', 903, 'notice.answerDueSoon'));
    await notify(t.db, [mia], notice('action-due-soon', 904, 'notice.actionDueSoon'));

    const before = await lastMailId(t.db);
    await Promise.all([sendMail(0), sendMail(0)]);
    const first = await mailsSince(before, 'mia@kenes.demo');
    assert.equal(first.length, 1, 'one e-mail for both "at once" notices');
    const body = first[0]?.body_text ?? '';
    assert.match(body, /Meeting 901/);
    assert.match(body, /Meeting 902/);
    assert.doesNotMatch(body, /Meeting 903/, 'the weekly kind waits for its digest');
    assert.doesNotMatch(body, /Meeting 904/, 'a kind chosen "never" is not e-mailed');
    const left = await t.db
      .selectFrom('notices')
      .select(['record', 'emailed_at'])
      .where('user_id', '=', mia)
      .where('record', 'in', ['meeting:903', 'meeting:904'])
      .orderBy('record')
      .execute();
    assert.deepEqual(
      left.map((n) => [n.record, n.emailed_at === null]),
      [
        ['meeting:903', true],
        ['meeting:904', false],
      ],
      'the weekly notice still waits; the "never" one is marked, so it waits for nothing',
    );
    assert.match(await notificationsOf(t.app, 'mia@kenes.demo'), /Meeting 904/, 'still on the notifications page');

    assert.equal(await sendMail(0), 0, 'nothing more this week');
    const nextWeek = new Date(Date.now() + 7 * 86_400_000);
    await Promise.all([sendMail(0, nextWeek), sendMail(0, nextWeek)]);
    const digest = await mailsSince(before, 'mia@kenes.demo');
    assert.equal(digest.length, 2, 'the weekly digest, once');
    assert.match(digest[1]?.body_text ?? '', /Meeting 903/);
    assert.equal(await sendMail(0, nextWeek), 0);
  });

  test('with no choice made, the kind’s default for the role decides: the chair hears of approval at once', async () => {
    await sendMail(0);
    const chair = await userId(t.db, 'chair@kenes.demo');
    const staff = await userId(t.db, 'secretariat@kenes.demo');
    await t.db.deleteFrom('notification_choices').where('user_id', 'in', [chair, staff]).execute();
    await t.db.deleteFrom('notification_digests').where('user_id', '=', staff).execute();
    await t.db
      .insertInto('notification_digests')
      .values({ user_id: staff, cadence: 'daily', sent_at: new Date() })
      .execute();
    await notify(t.db, [chair], notice('minutes-approval-due', 905, 'notice.approvalDue'));
    await notify(t.db, [staff], notice('minutes-correction-proposed', 905, 'notice.correctionProposed'));
    const before = await lastMailId(t.db);
    await sendMail(0);
    assert.equal((await mailsSince(before, 'chair@kenes.demo')).length, 1, 'approval due: at once');
    assert.equal((await mailsSince(before, 'secretariat@kenes.demo')).length, 0, 'corrections: in the daily digest');
    await sendMail(0, new Date(Date.now() + 86_400_000 + 60_000));
    assert.equal((await mailsSince(before, 'secretariat@kenes.demo')).length, 1);
  });
});
