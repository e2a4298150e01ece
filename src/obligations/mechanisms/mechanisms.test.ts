import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { auditCount, lastAudit } from '../../testing/data.ts';
import { parseHtml, textOf } from '../../testing/html.ts';
import { multipart } from '../../testing/multipart.ts';
import { seedRatifications } from './demo.ts';

/* The catalogue of mechanisms through HTTP, with the real policy and database. */

const t = useTestApp({ demo: true });

async function client(email?: string) {
  const c = new TestClient(t.app);
  if (email) await c.signIn(email);
  // A page with a form, for the CSRF token.
  await c.get('/en/mechanisms');
  return c;
}

const mechanism = (code: string) =>
  t.db
    .selectFrom('mechanisms')
    .select([
      'id',
      'ratification_status as status',
      'signed_on as signedOn',
      'ratified_on as ratifiedOn',
      'ratification_note as note',
    ])
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
const snapshot = () =>
  t.db
    .selectFrom('mechanisms')
    .select(['code', 'ratification_status', 'signed_on', 'ratified_on', 'ratification_note'])
    .orderBy('code')
    .execute();
const problemsOn = (body: string) => textOf(parseHtml(body).querySelector('#import-problems'));

async function upload(
  c: TestClient,
  lang: string,
  fields: Record<string, string>,
  file?: { name: string; content: Buffer },
) {
  const { payload, contentType } = multipart(fields, file && { ...file, type: 'text/csv' });
  const cookie = c.cookieHeader();
  return t.app.inject({
    method: 'POST',
    url: `/${lang}/mechanisms/ratifications`,
    payload,
    headers: { cookie, 'content-type': contentType },
  });
}
async function csrfOf(c: TestClient) {
  const page = await c.get('/en/mechanisms');
  return (
    parseHtml(page.body)
      .querySelector('form[enctype="multipart/form-data"] input[name="_csrf"]')
      ?.getAttribute('value') ?? ''
  );
}

