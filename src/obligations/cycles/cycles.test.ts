import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ICAL from 'ical.js';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { parseHtml, textOf } from '../../testing/html.ts';
import { naughtyStrings } from '../../testing/naughty.ts';
import { remindCycleStages } from '../jobs.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ demo: true });
  // Representatives the demo lacks: another ministry, the ombudsman (NHRI), an international partner.
  for (const [email, slug] of [
    ['education@kenes.test', 'ministry-of-education'],
    ['ombudsman@kenes.test', 'ombudsman'],
    ['osce@kenes.test', 'osce'],
  ] as const) {
    await sql`INSERT INTO users (email, password_hash, display_name, role, organisation_id, locale)
      SELECT ${email}, password_hash, ${email}, 'representative', (SELECT id FROM organisations WHERE slug = ${slug}), 'en'
        FROM users WHERE email = 'mia@kenes.demo'`.execute(t.db);
  }
});
after(() => t.close());

const errorsOf = (body: string) => textOf(parseHtml(body).querySelector('.error-summary'));
const orgId = async (slug: string) =>
  (await t.db.selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
const mechanismId = async (code: string) =>
  (await t.db.selectFrom('mechanisms').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const idFrom = (location: unknown) => String(location).split('/')[3]?.split('#')[0] ?? '';

// Signed-in clients are kept: sign-in is rate-limited per address (30 a minute), as in production.
const signedIn = new Map<string, TestClient>();
async function client(email?: string) {
  if (!email) return new TestClient(t.app);
  const known = signedIn.get(email);
  if (known) return known;
  const c = new TestClient(t.app);
  await c.signIn(email);
  signedIn.set(email, c);
  return c;
}

describe('a reporting cycle with its stages, documents and calendar', { concurrency: false }, () => {
  let url = '';

  test('only staff create cycles; the form says what is wrong in the reader’s language', async () => {
    const form = {
      mechanismId: await mechanismId('CAT'),
      stateCode: 'kz',
      number: '5',
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
    const bad = await staff.post(`${url}/documents`, {
      kind: 'concluding_observations',
      symbol: '<script>',
      title_en: 'Concluding observations',
      url: 'javascript:alert(1)',
    });
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
    const staff = await client('secretariat@kenes.demo');
    const res = await staff.post(`${url}/documents`, {
      kind: 'concluding_observations',
      symbol: 'CAT/C/KAZ/CO/5',
      title_en: 'Concluding observations on the fifth report',
      url: 'https://example.org/co5',
    });
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

describe('a recommendation from entry to action, assessments on both sides and links', { concurrency: false }, () => {
  let rec = '';
  let recUrl = '';
  let actionId = '';

  test('staff record a recommendation; the form checks what it refers to', async () => {
    const staff = await client('secretariat@kenes.demo');
    const cycle = await t.db.selectFrom('reporting_cycles').select(['id', 'mechanism_id']).executeTakeFirstOrThrow();
    const base = {
      stateCode: 'KZ',
      mechanismId: cycle.mechanism_id,
      cycleId: cycle.id,
      symbol: 'CAT/C/KAZ/CO/5',
      paragraph: '14(a)',
      adoptedOn: '2026-02-31',
      text_en: 'Ensure that all persons deprived of liberty have access to a lawyer from the outset of detention.',
      text_ru: 'Обеспечить доступ к адвокату с момента фактического задержания.',
      response: 'supported',
      themeIds: (await t.db.selectFrom('themes').select('id').where('slug', '=', 'detention').executeTakeFirstOrThrow())
        .id,
      priority: 'on',
    };
    const badDate = await staff.post('/en/recommendations', base);
    assert.equal(badDate.statusCode, 422, '31 February');
    assert.match(errorsOf(badDate.body), /Enter a date/);
    const upr = await staff.post('/en/recommendations', { ...base, adoptedOn: '2026-02-20', recommendingState: 'FR' });
    assert.equal(upr.statusCode, 422);
    assert.match(errorsOf(upr.body), /Only UPR recommendations/);
    const wrongCycle = await staff.post('/en/recommendations', {
      ...base,
      adoptedOn: '2026-02-20',
      mechanismId: await mechanismId('CRC'),
    });
    assert.equal(wrongCycle.statusCode, 422);
    assert.match(errorsOf(wrongCycle.body), /another mechanism or State/);
    assert.equal((await (await client('mia@kenes.demo')).post('/en/recommendations', base)).statusCode, 403);
    const res = await staff.post('/en/recommendations', { ...base, adoptedOn: '2026-02-20' });
    assert.equal(res.statusCode, 303, errorsOf(res.body));
    recUrl = String(res.headers.location).replace('/en/', '/en/');
    rec = idFrom(recUrl);
    const dup = await staff.post('/en/recommendations', { ...base, adoptedOn: '2026-02-20' });
    assert.equal(dup.statusCode, 422, 'the same recommendation twice');
    const page = parseHtml((await (await client()).get(recUrl)).body);
    assert.match(textOf(page.querySelector('h1')), /CAT · CAT\/C\/KAZ\/CO\/5 · ¶ 14\(a\)/);
    assert.match(textOf(page.querySelector('main')), /Supported/);
    assert.match(textOf(page.querySelector('main')), /Persons deprived of liberty/);
    // In Kazakh the text falls back (to Russian) and says so.
    const kk = parseHtml((await (await client()).get(`/kk/recommendations/${rec}`)).body);
    assert.equal(kk.querySelector('.recommendation-text span')?.getAttribute('lang'), 'ru');
    assert.ok(kk.querySelector('.recommendation-text .untranslated'));
  });

  test('an action for the Ministry of Internal Affairs; only it (and staff) report progress', async () => {
    const staff = await client('secretariat@kenes.demo');
    const bad = await staff.post(`${recUrl}/actions`, {
      title_en: 'Amend the Code',
      responsibleId: await orgId('kadyr-kasiyet'),
    });
    assert.equal(bad.statusCode, 422);
    assert.match(errorsOf(bad.body), /Choose a state body/);
    const res = await staff.post(`${recUrl}/actions`, {
      title_en: 'Amend article 64 of the Code of Criminal Procedure',
      title_ru: 'Внести изменения в статью 64 УПК',
      indicator_en: 'Share of detainees who saw a lawyer within 3 hours',
      responsibleId: await orgId('mia'),
      deadline: day(-5),
      status: 'in_progress',
    });
    assert.equal(res.statusCode, 303, errorsOf(res.body));
    const action = await t.db
      .selectFrom('implementation_actions')
      .select('id')
      .where('recommendation_id', '=', rec)
      .executeTakeFirstOrThrow();
    actionId = action.id;
    const responsible = await t.db
      .selectFrom('recommendations')
      .select('responsible_ids')
      .where('id', '=', rec)
      .executeTakeFirstOrThrow();
    assert.deepEqual(responsible.responsible_ids, [await orgId('mia')], 'kept by the trigger');

    const progress = {
      reportedOn: day(-1),
      text_ru: 'Законопроект внесён в Мажилис.',
      links: 'https://adilet.zan.kz/x\nhttps://example.org/y',
    };
    for (const email of ['education@kenes.test', 'ngo@kenes.demo', 'observer@kenes.demo']) {
      assert.equal(
        (await (await client(email)).post(`${recUrl}/actions/${actionId}/progress`, progress)).statusCode,
        403,
        email,
      );
    }
    const mia = await client('mia@kenes.demo');
    const badLink = await mia.post(`${recUrl}/actions/${actionId}/progress`, { ...progress, links: 'not a link' });
    assert.equal(badLink.statusCode, 422);
    assert.equal((await mia.post(`${recUrl}/actions/${actionId}/progress`, progress)).statusCode, 303);
    assert.equal((await mia.post(`${recUrl}/actions/${actionId}/status`, { status: 'completed' })).statusCode, 303);
    const page = parseHtml((await (await client()).get(recUrl)).body);
    const text = textOf(page.querySelector(`#action-${actionId}`));
    assert.match(text, /Amend article 64/);
    assert.match(text, /Законопроект внесён в Мажилис/);
    assert.match(text, /Completed/);
    assert.doesNotMatch(text, /overdue/, 'a completed action is not overdue');
    assert.ok(page.querySelector(`#action-${actionId} a[href="https://adilet.zan.kz/x"]`));
  });

  test('assessments: the state body, civil society and the NHRI side by side; disagreement at a glance', async () => {
    const form = { level: 'implemented', reasons_ru: 'Норма принята, адвокат допускается с момента задержания.' };
    assert.equal(
      (await (await client('education@kenes.test')).post(`${recUrl}/assessment`, form)).statusCode,
      403,
      'not responsible',
    );
    assert.equal(
      (await (await client('osce@kenes.test')).post(`${recUrl}/assessment`, form)).statusCode,
      403,
      'international',
    );
    assert.equal((await (await client('observer@kenes.demo')).post(`${recUrl}/assessment`, form)).statusCode, 403);
    assert.equal((await (await client('secretariat@kenes.demo')).post(`${recUrl}/assessment`, form)).statusCode, 403);
    const mia = await client('mia@kenes.demo');
    const noReasons = await mia.post(`${recUrl}/assessment`, { level: 'implemented' });
    assert.equal(noReasons.statusCode, 422);
    assert.equal((await mia.post(`${recUrl}/assessment`, form)).statusCode, 303);
    let status = await t.db
      .selectFrom('recommendations')
      .select('status')
      .where('id', '=', rec)
      .executeTakeFirstOrThrow();
    assert.equal(status.status, 'implemented');
    let page = parseHtml((await (await client()).get(recUrl)).body);
    assert.equal(page.querySelector('.disagree'), null, 'one side only: nothing to disagree with');

    const ngo = await client('ngo@kenes.demo');
    assert.equal(
      (
        await ngo.post(`${recUrl}/assessment`, {
          level: 'not_started',
          reasons_kk: 'Іс жүзінде адвокат кешігіп жіберіледі.',
        })
      ).statusCode,
      303,
    );
    assert.equal(
      (
        await (
          await client('ombudsman@kenes.test')
        ).post(`${recUrl}/assessment`, { level: 'partly_implemented', reasons_en: 'Mixed.' })
      ).statusCode,
      303,
    );
    page = parseHtml((await (await client()).get(recUrl)).body);
    assert.match(textOf(page.querySelector('.disagree')), /assessments differ/);
    assert.match(textOf(page.querySelector('.disagree')), /State body \(self-assessment\): Implemented/);
    assert.match(textOf(page.querySelector('.disagree')), /Civil society: Not started/);
    assert.match(textOf(page.querySelector('#side-nhri')?.parentNode ?? null), /Partly implemented/);
    // A second assessment by the same organisation replaces its first; the status follows the state's.
    assert.equal(
      (await mia.post(`${recUrl}/assessment`, { level: 'in_progress', reasons_en: 'Still training.' })).statusCode,
      303,
    );
    const count = await t.db
      .selectFrom('recommendation_assessments')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('recommendation_id', '=', rec)
      .executeTakeFirstOrThrow();
    assert.equal(count.n, 3);
    status = await t.db.selectFrom('recommendations').select('status').where('id', '=', rec).executeTakeFirstOrThrow();
    assert.equal(status.status, 'in_progress');
    const audits = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'recommendation_assessment')
      .execute();
    assert.deepEqual(audits.map((a) => a.action).sort(), ['create', 'create', 'create', 'update']);
  });

  test('clusters share their actions; likely repeats are proposed and confirmed by a person', async () => {
    const staff = await client('secretariat@kenes.demo');
    const crc = await mechanismId('CRC');
    const res = await staff.post('/en/recommendations', {
      stateCode: 'KZ',
      mechanismId: crc,
      symbol: 'CRC/C/KAZ/CO/4',
      paragraph: '22',
      adoptedOn: '2015-10-30',
      text_en: 'Ensure that all persons deprived of liberty have access to a lawyer from the start of detention.',
    });
    assert.equal(res.statusCode, 303, errorsOf(res.body));
    const earlier = idFrom(res.headers.location);
    // Kenes proposes the earlier, similar CRC recommendation as a likely repeat.
    let page = parseHtml((await staff.get(recUrl)).body);
    const proposed = textOf(page.querySelector('#proposed-repeats')?.parentNode ?? null);
    assert.match(proposed, /CRC · CRC\/C\/KAZ\/CO\/4 · ¶ 22/);
    assert.match(proposed, /\d+% similar/);
    assert.equal(
      (await staff.post(`${recUrl}/repeats`, { earlierId: earlier, decision: 'confirmed' })).statusCode,
      303,
    );
    page = parseHtml((await (await client()).get(recUrl)).body);
    assert.match(textOf(page.querySelector('#repeats + ul')), /repeats this earlier one/);
    assert.equal(
      parseHtml((await staff.get(recUrl)).body).querySelector('#proposed-repeats'),
      null,
      'decided: no longer proposed',
    );

    // A new cluster around the first, the second joins it, an action for the cluster reaches both.
    assert.equal((await staff.post(`${recUrl}/cluster`, { clusterTitle_en: 'Access to a lawyer' })).statusCode, 303);
    const cluster = await t.db
      .selectFrom('recommendations')
      .select('cluster_id')
      .where('id', '=', rec)
      .executeTakeFirstOrThrow();
    assert.ok(cluster.cluster_id);
    assert.equal(
      (await staff.post(`/en/recommendations/${earlier}/cluster`, { clusterId: cluster.cluster_id ?? '' })).statusCode,
      303,
    );
    assert.equal(
      (
        await staff.post(`/en/recommendations/${earlier}/actions`, {
          title_en: 'Training of investigators',
          responsibleId: await orgId('prosecutor-general'),
          forCluster: 'on',
        })
      ).statusCode,
      303,
    );
    const rows = await t.db
      .selectFrom('recommendations')
      .select(['id', 'responsible_ids'])
      .where('cluster_id', '=', cluster.cluster_id)
      .orderBy('id')
      .execute();
    assert.equal(rows.length, 2);
    const pg = await orgId('prosecutor-general');
    for (const r of rows) assert.ok(r.responsible_ids.includes(pg), `cluster action reaches ${r.id}`);
    page = parseHtml((await (await client()).get(recUrl)).body);
    assert.match(textOf(page.querySelector('#actions')?.parentNode ?? null), /Training of investigators/);
    assert.match(textOf(page.querySelector('main')), /for the whole cluster/);
  });

  test('links to a proposal, an agenda item and a task; unknown targets are refused; links can be removed', async () => {
    const staff = await client('secretariat@kenes.demo');
    const proposal = await t.db
      .selectFrom('proposals')
      .select('id')
      .where('status', '!=', 'draft')
      .executeTakeFirstOrThrow();
    const item = await t.db.selectFrom('agenda_items').select('id').executeTakeFirstOrThrow();
    const task = await t.db.selectFrom('tasks').select('id').executeTakeFirstOrThrow();
    assert.equal((await staff.post(`${recUrl}/links`, { kind: 'proposal', targetId: '999999' })).statusCode, 422);
    for (const [kind, targetId] of [
      ['proposal', proposal.id],
      ['agenda_item', item.id],
      ['task', task.id],
    ]) {
      assert.equal(
        (await staff.post(`${recUrl}/links`, { kind: kind ?? '', targetId: targetId ?? '' })).statusCode,
        303,
      );
    }
    assert.equal(
      (await (await client('mia@kenes.demo')).post(`${recUrl}/links`, { kind: 'task', targetId: task.id })).statusCode,
      403,
    );
    const page = parseHtml((await (await client()).get(recUrl)).body);
    assert.ok(page.querySelector(`a[href="/en/proposals/${proposal.id}"]`));
    const proposalPage = parseHtml((await (await client()).get(`/en/proposals/${proposal.id}`)).body);
    assert.ok(proposalPage.querySelector(`#implements + ul a[href="/en/recommendations/${rec}"]`), 'and back');
    assert.match(textOf(page.querySelector('main')), /Meeting \d+/);
    assert.equal(
      (await staff.post(`${recUrl}/links`, { kind: 'task', targetId: task.id, remove: 'on' })).statusCode,
      303,
    );
    const left = await t.db
      .selectFrom('recommendation_tasks')
      .selectAll()
      .where('recommendation_id', '=', rec)
      .execute();
    assert.equal(left.length, 0);
  });

  test('the recommendation page runs the same number of queries however many actions and assessments it has', async () => {
    const count = async (email?: string) => {
      const c = await client(email);
      t.queries.length = 0;
      assert.equal((await c.get(recUrl)).statusCode, 200);
      return t.queries.filter((q) => !/sessions|users/.test(q)).length;
    };
    const [visitor, staff] = [await count(), await count('secretariat@kenes.demo')];
    for (let i = 0; i < 4; i++) {
      const a = await t.db
        .insertInto('implementation_actions')
        .values({
          recommendation_id: rec,
          title: JSON.stringify({ en: `Action ${i}` }),
          responsible_id: await orgId('ministry-of-justice'),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db
        .insertInto('action_progress_reports')
        .values({ action_id: a.id, reported_on: day(-1), text: JSON.stringify({ en: 'Done a bit' }) })
        .execute();
    }
    assert.equal(await count(), visitor);
    assert.equal(await count('secretariat@kenes.demo'), staff);
  });

  test('hostile text is stored as typed and shown escaped', async () => {
    const staff = await client('secretariat@kenes.demo');
    const cat = await mechanismId('CAT');
    for (const [i, s] of naughtyStrings()
      .filter((_, i) => i % 9 === 0)
      .entries()) {
      const res = await staff.post('/en/recommendations', {
        stateCode: 'KZ',
        mechanismId: cat,
        paragraph: `n${i}`,
        text_en: s,
      });
      if (res.statusCode === 422) continue; // control characters and the like are refused with a message
      assert.equal(res.statusCode, 303, `${JSON.stringify(s)}: ${errorsOf(res.body)}`);
      const page = await (await client()).get(String(res.headers.location));
      assert.equal(page.statusCode, 200);
      assert.equal(parseHtml(page.body).querySelectorAll('main script').length, 0);
    }
  });
});

describe('edits, uploads and removals through HTTP', { concurrency: false }, () => {
  const pdf = '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
  const cookies = (c: TestClient) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  async function upload(c: TestClient, pageUrl: string, url: string, fields: Record<string, string>, file = pdf) {
    const csrf = (await c.get(pageUrl)).body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    const parts = Object.entries({ _csrf: csrf, ...fields }).map(
      ([k, v]) => `--B\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
    );
    const payload = `${parts.join('')}--B\r\nContent-Disposition: form-data; name="file"; filename="evidence.pdf"\r\nContent-Type: application/pdf\r\n\r\n${file}\r\n--B--\r\n`;
    return t.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { 'content-type': 'multipart/form-data; boundary=B', cookie: cookies(c) },
    });
  }

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
    const entry = await t.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('entity', '=', 'reporting_cycle')
      .where('entity_id', '=', cycle.id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    assert.ok(entry.before && entry.after);
  });

  test('a recommendation is edited by staff only; a bad edit changes nothing', async () => {
    const rec = await t.db.selectFrom('recommendations').selectAll().orderBy('id').executeTakeFirstOrThrow();
    const url = `/en/recommendations/${rec.id}/edit`;
    const form = { stateCode: rec.state_code, mechanismId: rec.mechanism_id, paragraph: '99', text_en: 'Edited text' };
    assert.equal((await (await client('mia@kenes.demo')).post(url, form)).statusCode, 403);
    const staff = await client('secretariat@kenes.demo');
    assert.equal((await staff.get(url)).statusCode, 200);
    const bad = await staff.post(url, { ...form, adoptedOn: '2021-02-31' });
    assert.equal(bad.statusCode, 422);
    let row = await t.db
      .selectFrom('recommendations')
      .select(['text', 'paragraph'])
      .where('id', '=', rec.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row.text, rec.text, 'nothing written');
    assert.equal((await staff.post(url, form)).statusCode, 303);
    row = await t.db
      .selectFrom('recommendations')
      .select(['text', 'paragraph'])
      .where('id', '=', rec.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.text.en, 'Edited text');
    assert.equal(row.paragraph, '99');
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

  test('evidence is attached to a progress report by the responsible body only', async () => {
    const report = await t.db
      .selectFrom('action_progress_reports as p')
      .innerJoin('implementation_actions as a', 'a.id', 'p.action_id')
      .innerJoin('organisations as o', 'o.id', 'a.responsible_id')
      .select(['p.id', 'a.recommendation_id', 'a.cluster_id'])
      .where('o.slug', '=', 'mia')
      .where('a.recommendation_id', 'is not', null)
      .executeTakeFirstOrThrow();
    const page = `/en/recommendations/${report.recommendation_id}`;
    const url = `${page}/progress/${report.id}/files`;
    assert.equal((await upload(await client('education@kenes.test'), page, url, {})).statusCode, 403);
    const res = await upload(await client('mia@kenes.demo'), page, url, {});
    assert.equal(res.statusCode, 303);
    const files = await t.db
      .selectFrom('action_progress_files')
      .select('file_id')
      .where('report_id', '=', report.id)
      .execute();
    assert.equal(files.length, 1);
    assert.ok(
      parseHtml((await (await client()).get(page)).body).querySelector(`#progress-${report.id} a[href^="/files/"]`),
    );
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
      .values({ cycle_id: cycle.id, kind: 'report_due', due_on: day(10) })
      .execute();
    await t.db
      .insertInto('cycle_stages')
      .values({ cycle_id: cycle.id, kind: 'next_report_due', due_on: day(100) })
      .execute();
    // A deadline already met by its submission is not reminded.
    await t.db
      .insertInto('cycle_stages')
      .values({ cycle_id: cycle.id, kind: 'follow_up_due', due_on: day(5) })
      .execute();
    await t.db
      .insertInto('cycle_stages')
      .values({ cycle_id: cycle.id, kind: 'follow_up_submitted', done_on: day(-1) })
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
