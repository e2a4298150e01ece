import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../../testing/app.ts';
import { notificationsOf, TestClient } from '../../testing/client.ts';
import { inDays, noticesAbout, orgId, userId } from '../../testing/data.ts';
import { draftProposal } from '../../testing/proposals.ts';
import { assertRemindedOnceEach } from '../../testing/reminders.ts';
import { remindAnswerDeadlines } from './reminders.ts';

const t = useTestApp({ demo: true });

const client = (email: string) => TestClient.signedIn(t.app, email);

describe('reminders of answers due (issue 13)', () => {
  test('deadline reminders: in seven days, then passed — each once, however many runs', async () => {
    const staff = await client('secretariat@kenes.demo');
    const ngo = await client('ngo@kenes.demo');
    const { url: u, id } = await draftProposal(ngo, {
      title_en: 'Independent medical examination of detainees',
      kind: 'practice',
      addresseeIds: await orgId(t.db, 'mia'),
    });
    await ngo.post(`${u}/submit`, {});
    await staff.post(`${u}/register`, {});
    assert.equal((await staff.post(`${u}/assign`, { deadline: inDays(5) })).statusCode, 303);
    const mia = await userId(t.db, 'mia@kenes.demo');
    await assertRemindedOnceEach(
      t.db,
      remindAnswerDeadlines,
      () => noticesAbout(t.db, mia, `proposal:${id}`),
      () =>
        t.db
          .updateTable('proposal_addressees')
          .set({ deadline: inDays(-1) })
          .where('proposal_id', '=', id)
          .execute(),
      { soon: 'notice.answerDueSoon', overdue: 'notice.answerOverdue' },
    );
    assert.match(
      await notificationsOf(t.app, 'mia@kenes.demo'),
      /Independent medical examination of detainees: your organisation's answer was due on/,
    );
  });
});
