import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { sql } from 'kysely';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { insertMeeting } from '../../testing/data.ts';
import { parseHtml, textOf } from '../../testing/html.ts';
import { naughtyStrings } from '../../testing/naughty.ts';
import { safeCell } from '../http/csv.ts';
import { i18nFor } from '../i18n/i18n.ts';
import { toLatin } from '../search/kazakh.ts';
import { editionPrefix, filesI18n } from './edition.ts';

const t = useTestApp({ demo: true });
const visitor = () => new TestClient(t.app);

/** Every dataset the page lists: its id, row count and column names (its data dictionary). */
async function listed(lang = 'en') {
  const res = await visitor().get(`/${lang}/open-data`);
  assert.equal(res.statusCode, 200);
  const page = parseHtml(res.body);
  return {
    page,
    datasets: page.querySelectorAll('section.dataset').map((s) => ({
      id: s.getAttribute('id') ?? '',
      rows: Number(s.querySelector('[data-rows]')?.getAttribute('data-rows')),
      columns: s.querySelectorAll('tbody code').map((c) => textOf(c)),
    })),
  };
}

const csvRows = (bytes: Buffer | Uint8Array): Record<string, string>[] =>
  parse(Buffer.from(bytes), { columns: true, bom: true, skip_empty_lines: true });

async function download(path: string, headers: Record<string, string> = {}) {
  return visitor().get(path, headers);
}