describe('the catalogue', () => {
  before(() => seedRatifications(t.db));

  test('lists every seeded mechanism by kind with the ratifications, in kk, ru and en', async () => {
    const expected = {
      kk: { state: 'Қазақстан', acceded: 'Қосылған', heading: 'Шарттық органдар', none: 'Қол қойылмаған' },
      ru: { state: 'Казахстан', acceded: 'Присоединение', heading: 'Договорные органы', none: 'Не подписан' },
      en: { state: 'Kazakhstan', acceded: 'Acceded', heading: 'Treaty bodies', none: 'Not signed' },
    } as const;
    for (const lang of ['kk', 'ru', 'en'] as const) {
      const res = await t.app.inject({ method: 'GET', url: `/${lang}/mechanisms` });
      assert.equal(res.statusCode, 200);
      const page = parseHtml(res.body);
      assert.equal(page.querySelector('html')?.getAttribute('lang'), lang);
      assert.match(textOf(page.querySelector('.lead')), new RegExp(expected[lang].state));
      assert.equal(textOf(page.querySelector('#kind-treaty_body')), expected[lang].heading);
      const rows = page.querySelectorAll('table.ratifications tbody tr');
      assert.deepEqual(
        rows.map((r) => r.getAttribute('data-code')),
        ['CAT', 'SPT', 'CCPR', 'CESCR', 'CEDAW', 'CERD', 'CRC', 'CRPD', 'CED', 'CMW'],
      );
      const cat = rows[0];
      assert.equal(textOf(cat?.querySelector('.status')), expected[lang].acceded);
      assert.equal(cat?.querySelectorAll('time')[0]?.getAttribute('datetime'), '1998-08-26');
      assert.equal(textOf(rows[9]?.querySelector('.status')), expected[lang].none);
      // Headers name their columns and rows for screen readers.
      assert.equal(page.querySelectorAll('table.ratifications th[scope="col"]').length, 4);
      assert.equal(page.querySelectorAll('table.ratifications th[scope="row"]').length, 10);
      assert.deepEqual(
        page.querySelectorAll('.mechanism-list li').map((li) => li.getAttribute('data-code')),
        ['UPR', 'SP'],
      );
      // Visitors see neither the edit links nor the import form.
      assert.equal(page.querySelector('a[href$="/ratification"]'), null);
      assert.equal(page.querySelector('form[enctype="multipart/form-data"]'), null);
    }
    const en = parseHtml((await t.app.inject({ method: 'GET', url: '/en/mechanisms' })).body);
    assert.match(textOf(en.querySelector('tr[data-code="CRC"]')), /Ratified August 12, 1994 Signed: February 16, 1994/);
    assert.match(textOf(en.querySelector('tr[data-code="CCPR"]')), /Second Optional Protocol/);
  });

  test('one mechanism: its treaty, ratification, cycles and recommendations, in a fixed number of queries', async () => {
    // The demo has no cycle or recommendation of the migrant workers' committee.
    const cmw = await mechanism('CMW');
    const visit = async () => {
      const before = t.queries.length;
      const res = await t.app.inject({ method: 'GET', url: '/ru/mechanisms/CMW' });
      assert.equal(res.statusCode, 200);
      return { page: parseHtml(res.body), queries: t.queries.length - before };
    };
    const empty = await visit();
    assert.match(textOf(empty.page.querySelector('main')), /Циклы отчётности по этому механизму ещё не внесены/);
    assert.match(textOf(empty.page.querySelector('.recommendation-count')), /^0 рекомендаций/);
    assert.equal(empty.page.querySelector('.recommendation-count a'), null);

    for (let n = 2; n <= 5; n++) {
      const cycle = await t.db
        .insertInto('reporting_cycles')
        .values({ mechanism_id: cmw.id, state_code: 'KZ', number: n, title: JSON.stringify({ ru: `Доклад ${n}` }) })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db
        .insertInto('cycle_stages')
        .values([
          { cycle_id: cycle.id, kind: 'report_submitted', due_on: `20${10 + n}-01-01`, done_on: `20${10 + n}-01-01` },
          // The latest cycle's next report is due in the future; the others' deadlines have passed.
          { cycle_id: cycle.id, kind: 'next_report_due', due_on: n === 5 ? '2099-06-30' : `20${20 + n}-06-30` },
        ])
        .execute();
    }
    // Another State's cycle is not Kazakhstan's.
    await t.db
      .insertInto('reporting_cycles')
      .values({ mechanism_id: cmw.id, state_code: 'UZ', number: 1, title: JSON.stringify({ en: 'Uzbekistan' }) })
      .execute();
    for (let i = 0; i < 3; i++) {
      await t.db
        .insertInto('recommendations')
        .values({
          source_key: `test-cmw-${i}`,
          state_code: 'KZ',
          mechanism_id: cmw.id,
          text: JSON.stringify({ en: `Recommendation ${i}` }),
        })
        .execute();
    }
    const full = await visit();
    assert.equal(full.queries, empty.queries, 'the same number of queries whatever the page holds');
    const cycles = full.page.querySelectorAll('ul.cycles li');
    assert.deepEqual(
      cycles.map((li) => textOf(li.querySelector('a'))),
      ['Доклад 5', 'Доклад 4', 'Доклад 3', 'Доклад 2'],
    );
    assert.match(cycles[0]?.querySelector('a')?.getAttribute('href') ?? '', /^\/ru\/cycles\/\d+$/);
    assert.equal(cycles[0]?.querySelector('time')?.getAttribute('datetime'), '2099-06-30');
    assert.match(textOf(cycles[0]), /ближайший срок: 30 июня 2099/);
    assert.match(textOf(cycles[1]), /просрочено с 30 июня 2024/);
    assert.match(textOf(full.page.querySelector('.recommendation-count')), /^3 рекомендации этого механизма/);
    assert.equal(
      full.page.querySelector('.recommendation-count a')?.getAttribute('href'),
      `/ru/recommendations?mechanism=${cmw.id}`,
    );
    const cat = parseHtml((await t.app.inject({ method: 'GET', url: '/ru/mechanisms/CAT' })).body);
    assert.match(textOf(cat.querySelector('dl.ratification')), /Конвенция против пыток.*Казахстан.*Присоединение/);
  });

  test('the UPR has a page without a ratification; unknown codes are not found', async () => {
    const upr = await t.app.inject({ method: 'GET', url: '/en/mechanisms/UPR' });
    assert.equal(upr.statusCode, 200);
    assert.equal(parseHtml(upr.body).querySelector('dl.ratification'), null);
    assert.equal((await t.app.inject({ method: 'GET', url: '/en/mechanisms/NOPE' })).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'GET', url: '/en/mechanisms/%3Cscript%3E' })).statusCode, 404);
  });
});

