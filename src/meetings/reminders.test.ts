import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../testing/app.ts';
import { TestClient } from '../testing/client.ts';
import { countRows, inDays, insertTask, orgId } from '../testing/data.ts';
import { scheduleMeeting } from '../testing/meetings.ts';
import { remindMeetings, remindTasks } from './jobs.ts';

/* The meetings' reminders (jobs.ts): of a meeting the next day to those invited, of a task due soon. */

let staff: TestClient;
const t = useTestApp({ demo: true }, async () => {
  staff = await TestClient.signedIn(t.app, 'secretariat@kenes.demo');
});

const count = (table: 'email_outbox') => countRows(t.db, table);
const newMeeting = (extra: Record<string, string> = {}) => scheduleMeeting(staff, extra);

describe('reminders', () => {
  test('run by two processes at once, each reminder is sent once', async () => {
    const soon = new Date(Date.now() + 24 * 3_600_000);
    const id = await newMeeting();
    await t.db.updateTable('meetings').set({ status: 'announced', starts_at: soon }).where('id', '=', id).execute();
    const ngo = await orgId(t.db, 'kadyr-kasiyet');
    await t.db
      .insertInto('meeting_invitations')
      .values({ meeting_id: id, organisation_id: ngo, role: 'member' })
      .execute();
    await insertTask(t.db, {
      meetingId: id,
      decision: 'd',
      description: 'Due soon',
      organisationId: ngo,
      deadline: inDays(1),
    });
    const before = await count('email_outbox');
    const [a, b] = await Promise.all([remindMeetings(t.db, 'http://x'), remindMeetings(t.db, 'http://x')]);
    const [c, d] = await Promise.all([remindTasks(t.db, 'http://x'), remindTasks(t.db, 'http://x')]);
    assert.equal(a + b, 1, 'one meeting reminder to the NGO representative');
    assert.ok(c + d >= 1, 'task reminder');
    const mails = await t.db
      .selectFrom('email_outbox')
      .select(['to_address', 'subject'])
      .where('id', '>', String(before))
      .execute();
    assert.equal(mails.filter((m) => /Еске салу|Напоминание|Reminder/.test(m.subject)).length, 1);
    assert.equal(await remindMeetings(t.db, 'http://x'), 0, 'never twice');
  });
});
