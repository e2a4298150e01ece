import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ICAL from 'ical.js';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { scheduleMeeting } from '../../testing/meetings.ts';

/* Issue 13: the meeting's .ics carries the venue and the online link of a hybrid meeting. */

const t = useTestApp({ demo: true });

describe("a meeting's calendar file", () => {
  test('a hybrid meeting: the venue and the online link, in each language', async () => {
    const staff = await TestClient.signedIn(t.app, 'secretariat@kenes.demo');
    const id = await scheduleMeeting(staff, {
      format: 'hybrid',
      venue_ru: 'Дом министерств, Астана',
      venue_en: 'House of Ministries, Astana',
      onlineUrl: 'https://meet.example.org/kenes-13?pwd=a,b',
    });
    for (const [lang, venue, label] of [
      ['ru', 'Дом министерств, Астана', 'Ссылка для онлайн-участия'],
      ['en', 'House of Ministries, Astana', 'Online link'],
    ] as const) {
      const res = await staff.get(`/${lang}/meetings/${id}.ics`);
      assert.equal(res.statusCode, 200);
      const event = new ICAL.Component(ICAL.parse(res.body)).getFirstSubcomponent('vevent');
      assert.ok(event, 'one event');
      const link = 'https://meet.example.org/kenes-13?pwd=a%2Cb';
      assert.equal(event.getFirstPropertyValue('location'), `${venue} · ${link}`, lang);
      assert.ok(String(event.getFirstPropertyValue('description')).includes(`${label}: ${link}`), lang);
    }
  });
});
