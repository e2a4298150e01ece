import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sendNotificationMail } from '../core/notifications/mail.ts';
import { useTestApp } from '../testing/app.ts';
import { TestClient } from '../testing/client.ts';
import { inDays, orgId } from '../testing/data.ts';
import { errorsOf, parseHtml, textOf } from '../testing/html.ts';
import { proposalNotifications } from './notifications/source.ts';
import { proposalIn } from './test-support.ts';

const t = useTestApp({ demo: true });

const client = (email: string) => TestClient.signedIn(t.app, email);

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
      addresseeIds: await orgId(t.db, 'ministry-of-education'),
      coAuthorIds: await orgId(t.db, 'zhas-ulan'),
      themeIds: (await t.db.selectFrom('themes').select('id').where('slug', '=', 'children').executeTakeFirstOrThrow())
        .id,
      actName_ru: 'Уголовный кодекс Республики Казахстан',
      actNumber: '226-V',
      actArticle: '110',
      actUrl: 'https://adilet.zan.kz/rus/docs/K1400000226',
      intent: 'save',
    };
    const noBody = await ngo.postExpect(422, '/en/proposals', { ...form, addresseeIds: '' });
    assert.match(errorsOf(noBody.body), /Choose at least one state body/);
    await ngo.postExpect(422, '/en/proposals', { ...form, addresseeIds: await orgId(t.db, 'undp') });
    const res = await ngo.post('/en/proposals', form);
    assert.equal(res.statusCode, 303, errorsOf(res.body));
    url = String(res.headers.location);
    id = url.split('/')[3] ?? '';
    const page = parseHtml((await ngo.get(url)).body);
    assert.match(textOf(page.querySelector('.proposal-body')), /статью 110/);
    assert.equal(page.querySelector('.proposal-body script'), null, 'no script from Markdown');
    assert.ok(page.querySelector('.proposal-body strong'));
    assert.match(textOf(page.querySelector('main')), /«Қадыр-қасиет»|Kadyr-Kasiyet/);
    // The article is a number: the words around it are the page's own.
    assert.match(textOf(page.querySelector('.facts')), /226-V, Article 110/);
    const kk = parseHtml((await ngo.get(url.replace('/en/', '/kk/'))).body);
    assert.match(textOf(kk.querySelector('.facts')), /226-V, 110-бап/);
    // A draft is not public.
    assert.equal((await new TestClient(t.app).get(url)).statusCode, 404);
    const citizen = await client('citizen@kenes.demo');
    await citizen.postExpect(403, '/en/proposals', form);
  });

  test('submitted, registered and assigned with a deadline (a past deadline is refused)', async () => {
    const ngo = await client('ngo@kenes.demo');
    await ngo.postExpect(303, `${url}/submit`, {});
    const staff = await client('secretariat@kenes.demo');
    assert.equal((await ngo.post(`${url}/register`, {})).statusCode, 403, 'only the secretariat registers');
    await staff.postExpect(303, `${url}/register`, {});
    const past = await staff.postExpect(422, `${url}/assign`, { deadline: '2020-01-01' });
    assert.match(errorsOf(past.body), /deadline must be in the future/);
    await staff.postExpect(303, `${url}/assign`, { deadline: inDays(30) });
    const status = await t.db.selectFrom('proposals').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(status.status, 'assigned');
  });

  test('only the addressed ministry answers, always with reasons', async () => {
    const mia = await client('mia@kenes.demo');
    const wrongBody = await mia.postExpect(422, `${url}/answer`, { answer: 'accepted', reasons_ru: 'Поддерживаем' });
    assert.match(errorsOf(wrongBody.body), /not addressed to your organisation/);
    // The ministry of education gets a representative by invitation (the demo has none).
    const staff = await client('secretariat@kenes.demo');
    await staff.post('/en/admin/invitations', {
      email: 'moe@kenes.demo',
      displayName: 'Представитель МП',
      role: 'representative',
      organisationId: await orgId(t.db, 'ministry-of-education'),
      locale: 'ru',
    });
    const link =
      (
        await t.db.selectFrom('email_outbox').select('body_text').orderBy('id', 'desc').executeTakeFirstOrThrow()
      ).body_text.match(/localhost:3000(\/\S+)/)?.[1] ?? '';
    const moe = new TestClient(t.app);
    await moe.postExpect(303, link, { password: 'moe-secret-2026', confirm: 'moe-secret-2026' });
    const noReasons = await moe.postExpect(422, `${url}/answer`, { answer: 'accepted' });
    assert.match(errorsOf(noReasons.body), /Enter it in at least one language/);
    await moe.postExpect(303, `${url}/answer`, {
      answer: 'partly_accepted',
      reasons_ru: 'Поддерживаем в части административной ответственности.',
    });
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
    await ngo.postExpect(303, `${url}/answers/${addressee.id}/assessment`, {
      assessment: 'partly_satisfied',
      comment: 'Нужна и уголовная ответственность.',
    });
    const mia = await client('mia@kenes.demo');
    await mia.postExpect(403, `${url}/answers/${addressee.id}/assessment`, { assessment: 'satisfied' });
    const page = parseHtml((await new TestClient(t.app).get(`/ru/proposals/${id}`)).body);
    const answer = textOf(page.querySelector('article.answer'));
    assert.match(answer, /Принято частично.*административной ответственности/);
    assert.match(answer, /Частично удовлетворительно.*уголовная ответственность/);
  });

  test('stages advance in order to "in force"; out of order is refused', async () => {
    const staff = await client('secretariat@kenes.demo');
    const skip = await staff.postExpect(422, `${url}/stages`, { stage: 'senate', date: '2026-01-10' });
    assert.match(errorsOf(skip.body), /next stage is/);
    for (const [stage, date] of [
      ['drafted', '2026-01-10'],
      ['government', '2026-02-10'],
      ['mazhilis', '2026-03-10'],
      ['senate', '2026-04-10'],
      ['signed', '2026-05-10'],
    ]) {
      assert.equal(
        (await staff.post(`${url}/stages`, { stage: stage ?? '', date: date ?? '' })).statusCode,
        303,
        stage,
      );
    }
    await staff.postExpect(303, `${url}/stages`, {
      stage: 'in_force',
      date: '2026-06-01',
      url: 'https://adilet.zan.kz/rus/docs/Z2700000001',
    });
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
    const other = await proposalIn(t.db, 'submitted');
    assert.ok(other, 'the demo has a submitted proposal');
    await citizen.postExpect(303, `/en/proposals/${other}/follow`, { follow: '1' });
    const staff = await client('secretariat@kenes.demo');
    const mailsBefore = await t.db
      .selectFrom('email_outbox')
      .select('id')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    await staff.postExpect(303, `/en/proposals/${other}/register`, {});
    // E-mail goes once the proposal has been quiet for a few minutes (issue 13): as if they had passed.
    await sendNotificationMail(t.db, [proposalNotifications], 'http://localhost:3000', { quietMs: 0 });
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