describe('who may change ratifications', () => {
  test('a visitor is sent to sign in; citizens and representatives are refused; staff may', async () => {
    const visitor = await client();
    const form = await visitor.get('/en/mechanisms/CAT/ratification');
    assert.equal(form.statusCode, 303);
    assert.match(String(form.headers.location), /^\/en\/sign-in\?next=/);
    await visitor.postExpect(403, '/en/mechanisms/CAT/ratification', { status: 'ratified' });
    await visitor.postExpect(403, '/en/mechanisms/ratifications', { csv: 'treaty,status\nCAT,ratified' });
    for (const email of ['citizen@kenes.demo', 'ngo@kenes.demo', 'mia@kenes.demo', 'chair@kenes.demo']) {
      const c = await client(email);
      assert.equal((await c.get('/en/mechanisms/CAT/ratification')).statusCode, 403, email);
      assert.equal((await c.post('/en/mechanisms/CAT/ratification', { status: 'ratified' })).statusCode, 403, email);
      assert.equal(
        (await c.post('/en/mechanisms/ratifications', { csv: 'treaty,status\nCAT,ratified' })).statusCode,
        403,
        email,
      );
      const page = parseHtml((await c.get('/en/mechanisms')).body);
      assert.equal(page.querySelector('a[href$="/ratification"]'), null, email);
    }
    assert.equal((await mechanism('CAT')).status, 'acceded', 'nothing was changed');
    for (const email of ['secretariat@kenes.demo', 'admin@kenes.demo']) {
      const c = await client(email);
      const page = parseHtml((await c.get('/en/mechanisms')).body);
      assert.ok(page.querySelector('a[href="/en/mechanisms/CAT/ratification"]'), email);
      assert.ok(page.querySelector('form[enctype="multipart/form-data"] input[type="file"]'), email);
      assert.equal((await c.get('/en/mechanisms/CAT/ratification')).statusCode, 200, email);
    }
  });

  test('the UPR and special procedures have no ratification form', async () => {
    const staff = await client('secretariat@kenes.demo');
    assert.equal((await staff.get('/en/mechanisms/UPR/ratification')).statusCode, 404);
    await staff.postExpect(404, '/en/mechanisms/SP/ratification', { status: 'ratified' });
  });
});

