import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../testing/app.ts';
import { notificationsOf } from '../testing/client.ts';
import { inDays, noticesAbout, orgId, userId } from '../testing/data.ts';
import { assertRemindedOnceEach } from '../testing/reminders.ts';
import { remindActionDeadlines } from './jobs.ts';

const t = useTestApp({ demo: true });

describe('reminders of implementation actions due (issue 13)', () => {
  test('the responsible body is told seven days ahead and once passed, once each however many runs', async () => {
    const mia = await orgId(t.db, 'mia');
    const recommendation = await t.db.selectFrom('recommendations').select('id').executeTakeFirstOrThrow();
    const action = await t.db
      .insertInto('implementation_actions')
      .values({
        recommendation_id: recommendation.id,
        title: JSON.stringify({ en: 'Body cameras for patrol officers' }),
        responsible_id: mia,
        deadline: inDays(6),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const person = await userId(t.db, 'mia@kenes.demo');
    await assertRemindedOnceEach(
      t.db,
      remindActionDeadlines,
      () => noticesAbout(t.db, person, `action:${action.id}`),
      () =>
        t.db
          .updateTable('implementation_actions')
          .set({ deadline: inDays(-2) })
          .where('id', '=', action.id)
          .execute(),
      { soon: 'notice.actionDueSoon', overdue: 'notice.actionOverdue' },
    );
    const other = await userId(t.db, 'ngo@kenes.demo');
    assert.equal((await noticesAbout(t.db, other, `action:${action.id}`)).length, 0, 'only the responsible body');
    assert.match(
      await notificationsOf(t.app, 'mia@kenes.demo'),
      /Body cameras for patrol officers: the action your organisation is responsible for was due on/,
    );
  });
});
