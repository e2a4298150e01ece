/** Editing and deleting agenda items and removing presenters, through the agenda's forms. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { lastAudit, orgId } from '../../testing/data.ts';
import { errorsOf } from '../../testing/html.ts';
import { scheduleMeeting } from '../../testing/meetings.ts';

let staff: TestClient;
const t = useTestApp({ demo: true }, async () => {
  staff = await TestClient.signedIn(t.app, 'secretariat@kenes.demo');
});

/** A new draft meeting with these agenda items, added through the form: its id and the items' ids in order. */
async function meetingWithItems(titles: string[]) {
  const id = await scheduleMeeting(staff, { title_en: 'Agenda editing' });
  for (const title of titles) {
    const res = await staff.post(`/en/meetings/${id}/agenda`, { title_en: title, plannedMinutes: '30' });
    assert.equal(res.statusCode, 303, errorsOf(res.body));
  }
  return { id, items: await itemsOf(id) };
}

const itemsOf = (meetingId: string) =>
  t.db
    .selectFrom('agenda_items')
    .select(['id', 'position', 'title', 'description', 'planned_minutes'])
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .execute();

describe('editing an agenda item', () => {
  test('changes its title, description and minutes, and the audit log keeps before and after', async () => {
    const { id, items } = await meetingWithItems(['First', 'Second']);
    const item = items[0]?.id ?? '';
    const res = await staff.post(`/en/meetings/${id}/agenda/${item}/edit`, {
      title_en: 'First, renamed',
      title_ru: 'Первый',
      description_en: 'What is discussed',
      plannedMinutes: '15',
    });
    assert.equal(res.statusCode, 303, errorsOf(res.body));
    assert.equal(res.headers.location, `/en/meetings/${id}/agenda#item-${item}`);
    const after = await itemsOf(id);
    assert.deepEqual(after[0]?.title, { en: 'First, renamed', ru: 'Первый' });
    assert.deepEqual(after[0]?.description, { en: 'What is discussed' });
    assert.equal(after[0]?.planned_minutes, 15);
    assert.deepEqual(after[1]?.title, { en: 'Second' }, 'the other item is untouched');
    const entry = await lastAudit(t.db, { entity: 'agenda_item', entityId: item, action: 'update' });
    assert.deepEqual((entry.before as { title: unknown }).title, { en: 'First' });
    assert.deepEqual((entry.after as { title: unknown }).title, { en: 'First, renamed', ru: 'Первый' });
    // The edit form shows what is stored.
    const form = await staff.get(`/en/meetings/${id}/agenda/${item}/edit`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /value="First, renamed"/);
  });

  test('a form without a title is refused and changes nothing; an item of another meeting is not found', async () => {
    const { id, items } = await meetingWithItems(['Only']);
    const item = items[0]?.id ?? '';
    const bad = await staff.post(`/en/meetings/${id}/agenda/${item}/edit`, { title_en: '', plannedMinutes: '15' });
    assert.equal(bad.statusCode, 422);
    assert.notEqual(errorsOf(bad.body), '');
    const other = await meetingWithItems(['Elsewhere']);
    const wrong = await staff.post(`/en/meetings/${other.id}/agenda/${item}/edit`, { title_en: 'Hijacked' });
    assert.equal(wrong.statusCode, 404);
    assert.deepEqual((await itemsOf(id))[0]?.title, { en: 'Only' });
  });
});

describe('deleting an agenda item', () => {
  test('removes it and closes the gap: the items after it move up, positions stay 1…n', async () => {
    const { id, items } = await meetingWithItems(['One', 'Two', 'Three', 'Four']);
    const two = items[1]?.id ?? '';
    const res = await staff.post(`/en/meetings/${id}/agenda/${two}/delete`, {});
    assert.equal(res.statusCode, 303);
    const after = await itemsOf(id);
    assert.deepEqual(
      after.map((i) => [i.position, (i.title as { en: string }).en]),
      [
        [1, 'One'],
        [2, 'Three'],
        [3, 'Four'],
      ],
    );
    const entry = await lastAudit(t.db, { entity: 'agenda_item', entityId: two, action: 'delete' });
    assert.deepEqual(entry.before, { position: 2, title: { en: 'Two' } });
    // Deleting it again: it is gone.
    assert.equal((await staff.post(`/en/meetings/${id}/agenda/${two}/delete`, {})).statusCode, 404);
    assert.equal((await itemsOf(id)).length, 3);
  });

  test('a representative may not delete an item', async () => {
    const { id, items } = await meetingWithItems(['Kept']);
    await staff.post(`/en/meetings/${id}/status`, { status: 'announced' });
    const ngo = await TestClient.signedIn(t.app, 'ngo@kenes.demo');
    const res = await ngo.post(`/en/meetings/${id}/agenda/${items[0]?.id}/delete`, {});
    assert.ok([403, 404].includes(res.statusCode), String(res.statusCode));
    assert.equal((await itemsOf(id)).length, 1);
  });
});

describe('removing a presenter', () => {
  test('removes only that presenter and records who it was', async () => {
    const { id, items } = await meetingWithItems(['Report']);
    const item = items[0]?.id ?? '';
    for (const [slug, role] of [
      ['ministry-of-education', 'report'],
      ['kadyr-kasiyet', 'co_report'],
    ] as const) {
      const res = await staff.post(`/en/meetings/${id}/agenda/${item}/presenters`, {
        organisationId: await orgId(t.db, slug),
        personId: '',
        role,
      });
      assert.equal(res.statusCode, 303, errorsOf(res.body));
    }
    const presenters = () =>
      t.db
        .selectFrom('agenda_presenters')
        .select(['id', 'organisation_id', 'role'])
        .where('agenda_item_id', '=', item)
        .orderBy('position')
        .execute();
    const [ministry, ngo] = await presenters();
    const res = await staff.post(`/en/meetings/${id}/agenda/presenters/${ministry?.id}/delete`, {});
    assert.equal(res.statusCode, 303);
    assert.deepEqual(
      (await presenters()).map((p) => p.id),
      [ngo?.id],
    );
    const entry = await lastAudit(t.db, { entity: 'agenda_presenter', entityId: ministry?.id ?? '', action: 'delete' });
    assert.deepEqual(entry.before, {
      agenda_item_id: item,
      organisation_id: await orgId(t.db, 'ministry-of-education'),
      role: 'report',
    });
    // A presenter is removed only through its own meeting.
    const other = await meetingWithItems(['Other']);
    assert.equal(
      (await staff.post(`/en/meetings/${other.id}/agenda/presenters/${ngo?.id}/delete`, {})).statusCode,
      404,
    );
    assert.equal((await presenters()).length, 1);
  });
});
