import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { countRows } from '../../testing/data.ts';
import { parseHtml, textOf } from '../../testing/html.ts';
import { multipart } from '../../testing/multipart.ts';

const t = useTestApp({ demo: true });

async function upload(
  c: TestClient,
  lang: string,
  file: { name: string; type: string; content: Buffer },
  csrf?: string,
) {
  const page = await c.get(`/${lang}/recommendations/import`);
  const token = csrf ?? parseHtml(page.body).querySelector('input[name="_csrf"]')?.getAttribute('value') ?? '';
  const body = multipart({ _csrf: token, encoding: '' }, file);
  const cookie = c.cookieHeader();
  return t.app.inject({
    method: 'POST',
    url: `/${lang}/recommendations/import`,
    payload: body.payload,
    headers: { cookie, 'content-type': body.contentType },
  });
}

const count = () => countRows(t.db, 'recommendations');

// A Russian file as Excel on Windows saves it: Windows-1251, semicolons, CRLF.
const RUSSIAN = iconv.encode(
  [
    'Государство;Механизм;Рекомендация;Дата;Ответ',
    'Казахстан;КПП;Обеспечить независимое расследование всех заявлений о пытках;12.03.2019;Поддержана',
    'Казахстан;CRC;Запретить телесные наказания детей во всех условиях;12.03.2019;Принята к сведению',
    'Нарния;CAT;Создать национальный превентивный механизм;31.02.2019;',
  ].join('\r\n'),
  'windows-1251',
);

