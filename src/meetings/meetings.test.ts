import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { can } from '../core/auth/policy.ts';
import { useTestApp } from '../testing/app.ts';
import { asEveryDemoUser, TestClient } from '../testing/client.ts';
import { countRows } from '../testing/data.ts';
import { errorsOf, parseHtml, textOf } from '../testing/html.ts';
import { scheduleMeeting } from '../testing/meetings.ts';
import { type FormFile, multipart } from '../testing/multipart.ts';
import { naughtyStrings } from '../testing/naughty.ts';
import { MAX_AGENDA_ITEMS } from './agenda/use-cases.ts';

let staff: TestClient;
const t = useTestApp({ demo: true }, async () => {
  staff = await TestClient.signedIn(t.app, 'secretariat@kenes.demo');
});

const count = (table: 'meetings' | 'agenda_items' | 'files' | 'file_chunks' | 'meeting_documents' | 'email_outbox') =>
  countRows(t.db, table);

const newMeeting = (extra: Record<string, string> = {}) => scheduleMeeting(staff, extra);

async function upload(meetingId: string, file: FormFile, headers: Record<string, string> = {}) {
  const page = await staff.get(`/en/meetings/${meetingId}`);
  const csrf = parseHtml(page.body).querySelector('input[name="_csrf"]')?.getAttribute('value') ?? '';
  const { payload, contentType } = multipart({ _csrf: csrf, title_en: 'Report' }, file);
  return t.app.inject({
    method: 'POST',
    url: `/en/meetings/${meetingId}/documents`,
    payload,
    headers: {
      'content-type': contentType,
      cookie: staff.cookieHeader(),
      ...headers,
    },
  });
}

const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\nxref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n160\n%%EOF\n',
);

