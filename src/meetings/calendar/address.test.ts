/** The personal calendar address: the account page says whether one exists; staff's feed holds drafts too. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { parseHtml, textOf } from '../../testing/html.ts';
import { scheduleMeeting } from '../../testing/meetings.ts';

const t = useTestApp({ demo: true });

const pageText = async (c: TestClient) => {
  const res = await c.get('/en/account/calendar');
  assert.equal(res.statusCode, 200);
  return textOf(parseHtml(res.body).querySelector('main'));
};

describe('personal calendar address', () => {
  test('the page offers to create one until there is one, then says there is and offers a new one', async () => {
    const staff = await TestClient.signedIn(t.app, 'secretariat@kenes.demo');
    const before = await pageText(staff);
    assert.match(before, /Create my calendar address/);
    assert.doesNotMatch(before, /You have a calendar address/);

    const made = await staff.post('/en/account/calendar', {});
    assert.equal(made.statusCode, 200);
    const address = textOf(parseHtml(made.body).querySelector('.calendar-address'));
    assert.match(address, /^http:\/\/localhost:3000\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);

    const after = await pageText(staff);
    assert.match(after, /You have a calendar address/);
    assert.match(after, /Create a new address/);
    // The page never shows the address again: only its hash is kept.
    assert.doesNotMatch(after, /\/calendar\/[A-Za-z0-9_-]{43}\.ics/);
  });

  test('the secretariat’s feed lists draft meetings, which the public calendar does not', async () => {
    const staff = await TestClient.signedIn(t.app, 'secretariat@kenes.demo');
    await scheduleMeeting(staff, { title_en: 'Draft only staff see in their calendar' });
    const made = await staff.post('/en/account/calendar', {});
    const path = new URL(textOf(parseHtml(made.body).querySelector('.calendar-address'))).pathname;
    const feed = await new TestClient(t.app).get(path);
    assert.equal(feed.statusCode, 200);
    assert.match(feed.body, /SUMMARY:Draft only staff see in their calendar/);
    const publicFeed = await new TestClient(t.app).get('/en/meetings.ics');
    assert.equal(publicFeed.statusCode, 200);
    assert.doesNotMatch(publicFeed.body, /Draft only staff see/);
  });
});
