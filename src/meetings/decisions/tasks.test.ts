/** Marking a task done: who may, what is stored and audited, and what the tasks list then shows. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { inDays, insertMeeting, insertTask, orgId } from '../../testing/data.ts';
import { parseHtml, textOf } from '../../testing/html.ts';

const t = useTestApp({ demo: true });

let number = 700;
/** A meeting of this status and visibility with one task for `org`, written directly: the meeting's and the task's ids. */
async function meetingWithTask(
  org: string,
  description: string,
  m: { status?: 'held' | 'draft'; visibility?: 'public' | 'members' } = {},
) {
  const meetingId = await insertMeeting(t.db, {
    number: number++,
    title: `Meeting of ${description}`,
    startsAt: new Date('2026-01-10T05:00:00Z'),
    status: m.status ?? 'held',
    visibility: m.visibility ?? 'public',
  });
  const taskId = await insertTask(t.db, {
    meetingId,
    decision: `Decision on ${description}`,
    description,
    organisationId: await orgId(t.db, org),
    deadline: inDays(-3),
  });
  return { meetingId, taskId };
}

const doneAt = async (taskId: string) =>
  (await t.db.selectFrom('tasks').select('done_at').where('id', '=', taskId).executeTakeFirstOrThrow()).done_at;

const doneEntries = async (taskId: string) =>
  t.db
    .selectFrom('audit_log')
    .select(['actor_label', 'before', 'after'])
    .where('entity', '=', 'task')
    .where('entity_id', '=', taskId)
    .where('action', '=', 'done')
    .execute();

const openTasksText = async (c: TestClient) => textOf(parseHtml((await c.get('/en/tasks')).body).querySelector('main'));

describe('marking a task done', () => {
  test('a representative of the responsible organisation marks it done, once; the list no longer shows it open', async () => {
    const { meetingId, taskId } = await meetingWithTask('mia', 'Publish the torture statistics');
    const mia = await TestClient.signedIn(t.app, 'mia@kenes.demo');
    assert.match(await openTasksText(mia), /Publish the torture statistics/);
    const res = await mia.post(`/en/tasks/${taskId}/done`, {});
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/en/meetings/${meetingId}`);
    const first = await doneAt(taskId);
    assert.ok(first instanceof Date, 'done_at is set');
    const entries = await doneEntries(taskId);
    assert.equal(entries.length, 1);
    assert.deepEqual([entries[0]?.before, entries[0]?.after], [{ done: false }, { done: true }]);
    assert.doesNotMatch(await openTasksText(mia), /Publish the torture statistics/);
    // Marked again: nothing changes, nothing more is audited.
    assert.equal((await mia.post(`/en/tasks/${taskId}/done`, {})).statusCode, 303);
    assert.deepEqual(await doneAt(taskId), first);
    assert.equal((await doneEntries(taskId)).length, 1);
    // The API shows it done, no longer overdue.
    const api = (await new TestClient(t.app).get(`/api/v1/tasks?meeting=${meetingId}`)).json();
    assert.deepEqual(
      api.items.map((i: { id: string; overdue: boolean; doneAt: string | null }) => [i.id, i.overdue, i.doneAt]),
      [[taskId, false, (first as Date).toISOString()]],
    );
  });

  test('the secretariat marks any organisation’s task done', async () => {
    const { taskId } = await meetingWithTask('kadyr-kasiyet', 'Train the monitors');
    const staff = await TestClient.signedIn(t.app, 'secretariat@kenes.demo');
    assert.equal((await staff.post(`/en/tasks/${taskId}/done`, {})).statusCode, 303);
    assert.ok(await doneAt(taskId));
    assert.equal((await doneEntries(taskId)).length, 1);
  });

  test('another organisation’s representative is refused; a task of a meeting one may not see is not found', async () => {
    const { taskId } = await meetingWithTask('mia', 'Not the NGO’s task');
    const ngo = await TestClient.signedIn(t.app, 'ngo@kenes.demo');
    assert.equal((await ngo.post(`/en/tasks/${taskId}/done`, {})).statusCode, 403);
    const draft = await meetingWithTask('kadyr-kasiyet', 'Task of a draft', { status: 'draft' });
    assert.equal((await ngo.post(`/en/tasks/${draft.taskId}/done`, {})).statusCode, 404);
    assert.equal((await ngo.post('/en/tasks/999999999/done', {})).statusCode, 404);
    assert.equal(await doneAt(taskId), null);
    assert.equal(await doneAt(draft.taskId), null);
    assert.deepEqual([...(await doneEntries(taskId)), ...(await doneEntries(draft.taskId))], []);
  });

  test('a visitor cannot mark a task done', async () => {
    const { taskId } = await meetingWithTask('mia', 'Visitor may not');
    const res = await new TestClient(t.app).post(`/en/tasks/${taskId}/done`, {});
    assert.ok([303, 401, 403].includes(res.statusCode), String(res.statusCode));
    assert.equal(await doneAt(taskId), null);
  });
});
