/** Editing a meeting through its form: what is stored, what the audit log keeps, what is refused. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { lastAudit } from '../../testing/data.ts';
import { errorsOf } from '../../testing/html.ts';
import { scheduleMeeting } from '../../testing/meetings.ts';

let staff: TestClient;
const t = useTestApp({ demo: true }, async () => {
  staff = await TestClient.signedIn(t.app, 'secretariat@kenes.demo');
});

const FORM = {
  title_en: 'Edited meeting',
  title_kk: 'Өзгертілген отырыс',
  description_en: 'New description',
  startsAt: '2027-05-20T15:00',
  endsAt: '2027-05-20T17:30',
  timeZone: 'Asia/Almaty',
  format: 'hybrid',
  venue_en: 'Almaty, House of Friendship',
  onlineUrl: 'https://meet.example.org/kenes',
  visibility: 'members',
};

const meetingRow = (id: string) =>
  t.db
    .selectFrom('meetings')
    .select([
      'title',
      'description',
      'venue',
      'starts_at',
      'ends_at',
      'time_zone',
      'online_url',
      'format',
      'visibility',
      'chair_person_id',
      'secretary_person_id',
      'updated_at',
    ])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('editing a meeting', () => {
  test('every field of the form is stored, times in the meeting’s zone; the audit log keeps before and after', async () => {
    const id = await scheduleMeeting(staff, { title_en: 'Before the edit' });
    const before = await meetingRow(id);
    const [chair, secretary] = await t.db.selectFrom('people').select('id').orderBy('id').limit(2).execute();
    const res = await staff.post(`/en/meetings/${id}/edit`, {
      ...FORM,
      chairPersonId: chair?.id ?? '',
      secretaryPersonId: secretary?.id ?? '',
    });
    assert.equal(res.statusCode, 303, errorsOf(res.body));
    const row = await meetingRow(id);
    assert.deepEqual(row.title, { en: 'Edited meeting', kk: 'Өзгертілген отырыс' });
    assert.deepEqual(row.description, { en: 'New description' });
    assert.deepEqual(row.venue, { en: 'Almaty, House of Friendship' });
    // 15:00 in Almaty (UTC+5) is 10:00 UTC.
    assert.deepEqual(row.starts_at, new Date('2027-05-20T10:00:00Z'));
    assert.deepEqual(row.ends_at, new Date('2027-05-20T12:30:00Z'));
    assert.equal(row.time_zone, 'Asia/Almaty');
    assert.equal(row.online_url, 'https://meet.example.org/kenes');
    assert.equal(row.format, 'hybrid');
    assert.equal(row.visibility, 'members');
    assert.equal(row.chair_person_id, chair?.id);
    assert.equal(row.secretary_person_id, secretary?.id);
    assert.ok(row.updated_at > before.updated_at, 'updated_at moves');
    const entry = await lastAudit(t.db, { entity: 'meeting', entityId: id, action: 'update' });
    assert.deepEqual((entry.before as { title: unknown }).title, { en: 'Before the edit' });
    assert.deepEqual((entry.after as { title: unknown }).title, { en: 'Edited meeting', kk: 'Өзгертілген отырыс' });
    // The edit form shows the stored values back, in the meeting's zone.
    const form = await staff.get(`/en/meetings/${id}/edit`);
    assert.match(form.body, /value="Edited meeting"/);
    assert.match(form.body, /value="2027-05-20T15:00"/);
  });

  test('an end before the start or a hybrid meeting without a link is refused; nothing changes', async () => {
    const id = await scheduleMeeting(staff, { title_en: 'Unchanged' });
    const before = await meetingRow(id);
    for (const [form, message] of [
      [{ ...FORM, endsAt: '2027-05-20T14:00' }, /The end must be after the start/],
      [{ ...FORM, onlineUrl: '' }, /Give a venue or an online link/],
      [{ ...FORM, title_en: '', title_kk: '' }, /./],
      // An unknown person as chair or secretary is refused, not a failure of the server.
      [{ ...FORM, chairPersonId: '999999999' }, /Choose one of the options/],
      [{ ...FORM, secretaryPersonId: '999999999' }, /Choose one of the options/],
    ] as const) {
      const res = await staff.post(`/en/meetings/${id}/edit`, form);
      assert.equal(res.statusCode, 422, JSON.stringify(form));
      assert.match(errorsOf(res.body), message);
    }
    assert.deepEqual(await meetingRow(id), before);
  });

  test('scheduling with an unknown chair is refused too; no meeting is made', async () => {
    const count = async () => (await t.db.selectFrom('meetings').select('id').execute()).length;
    const before = await count();
    const res = await staff.post('/en/meetings', { ...FORM, chairPersonId: '999999999' });
    assert.equal(res.statusCode, 422);
    assert.match(errorsOf(res.body), /Choose one of the options/);
    assert.equal(await count(), before);
  });

  test('a representative may not edit a meeting', async () => {
    const id = await scheduleMeeting(staff, { title_en: 'Not theirs' });
    await staff.post(`/en/meetings/${id}/status`, { status: 'announced' });
    const ngo = await TestClient.signedIn(t.app, 'ngo@kenes.demo');
    const res = await ngo.post(`/en/meetings/${id}/edit`, FORM);
    assert.ok([403, 404].includes(res.statusCode), String(res.statusCode));
    assert.deepEqual((await meetingRow(id)).title, { en: 'Not theirs' });
  });
});
