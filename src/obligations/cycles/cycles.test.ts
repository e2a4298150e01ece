import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ICAL from 'ical.js';
import { sql } from 'kysely';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { lastAudit } from '../../testing/data.ts';
import { errorsOf, parseHtml, textOf } from '../../testing/html.ts';
import { remindCycleStages } from '../jobs.ts';
import { addRepresentatives, day, idFrom, supportFor } from '../test-support.ts';

/** Reporting cycles: stages, documents, calendars, meetings, edits and reminders. */

const t = useTestApp({ demo: true }, async () => {
  await addRepresentatives(t.db);
});

const { client, orgId, mechanismId, upload } = supportFor(t, () => new TestClient(t.app));

describe('a reporting cycle with its stages, documents and calendar', { concurrency: false }, () => {
  let url = '';
  /** Staff add the cycle's concluding observations, by link. */
  const addObservations = async (symbol: string, title_en: string, link: string) =>
    (await client('secretariat@kenes.demo')).post(`${url}/documents`, {
      kind: 'concluding_observations',
      symbol,
      title_en,
      url: link,
    });

  test('only staff create cycles; the form says what is wrong in the reader’s language', async () => {
    const form = {
      mechanismId: await mechanismId('CAT'),
      stateCode: 'kz',
      number: '5',
      session: '82',
      title_en: 'Fifth periodic report',
      title_ru: 'Пятый периодический доклад',
    };
    for (const email of ['mia@kenes.demo', 'ngo@kenes.demo', 'chair@kenes.demo', 'citizen@kenes.demo']) {
      assert.equal((await (await client(email)).post('/en/cycles', form)).statusCode, 403, email);
    }
    assert.equal((await (await client()).get('/en/cycles/new')).statusCode, 303, 'a visitor is sent to sign in');
    const staff = await client('secretariat@kenes.demo');
    const bad = await staff.post('/ru/cycles', { ...form, title_en: '', title_ru: '', stateCode: 'Kazakhstan' });
    assert.equal(bad.statusCode, 422);
    assert.match(errorsOf(bad.body), /Укажите хотя бы на одном языке|хотя бы/);
    const res = await staff.post('/en/cycles', form);
    assert.equal(res.statusCode, 303, errorsOf(res.body));
    url = String(res.headers.location);
    const row = await t.db
      .selectFrom('reporting_cycles')
      .selectAll()
      .where('id', '=', idFrom(url))
      .executeTakeFirstOrThrow();
    assert.equal(row.state_code, 'KZ');
    assert.equal(row.session, 82, 'the session imports join the cycle by');
    const badSession = await staff.post('/en/cycles', { ...form, number: '6', session: '1000' });
    assert.equal(badSession.statusCode, 422);
    const again = await staff.post('/en/cycles', form);
    assert.equal(again.statusCode, 422, 'the same number twice');
    assert.match(errorsOf(again.body), /already has a cycle with this number/);
  });

  test('stages: done, late and next at a glance; an end before the start is refused', async () => {
    const staff = await client('secretariat@kenes.demo');
    const bad = await staff.post(`${url}/stages`, {
      constructive_dialogue_done: day(-30),
      constructive_dialogue_ends: day(-40),
    });
    assert.equal(bad.statusCode, 422);
    assert.match(errorsOf(bad.body), /end cannot be before the start/);
    const res = await staff.post(`${url}/stages`, {
      report_due_due: day(-400),
      report_submitted_done: day(-390),
      list_of_issues_due: day(-500),
      list_of_issues_done: day(-480),
      constructive_dialogue_done: day(-40),
      constructive_dialogue_ends: day(-39),
      constructive_dialogue_note: 'Deputy Minister of Justice, 12 members',
      concluding_observations_due: day(-10),
      follow_up_due_due: day(20),
      next_report_due_due: day(700),
    });
    assert.equal(res.statusCode, 303, errorsOf(res.body));
    const page = parseHtml((await (await client()).get(url)).body);
    const rows = page
      .querySelectorAll('table.stages tbody tr')
      .map((r) => ({ cls: r.getAttribute('class'), text: textOf(r) }));
    const row = (name: RegExp) => rows.find((r) => name.test(r.text));
    assert.match(row(/Concluding observations/)?.cls ?? '', /stage-late/);
    assert.match(row(/Follow-up information due/)?.cls ?? '', /stage-next/);
    assert.match(row(/Constructive dialogue/)?.cls ?? '', /stage-done/);
    assert.match(row(/Constructive dialogue/)?.text ?? '', /Deputy Minister of Justice/);
    assert.match(textOf(page.querySelector('main')), /1 stage is late: Concluding observations adopted/);
    // The cycle list shows the same: one late stage, next the follow-up.
    const listPage = parseHtml((await (await client()).get('/en/cycles')).body);
    const listRow = listPage.querySelectorAll('main tbody tr').find((r) => /Fifth periodic report/.test(textOf(r)));
    assert.match(textOf(listRow ?? null), /Follow-up information due/);
    // The report's deadline was met by its submission: one late stage in the list too, not two.
    assert.equal(textOf(listRow?.querySelectorAll('td')[3] ?? null), '1');
  });

  test('the calendar feeds carry every dated stage as an all-day event', async () => {
    const res = await (await client()).get(`${url}.ics`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/calendar/);
    const events = new ICAL.Component(ICAL.parse(res.body)).getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    assert.equal(events.length, 7);
    const dialogue = events.find((e) => /Constructive dialogue/.test(e.summary));
    assert.ok(dialogue?.startDate.isDate, 'all-day');
    assert.equal(dialogue?.startDate.toString(), day(-40));
    assert.equal(dialogue?.endDate.toString(), day(-38), 'DTEND is the day after the last day');
    const all = await (await client()).get('/ru/cycles.ics');
    assert.match(all.body.replace(/\r\n /g, ''), /Срок представления следующего доклада/);
    assert.equal((await (await client()).get('/en/cycles/999999.ics')).statusCode, 404);
  });

  test('documents by UN symbol, by link; a bad symbol or link is refused', async () => {
    const staff = await client('secretariat@kenes.demo');
    const bad = await addObservations('<script>', 'Concluding observations', 'javascript:alert(1)');
    assert.equal(bad.statusCode, 422);
    assert.match(errorsOf(bad.body), /UN symbol/);
    assert.match(errorsOf(bad.body), /http:\/\/ or https:\/\//);
    const ok = await staff.post(`${url}/documents`, {
      kind: 'alternative_report',
      symbol: 'INT/CAT/CSS/KAZ/12345',
      title_en: 'Alternative report of the NGO coalition',
      url: 'https://tbinternet.ohchr.org/example',
      organisationId: await orgId('coalition-against-torture'),
      issuedOn: day(-60),
    });
    assert.equal(ok.statusCode, 303, errorsOf(ok.body));
    const page = textOf(parseHtml((await (await client()).get(url)).body).querySelector('#documents + ul'));
    assert.match(page, /INT\/CAT\/CSS\/KAZ\/12345/);
    assert.match(page, /Alternative report/);
    assert.equal(
      (
        await (
          await client('ngo@kenes.demo')
        ).post(`${url}/documents`, { kind: 'other', title_en: 'x', url: 'https://a.b' })
      ).statusCode,
      403,
    );
  });

  test('recommendations join the cycle whose document carries their symbol, before or after the document', async () => {
    const id = idFrom(url);
    const cat = await mechanismId('CAT');
    const insert = (paragraph: string, symbol: string) =>
      t.db
        .insertInto('recommendations')
        .values({
          source_key: `test-symbol-${paragraph}`,
          state_code: 'KZ',
          mechanism_id: cat,
          symbol,
          paragraph,
          text: JSON.stringify({ en: `Recommendation ${paragraph}` }),
        })
        .returning('cycle_id')
        .executeTakeFirstOrThrow();
    assert.equal((await insert('1', 'CAT/C/KAZ/CO/5')).cycle_id, null, 'no document with this symbol yet');
    const res = await addObservations(
      'CAT/C/KAZ/CO/5',
      'Concluding observations on the fifth report',
      'https://example.org/co5',
    );
    assert.equal(res.statusCode, 303, errorsOf(res.body));
    const before = await t.db
      .selectFrom('recommendations')
      .select('cycle_id')
      .where('source_key', '=', 'test-symbol-1')
      .executeTakeFirstOrThrow();
    assert.equal(before.cycle_id, id, 'attached when the document was added');
    assert.equal((await insert('2', 'CAT/C/KAZ/CO/5')).cycle_id, id, 'joins on insert');
    assert.equal((await insert('3', 'CAT/C/KAZ/CO/3')).cycle_id, null, 'another symbol does not');
    await t.db.deleteFrom('recommendations').where('source_key', 'like', 'test-symbol-%').execute();
  });

  test('an agenda item is linked to the cycle: the cycle lists the meeting, the agenda names the cycle', async () => {
    const item = await t.db
      .selectFrom('agenda_items as a')
      .innerJoin('meetings as m', 'm.id', 'a.meeting_id')
      .select(['a.id', 'm.id as meetingId'])
      .where('m.status', '!=', 'draft')
      .orderBy('a.id')
      .executeTakeFirstOrThrow();
    assert.equal(
      (await (await client('ngo@kenes.demo')).post(`${url}/agenda-items`, { itemId: item.id })).statusCode,
      403,
    );
    const staff = await client('secretariat@kenes.demo');
    assert.equal((await staff.post(`${url}/agenda-items`, { itemId: item.id })).statusCode, 303);
    const cyclePage = parseHtml((await (await client()).get(url)).body);
    assert.ok(cyclePage.querySelector(`#meetings + ul a[href="/en/meetings/${item.meetingId}"]`));
    const meeting = textOf(
      parseHtml((await (await client()).get(`/en/meetings/${item.meetingId}`)).body).querySelector('main'),
    );
    assert.match(meeting, /Prepares for: CAT: Fifth periodic report/);
  });

  test('the cycle page runs the same number of queries however much it holds', async () => {
    const id = idFrom(url);
    const count = async () => {
      t.queries.length = 0;
      assert.equal((await (await client()).get(url)).statusCode, 200);
      return t.queries.filter((q) => !/sessions|users/.test(q)).length;
    };
    const before = await count();
    for (let i = 0; i < 5; i++) {
      await t.db
        .insertInto('cycle_documents')
        .values({ cycle_id: id, kind: 'other', title: JSON.stringify({ en: `Doc ${i}` }), url: 'https://example.org' })
        .execute();
    }
    assert.equal(await count(), before);
  });
});

describe('a cycle’s edits, uploads and removals through HTTP', { concurrency: false }, () => {
  test('a cycle is edited by staff only; the audit log keeps before and after', async () => {
    const cycle = await t.db.selectFrom('reporting_cycles').selectAll().orderBy('id').executeTakeFirstOrThrow();
    const url = `/en/cycles/${cycle.id}`;
    const form = {
      mechanismId: cycle.mechanism_id,
      stateCode: 'KZ',
      number: String(cycle.number ?? ''),
      title_en: 'Renamed cycle',
    };
    assert.equal((await (await client('ngo@kenes.demo')).post(`${url}/edit`, form)).statusCode, 403);
    const staff = await client('secretariat@kenes.demo');
    const bad = await staff.post(`${url}/edit`, { ...form, number: '100' });
    assert.equal(bad.statusCode, 422);
    assert.equal((await staff.post(`${url}/edit`, form)).statusCode, 303);
    const after = await t.db
      .selectFrom('reporting_cycles')
      .select('title')
      .where('id', '=', cycle.id)
      .executeTakeFirstOrThrow();
    assert.equal(after.title.en, 'Renamed cycle');
    const entry = await lastAudit(t.db, { entity: 'reporting_cycle', entityId: cycle.id, action: 'update' });
    assert.ok(entry.before && entry.after);
  });

  test('a document is uploaded and removed by staff; a refused file writes nothing', async () => {
    const cycle = await t.db.selectFrom('reporting_cycles').select('id').orderBy('id').executeTakeFirstOrThrow();
    const url = `/en/cycles/${cycle.id}`;
    const fields = { kind: 'state_report', symbol: 'CAT/C/KAZ/5', title_en: 'State report' };
    const ngo = await client('ngo@kenes.demo');
    assert.equal((await upload(ngo, url, `${url}/documents/upload`, fields)).statusCode, 403);
    const staff = await client('secretariat@kenes.demo');
    const count = async () =>
      Number(
        (await t.db.selectFrom('cycle_documents').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n,
      );
    const before = await count();
    const notPdf = await upload(staff, url, `${url}/documents/upload`, fields, 'just some text');
    assert.equal(notPdf.statusCode, 422);
    assert.equal(await count(), before, 'nothing half-written');
    const ok = await upload(staff, url, `${url}/documents/upload`, fields);
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
    const doc = await t.db
      .selectFrom('cycle_documents')
      .select(['id', 'file_id'])
      .where('symbol', '=', 'CAT/C/KAZ/5')
      .executeTakeFirstOrThrow();
    assert.ok(doc.file_id);
    const href = parseHtml((await staff.get(url)).body)
      .querySelector(`a[href^="/files/${doc.file_id}/"]`)
      ?.getAttribute('href');
    assert.equal((await (await client()).get(href ?? '/missing')).statusCode, 200);
    assert.equal((await ngo.post(`${url}/documents/${doc.id}/delete`, {})).statusCode, 403);
    assert.equal((await staff.post(`${url}/documents/${doc.id}/delete`, {})).statusCode, 303);
    assert.equal(await count(), before);
    assert.equal((await staff.post(`${url}/documents/${doc.id}/delete`, {})).statusCode, 404);
  });
});

describe('a cycle’s chart of its recommendations', () => {
  test('drawn on its page in kk, ru and en with a table linking to each status; downloads with an ETag', async () => {
    const { rows } = await sql<{ cycle: string; status: string; n: number }>`
      SELECT cycle_id::text AS cycle, status, count(*)::int AS n FROM recommendations
       WHERE cycle_id = (SELECT cycle_id FROM recommendations WHERE cycle_id IS NOT NULL
                          GROUP BY 1 ORDER BY count(DISTINCT status) DESC, 1 LIMIT 1)
       GROUP BY 1, 2`.execute(t.db);
    const id = rows[0]?.cycle;
    assert.ok(id && rows.length > 1, 'the demo has a cycle with recommendations in several statuses');
    const direct = new Map(rows.map((r) => [r.status, r.n]));
    for (const [lang, title] of [
      ['kk', 'Ұсынымдар орындалу мәртебесі бойынша'],
      ['ru', 'Рекомендации по статусу выполнения'],
      ['en', 'Recommendations by implementation status'],
    ] as const) {
      const doc = parseHtml((await t.app.inject({ url: `/${lang}/cycles/${id}` })).body);
      const figure = doc.querySelector('figure#recommendations-by-status');
      assert.equal(textOf(figure?.querySelector('h3')), title, lang);
      const svg = figure?.querySelector('svg[role="img"]');
      assert.equal(textOf(svg?.querySelector('title')), title);
      const links = figure?.querySelectorAll('tbody th a').map((a) => a.getAttribute('href')) ?? [];
      assert.deepEqual(
        links.map((href) => new URL(href ?? '', 'http://x').searchParams.get('status')).sort(),
        [...direct.keys()].sort(),
      );
      assert.ok(links.every((href) => href?.startsWith(`/${lang}/recommendations?cycle=${id}&`)));
      assert.deepEqual(
        figure?.querySelectorAll('figcaption a').map((a) => a.getAttribute('href')),
        ['svg', 'png', 'csv'].map((f) => `/${lang}/cycles/${id}/charts/recommendations-by-status.${f}`),
      );
    }
    const url = `/en/cycles/${id}/charts/recommendations-by-status`;
    const csv = await t.app.inject({ url: `${url}.csv` });
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    assert.equal(lines[0], 'Code,Level of implementation,Recommendations (recommendations)');
    assert.deepEqual(new Map(lines.slice(1).map((l) => [l.split(',')[0], Number(l.split(',')[2])])), direct);
    const png = await t.app.inject({ url: `${url}.png` });
    assert.equal(png.headers['content-type'], 'image/png');
    assert.equal(
      (await t.app.inject({ url: `${url}.png`, headers: { 'if-none-match': String(png.headers.etag) } })).statusCode,
      304,
    );
    await sql`UPDATE recommendations SET status = 'implemented' WHERE id = (SELECT min(id) FROM recommendations WHERE cycle_id = ${id} AND status <> 'implemented')`.execute(
      t.db,
    );
    const changed = await t.app.inject({ url: `${url}.png`, headers: { 'if-none-match': String(png.headers.etag) } });
    assert.equal(changed.statusCode, 200, 'the data changed: drawn again');
    for (const bad of [
      `${url}.gif`,
      `/en/cycles/${id}/charts/nothing.svg`,
      '/en/cycles/999999/charts/recommendations-by-status.svg',
    ]) {
      assert.equal((await t.app.inject({ url: bad })).statusCode, 404, bad);
    }
  });
});

describe('reminders of cycle deadlines', () => {
  test('the secretariat is reminded once of a stage due within two weeks', async () => {
    const cycle = await t.db
      .insertInto('reporting_cycles')
      .values({
        mechanism_id: await mechanismId('CRC'),
        state_code: 'KZ',
        number: 7,
        title: JSON.stringify({ en: 'Seventh report' }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('cycle_stages')
      .values([
        { cycle_id: cycle.id, kind: 'report_due', due_on: day(10) },
        { cycle_id: cycle.id, kind: 'next_report_due', due_on: day(100) },
        // A deadline already met by its submission is not reminded.
        { cycle_id: cycle.id, kind: 'follow_up_due', due_on: day(5) },
        { cycle_id: cycle.id, kind: 'follow_up_submitted', done_on: day(-1) },
      ])
      .execute();
    const first = await remindCycleStages(t.db, 'https://kenes.example');
    assert.ok(first >= 1);
    const mail = await t.db
      .selectFrom('email_outbox')
      .select(['to_address', 'subject', 'body_text'])
      .where('subject', 'like', '%Seventh report%')
      .execute();
    assert.ok(mail.some((m) => m.to_address === 'secretariat@kenes.demo'));
    assert.ok(
      mail.every((m) => !/next report/i.test(m.subject)),
      'not the one due in 100 days',
    );
    assert.equal(await remindCycleStages(t.db, 'https://kenes.example'), 0, 'once');
  });
});
