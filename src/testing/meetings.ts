import assert from 'node:assert/strict';
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
