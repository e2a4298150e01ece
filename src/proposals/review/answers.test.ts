import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { countRows, inDays, orgId } from '../../testing/data.ts';
import { errorsOf, parseHtml, textOf } from '../../testing/html.ts';
import { type FormFile, multipart } from '../../testing/multipart.ts';
import { draftProposal } from '../../testing/proposals.ts';

const t = useTestApp({ demo: true });

const client = (email: string) => TestClient.signedIn(t.app, email);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const letter: FormFile = { name: 'Letter No. 12-3.pdf', type: 'application/pdf', content: PDF };
// A file input left empty: the browser still sends the part, without a name or content.
const noFile: FormFile = { name: '', type: 'application/octet-stream', content: Buffer.alloc(0) };

/** Posts the answer form as the page sends it (multipart, the CSRF token first). */
async function answer(c: TestClient, url: string, fields: Record<string, string>, file?: FormFile) {
  const page = parseHtml((await c.get(url)).body);
  const form = page.querySelector('form[action$="/answer"]');
  assert.equal(form?.getAttribute('enctype'), 'multipart/form-data');
  const token = form?.querySelector('input[name="_csrf"]')?.getAttribute('value') ?? '';
  const body = multipart({ _csrf: token, ...fields }, file);
  return t.app.inject({
    method: 'POST',
    url: `${url}/answer`,
    payload: body.payload,
    headers: { cookie: c.cookieHeader(), 'content-type': body.contentType },
  });
}

/** A proposal of the NGO assigned to these bodies; its page's address. */
async function assignedTo(slugs: string[]): Promise<string> {
  const ngo = await client('ngo@kenes.demo');
  const staff = await client('secretariat@kenes.demo');
  const ids = await Promise.all(slugs.map((s) => orgId(t.db, s)));
  const { url } = await draftProposal(ngo, {
    title_en: 'Video recording in every interview room',
    body_en: 'Record every interview.',
    kind: 'practice',
    addresseeIds: ids[0] ?? '',
  });
  await ngo.post(`${url}/submit`, {});
  await staff.post(`${url}/register`, {});
  await staff.post(`${url}/assign`, { deadline: inDays(30) });
  return url;
}

describe('a state body answers in formatted text with its official letter (issue 13)', { concurrency: false }, () => {
  test('the form: a select, a textarea per language (Markdown), the letter as a file', async () => {
    const url = await assignedTo(['mia']);
    const form = parseHtml((await (await client('mia@kenes.demo')).get(url)).body).querySelector(
      'form[action$="/answer"]',
    );
    assert.ok(form);
    for (const l of ['kk', 'ru', 'en']) assert.ok(form.querySelector(`textarea[name="reasons_${l}"]`), l);
    assert.ok(form.querySelector('input[type="file"][name="file"]'));
  });

  test('refused answers leave nothing behind: no reasons, a file that is not a document', async () => {
    const url = await assignedTo(['mia']);
    const mia = await client('mia@kenes.demo');
    const files = await countRows(t.db, 'files');
    const noReasons = await answer(mia, url, { answer: 'accepted' }, letter);
    assert.equal(noReasons.statusCode, 422);
    assert.match(errorsOf(noReasons.body), /at least one language/i);
    const script = { name: 'letter.pdf', type: 'application/pdf', content: Buffer.from('#!/bin/sh\nrm -rf /\n') };
    const notPdf = await answer(mia, url, { answer: 'accepted', reasons_en: 'Agreed.' }, script);
    assert.equal(notPdf.statusCode, 422);
    assert.ok(parseHtml(notPdf.body).querySelector('.field-error'), 'the file field says why');
    const badChoice = await answer(mia, url, { answer: 'maybe', reasons_en: 'Agreed.' }, letter);
    assert.equal(badChoice.statusCode, 422);
    assert.equal(await countRows(t.db, 'files'), files, 'no file stored');
    const row = await t.db
      .selectFrom('proposal_addressees')
      .select('answer')
      .where('proposal_id', '=', url.split('/')[3] ?? '')
      .executeTakeFirstOrThrow();
    assert.equal(row.answer, null);
  });

  test('answered with Markdown and the letter: shown formatted, the letter downloadable by everyone', async () => {
    const url = await assignedTo(['mia']);
    const mia = await client('mia@kenes.demo');
    const res = await answer(
      mia,
      url,
      {
        answer: 'partly_accepted',
        reasons_en:
          'We **agree** in part:\n\n- recording in new buildings\n- later in the others\n\n<script>x</script>',
      },
      letter,
    );
    assert.equal(res.statusCode, 303, errorsOf(res.body));
    const page = parseHtml((await new TestClient(t.app).get(url)).body);
    const reasons = page.querySelector('.answer-reasons');
    assert.equal(textOf(reasons?.querySelector('strong')), 'agree');
    assert.equal(reasons?.querySelectorAll('li').length, 2);
    assert.equal(reasons?.querySelector('script'), null);
    const href = page.querySelector('.answer-files a')?.getAttribute('href') ?? '';
    assert.match(href, /^\/files\/\d+\/Letter%20No\.%2012-3\.pdf$/);
    const download = await new TestClient(t.app).get(href);
    assert.equal(download.statusCode, 200, 'a visitor may read the answer of a public proposal');
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.deepEqual(download.rawPayload, PDF);
    const api = JSON.parse((await new TestClient(t.app).get(`/api/v1${url.slice(3)}`)).body) as {
      answers: { files: { url: string }[] }[];
    };
    assert.ok(api.answers[0]?.files[0]?.url.endsWith(href), 'the read API links the letter too');
    // Not in "My work" any more, and not to be answered twice.
    assert.equal(parseHtml((await mia.get('/en/work')).body).querySelector(`a[href="${url}"]`), null);
    assert.equal(parseHtml((await mia.get(url)).body).querySelector('form[action$="/answer"]'), null);
  });

  test('the letter may be left out; only an addressee answers', async () => {
    const url = await assignedTo(['mia']);
    const ngo = await client('ngo@kenes.demo');
    const page = await ngo.get('/en/password-reset');
    const token = parseHtml(page.body).querySelector('input[name="_csrf"]')?.getAttribute('value') ?? '';
    const body = multipart({ _csrf: token, answer: 'accepted', reasons_en: 'Yes.' }, letter);
    const notAddressee = await t.app.inject({
      method: 'POST',
      url: `${url}/answer`,
      payload: body.payload,
      headers: { cookie: ngo.cookieHeader(), 'content-type': body.contentType },
    });
    assert.equal(notAddressee.statusCode, 422);
    assert.match(errorsOf(notAddressee.body), /not addressed to your organisation/);
    const mia = await client('mia@kenes.demo');
    const files = await countRows(t.db, 'files');
    const res = await answer(mia, url, { answer: 'needs_study', reasons_ru: 'Изучаем.' }, noFile);
    assert.equal(res.statusCode, 303, errorsOf(res.body));
    assert.equal(await countRows(t.db, 'files'), files);
    assert.match(textOf(parseHtml((await mia.get(url)).body).querySelector('.answer-reasons')), /Изучаем/);
  });
});