describe('editing a ratification', () => {
  test('bad input is refused with a message per field and changes nothing', async () => {
    const staff = await client('secretariat@kenes.demo');
    const before = await mechanism('CMW');
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ status: 'ratified', ratifiedOn: '2020-02-31' }, 'ratifiedOn', /Enter a date/],
      [{ status: 'maybe' }, 'status', /Choose one of the options/],
      [{ status: 'ratified', ratifiedOn: '2199-01-01' }, 'ratifiedOn', /The date January 1, 2199 is in the future/],
      [{ status: 'signed', signedOn: '2020-01-01', ratifiedOn: '2021-01-01' }, 'ratifiedOn', /only signed/],
      [{ status: 'not_signed', signedOn: '2020-01-01' }, 'signedOn', /has no dates/],
      [{ status: '', ratifiedOn: '2020-01-01' }, 'ratifiedOn', /has no dates/],
      [
        { status: 'ratified', signedOn: '2021-01-01', ratifiedOn: '2020-01-01' },
        'signedOn',
        /later than the ratification/,
      ],
      [{ status: 'ratified', note_en: 'x'.repeat(2001) }, 'note_en', /at most 2,000 characters/],
    ];
    for (const [form, field, message] of cases) {
      const res = await staff.post('/en/mechanisms/CMW/ratification', form);
      assert.equal(res.statusCode, 422, JSON.stringify(form));
      const page = parseHtml(res.body);
      assert.match(textOf(page.querySelector('.error-summary')), message, JSON.stringify(form));
      assert.ok(page.querySelector(`[name="${field}"][aria-invalid="true"]`), field);
      // What the user typed is kept.
      if (form.ratifiedOn)
        assert.equal(page.querySelector('#field-ratifiedOn')?.getAttribute('value'), form.ratifiedOn);
    }
    assert.deepEqual(await mechanism('CMW'), before);
  });

  test('a good edit is saved with its audit entry; saving it again changes nothing', async () => {
    const staff = await client('secretariat@kenes.demo');
    const audits = await auditCount(t.db, 'mechanism');
    const form = {
      status: 'signed',
      signedOn: '2024-05-01',
      ratifiedOn: '',
      note_ru: 'Подписана <b>в 2024 году</b>',
      note_en: '',
      note_kk: '',
    };
    const res = await staff.postExpect(303, '/ru/mechanisms/CMW/ratification', form);
    assert.equal(res.headers.location, '/ru/mechanisms/CMW');
    const saved = await mechanism('CMW');
    assert.deepEqual(
      { status: saved.status, signedOn: saved.signedOn, ratifiedOn: saved.ratifiedOn, note: saved.note },
      { status: 'signed', signedOn: '2024-05-01', ratifiedOn: null, note: { ru: 'Подписана <b>в 2024 году</b>' } },
    );
    assert.equal(await auditCount(t.db, 'mechanism'), audits + 1);
    const entry = await lastAudit(t.db, { entity: 'mechanism' });
    assert.equal(entry.actor_label, 'secretariat@kenes.demo');
    assert.equal(entry.action, 'update-ratification');
    assert.equal((entry.before as { status: string }).status, 'not_signed');
    const page = parseHtml((await staff.get('/ru/mechanisms/CMW')).body);
    assert.match(textOf(page.querySelector('.flash')), /сохранены/);
    assert.equal(page.querySelector('dl.ratification b'), null, 'the note is text, not HTML');
    assert.match(textOf(page.querySelector('dl.ratification')), /Подписана <b>в 2024 году<\/b>/);

    await staff.postExpect(303, '/ru/mechanisms/CMW/ratification', form);
    assert.equal(await auditCount(t.db, 'mechanism'), audits + 1, 'an unchanged save writes nothing');
    // Back to what the demo says, for the tests after this one.
    await seedRatifications(t.db);
  });
});