describe('importing on the web', { concurrency: false }, () => {
  test('only staff may import', async () => {
    const visitor = new TestClient(t.app);
    // A visitor is sent to sign in and back.
    const visit = await visitor.get('/en/recommendations/import');
    assert.equal(visit.statusCode, 303);
    assert.match(String(visit.headers.location), /sign-in/);
    const ngo = new TestClient(t.app);
    await ngo.signIn('ngo@kenes.demo');
    assert.equal((await ngo.get('/en/recommendations/import')).statusCode, 403);
    const res = await upload(ngo, 'en', { name: 'x.csv', type: 'text/csv', content: Buffer.from('a,b\n1,2\n') });
    assert.equal(res.statusCode, 403);
  });

  test('upload without a valid CSRF token is refused before the file is read', async () => {
    const c = new TestClient(t.app);
    await c.signIn('secretariat@kenes.demo');
    const before = await t.db.selectFrom('recommendation_imports').select('id').execute();
    const res = await upload(c, 'en', { name: 'x.csv', type: 'text/csv', content: RUSSIAN }, 'forged');
    assert.equal(res.statusCode, 403);
    assert.equal((await t.db.selectFrom('recommendation_imports').select('id').execute()).length, before.length);
  });

  test('a file that is not a table gets a clear message in the reader language and writes nothing', async () => {
    const c = new TestClient(t.app);
    await c.signIn('secretariat@kenes.demo');
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    const before = (await t.db.selectFrom('recommendation_imports').select('id').execute()).length;
    const res = await upload(c, 'ru', { name: 'photo.csv', type: 'text/csv', content: png });
    assert.equal(res.statusCode, 422);
    assert.match(textOf(parseHtml(res.body).querySelector('#error-file')), /не таблица \(это PNG\)/);
    assert.equal((await t.db.selectFrom('recommendation_imports').select('id').execute()).length, before);
  });

  test('upload → preview → all or nothing fails with lines → skip bad rows → progress → result; a re-import changes nothing', async () => {
    const c = new TestClient(t.app);
    await c.signIn('secretariat@kenes.demo');
    const recommendationsBefore = await count();
    const res = await upload(c, 'ru', { name: 'рекомендации.csv', type: 'text/csv', content: RUSSIAN });
    assert.equal(res.statusCode, 303, res.body);
    const url = res.headers.location as string;
    assert.match(url, /^\/ru\/recommendations\/import\/\d+$/);

    // The preview: the guessed encoding, the separator, the rows as they will be read, the mapping.
    const preview = parseHtml((await c.get(url)).body);
    assert.match(textOf(preview.querySelector('dl.facts')), /windows-1251 \(угадана по буквам/);
    assert.match(textOf(preview.querySelector('dl.facts')), /точка с запятой/);
    assert.match(textOf(preview.querySelector('table.import-sample')), /Обеспечить независимое расследование/);
    assert.equal(preview.querySelector('select[name="col_0"] option[selected]')?.getAttribute('value'), 'state');
    assert.equal(preview.querySelector('select[name="col_2"] option[selected]')?.getAttribute('value'), 'text_ru');
    for (const label of preview.querySelectorAll('table.import-columns label')) {
      assert.ok(preview.querySelector(`#${label.getAttribute('for')}`), 'each select has its label');
    }

    // Required fields missing: 422 with the form, nothing started.
    const incomplete = await c.post(`${url}/start`, { col_0: '', col_1: 'mechanism', col_2: 'text_ru', mode: 'all' });
    assert.equal(incomplete.statusCode, 422);
    assert.match(textOf(parseHtml(incomplete.body).querySelector('.error-summary')), /Государство под обзором/);

    const settings = { col_0: 'state', col_1: 'mechanism', col_2: 'text_ru', col_3: 'date', col_4: 'response' };
    const started = await c.post(`${url}/start`, { ...settings, mode: 'all' });
    assert.equal(started.statusCode, 303);
    const failed = await untilFinished(c, url);
    assert.equal(failed.status, 'failed');
    const failedPage = parseHtml((await c.get(url)).body);
    assert.match(
      textOf(failedPage.querySelector('[role="alert"]')),
      /1 строку нельзя импортировать, поэтому ничего не записано/,
    );
    assert.deepEqual(
      failedPage
        .querySelectorAll('table.rejections tbody tr')
        .map((tr) => [textOf(tr.querySelector('th')), textOf(tr.querySelector('td'))]),
      [['4', 'Неизвестное государство «Нарния».']],
    );
    assert.equal(await count(), recommendationsBefore);

    // The same import, now skipping bad rows: the progress page, then the result.
    assert.equal((await c.post(`${url}/start`, { ...settings, mode: 'skip' })).statusCode, 303);
    const runningHtml = (await c.get(url)).body;
    const running = parseHtml(runningHtml);
    const bar = running.querySelector('progress#import-progress');
    // (A three-row import may already be over when the page is asked for.)
    if (bar) {
      assert.equal(bar.getAttribute('data-status-url'), `${url}/status.json`);
      assert.match(runningHtml, /<noscript><meta http-equiv="refresh" content="3"\/?><\/noscript>/);
      assert.match(running.querySelector('script[src*="import-progress"]')?.getAttribute('src') ?? '', /^\/assets\//);
    }
    const done = await untilFinished(c, url);
    assert.deepEqual(done, {
      status: 'done',
      processed: 3,
      total: 3,
      inserted: 2,
      updated: 0,
      unchanged: 0,
      rejected: 1,
      text: 'прочитано строк: 3 из 3',
    });
    const result = parseHtml((await c.get(url)).body);
    assert.equal(textOf(result.querySelector('[data-count="inserted"]')), '2');
    assert.equal(textOf(result.querySelector('[data-count="rejected"]')), '1');
    assert.equal(await count(), recommendationsBefore + 2);
    const cat = await t.db
      .selectFrom('recommendations as r')
      .innerJoin('mechanisms as m', 'm.id', 'r.mechanism_id')
      .select(['r.text', 'r.response', 'r.adopted_on', 'm.code'])
      .where('r.response', '=', 'supported')
      .where('m.code', '=', 'CAT')
      .executeTakeFirstOrThrow();
    assert.deepEqual(cat, {
      text: { ru: 'Обеспечить независимое расследование всех заявлений о пытках' },
      response: 'supported',
      adopted_on: '2019-03-12',
      code: 'CAT',
    });

    // The list of past imports shows both outcomes, in English too.
    const list = parseHtml((await c.get('/en/recommendations/import')).body);
    assert.match(
      textOf(list.querySelector('table.data')),
      /рекомендации\.csv.*Done.*2 new, 0 updated, 0 unchanged, 1 rejected/,
    );

    // The same file again: everything unchanged, no new rows.
    const again = await upload(c, 'en', { name: 'рекомендации.csv', type: 'text/csv', content: RUSSIAN });
    const againUrl = again.headers.location as string;
    await c.post(`${againUrl}/start`, { ...settings, mode: 'skip' });
    const second = await untilFinished(c, againUrl);
    assert.deepEqual([second.inserted, second.updated, second.unchanged], [0, 0, 2]);
    assert.equal(await count(), recommendationsBefore + 2);

    // A finished import cannot be started again.
    assert.equal((await c.post(`${url}/start`, { ...settings, mode: 'skip' })).statusCode, 409);
  });

  test('a running import shows a progress bar (script and no-script refresh); a stalled one shows as interrupted', async () => {
    const c = new TestClient(t.app);
    await c.signIn('secretariat@kenes.demo');
    const url = (await upload(c, 'kk', { name: 'r.csv', type: 'text/csv', content: RUSSIAN })).headers
      .location as string;
    const id = url.split('/').pop() as string;
    await t.db
      .updateTable('recommendation_imports')
      .set({ status: 'running', processed_rows: 1, heartbeat_at: new Date() })
      .where('id', '=', id)
      .execute();
    const html = (await c.get(url)).body;
    const page = parseHtml(html);
    const bar = page.querySelector('progress#import-progress');
    assert.equal(bar?.getAttribute('value'), '1');
    assert.equal(bar?.getAttribute('max'), '3');
    assert.equal(bar?.getAttribute('data-status-url'), `${url}/status.json`);
    assert.match(html, /<noscript><meta http-equiv="refresh" content="3"\/?><\/noscript>/);
    assert.match(
      page.querySelector('script[src*="import-progress"]')?.getAttribute('src') ?? '',
      /^\/assets\/import-progress/,
    );
    assert.equal(textOf(page.querySelector('#import-progress-text')), '3 жолдың 1 оқылды');
    assert.equal(page.querySelector(`form[action="${url}/start"]`), null, 'no settings while running');
    assert.equal((await c.get(`${url}/status.json`)).json().status, 'running');

    await t.db
      .updateTable('recommendation_imports')
      .set({ heartbeat_at: new Date(Date.now() - 5 * 60_000) })
      .where('id', '=', id)
      .execute();
    const stalled = parseHtml((await c.get(url)).body);
    assert.match(textOf(stalled.querySelector('.import-status')), /Үзілді/);
    assert.ok(stalled.querySelector(`form[action="${url}/start"]`), 'an interrupted import can be started again');
  });

  test('the encoding can be changed in the preview', async () => {
    const c = new TestClient(t.app);
    await c.signIn('secretariat@kenes.demo');
    const res = await upload(c, 'en', { name: 'r.csv', type: 'text/csv', content: RUSSIAN });
    const url = res.headers.location as string;
    const reread = await c.post(`${url}/encoding`, { encoding: 'macintosh' });
    assert.equal(reread.statusCode, 303);
    const page = parseHtml((await c.get(url)).body);
    assert.match(textOf(page.querySelector('dl.facts')), /macintosh \(chosen by you\)/);
    assert.doesNotMatch(textOf(page.querySelector('table.import-sample')), /Казахстан/);
    const utf8 = await c.post(`${url}/encoding`, { encoding: 'utf-8' });
    assert.equal(utf8.statusCode, 422);
    assert.match(utf8.body, /not valid utf-8/);
  });
});

/** Polls the status as the page's script does, until the import ends. */
async function untilFinished(c: TestClient, url: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200; i++) {
    const res = await c.get(`${url}/status.json`);
    assert.equal(res.statusCode, 200);
    const status = res.json() as Record<string, unknown>;
    if (status.status !== 'running') return status;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the import did not finish');
}
