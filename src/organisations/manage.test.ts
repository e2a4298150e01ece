import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { can } from '../core/auth/policy.ts';
import { useTestApp } from '../testing/app.ts';
import { asEveryDemoUser, TestClient } from '../testing/client.ts';
import { orgId } from '../testing/data.ts';
import { errorsOf, parseHtml, textOf } from '../testing/html.ts';

let staff: TestClient;
const t = useTestApp({ demo: true }, async () => {
  staff = await TestClient.signedIn(t.app, 'secretariat@kenes.demo');
});

const lastAudit = () => t.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();

describe('organisations managed by the secretariat', () => {
  test('create an organisation in two languages; the third shows "not translated"', async () => {
    const res = await staff.postExpect(303, '/en/organisations', {
      name_ru: 'Общественный фонд «Равные права»',
      name_en: 'Equal Rights Foundation',
      short_en: 'ERF',
      category: 'ngo',
      website: 'https://equal-rights.example.kz',
      parentId: '',
    });
    assert.equal(res.headers.location, '/en/organisations/equal-rights-foundation');
    const kk = parseHtml((await staff.get('/kk/organisations/equal-rights-foundation')).body);
    assert.match(textOf(kk.querySelector('h1')), /Общественный фонд «Равные права» \(аударылмаған\)/);
    const entry = await lastAudit();
    assert.equal(entry.entity, 'organisation');
    assert.equal(entry.action, 'create');
    assert.equal(entry.actor_label, 'secretariat@kenes.demo');
  });

  test('a new organisation without any name, with a bad website or category, is refused', async () => {
    const before = (await t.db.selectFrom('organisations').select('id').execute()).length;
    const res = await staff.postExpect(422, '/ru/organisations', {
      name_kk: ' ',
      category: 'cult',
      website: 'javascript:alert(1)',
      parentId: '',
    });
    const errors = errorsOf(res.body);
    assert.match(errors, /Заполните хотя бы на одном языке/);
    assert.match(errors, /Выберите один из вариантов/);
    assert.match(errors, /http:\/\/ или https:\/\//);
    assert.equal((await t.db.selectFrom('organisations').select('id').execute()).length, before);
  });

  test('editing keeps the address, records before and after, and refuses a loop of parents', async () => {
    const coalition = await orgId(t.db, 'coalition-against-torture');
    const kibhr = await orgId(t.db, 'kibhr');
    const form = (await staff.get('/en/organisations/coalition-against-torture/edit')).body;
    assert.equal(
      parseHtml(form).querySelector('#field-name_en')?.getAttribute('value'),
      'Coalition of NGOs of Kazakhstan against Torture',
    );
    const loop = await staff.postExpect(422, '/en/organisations/coalition-against-torture/edit', {
      name_en: 'Coalition of NGOs of Kazakhstan against Torture',
      category: 'ngo',
      parentId: kibhr,
    });
    assert.match(errorsOf(loop.body), /cannot be part of itself or of one of its own members/);
    const ok = await staff.postExpect(303, '/en/organisations/coalition-against-torture/edit', {
      name_kk: 'Қазақстанның азаптауға қарсы ҮЕҰ коалициясы',
      name_ru: 'Коалиция НПО Казахстана против пыток',
      name_en: 'Coalition of Kazakhstan NGOs against Torture',
      category: 'ngo',
      website: 'https://notorture.kz',
    });
    assert.equal(ok.headers.location, '/en/organisations/coalition-against-torture');
    const entry = await lastAudit();
    assert.equal(entry.entity_id, coalition);
    assert.equal((entry.before as { website: string | null }).website, null);
    assert.equal((entry.after as { website: string }).website, 'https://notorture.kz');
  });

  test('membership changes keep their history', async () => {
    await staff.postExpect(303, '/en/organisations/undp/membership', { status: 'observer', since: '2026-01-01' });
    const doc = parseHtml((await staff.get('/en/organisations/undp')).body);
    const text = textOf(doc.querySelector('#membership + ul'));
    assert.match(text, /Observer since January 1, 2026/);
    assert.match(text, /Guest from January 1, 2013 to December 31, 2025/);
    await staff.postExpect(303, '/en/organisations/undp/membership', { status: 'observer', since: '2026-02-01' });
    const backwards = await staff.postExpect(422, '/en/organisations/undp/membership', {
      status: 'member',
      since: '2025-06-01',
    });
    assert.match(errorsOf(backwards.body), /cannot be before the start/);
  });

  test('people: added to an organisation, moved to another, with history', async () => {
    const add = await staff.postExpect(303, '/ru/organisations/ombudsman/people', {
      name_ru: 'Артур Правозащитник',
      name_kk: 'Артур Құқыққорғаушы',
      title_ru: 'Руководитель отдела',
      since: '2024-03-01',
    });
    const personUrl = String(add.headers.location);
    assert.match(personUrl, /^\/ru\/people\/\d+$/);
    const ombudsman = parseHtml((await staff.get('/ru/organisations/ombudsman')).body);
    assert.match(textOf(ombudsman.querySelector('#people + ul')), /Артур Правозащитник, Руководитель отдела/);

    const person = parseHtml((await staff.get(personUrl)).body);
    const endAction = person.querySelector('form.inline-end')?.getAttribute('action') ?? '';
    await staff.postExpect(303, endAction, { until: '2025-12-31' });
    const hrc = await orgId(t.db, 'human-rights-commission');
    await staff.postExpect(303, `${personUrl}/positions`, {
      organisationId: hrc,
      title_ru: 'Секретарь комиссии',
      since: '2026-01-05',
    });
    const history = textOf(parseHtml((await staff.get(personUrl)).body).querySelector('ul.positions'));
    assert.match(
      history,
      /Комиссия по правам человека при Президенте Республики Казахстан, Секретарь комиссии: 5 января 2026 г\. – по настоящее время/,
    );
    assert.match(
      history,
      /Уполномоченный по правам человека в Республике Казахстан, Руководитель отдела: 1 марта 2024 г\. – 31 декабря 2025 г\./,
    );
    await staff.postExpect(422, `${personUrl}/positions`, { organisationId: '999999', since: '' });
  });

  test('people are shown to members only; visitors and citizens do not see them', async () => {
    const visitor = parseHtml((await new TestClient(t.app).get('/en/organisations/mfa')).body);
    assert.equal(visitor.querySelector('#people'), null);
    const citizen = new TestClient(t.app);
    await citizen.signIn('citizen@kenes.demo');
    assert.equal(parseHtml((await citizen.get('/en/organisations/mfa')).body).querySelector('#people'), null);
    const observer = new TestClient(t.app);
    await observer.signIn('observer@kenes.demo');
    assert.ok(parseHtml((await observer.get('/en/organisations/mfa')).body).querySelector('#people'));
  });

  test('every management route refuses what the policy refuses', async () => {
    const mfa = await orgId(t.db, 'mfa');
    const routes = [
      { method: 'GET', url: '/en/organisations/new', action: 'manage-organisations' },
      { method: 'POST', url: '/en/organisations', action: 'manage-organisations' },
      { method: 'GET', url: '/en/organisations/mfa/edit', action: 'manage-organisations' },
      { method: 'POST', url: '/en/organisations/mfa/edit', action: 'manage-organisations' },
      { method: 'POST', url: '/en/organisations/mfa/membership', action: 'manage-organisations' },
      { method: 'POST', url: '/en/organisations/mfa/people', action: 'manage-people' },
      { method: 'POST', url: `/en/people/${mfa}/positions`, action: 'manage-people' },
    ] as const;
    await asEveryDemoUser(t.app, async (c, user, who) => {
      for (const r of routes) {
        const res = r.method === 'GET' ? await c.get(r.url) : await c.post(r.url, {});
        if (can(user, r.action))
          assert.ok([200, 404, 422].includes(res.statusCode), `${who} ${r.url}: ${res.statusCode}`);
        else assert.ok([303, 403].includes(res.statusCode), `${who} ${r.url} must be refused: ${res.statusCode}`);
      }
    });
  });
});