describe('importing ratifications', () => {
  const GOOD = [
    'treaty,status,signature date,ratification date',
    'CAT,acceded,,26.08.1998',
    'CRPD,ratified,11.12.2008,21.04.2015',
    'CMW,signed,2024-05-01,',
  ].join('\r\n');

  test('a table with bad rows imports nothing and lists every line, in the reader’s language', async () => {
    const staff = await client('secretariat@kenes.demo');
    const before = await snapshot();
    const audits = await auditCount(t.db, 'ratification_import');
    const bad = `${GOOD}\r\nXYZ,ratified,,2001-01-01\r\nCRC,ratified,,31.02.1994\r\n`;
    const res = await staff.postExpect(422, '/ru/mechanisms/ratifications', { csv: bad });
    const problems = problemsOn(res.body);
    assert.match(problems, /Ничего не импортировано: найдено 2 ошибки/);
    assert.match(problems, /Строка 5: Неизвестный договор «XYZ»/);
    assert.match(problems, /Строка 6: «31\.02\.1994» — не дата/);
    // The pasted table is kept to be corrected.
    assert.equal(textOf(parseHtml(res.body).querySelector('#field-csv')), bad.replace(/\s+/g, ' ').trim());
    assert.deepEqual(await snapshot(), before);
    assert.equal(await auditCount(t.db, 'ratification_import'), audits);
  });

  test('a good table is imported once; importing it again changes nothing', async () => {
    const staff = await client('secretariat@kenes.demo');
    const audits = await auditCount(t.db, 'ratification_import');
    const notesBefore = (await mechanism('CCPR')).note;
    const res = await staff.postExpect(303, '/en/mechanisms/ratifications', { csv: GOOD });
    assert.equal(res.headers.location, '/en/mechanisms');
    const flash = textOf(parseHtml((await staff.get('/en/mechanisms')).body).querySelector('.flash'));
    assert.equal(flash, 'Ratifications imported: 1 changed, 2 already up to date.');
    const cmw = await mechanism('CMW');
    assert.deepEqual([cmw.status, cmw.signedOn, cmw.ratifiedOn], ['signed', '2024-05-01', null]);
    assert.deepEqual((await mechanism('CCPR')).note, notesBefore, 'notes are kept');
    assert.equal(await auditCount(t.db, 'ratification_import'), audits + 1);
    const entry = await lastAudit(t.db, { entity: 'ratification_import' });
    assert.match(entry.entity_id, /^[0-9a-f]{64}$/);
    assert.deepEqual(
      (entry.after as { changes: { code: string }[] }).changes.map((c) => c.code),
      ['CMW'],
    );

    const snap = await snapshot();
    await staff.postExpect(303, '/en/mechanisms/ratifications', { csv: GOOD });
    const flash2 = textOf(parseHtml((await staff.get('/en/mechanisms')).body).querySelector('.flash'));
    assert.equal(flash2, 'Ratifications imported: 0 changed, 3 already up to date.');
    assert.deepEqual(await snapshot(), snap);
    assert.equal(await auditCount(t.db, 'ratification_import'), audits + 1, 'a re-import writes no audit entry');
  });

  test('an uploaded file: UTF-8 with a BOM and CRLF is read; Windows-1251 and a missing token are refused', async () => {
    const staff = await client('secretariat@kenes.demo');
    const csrf = await csrfOf(staff);
    const ru =
      'Договор;Статус;Дата подписания;Дата ратификации\r\nКонвенция о правах инвалидов;ратифицирована;11.12.2008;20.04.2015\r\n';
    const ok = await upload(
      staff,
      'ru',
      { _csrf: csrf, csv: '' },
      { name: 'ратификации.csv', content: Buffer.from(`\uFEFF${ru}`) },
    );
    assert.equal(ok.statusCode, 303, problemsOn(ok.body) || textOf(parseHtml(ok.body).querySelector('.error-summary')));
    assert.equal((await mechanism('CRPD')).ratifiedOn, '2015-04-20');

    const cp1251 = Buffer.from([0xc4, 0xee, 0xe3, 0xee, 0xe2, 0xee, 0xf0, 0x3b, 0x53, 0x0d, 0x0a]);
    const notText = await upload(staff, 'en', { _csrf: csrf, csv: '' }, { name: 'old.csv', content: cp1251 });
    assert.equal(notText.statusCode, 422);
    assert.match(textOf(parseHtml(notText.body).querySelector('.error-summary')), /not UTF-8 text/);

    const both = await upload(
      staff,
      'en',
      { _csrf: csrf, csv: 'treaty,status\nCAT,acceded' },
      { name: 'a.csv', content: Buffer.from(ru) },
    );
    assert.equal(both.statusCode, 422);
    assert.match(textOf(parseHtml(both.body).querySelector('.error-summary')), /not both/);

    const nothing = await upload(staff, 'en', { _csrf: csrf, csv: '' }, { name: '', content: Buffer.alloc(0) });
    assert.equal(nothing.statusCode, 422);
    assert.match(textOf(parseHtml(nothing.body).querySelector('.error-summary')), /Choose a file or paste the table/);

    const noToken = await upload(
      staff,
      'en',
      { csv: '' },
      { name: 'a.csv', content: Buffer.from(ru.replace('20.04', '19.04')) },
    );
    assert.equal(noToken.statusCode, 403);
    const badToken = await upload(
      staff,
      'en',
      { _csrf: 'forged', csv: '' },
      { name: 'a.csv', content: Buffer.from(ru.replace('20.04', '19.04')) },
    );
    assert.equal(badToken.statusCode, 403);
    assert.equal((await mechanism('CRPD')).ratifiedOn, '2015-04-20');

    const big = await upload(
      staff,
      'en',
      { _csrf: csrf, csv: '' },
      { name: 'big.csv', content: Buffer.alloc(300 * 1024, 0x41) },
    );
    assert.equal(big.statusCode, 422);
    assert.match(textOf(parseHtml(big.body).querySelector('.error-summary')), /larger than/);
    await seedRatifications(t.db);
  });
});