describe('documents', () => {
  test('a real PDF is attached and served to readers of the meeting', async () => {
    const id = await newMeeting();
    const res = await upload(id, { name: 'Баяндама.pdf', type: 'application/pdf', content: MINIMAL_PDF });
    assert.equal(res.statusCode, 303);
    const page = parseHtml((await staff.get(`/en/meetings/${id}`)).body);
    const href = page.querySelector('ul.documents a')?.getAttribute('href') ?? '';
    assert.match(href, /^\/files\/\d+\//);
    // The meeting is a draft: a visitor may not fetch its document.
    assert.equal((await new TestClient(t.app).get(href)).statusCode, 404);
    const file = await staff.get(href);
    assert.equal(file.statusCode, 200);
    assert.deepEqual(file.rawPayload, MINIMAL_PDF);
  });

  test('a file that claims to be a PDF and is not is refused; nothing is saved', async () => {
    const id = await newMeeting();
    const before = [await count('files'), await count('meeting_documents')];
    const res = await upload(id, {
      name: 'report.pdf',
      type: 'application/pdf',
      content: Buffer.from('This is not a PDF at all, just text.\n'.repeat(100)),
    });
    assert.equal(res.statusCode, 422);
    assert.match(errorsOf(res.body), /the content of this file is none of them/);
    assert.deepEqual([await count('files'), await count('meeting_documents')], before);
  });

  test('an upload far over the limit is refused before its body is read', async () => {
    const id = await newMeeting();
    const before = await count('files');
    const res = await upload(
      id,
      { name: 'small.pdf', type: 'application/pdf', content: MINIMAL_PDF },
      { 'content-length': String(500 * 1024 * 1024) },
    );
    assert.equal(res.statusCode, 413);
    assert.match(textOf(parseHtml(res.body).querySelector('main')), /larger than 20/);
    assert.equal(await count('files'), before);
  });

  test('an upload over the limit that hides its size is cut off at the limit; nothing is saved', async () => {
    const id = await newMeeting();
    const before = [await count('files'), await count('file_chunks')];
    const big = Buffer.alloc(20 * 1024 * 1024 + 512 * 1024, 0);
    MINIMAL_PDF.copy(big);
    const res = await upload(id, { name: 'big.pdf', type: 'application/pdf', content: big });
    assert.equal(res.statusCode, 422);
    assert.match(errorsOf(res.body), /larger than 20/);
    assert.deepEqual([await count('files'), await count('file_chunks')], before);
  });
});

describe('bad input to meetings', () => {
  test(`an agenda stops at ${MAX_AGENDA_ITEMS} items (an agenda of 10,000 is refused)`, async () => {
    const id = await newMeeting();
    await t.db
      .insertInto('agenda_items')
      .values(
        Array.from({ length: MAX_AGENDA_ITEMS }, (_, i) => ({
          meeting_id: id,
          position: i + 1,
          title: JSON.stringify({ en: `Item ${i}` }),
        })),
      )
      .execute();
    const res = await staff.postExpect(422, `/en/meetings/${id}/agenda`, { title_en: 'One too many' });
    assert.match(errorsOf(res.body), /at most 100 items/);
    const items = await t.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', id).execute();
    assert.equal(items.length, MAX_AGENDA_ITEMS);
  });

  test('impossible dates, unknown zones and statuses are refused with a message', async () => {
    const before = await count('meetings');
    const base = {
      title_en: 'x',
      timeZone: 'Asia/Almaty',
      format: 'in_person',
      venue_en: 'Astana',
      visibility: 'public',
    };
    for (const [form, message] of [
      [{ ...base, startsAt: '2027-02-31T10:00' }, /Enter a date/],
      [{ ...base, startsAt: 'tomorrow' }, /Enter a date/],
      [{ ...base, startsAt: '2027-02-01T10:00', timeZone: 'Mars/Olympus' }, /Choose one of the options/],
      [{ ...base, startsAt: '2027-02-01T10:00', format: 'online', venue_en: '' }, /Give a venue or an online link/],
    ] as const) {
      const res = await staff.post('/en/meetings', form);
      assert.equal(res.statusCode, 422, JSON.stringify(form));
      assert.match(errorsOf(res.body), message);
    }
    assert.equal(await count('meetings'), before);
    const id = await newMeeting();
    const jump = await staff.postExpect(422, `/en/meetings/${id}/status`, { status: 'held' });
    assert.match(errorsOf(jump.body), /cannot go from “Draft” to “Held”/);
    const noReason = await staff.post(`/en/meetings/${id}/status`, { status: 'cancelled' });
    assert.match(errorsOf(noReason.body), /Give the reason/);
  });

  test('naughty strings in every field of a meeting are stored or refused, never break a page', async () => {
    const failures: string[] = [];
    let stored = 0;
    for (const [i, s] of naughtyStrings().entries()) {
      if (i % 5) continue; // every fifth string through every field keeps the test quick; all 515 go through titles below
      const res = await staff.post('/kk/meetings', {
        title_kk: s,
        title_ru: s,
        description_en: s,
        venue_ru: s || 'x',
        startsAt: '2027-04-01T10:00',
        timeZone: 'Asia/Almaty',
        format: 'in_person',
        visibility: 'public',
      });
      if (res.statusCode === 303) {
        stored++;
        const page = await staff.get(String(res.headers.location).replace('/agenda', ''));
        if (page.statusCode !== 200 || page.body.includes('<script>alert'))
          failures.push(`${i}: page ${page.statusCode}`);
      } else if (res.statusCode !== 422) failures.push(`${i}: ${res.statusCode}`);
    }
    const id = await newMeeting();
    for (const s of naughtyStrings()) {
      const res = await staff.post(`/en/meetings/${id}/agenda`, { title_en: s || 'x', description_ru: s });
      if (![303, 422].includes(res.statusCode)) failures.push(`agenda: ${res.statusCode}`);
      if (
        res.statusCode === 303 &&
        (await t.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', id).execute()).length >=
          MAX_AGENDA_ITEMS
      )
        break;
    }
    assert.deepEqual(failures, []);
    assert.ok(stored > 50, `${stored} stored`);
    assert.equal((await staff.get(`/en/meetings/${id}/agenda`)).statusCode, 200);
    assert.equal((await staff.get(`/api/v1/meetings/${id}`)).statusCode, 200);
  });
});

describe('a fixed number of queries, whatever the meeting holds', () => {
  test('50 agenda items and 300 attendees', async () => {
    const id = await newMeeting();
    const items = await t.db
      .insertInto('agenda_items')
      .values(
        Array.from({ length: 50 }, (_, i) => ({
          meeting_id: id,
          position: i + 1,
          title: JSON.stringify({ en: `Item ${i}`, ru: `Вопрос ${i}` }),
        })),
      )
      .returning('id')
      .execute();
    const orgs = await t.db.selectFrom('organisations').select('id').execute();
    await t.db
      .insertInto('agenda_presenters')
      .values(
        items.flatMap((item, i) =>
          [1, 2, 3].map((p) => ({
            agenda_item_id: item.id,
            organisation_id: orgs[(i + p) % orgs.length]?.id ?? '',
            role: 'proposals' as const,
            position: p,
          })),
        ),
      )
      .execute();
    const people = await t.db
      .insertInto('people')
      .values(Array.from({ length: 300 }, (_, i) => ({ full_name: JSON.stringify({ ru: `Участник ${i}` }) })))
      .returning('id')
      .execute();
    await t.db
      .insertInto('attendance')
      .values(
        people.map((p, i) => ({
          meeting_id: id,
          person_id: p.id,
          organisation_id: orgs[i % orgs.length]?.id ?? '',
          role: 'member' as const,
          presence: 'present' as const,
        })),
      )
      .execute();
    const pages = [
      `/en/meetings/${id}`,
      `/en/meetings/${id}/attendance`,
      `/en/meetings/${id}/agenda`,
      `/en/meetings/${id}/minutes`,
      `/api/v1/meetings/${id}`,
      '/en/meetings',
      '/en/tasks',
    ];
    const counts: Record<string, number> = {};
    for (const page of pages) {
      t.queries.length = 0;
      const res = await staff.get(page);
      assert.equal(res.statusCode, 200, page);
      counts[page] = t.queries.length;
    }
    // Doubling the lists changes nothing.
    await t.db
      .insertInto('agenda_items')
      .values(
        Array.from({ length: 50 }, (_, i) => ({
          meeting_id: id,
          position: 51 + i,
          title: JSON.stringify({ en: `More ${i}` }),
        })),
      )
      .execute();
    for (const page of pages) {
      t.queries.length = 0;
      await staff.get(page);
      assert.equal(t.queries.length, counts[page], `${page}: ${counts[page]} then ${t.queries.length} queries`);
      // A public meeting's page also shows its comments: five more (record, settings, standing, count, page).
      const cap = page === `/en/meetings/${id}` ? 17 : 12;
      assert.ok((counts[page] ?? 99) <= cap, `${page} runs ${counts[page]} queries`);
    }
    console.log('queries per page:', counts);
  });
});

describe('meeting routes refuse what the policy refuses', () => {
  test('schedule, edit, agenda, invitations, attendance, minutes, communiqué', async () => {
    const id = await newMeeting();
    const routes = [
      { m: 'GET', url: '/en/meetings/new', action: 'run-meetings' },
      { m: 'POST', url: '/en/meetings', action: 'run-meetings' },
      { m: 'GET', url: `/en/meetings/${id}/edit`, action: 'run-meetings' },
      { m: 'POST', url: `/en/meetings/${id}/status`, action: 'run-meetings' },
      { m: 'GET', url: `/en/meetings/${id}/agenda`, action: 'run-meetings' },
      { m: 'POST', url: `/en/meetings/${id}/agenda`, action: 'run-meetings' },
      { m: 'GET', url: `/en/meetings/${id}/invitations`, action: 'run-meetings' },
      { m: 'POST', url: `/en/meetings/${id}/invitations`, action: 'run-meetings' },
      { m: 'POST', url: `/en/meetings/${id}/attendance`, action: 'run-meetings' },
      { m: 'POST', url: `/en/meetings/${id}/minutes`, action: 'run-meetings' },
      { m: 'GET', url: `/en/meetings/${id}/communique`, action: 'run-meetings' },
      { m: 'POST', url: `/en/meetings/${id}/communique/publish`, action: 'run-meetings' },
      { m: 'POST', url: `/en/meetings/${id}/minutes/approve`, action: 'approve-minutes' },
    ] as const;
    await asEveryDemoUser(t.app, async (c, user, who) => {
      for (const r of routes) {
        const res = r.m === 'GET' ? await c.get(r.url) : await c.post(r.url, {});
        // A draft is invisible (404) to those who may not run meetings, which is a refusal too.
        if (can(user, r.action))
          assert.ok(
            ![401, 403].includes(res.statusCode) && res.statusCode < 500,
            `${who} ${r.m} ${r.url}: ${res.statusCode}`,
          );
        else
          assert.ok(
            [303, 403, 404].includes(res.statusCode),
            `${who} ${r.m} ${r.url} must be refused: ${res.statusCode}`,
          );
      }
    });
  });
});

describe('personal calendar', () => {
  test('a private address lists the meetings the organisation is invited to; a new address retires the old', async () => {
    const id = await newMeeting({ visibility: 'members', title_en: 'Members-only working group' });
    await t.db.updateTable('meetings').set({ status: 'announced' }).where('id', '=', id).execute();
    const ngo = new TestClient(t.app);
    await ngo.signIn('ngo@kenes.demo');
    const page = await ngo.post('/en/account/calendar', {});
    const address = textOf(parseHtml(page.body).querySelector('.calendar-address'));
    const path = new URL(address).pathname;
    const feed = await new TestClient(t.app).get(path);
    assert.equal(feed.statusCode, 200);
    assert.match(feed.body, /SUMMARY:Members-only working group/, 'members-only meetings for a member');
    assert.match(
      feed.body,
      /SUMMARY:Improving legislation on combating torture|SUMMARY:Азаптауға|SUMMARY:Совершенствование/,
    );
    const publicFeed = await new TestClient(t.app).get('/en/meetings.ics');
    assert.doesNotMatch(publicFeed.body, /Members-only working group/);
    await ngo.post('/en/account/calendar', {});
    assert.equal((await new TestClient(t.app).get(path)).statusCode, 404);
  });
});
