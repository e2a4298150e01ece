import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { parseHtml, textOf } from '../../testing/html.ts';
import { multipart } from '../../testing/multipart.ts';

/*
 * Issue 13 and 17 on the web: the preview asks about the themes and State names Kenes does not know,
 * creates a theme only when told to, remembers a State name a person mapped, and rows join their cycle
 * by State, mechanism and session.
 */

const t = useTestApp({ demo: true });

async function upload(c: TestClient, content: string): Promise<string> {
  const page = await c.get('/en/recommendations/import');
  const token = parseHtml(page.body).querySelector('input[name="_csrf"]')?.getAttribute('value') ?? '';
  const body = multipart(
    { _csrf: token, encoding: '' },
    { name: 'upr-info.csv', type: 'text/csv', content: Buffer.from(content) },
  );
  const res = await t.app.inject({
    method: 'POST',
    url: '/en/recommendations/import',
    payload: body.payload,
    headers: { cookie: c.cookieHeader(), 'content-type': body.contentType },
  });
  assert.equal(res.statusCode, 303, res.body);
  return res.headers.location as string;
}

async function untilFinished(c: TestClient, url: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200; i++) {
    const status = (await c.get(`${url}/status.json`)).json() as Record<string, unknown>;
    if (status.status !== 'running') return status;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the import did not finish');
}

/** The names a preview asks about, with the option selected for each. */
function questions(html: string, kind: 'theme' | 'state'): [string, string][] {
  return parseHtml(html)
    .querySelectorAll(`table.import-${kind}-names tbody tr`)
    .map((tr) => [
      textOf(tr.querySelector('label')),
      tr.querySelector('option[selected]')?.getAttribute('value') ?? '',
    ]);
}

const COLUMNS = {
  col_0: 'state',
  col_1: 'recommending_state',
  col_2: 'text_en',
  col_3: 'response',
  col_4: 'themes',
  col_5: 'session',
  default_mechanism: 'UPR',
};

const FILE = `State under Review,Recommending State,Recommendation,Response,Issues,Session
Kazakhstan,France,Guarantee the freedom of the press and of journalists,Supported,Freedom of opinion and expression;Death penalty,34
Kazakhstan,Ruritania,Protect children from all forms of violence,Supported,CHILDREN’S RIGHTS;свобода выражения мнений,Cycle 3
Kazakhstan,DPR Korea,Abolish the death penalty for all crimes,Noted,Death penalty,20
`;

describe('names an import does not know', { concurrency: false }, () => {
  test('the preview asks; themes match in any language and by synonym; a new theme only when confirmed; a State name mapped is remembered; rows join the cycle by session', async () => {
    const c = new TestClient(t.app);
    await c.signIn('secretariat@kenes.demo');
    // Kazakhstan's third UPR cycle, reviewed at the 34th session.
    const upr = await t.db.selectFrom('mechanisms').select('id').where('code', '=', 'UPR').executeTakeFirstOrThrow();
    const cycle = await t.db
      .insertInto('reporting_cycles')
      .values({
        mechanism_id: upr.id,
        state_code: 'KZ',
        number: 3,
        session: 34,
        title: JSON.stringify({ en: 'UPR, third cycle' }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const themesBefore = await t.db.selectFrom('themes').select('slug').execute();

    const url = await upload(c, FILE);
    const preview = (await c.get(url)).body;
    // Only what matches nothing: not the synonym, not the Russian name, not the other case and apostrophe.
    assert.deepEqual(questions(preview, 'theme'), [['Death penalty', '']]);
    assert.deepEqual(questions(preview, 'state'), [['Ruritania', '']]);
    assert.match(
      textOf(parseHtml(preview).querySelector('#field-theme_0')),
      /Create this new theme.*File under “Prevention of torture”/,
    );

    // A made-up choice is refused with the form, in the reader's language.
    const bad = await c.post(`${url}/start`, {
      ...COLUMNS,
      mode: 'all',
      theme_name_0: 'Death penalty',
      theme_0: '99999',
      state_name_0: 'Ruritania',
      state_0: 'SU',
    });
    assert.equal(bad.statusCode, 422);
    assert.equal(textOf(parseHtml(bad.body).querySelectorAll('td .error')[0]), 'Choose one of the options.');

    // "DPR Korea" is UPR Info's way of writing a State Kenes knows; "Ruritania" is mapped by the person.
    const start = {
      ...COLUMNS,
      mode: 'all',
      theme_name_0: 'Death penalty',
      theme_0: 'new',
      state_name_0: 'Ruritania',
      state_0: 'GB',
    };
    const started = await c.post(`${url}/start`, start);
    assert.equal(started.statusCode, 303, textOf(parseHtml(started.body).querySelector('.error-summary')));
    assert.equal((await untilFinished(c, url)).status, 'done');

    const rows = await t.db
      .selectFrom('recommendations')
      .select(['id', 'recommending_state', 'theme_ids', 'cycle_id', 'session'])
      .where('import_id', '=', url.split('/').pop() as string)
      .orderBy('id')
      .execute();
    const themes = await t.db.selectFrom('themes').select(['id', 'slug', 'name']).execute();
    const slugs = (ids: string[]) => ids.map((id) => themes.find((th) => th.id === id)?.slug);
    assert.deepEqual(
      rows.map((r) => [r.recommending_state, slugs(r.theme_ids), r.cycle_id]),
      [
        ['FR', ['freedom-of-expression', 'death-penalty'], cycle.id],
        ['GB', ['children', 'freedom-of-expression'], cycle.id],
        ['KP', ['death-penalty'], null],
      ],
    );
    // One new theme, in the file's language only.
    const created = themes.filter((th) => !themesBefore.some((b) => b.slug === th.slug));
    assert.deepEqual(
      created.map((th) => [th.slug, th.name]),
      [['death-penalty', { en: 'Death penalty' }]],
    );

    // On a Kazakh page it is marked as not translated; Kenes's own themes are not.
    const page = parseHtml((await c.get(`/kk/recommendations/${rows[0]?.id}`)).body);
    const themesFact = page.querySelector('.theme-names');
    assert.match(textOf(themesFact), /Death penalty \(аударылмаған\)/);
    assert.match(textOf(themesFact), /Сөз бостандығы/);
    assert.doesNotMatch(textOf(themesFact), /Сөз бостандығы \(аударылмаған\)/);

    // The next import knows "Ruritania" without asking.
    const next = await upload(c, FILE.replace('Death penalty,20', 'Death penalty,21'));
    assert.deepEqual(questions((await c.get(next)).body, 'state'), []);
    assert.deepEqual(questions((await c.get(next)).body, 'theme'), []);
  });
});