describe('open data (issue 17, decision 0028)', { concurrency: false }, () => {
  test('the page lists every public dataset with its dictionary; each downloads as CSV and JSON with as many rows as it says', async () => {
    const { page, datasets } = await listed();
    const ids = datasets.map((d) => d.id);
    for (const id of [
      'meetings',
      'agenda-items',
      'minutes',
      'communiques',
      'tasks',
      'organisations',
      'memberships',
      'proposals',
      'proposal-answers',
      'proposal-stages',
      'cycles',
      'cycle-stages',
      'recommendations',
      'actions',
      'progress-reports',
      'assessments',
    ])
      assert.ok(ids.includes(id), `${id} listed`);
    assert.ok(page.querySelector('a[href="/open-data/catalog.jsonld"]'), 'the catalogue is linked');
    assert.ok(page.querySelector('footer a[href="/en/open-data"]'), 'every page’s footer links the open data');
    assert.match(textOf(page.querySelector('main')), /Creative Commons Attribution 4\.0/);
    for (const d of datasets) {
      assert.ok(d.columns.length > 0 && d.columns[0] === 'id', `${d.id} has a data dictionary`);
      assert.equal(new Set(d.columns).size, d.columns.length, `${d.id}: each column once`);
      for (const c of d.columns) assert.match(c, /^[a-z][a-z0-9_]*$/, `${d.id}: a stable snake_case name`);
      const csv = await download(`/en/open-data/${d.id}.csv`);
      assert.equal(csv.statusCode, 200, d.id);
      assert.match(String(csv.headers['content-type']), /^text\/csv/);
      assert.deepEqual([...csv.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf], `${d.id}.csv starts with a BOM`);
      const rows = csvRows(csv.rawPayload);
      assert.equal(rows.length, d.rows, `${d.id}.csv has the rows the page counts`);
      if (rows[0]) assert.deepEqual(Object.keys(rows[0]), d.columns, `${d.id}.csv has the dictionary's columns`);
      const json = await download(`/en/open-data/${d.id}.json`);
      assert.equal(json.statusCode, 200, d.id);
      const parsed = JSON.parse(json.body) as { dataset: string; rows: Record<string, unknown>[]; columns: unknown[] };
      assert.equal(parsed.dataset, d.id);
      assert.equal(parsed.rows.length, d.rows, `${d.id}.json has the rows the page counts`);
      assert.equal(parsed.columns.length, d.columns.length);
      assert.deepEqual(
        parsed.rows.map((r) => String(r.id)),
        rows.map((r) => r.id),
        `${d.id}: the same records in both formats`,
      );
    }
    // The read API answers the same records to a visitor.
    for (const [id, api] of [
      ['proposals', '/api/v1/proposals'],
      ['recommendations', '/api/v1/recommendations'],
      ['cycles', '/api/v1/cycles'],
    ] as const) {
      const answer = await visitor().get(api);
      const total = (JSON.parse(answer.body) as { total: number }).total;
      assert.equal(datasets.find((d) => d.id === id)?.rows, total, `${id}: the API's total`);
    }
    const sum = datasets.reduce((n, d) => n + d.rows, 0);
    assert.ok(sum > 50, `the demo's datasets are not empty (${sum} rows)`);
  });

  test('the rows are exactly what a visitor sees: public meetings only, never a draft or a members-only one', async () => {
    const startsAt = new Date(Date.now() + 20 * 86_400_000);
    await insertMeeting(t.db, {
      number: 901,
      title: 'ODPUBLIC meeting',
      startsAt,
      status: 'announced',
      visibility: 'public',
    });
    const members = await insertMeeting(t.db, {
      number: 902,
      title: 'ODSECRET members',
      startsAt,
      status: 'announced',
      visibility: 'members',
    });
    await insertMeeting(t.db, {
      number: 903,
      title: 'ODSECRET draft',
      startsAt,
      status: 'draft',
      visibility: 'public',
    });
    // Its agenda and a draft proposal (its authors' alone) stay out of every file too.
    await sql`INSERT INTO agenda_items (meeting_id, position, title) VALUES (${members}, 1, '{"en": "ODSECRET item"}')`.execute(
      t.db,
    );
    await sql`INSERT INTO proposals (title, kind, status) VALUES ('{"en": "ODSECRET draft proposal"}', 'other', 'draft')`.execute(
      t.db,
    );
    const publicMeetings = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM meetings WHERE status <> 'draft' AND visibility = 'public'`.execute(t.db);
    const { datasets } = await listed();
    assert.equal(datasets.find((d) => d.id === 'meetings')?.rows, publicMeetings.rows[0]?.n);
    const zip = unzipSync(new Uint8Array((await download('/en/open-data/kenes-open-data.zip')).rawPayload));
    const everything = Object.values(zip)
      .map((f) => strFromU8(f))
      .join('\n');
    assert.match(everything, /ODPUBLIC meeting/);
    assert.doesNotMatch(everything, /ODSECRET/);
  });

  test('one zip holds every dataset in both formats and the catalogue; each file in it parses', async () => {
    const { datasets } = await listed('ru');
    const res = await download('/ru/open-data/kenes-open-data.zip');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/zip');
    const files = unzipSync(new Uint8Array(res.rawPayload));
    assert.deepEqual(
      Object.keys(files).sort(),
      [...datasets.flatMap((d) => [`${d.id}.csv`, `${d.id}.json`]), 'catalog.jsonld'].sort(),
    );
    for (const d of datasets) {
      assert.equal(csvRows(files[`${d.id}.csv`] as Uint8Array).length, d.rows, `${d.id}.csv in the zip`);
      const json = JSON.parse(strFromU8(files[`${d.id}.json`] as Uint8Array)) as { rows: unknown[]; language: string };
      assert.equal(json.rows.length, d.rows, `${d.id}.json in the zip`);
      assert.equal(json.language, 'ru');
    }
  });

  test('labels are in the page language with their codes beside them', async () => {
    for (const lang of ['kk', 'ru', 'en'] as const) {
      const rows = csvRows((await download(`/${lang}/open-data/meetings.csv`)).rawPayload);
      assert.ok(rows.length > 0);
      for (const r of rows) {
        assert.equal(r.status_label, i18nFor(lang).t(`meeting.status.${r.status}` as 'meeting.status.held'));
      }
    }
  });

  test('the Latin edition (/kk-latn/) serves its files in the Latin script: labels, Kazakh texts, links; codes unchanged', async () => {
    const page = parseHtml((await download('/kk-latn/open-data')).body);
    assert.match(textOf(page.querySelector('h1')), /^[^\u0400-\u04ff]+$/, 'the page is in the Latin script');
    assert.ok(page.querySelector('a[href="/kk-latn/open-data/meetings.csv"]'), 'the page links its own files');
    assert.ok(page.querySelector('a[href="/kk-latn/open-data/kenes-open-data.zip"]'));
    const cyrillic = csvRows((await download('/kk/open-data/meetings.csv')).rawPayload);
    const res = await download('/kk-latn/open-data/meetings.csv');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-disposition']), /filename="kk-latn-meetings\.csv"/);
    assert.notEqual(res.headers.etag, (await download('/kk/open-data/meetings.csv')).headers.etag);
    const latin = csvRows(res.rawPayload);
    assert.equal(latin.length, cyrillic.length);
    assert.ok(latin.length > 0);
    latin.forEach((r, i) => {
      const kk = cyrillic[i] as Record<string, string>;
      assert.deepEqual(Object.keys(r), Object.keys(kk), 'the same columns');
      for (const code of ['id', 'status', 'format', 'starts_at', 'updated_at']) assert.equal(r[code], kk[code], code);
      assert.equal(r.status_label, toLatin(kk.status_label as string));
      assert.match(r.status_label as string, /^[^\u0400-\u04ff]+$/, 'a label in Latin letters');
      assert.equal(r.title, toLatin(kk.title as string));
      assert.equal(r.url, (kk.url as string).replace(/^\/kk\//, '/kk-latn/'));
    });
    const json = JSON.parse((await download('/kk-latn/open-data/meetings.json')).body) as {
      language: string;
      title: string;
      columns: { description: string }[];
      rows: Record<string, unknown>[];
    };
    assert.equal(json.language, 'kk-Latn');
    assert.equal(json.title, toLatin(i18nFor('kk').t('meetings.data.meetings')));
    for (const c of json.columns) assert.doesNotMatch(c.description, /[\u0400-\u04ff]/);
    assert.equal(json.rows[0]?.status_label, latin[0]?.status_label);
    const zip = unzipSync(new Uint8Array((await download('/kk-latn/open-data/kenes-open-data.zip')).rawPayload));
    assert.deepEqual(csvRows(zip['meetings.csv'] as Uint8Array), latin, 'the zip holds the same file');
    // A text shown in its fallback language is left as written: Latin Kazakh letters would garble Russian.
    const i18n = filesI18n('kk-latn');
    assert.equal(i18n.pick({ kk: 'Қоғамдық кеңес', ru: 'Общественный совет' })?.text, 'Qoğamdyq keñes');
    assert.equal(i18n.pick({ ru: 'Общественный совет' })?.text, 'Общественный совет');
    assert.equal(editionPrefix(i18n), 'kk-latn');
    assert.equal(editionPrefix(filesI18n('kk')), 'kk');
  });

  test('files carry an ETag: 304 while nothing changed, a new one after any change', async () => {
    for (const path of [
      '/en/open-data/meetings.csv',
      '/en/open-data/kenes-open-data.zip',
      '/open-data/catalog.jsonld',
    ]) {
      const first = await download(path);
      const etag = String(first.headers.etag);
      assert.match(etag, /^"[\w-]+"$/);
      const again = await download(path, { 'if-none-match': etag });
      assert.equal(again.statusCode, 304, path);
      assert.equal(again.body, '');
      assert.equal((await download(path)).headers.etag, etag, 'the same version, the same ETag');
    }
    const before = String((await download('/en/open-data/tasks.csv')).headers.etag);
    // A change in another dataset (an organisation renamed: its name is a label in tasks) changes every file's ETag.
    await sql`UPDATE organisations SET name = name || '{"en": "Renamed"}'::jsonb WHERE id = (SELECT min(id) FROM organisations)`.execute(
      t.db,
    );
    const after = await download('/en/open-data/tasks.csv', { 'if-none-match': before });
    assert.equal(after.statusCode, 200);
    assert.notEqual(after.headers.etag, before);
    // The same file in another language is another file.
    assert.notEqual((await download('/kk/open-data/tasks.csv')).headers.etag, after.headers.etag);
  });

  test('naughty strings survive the CSV round trip (formulas neutralised)', async () => {
    const strings = naughtyStrings().filter(
      // What PostgreSQL cannot store is refused at the edge (decision 0017); blank texts count as missing.
      (s) =>
        s.trim() !== '' &&
        !s.includes('\u0000') &&
        !/[\ud800-\udfff]/u.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')),
    );
    const startsAt = new Date(Date.now() + 30 * 86_400_000);
    const ids = new Map<string, string>();
    for (const [i, s] of strings.entries())
      ids.set(
        await insertMeeting(t.db, { number: 2000 + i, title: s, startsAt, status: 'announced', visibility: 'public' }),
        s,
      );
    const rows = csvRows((await download('/en/open-data/meetings.csv')).rawPayload);
    const byId = new Map(rows.map((r) => [r.id, r.title]));
    for (const [id, s] of ids) assert.equal(byId.get(id), safeCell(s), JSON.stringify(s));
    const json = JSON.parse((await download('/en/open-data/meetings.json')).body) as {
      rows: { id: number; title: string }[];
    };
    const inJson = new Map(json.rows.map((r) => [String(r.id), r.title]));
    for (const [id, s] of ids) assert.equal(inJson.get(id), s, JSON.stringify(s));
    // More rows than a batch: the zip's copy, deflated chunk by chunk, is the same file.
    assert.ok(rows.length > 500);
    const direct = (await download('/en/open-data/meetings.csv')).rawPayload;
    const zip = unzipSync(new Uint8Array((await download('/en/open-data/kenes-open-data.zip')).rawPayload));
    assert.ok(Buffer.from(zip['meetings.csv'] as Uint8Array).equals(direct));
  });

  test('the DCAT-AP catalogue describes every dataset in every language and format', async () => {
    const { datasets } = await listed();
    const res = await download('/open-data/catalog.jsonld');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/ld\+json/);
    const catalog = JSON.parse(res.body) as {
      '@type': string;
      'dct:license': { '@id': string };
      'dcat:dataset': {
        'dct:identifier': string;
        'dct:title': { '@language': string }[];
        'dcat:distribution': { 'dcat:downloadURL': { '@id': string } }[];
      }[];
    };
    assert.equal(catalog['@type'], 'dcat:Catalog');
    assert.equal(catalog['dct:license']['@id'], 'https://creativecommons.org/licenses/by/4.0/');
    assert.deepEqual(
      catalog['dcat:dataset'].map((d) => d['dct:identifier']),
      datasets.map((d) => d.id),
    );
    for (const d of catalog['dcat:dataset']) {
      assert.deepEqual(
        d['dct:title'].map((x) => x['@language']),
        ['kk', 'ru', 'en'],
      );
      assert.equal(d['dcat:distribution'].length, 6);
      const url = new URL(d['dcat:distribution'][0]?.['dcat:downloadURL']['@id'] ?? '');
      assert.equal((await download(url.pathname)).statusCode, 200, url.pathname);
    }
  });

  test('the licence is the body’s choice; unknown files are 404', async () => {
    await sql`INSERT INTO settings (key, value) VALUES ('open_data_licence', '"CC0-1.0"')
              ON CONFLICT (key) DO UPDATE SET value = excluded.value`.execute(t.db);
    const { page } = await listed('kk');
    assert.match(textOf(page.querySelector('main')), /Creative Commons Zero/);
    const json = JSON.parse((await download('/en/open-data/meetings.json')).body) as { licence: string };
    assert.equal(json.licence, 'https://creativecommons.org/publicdomain/zero/1.0/');
    for (const path of ['/en/open-data/nothing.csv', '/en/open-data/meetings.xml', '/en/open-data/..%2Fmeetings.csv'])
      assert.equal((await download(path)).statusCode, 404, path);
  });
});

describe('open data with the page cache on: the versions kept between requests follow a change', () => {
  const cached = useTestApp({ demo: true, pageCache: true });
  const get = (path: string, headers: Record<string, string> = {}) => new TestClient(cached.app).get(path, headers);

  test('a change written by another connection gives the next download a new ETag within two seconds', async () => {
    const path = '/en/open-data/tasks.csv';
    const before = String((await get(path)).headers.etag);
    assert.equal((await get(path, { 'if-none-match': before })).statusCode, 304, 'kept while nothing changed');
    // As another Kenes process would: not through this app, so only the change notification tells it.
    // The organisation a task is assigned to: its name is a label of the tasks' file.
    await sql`UPDATE organisations SET name = name || '{"en": "Renamed elsewhere"}'::jsonb
      WHERE id = (SELECT organisation_id FROM tasks ORDER BY id LIMIT 1)`.execute(cached.db);
    const until = Date.now() + 2000;
    let status = 304;
    while (status === 304 && Date.now() < until) {
      status = (await get(path, { 'if-none-match': before })).statusCode;
      if (status === 304) await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(status, 200, 'the file changed with the data');
    const after = await get(path);
    assert.notEqual(after.headers.etag, before);
    assert.match(after.body, /Renamed elsewhere/);
  });
});
