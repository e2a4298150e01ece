import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { inDays, orgId } from '../../testing/data.ts';
import { parseHtml } from '../../testing/html.ts';
import { naughtyStrings } from '../../testing/naughty.ts';
import { draftProposal } from '../../testing/proposals.ts';
import { demoProposalIn, proposalIn } from '../test-support.ts';

const t = useTestApp({ demo: true });

const client = (email: string) => TestClient.signedIn(t.app, email);

describe('bad input to proposals', () => {
  test('naughty strings in every text field are stored or refused, and pages render escaped', async () => {
    const ngo = await client('ngo@kenes.demo');
    const moe = await orgId(t.db, 'ministry-of-education');
    const failures: string[] = [];
    for (const [i, s] of naughtyStrings().entries()) {
      if (i % 4) continue;
      const res = await ngo.post('/kk/proposals', {
        title_kk: s || 'x',
        title_ru: s,
        body_en: s,
        actName_ru: s,
        actNumber: s.slice(0, 100),
        kind: 'other',
        addresseeIds: moe,
        intent: 'save',
      });
      if (res.statusCode === 303) {
        const page = await ngo.get(String(res.headers.location));
        if (page.statusCode !== 200 || /<script>alert/.test(page.body)) failures.push(`${i}: page ${page.statusCode}`);
      } else if (res.statusCode !== 422) failures.push(`${i}: ${res.statusCode}`);
    }
    assert.deepEqual(failures, []);
  });

  test('the default answer deadline comes from the settings', async () => {
    await t.db.updateTable('settings').set({ value: '45' }).where('key', '=', 'answer_deadline_days').execute();
    const staff = await client('secretariat@kenes.demo');
    const submitted = await proposalIn(t.db, 'submitted');
    if (submitted) await staff.post(`/en/proposals/${submitted}/register`, {});
    const registered = await demoProposalIn(t.db, 'registered');
    const page = parseHtml((await staff.get(`/en/proposals/${registered}`)).body);
    assert.equal(
      page.querySelector('form[action$="/assign"] input[name="deadline"]')?.getAttribute('value'),
      inDays(45),
    );
  });
});

describe('attachments', () => {
  test('authors attach files; a draft’s files stay with its authors; others may not attach', async () => {
    const ngo = await client('ngo@kenes.demo');
    const { url } = await draftProposal(ngo, {
      title_en: 'With a study attached',
      kind: 'other',
      addresseeIds: await orgId(t.db, 'mia'),
    });
    const page = await ngo.get(url);
    const csrf = page.body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    const pdf = '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
    const body = (token: string) =>
      `--B\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n--B\r\nContent-Disposition: form-data; name="title_en"\r\n\r\nStudy\r\n--B\r\nContent-Disposition: form-data; name="file"; filename="study.pdf"\r\nContent-Type: application/pdf\r\n\r\n${pdf}\r\n--B--\r\n`;
    const cookies = (c: TestClient) => c.cookieHeader();
    const up = await t.app.inject({
      method: 'POST',
      url: `${url}/attachments`,
      payload: body(csrf),
      headers: { 'content-type': 'multipart/form-data; boundary=B', cookie: cookies(ngo) },
    });
    assert.equal(up.statusCode, 303);
    const href =
      parseHtml((await ngo.get(url)).body)
        .querySelector('#attachments ~ ul a')
        ?.getAttribute('href') ?? '';
    assert.match(href, /^\/files\/\d+\/study\.pdf$/);
    assert.equal((await ngo.get(href)).statusCode, 200);
    assert.equal((await new TestClient(t.app).get(href)).statusCode, 404, 'a draft’s file is not public');
    const mia = await client('mia@kenes.demo');
    const miaPage = await mia.get('/en/proposals');
    const miaCsrf = miaPage.body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    const other = await t.app.inject({
      method: 'POST',
      url: `${url}/attachments`,
      payload: body(miaCsrf),
      headers: { 'content-type': 'multipart/form-data; boundary=B', cookie: cookies(mia) },
    });
    assert.ok([403, 404].includes(other.statusCode), String(other.statusCode));
  });
});
