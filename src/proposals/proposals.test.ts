import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../testing/app.ts';
import { TestClient } from '../testing/client.ts';
import { parseHtml, textOf } from '../testing/html.ts';
import { naughtyStrings } from '../testing/naughty.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ demo: true });
});
after(() => t.close());

const errorsOf = (body: string) => textOf(parseHtml(body).querySelector('.error-summary'));
const orgId = async (slug: string) =>
  (await t.db.selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
const inFuture = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function client(email: string) {
  const c = new TestClient(t.app);
  await c.signIn(email);
  return c;
}

describe('a proposal from an NGO to a law in force (HTTP)', { concurrency: false }, () => {
  let id = '';
  let url = '';

  test('an NGO representative writes a draft with a co-sponsor, addressed to a ministry', async () => {
    const ngo = await client('ngo@kenes.demo');
    const form = {
      title_ru: 'Ввести уголовную ответственность за травлю детей',
      title_en: 'Criminal liability for bullying of children',
      body_ru: 'Предлагаем дополнить **статью 110** УК.\n\n- пункт 1\n- пункт 2\n\n<script>alert(1)</script>',
      kind: 'amend_law',
      addresseeIds: await orgId('ministry-of-education'),
      coAuthorIds: await orgId('zhas-ulan'),
      themeIds: (await t.db.selectFrom('themes').select('id').where('slug', '=', 'children').executeTakeFirstOrThrow())
        .id,
      actName_ru: 'Уголовный кодекс Республики Казахстан',
      actNumber: '226-V',
      actArticle: 'ст. 110',
      actUrl: 'https://adilet.zan.kz/rus/docs/K1400000226',
      intent: 'save',
    };
    const noBody = await ngo.post('/en/proposals', { ...form, addresseeIds: '' });
    assert.equal(noBody.statusCode, 422);
    assert.match(errorsOf(noBody.body), /Choose at least one state body/);
    const notStateBody = await ngo.post('/en/proposals', { ...form, addresseeIds: await orgId('undp') });
    assert.equal(notStateBody.statusCode, 422);
    const res = await ngo.post('/en/proposals', form);
    assert.equal(res.statusCode, 303, errorsOf(res.body));
    url = String(res.headers.location);
    id = url.split('/')[3] ?? '';
    const page = parseHtml((await ngo.get(url)).body);
    assert.match(textOf(page.querySelector('.proposal-body')), /статью 110/);
    assert.equal(page.querySelector('.proposal-body script'), null, 'no script from Markdown');
    assert.ok(page.querySelector('.proposal-body strong'));
    assert.match(textOf(page.querySelector('main')), /«Қадыр-қасиет»|Kadyr-Kasiyet/);
    // A draft is not public.
    assert.equal((await new TestClient(t.app).get(url)).statusCode, 404);
    const citizen = await client('citizen@kenes.demo');
    assert.equal((await citizen.post('/en/proposals', form)).statusCode, 403);
  });

  test('submitted, registered and assigned with a deadline (a past deadline is refused)', async () => {
    const ngo = await client('ngo@kenes.demo');
    assert.equal((await ngo.post(`${url}/submit`, {})).statusCode, 303);
    const staff = await client('secretariat@kenes.demo');
    assert.equal((await ngo.post(`${url}/register`, {})).statusCode, 403, 'only the secretariat registers');
    assert.equal((await staff.post(`${url}/register`, {})).statusCode, 303);
    const past = await staff.post(`${url}/assign`, { deadline: '2020-01-01' });
    assert.equal(past.statusCode, 422);
    assert.match(errorsOf(past.body), /deadline must be in the future/);
    assert.equal((await staff.post(`${url}/assign`, { deadline: inFuture(30) })).statusCode, 303);
    const status = await t.db.selectFrom('proposals').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(status.status, 'assigned');
  });

  test('only the addressed ministry answers, always with reasons', async () => {
    const mia = await client('mia@kenes.demo');
    const wrongBody = await mia.post(`${url}/answer`, { answer: 'accepted', reasons_ru: 'Поддерживаем' });
    assert.equal(wrongBody.statusCode, 422);
    assert.match(errorsOf(wrongBody.body), /not addressed to your organisation/);
    // The ministry of education gets a representative by invitation (the demo has none).
    const staff = await client('secretariat@kenes.demo');
    await staff.post('/en/admin/invitations', {
      email: 'moe@kenes.demo',
      displayName: 'Представитель МП',
      role: 'representative',
      organisationId: await orgId('ministry-of-education'),
      locale: 'ru',
    });
    const link =
      (
        await t.db.selectFrom('email_outbox').select('body_text').orderBy('id', 'desc').executeTakeFirstOrThrow()
      ).body_text.match(/localhost:3000(\/\S+)/)?.[1] ?? '';
    const moe = new TestClient(t.app);
    assert.equal((await moe.post(link, { password: 'moe-secret-2026', confirm: 'moe-secret-2026' })).statusCode, 303);
    const noReasons = await moe.post(`${url}/answer`, { answer: 'accepted' });
    assert.equal(noReasons.statusCode, 422);
    assert.match(errorsOf(noReasons.body), /Enter it in at least one language/);
    assert.equal(
      (
        await moe.post(`${url}/answer`, {
          answer: 'partly_accepted',
          reasons_ru: 'Поддерживаем в части административной ответственности.',
        })
      ).statusCode,
      303,
    );
    assert.equal(
      (await moe.post(`${url}/answer`, { answer: 'rejected', reasons_ru: 'Передумали' })).statusCode,
      422,
      'no second answer',
    );
    assert.equal(
      (await t.db.selectFrom('proposals').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status,
      'answered',
    );
  });

  test('the authors assess the answer; both positions stand side by side', async () => {
    const ngo = await client('ngo@kenes.demo');
    const addressee = await t.db
      .selectFrom('proposal_addressees')
      .select('id')
      .where('proposal_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(
      (
        await ngo.post(`${url}/answers/${addressee.id}/assessment`, {
          assessment: 'partly_satisfied',
          comment: 'Нужна и уголовная ответственность.',
        })
      ).statusCode,
      303,
    );
    const mia = await client('mia@kenes.demo');
    assert.equal(
      (await mia.post(`${url}/answers/${addressee.id}/assessment`, { assessment: 'satisfied' })).statusCode,
      403,
    );
    const page = parseHtml((await new TestClient(t.app).get(`/ru/proposals/${id}`)).body);
    const answer = textOf(page.querySelector('article.answer'));
    assert.match(answer, /Принято частично.*административной ответственности/);
    assert.match(answer, /Частично удовлетворительно.*уголовная ответственность/);
  });

  test('stages advance in order to "in force"; out of order is refused', async () => {
    const staff = await client('secretariat@kenes.demo');
    const skip = await staff.post(`${url}/stages`, { stage: 'senate', date: '2027-01-10' });
    assert.equal(skip.statusCode, 422);
    assert.match(errorsOf(skip.body), /next stage is/);
    for (const [stage, date] of [
      ['drafted', '2027-01-10'],
      ['government', '2027-02-10'],
      ['mazhilis', '2027-03-10'],
      ['senate', '2027-04-10'],
      ['signed', '2027-05-10'],
    ]) {
      assert.equal(
        (await staff.post(`${url}/stages`, { stage: stage ?? '', date: date ?? '' })).statusCode,
        303,
        stage,
      );
    }
    assert.equal(
      (
        await staff.post(`${url}/stages`, {
          stage: 'in_force',
          date: '2027-06-01',
          url: 'https://adilet.zan.kz/rus/docs/Z2700000001',
        })
      ).statusCode,
      303,
    );
    assert.equal(
      (await t.db.selectFrom('proposals').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status,
      'implemented',
    );
    const timeline = textOf(
      parseHtml((await new TestClient(t.app).get(`/en/proposals/${id}`)).body).querySelector('ol.timeline'),
    );
    assert.match(
      timeline,
      /Submitted.*Registered by the secretariat.*Assigned to Ministry of Education.*Ministry of Education of the Republic of Kazakhstan: Partly accepted.*Stage: In force/s,
    );
  });

  test('followers and authors are notified, at once by e-mail or in a digest', async () => {
    const citizen = await client('citizen@kenes.demo');
    const other = (await t.db.selectFrom('proposals').select('id').where('status', '=', 'submitted').executeTakeFirst())
      ?.id;
    assert.ok(other, 'the demo has a submitted proposal');
    assert.equal((await citizen.post(`/en/proposals/${other}/follow`, { follow: '1' })).statusCode, 303);
    const staff = await client('secretariat@kenes.demo');
    const mailsBefore = await t.db
      .selectFrom('email_outbox')
      .select('id')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal((await staff.post(`/en/proposals/${other}/register`, {})).statusCode, 303);
    const mails = await t.db
      .selectFrom('email_outbox')
      .select(['to_address', 'subject'])
      .where('id', '>', mailsBefore.id)
      .execute();
    assert.ok(
      mails.some((m) => m.to_address === 'citizen@kenes.demo'),
      JSON.stringify(mails),
    );
    const list = parseHtml((await citizen.get('/en/notifications')).body);
    assert.match(textOf(list.querySelector('ul.notifications')), /Registered by the secretariat/);
  });
});

describe('the tracker', () => {
  test('filters, searches in three languages and counts', async () => {
    const visitor = new TestClient(t.app);
    const all = parseHtml((await visitor.get('/en/proposals')).body);
    const total = Number(textOf(all.querySelector('.figures strong')).replace(/\D/g, ''));
    assert.ok(total >= 3, `${total} proposals`);
    const ru = parseHtml((await visitor.get(`/ru/proposals?q=${encodeURIComponent('пыткам')}`)).body);
    assert.ok(
      ru.querySelectorAll('ul.proposal-list > li').length >= 1,
      'Russian stemming finds “пыток/пытки” from “пыткам”',
    );
    const kk = parseHtml((await visitor.get(`/kk/proposals?q=${encodeURIComponent('буллинг')}`)).body);
    assert.ok(kk.querySelectorAll('ul.proposal-list > li').length >= 1);
    const none = parseHtml((await visitor.get('/en/proposals?q=zzzzqqqq')).body);
    assert.equal(none.querySelectorAll('ul.proposal-list > li').length, 0);
    const overdue = await visitor.get('/en/proposals?overdue=1&status=nonsense&page=-3&body=x');
    assert.equal(overdue.statusCode, 200, 'bad filters are ignored, not fatal');
    const csv = await visitor.get('/en/proposals.csv?q=torture');
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    for (const s of naughtyStrings().slice(0, 200)) {
      const res = await visitor.get(`/en/proposals?q=${encodeURIComponent(s)}`);
      assert.equal(res.statusCode, 200, s);
    }
  });

  test('the tracker runs the same number of queries whatever it lists', async () => {
    const visitor = new TestClient(t.app);
    t.queries.length = 0;
    await visitor.get('/en/proposals');
    const before = t.queries.length;
    const ngo = await orgId('kadyr-kasiyet');
    const mia = await orgId('mia');
    const rows = await t.db
      .insertInto('proposals')
      .values(
        Array.from({ length: 200 }, (_, i) => ({
          title: JSON.stringify({ ru: `Предложение ${i}` }),
          kind: 'practice' as const,
          status: 'assigned' as const,
          submitted_at: new Date(),
        })),
      )
      .returning('id')
      .execute();
    await t.db
      .insertInto('proposal_authors')
      .values(rows.map((r) => ({ proposal_id: r.id, organisation_id: ngo })))
      .execute();
    await t.db
      .insertInto('proposal_addressees')
      .values(rows.map((r) => ({ proposal_id: r.id, organisation_id: mia, deadline: '2020-01-01' })))
      .execute();
    t.queries.length = 0;
    const res = await visitor.get('/en/proposals?overdue=1');
    assert.equal(t.queries.length, before);
    assert.equal(parseHtml(res.body).querySelectorAll('ul.proposal-list > li').length, 50);
    // "Waiting longest" puts the earliest unanswered deadline first, with the same queries.
    const oldest = rows[150]?.id ?? '';
    await t.db
      .updateTable('proposal_addressees')
      .set({ deadline: '2019-06-01' })
      .where('proposal_id', '=', oldest)
      .execute();
    t.queries.length = 0;
    const waiting = parseHtml((await visitor.get('/en/proposals?overdue=1&sort=waiting')).body);
    assert.equal(t.queries.length, before);
    const first = waiting.querySelector('ul.proposal-list > li a[href^="/en/proposals/"]');
    assert.equal(first?.getAttribute('href'), `/en/proposals/${oldest}`);
  });
});

describe('digests', () => {
  test('a daily reader gets one digest, even with two processes sending at once', async () => {
    const { sendDigests } = await import('./notifications/digest.ts');
    const observer = await t.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'observer@kenes.demo')
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('users')
      .set({ notify: 'daily', digest_sent_at: null })
      .where('id', '=', observer.id)
      .execute();
    const c = await client('observer@kenes.demo');
    const target = await t.db
      .selectFrom('proposals')
      .select('id')
      .where('status', '=', 'assigned')
      .executeTakeFirstOrThrow();
    assert.equal((await c.post(`/en/proposals/${target.id}/follow`, { follow: '1' })).statusCode, 303);
    const ngo = await client('ngo@kenes.demo');
    assert.equal((await ngo.post(`/en/proposals/${target.id}/endorse`, {})).statusCode, 303);
    const before = await t.db.selectFrom('email_outbox').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const immediate = await t.db
      .selectFrom('email_outbox')
      .select('id')
      .where('id', '>', before.id)
      .where('to_address', '=', 'observer@kenes.demo')
      .execute();
    assert.equal(immediate.length, 0, 'no immediate mail for a daily reader');
    await Promise.all([sendDigests(t.db, 'http://x'), sendDigests(t.db, 'http://x')]);
    const digests = await t.db
      .selectFrom('email_outbox')
      .select(['subject', 'body_text'])
      .where('to_address', '=', 'observer@kenes.demo')
      .execute();
    assert.equal(digests.length, 1);
    assert.match(digests[0]?.body_text ?? '', /Endorsed by/);
    assert.equal(await sendDigests(t.db, 'http://x'), 0, 'nothing more until tomorrow');
  });
});

describe('read API', () => {
  test('lists and shows proposals as the OpenAPI document describes them', async () => {
    const { ProposalListSchema, ProposalSchema } = await import('./tracker/api.ts');
    const visitor = new TestClient(t.app);
    const list = ProposalListSchema.parse((await visitor.get('/api/v1/proposals?q=torture')).json());
    assert.ok(list.total >= 1);
    const one = ProposalSchema.parse((await visitor.get(`/api/v1/proposals/${list.items[0]?.id}`)).json());
    assert.ok(one.timeline.length >= 1);
    assert.equal((await visitor.get('/api/v1/proposals/99999999')).statusCode, 404);
    const doc = (await visitor.get('/api/openapi.json')).json();
    assert.ok(doc.paths['/api/v1/proposals/{id}'] && doc.components.schemas.Proposal);
  });
});

describe('bad input to proposals', () => {
  test('naughty strings in every text field are stored or refused, and pages render escaped', async () => {
    const ngo = await client('ngo@kenes.demo');
    const moe = await orgId('ministry-of-education');
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
    const registered = await t.db
      .selectFrom('proposals')
      .select('id')
      .where('status', '=', 'submitted')
      .executeTakeFirst();
    if (registered) await staff.post(`/en/proposals/${registered.id}/register`, {});
    const r = await t.db
      .selectFrom('proposals')
      .select('id')
      .where('status', '=', 'registered')
      .executeTakeFirstOrThrow();
    const page = parseHtml((await staff.get(`/en/proposals/${r.id}`)).body);
    assert.equal(
      page.querySelector('form[action$="/assign"] input[name="deadline"]')?.getAttribute('value'),
      inFuture(45),
    );
  });
});

describe('attachments', () => {
  test('authors attach files; a draft’s files stay with its authors; others may not attach', async () => {
    const ngo = await client('ngo@kenes.demo');
    const res = await ngo.post('/en/proposals', {
      title_en: 'With a study attached',
      kind: 'other',
      addresseeIds: await orgId('mia'),
      intent: 'save',
    });
    const url = String(res.headers.location);
    const page = await ngo.get(url);
    const csrf = page.body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    const pdf = '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
    const body = (token: string) =>
      `--B\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n--B\r\nContent-Disposition: form-data; name="title_en"\r\n\r\nStudy\r\n--B\r\nContent-Disposition: form-data; name="file"; filename="study.pdf"\r\nContent-Type: application/pdf\r\n\r\n${pdf}\r\n--B--\r\n`;
    const cookies = (c: TestClient) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
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
