import assert from 'node:assert/strict';
import type { Db } from '../core/db/database.ts';
import type { TestClient } from './client.ts';
import { errorsOf } from './html.ts';

/**
 * Schedules a meeting through the form, as `staff` would (a public in-person meeting in Astana on
 * 1 March 2027 unless `fields` says otherwise); fails unless it is scheduled. The new meeting's id.
 */
export async function scheduleMeeting(staff: TestClient, fields: Record<string, string> = {}): Promise<string> {
  const res = await staff.post('/en/meetings', {
    title_en: 'Test meeting',
    startsAt: '2027-03-01T10:00',
    timeZone: 'Asia/Almaty',
    format: 'in_person',
    venue_en: 'Astana',
    visibility: 'public',
    ...fields,
  });
  assert.equal(res.statusCode, 303, errorsOf(res.body));
  return String(res.headers.location).split('/')[3] ?? '';
}

/** The communiqué of a meeting (its row); fails if the meeting has none. */
export const communiqueOf = (db: Db, meetingId: string) =>
  db.selectFrom('communiques').selectAll().where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
