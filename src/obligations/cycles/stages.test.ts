import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { lastAudit } from '../../testing/data.ts';
import { errorsOf, parseHtml } from '../../testing/html.ts';
import { remindCycleStages } from '../jobs.ts';
import { day, idFrom, supportFor } from '../test-support.ts';

/*
 * Editing what a reporting cycle already holds: its form filled in from the stored row, and its
 * stages changed again — dates and notes updated in place, a moved deadline reminded anew, a stage
 * left without dates removed, the change audited.
 */

const t = useTestApp({ demo: true });
const { client, mechanismId } = supportFor(t, () => new TestClient(t.app));

const stagesOf = async (cycleId: string) =>
  Object.fromEntries(
    (
      await t.db
        .selectFrom('cycle_stages')
        .select(['kind', 'due_on', 'done_on', 'ends_on', 'note', 'reminded_at'])
        .where('cycle_id', '=', cycleId)
        .execute()
    ).map((s) => [s.kind, s]),
  );

describe('editing a reporting cycle and its stages', { concurrency: false }, () => {
  let url = '';
  let id = '';

  test('the edit form shows the stored cycle; only staff open it', async () => {
    const staff = await client('secretariat@kenes.demo');
    const created = await staff.post('/en/cycles', {
      mechanismId: await mechanismId('CRC'),
      stateCode: 'KZ',
      number: '8',
      session: '95',
      title_en: 'Eighth periodic report',
      title_ru: 'Восьмой периодический доклад',
    });
    assert.equal(created.statusCode, 303, errorsOf(created.body));
    url = String(created.headers.location);
    id = idFrom(url);
    const res = await staff.get(`${url}/edit`);
    assert.equal(res.statusCode, 200);
    const form = parseHtml(res.body).querySelector(`form[action="/en/cycles/${id}/edit"]`);
    assert.ok(form, 'the form posts to the cycle');
    const value = (name: string) => form?.querySelector(`[name="${name}"]`)?.getAttribute('value');
    assert.equal(value('title_en'), 'Eighth periodic report');
    assert.equal(value('title_ru'), 'Восьмой периодический доклад');
    assert.equal(value('number'), '8');
    assert.equal(value('session'), '95');
    assert.equal((await (await client('mia@kenes.demo')).get(`${url}/edit`)).statusCode, 403);
    assert.equal((await staff.get('/en/cycles/99999999/edit')).statusCode, 404);
  });

  test('stages saved again: updated in place, a moved deadline reminded anew, one without dates removed', async () => {
    const staff = await client('secretariat@kenes.demo');
    const first = await staff.post(`${url}/stages`, {
      report_due_due: day(5),
      follow_up_due_due: day(9),
      constructive_dialogue_due: day(60),
      constructive_dialogue_note: 'In Geneva',
    });
    assert.equal(first.statusCode, 303, errorsOf(first.body));
    assert.ok((await remindCycleStages(t.db, 'https://kenes.example')) >= 2);
    const reminded = await stagesOf(id);
    assert.ok(reminded.report_due?.reminded_at, 'reminded of the report due in 5 days');
    assert.ok(reminded.follow_up_due?.reminded_at, 'reminded of the follow-up due in 9 days');

    // The report was submitted on time (same deadline, now done); the follow-up moved; the dialogue's
    // date dropped (and with it the stage); a note in Russian added to the report's stage.
    const ru = await client('secretariat@kenes.demo');
    const second = await ru.post(`/ru/cycles/${id}/stages`, {
      report_due_due: day(5),
      report_due_done: day(-1),
      report_due_note: 'Представлен досрочно',
      follow_up_due_due: day(12),
    });
    assert.equal(second.statusCode, 303, errorsOf(second.body));
    const now = await stagesOf(id);
    assert.equal(now.report_due?.due_on, day(5));
    assert.equal(now.report_due?.done_on, day(-1));
    assert.deepEqual(now.report_due?.note, { ru: 'Представлен досрочно' });
    assert.ok(now.report_due?.reminded_at, 'the same deadline is not reminded again');
    assert.equal(now.follow_up_due?.due_on, day(12));
    assert.equal(now.follow_up_due?.reminded_at, null, 'a moved deadline deserves a new reminder');
    assert.equal(now.constructive_dialogue, undefined, 'a stage left without dates is removed');
    const entry = await lastAudit(t.db, { entity: 'reporting_cycle', entityId: id, action: 'stages' });
    assert.deepEqual((entry.before as { kind: string }[]).map((s) => s.kind).sort(), [
      'constructive_dialogue',
      'follow_up_due',
      'report_due',
    ]);

    // The moved one is reminded again, the met one not.
    await remindCycleStages(t.db, 'https://kenes.example');
    const after = await stagesOf(id);
    assert.ok(after.follow_up_due?.reminded_at);
    const mail = await t.db
      .selectFrom('email_outbox')
      .select('to_address')
      .where((eb) =>
        eb.or([eb('subject', 'like', '%Eighth periodic report%'), eb('subject', 'like', '%Восьмой периодический%')]),
      )
      .execute();
    assert.ok(
      mail.some((m) => m.to_address === 'secretariat@kenes.demo'),
      'the secretariat is mailed',
    );

    // A wrong date is refused and changes nothing.
    const bad = await staff.post(`${url}/stages`, {
      report_due_due: day(5),
      follow_up_due_due: day(12),
      follow_up_due_ends: day(2),
    });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(await stagesOf(id), after);
  });
});
