/** Regression tests for what the review of 2026-11-29 found (each failed before its fix). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../testing/app.ts';
import { TestClient } from '../testing/client.ts';
import { insertMeeting, insertTask, meetingIn, orgId, userByEmail } from '../testing/data.ts';
import { communiqueOf, scheduleMeeting } from '../testing/meetings.ts';
import { zonedToUtc } from './time.ts';

let staff: TestClient;
let admin: TestClient;
const t = useTestApp({ demo: true }, async () => {
  staff = await TestClient.signedIn(t.app, 'secretariat@kenes.demo');
  admin = await TestClient.signedIn(t.app, 'admin@kenes.demo');
});

describe('review findings', () => {
  test('a POST dressed as multipart does not skip the CSRF check', async () => {
    const task = await t.db.selectFrom('tasks').select('id').where('done_at', 'is', null).executeTakeFirstOrThrow();
    for (const url of [`/en/tasks/${task.id}/done`, '/en/account/calendar', '/en/sign-out']) {
      const res = await t.app.inject({
        method: 'POST',
        url,
        payload: '--XYZ--\r\n',
        headers: { 'content-type': 'multipart/form-data; boundary=XYZ', cookie: staff.cookieHeader() },
      });
      assert.equal(res.statusCode, 403, url);
    }
    assert.equal(
      (await t.db.selectFrom('tasks').select('done_at').where('id', '=', task.id).executeTakeFirstOrThrow()).done_at,
      null,
    );
  });

  test('a citizen’s calendar never lists members-only meetings, even of their organisation', async () => {
    const ngo = await userByEmail(t.db, 'ngo@kenes.demo');
    await t.db.updateTable('users').set({ role: 'citizen' }).where('id', '=', ngo.id).execute();
    const meetingId = await insertMeeting(t.db, {
      number: 50,
      title: 'Closed session',
      startsAt: new Date('2027-01-01T05:00:00Z'),
      onlineUrl: 'https://x.org',
      visibility: 'members',
      status: 'announced',
    });
    await t.db
      .insertInto('meeting_invitations')
      .values({ meeting_id: meetingId, organisation_id: ngo.organisation_id ?? '', role: 'member' })
      .execute();
    const c = new TestClient(t.app);
    await c.signIn('ngo@kenes.demo');
    const page = await c.post('/en/account/calendar', {});
    const path = new URL(
      page.body.match(/http:\/\/localhost:3000\/calendar\/[A-Za-z0-9_-]+\.ics/)?.[0] ?? 'http://x/none',
    ).pathname;
    const feed = await new TestClient(t.app).get(path);
    assert.equal(feed.statusCode, 200);
    assert.doesNotMatch(feed.body, /Closed session/);
    await t.db.updateTable('users').set({ role: 'representative' }).where('id', '=', ngo.id).execute();
  });

  test('tasks of a draft meeting are not public', async () => {
    const id = await scheduleMeeting(staff, { title_en: 'Draft with a task' });
    const org = await orgId(t.db, 'mia');
    await insertTask(t.db, {
      meetingId: id,
      decision: 'd',
      description: 'LEAKED TASK',
      organisationId: org,
      deadline: '2027-05-01',
    });
    assert.doesNotMatch((await new TestClient(t.app).get('/en/tasks')).body, /LEAKED TASK/);
    assert.doesNotMatch((await new TestClient(t.app).get('/en/organisations/mia')).body, /LEAKED TASK/);
    assert.match((await staff.get('/en/tasks')).body, /LEAKED TASK/);
  });

  test('absurd cursors, ids and dates get a 4xx, never a 500', async () => {
    const visitor = new TestClient(t.app);
    assert.equal((await visitor.get('/en/meetings?before=-200000-01-01T00:00:00Z')).statusCode, 200);
    assert.equal((await visitor.get('/en/news?before=-200000-01-01T00:00:00Z')).statusCode, 200);
    assert.equal((await admin.post('/en/admin/users/abc', { role: 'citizen' })).statusCode, 404);
    assert.equal((await admin.post('/en/admin/users/99999999999999999999', { role: 'citizen' })).statusCode, 404);
    assert.equal((await admin.get('/en/admin/audit?from=0000-01-01')).statusCode, 422);
    assert.equal(zonedToUtc('0026-12-10T10:00', 'Asia/Almaty'), undefined);
  });

  test('no documents after the meeting is held; a published communiqué is not rewritten', async () => {
    const published = await meetingIn(t.db, 'published');
    const page = await staff.get(`/en/meetings/${published.id}`);
    const csrf = page.body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    const boundary = 'B';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="title_en"\r\n\r\nLate\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\r\n--${boundary}--\r\n`;
    const upload = await t.app.inject({
      method: 'POST',
      url: `/en/meetings/${published.id}/documents`,
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: staff.cookieHeader() },
    });
    assert.equal(upload.statusCode, 409);
    const before = await communiqueOf(t.db, published.id);
    const rewrite = await staff.post(`/en/meetings/${published.id}/communique`, {
      title_en: 'REWRITTEN',
      body_en: 'x',
    });
    assert.equal(rewrite.statusCode, 409);
    assert.equal((await staff.post(`/en/meetings/${published.id}/communique/generate`, {})).statusCode, 409);
    assert.deepEqual((await communiqueOf(t.db, published.id)).title, before.title);
  });
});
