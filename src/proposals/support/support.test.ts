import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { DEMO_PASSWORD } from '../../demo/content.ts';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { orgId, userId } from '../../testing/data.ts';
import { parseHtml, textOf } from '../../testing/html.ts';
import { draftProposal } from '../../testing/proposals.ts';

const t = useTestApp({ demo: true });

/** A public proposal that the organisation neither wrote nor must answer. */
async function publicProposalNotOf(slug: string): Promise<string> {
  const org = await orgId(t.db, slug);
  const row = await t.db
    .selectFrom('proposals as p')
    .select('p.id')
    .where('p.status', 'not in', ['draft', 'withdrawn', 'merged'])
    .where('p.submitted_at', 'is not', null)
    .where(sql<boolean>`p.id NOT IN (SELECT proposal_id FROM proposal_authors WHERE organisation_id = ${org})`)
    .where(sql<boolean>`p.id NOT IN (SELECT proposal_id FROM proposal_addressees WHERE organisation_id = ${org})`)
    .orderBy('p.id')
    .executeTakeFirstOrThrow();
  return row.id;
}
const supports = (proposalId: string) =>
  t.db
    .selectFrom('proposal_supports')
    .select(['user_id', 'organisation_id'])
    .where('proposal_id', '=', proposalId)
    .execute();
/** The label of the support form's button on a proposal's page, as `c` sees it. */
async function supportButton(c: TestClient, id: string): Promise<string> {
  const page = parseHtml((await c.get(`/en/proposals/${id}`)).body);
  return textOf(page.querySelector(`form[action="/en/proposals/${id}/support"] button`));
}
const countOnPage = async (c: TestClient, id: string) =>
  textOf(parseHtml((await c.get(`/en/proposals/${id}`)).body).querySelector('.facts .support-count'));

describe('support for proposals', () => {
  test('a citizen supports once, sees the count, and withdraws', async () => {
    const id = await publicProposalNotOf('kadyr-kasiyet');
    const citizen = await TestClient.signedIn(t.app, 'citizen@kenes.demo');
    assert.equal(await supportButton(citizen, id), 'Support this proposal');
    assert.equal((await citizen.post(`/en/proposals/${id}/support`, { support: '1' })).statusCode, 303);
    assert.equal((await citizen.post(`/en/proposals/${id}/support`, { support: '1' })).statusCode, 303);
    assert.deepEqual(await supports(id), [
      { user_id: await userId(t.db, 'citizen@kenes.demo'), organisation_id: null },
    ]);
    assert.equal(await countOnPage(new TestClient(t.app), id), '1 supporter', 'visitors see the count');
    const after = parseHtml((await citizen.get(`/ru/proposals/${id}`)).body);
    assert.equal(
      textOf(after.querySelector(`form[action="/ru/proposals/${id}/support"] button`)),
      'Отозвать поддержку',
    );
    assert.equal(textOf(after.querySelector('.facts .support-count')), '1 голос поддержки');
    assert.equal((await citizen.post(`/en/proposals/${id}/support`, { support: '0' })).statusCode, 303);
    assert.deepEqual(await supports(id), []);
    assert.equal(await countOnPage(citizen, id), '', 'no count shown when nobody supports');
    const actions = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'proposal')
      .where('entity_id', '=', id)
      .where('action', 'in', ['support', 'withdraw_support'])
      .orderBy('id')
      .execute();
    assert.deepEqual(
      actions.map((a) => a.action),
      ['support', 'withdraw_support'],
      'the repeated support changed nothing and was not audited',
    );
  });

  test('an organisation supports once, whichever representative gives or withdraws it', async () => {
    const id = await publicProposalNotOf('kadyr-kasiyet');
    const ngo = await TestClient.signedIn(t.app, 'ngo@kenes.demo');
    assert.equal(await supportButton(ngo, id), 'Support on behalf of your organisation');
    assert.equal((await ngo.post(`/en/proposals/${id}/support`, { support: '1' })).statusCode, 303);
    // A second representative of the same organisation sees it as given, and may withdraw it.
    await t.db
      .insertInto('users')
      .values({
        email: 'second-ngo-direct@example.org',
        password_hash: (
          await t.db
            .selectFrom('users')
            .select('password_hash')
            .where('email', '=', 'ngo@kenes.demo')
            .executeTakeFirstOrThrow()
        ).password_hash,
        display_name: 'Second representative',
        role: 'representative',
        organisation_id: await orgId(t.db, 'kadyr-kasiyet'),
      })
      .execute();
    const second = await TestClient.signedIn(t.app, 'second-ngo-direct@example.org', DEMO_PASSWORD);
    assert.equal((await second.post(`/en/proposals/${id}/support`, { support: '1' })).statusCode, 303);
    assert.equal((await supports(id)).length, 1, 'one organisation, one support');
    assert.equal((await second.post(`/en/proposals/${id}/support`, { support: '0' })).statusCode, 303);
    assert.deepEqual(await supports(id), []);
  });

  test('who may not: visitors, staff, observers; authors and addressees; drafts are unknown', async () => {
    const id = await publicProposalNotOf('kadyr-kasiyet');
    // A visitor's POST is refused like any other (403: sign in first).
    assert.equal((await new TestClient(t.app).post(`/en/proposals/${id}/support`, { support: '1' })).statusCode, 403);
    for (const email of ['secretariat@kenes.demo', 'observer@kenes.demo', 'chair@kenes.demo']) {
      const c = await TestClient.signedIn(t.app, email);
      assert.equal(
        parseHtml((await c.get(`/en/proposals/${id}`)).body).querySelector(`form[action$="/support"]`),
        null,
        email,
      );
      assert.equal((await c.post(`/en/proposals/${id}/support`, { support: '1' })).statusCode, 403, email);
    }
    // An addressee answers a proposal; it does not support it.
    const mia = await TestClient.signedIn(t.app, 'mia@kenes.demo');
    const addressed = await t.db
      .selectFrom('proposal_addressees as d')
      .innerJoin('proposals as p', 'p.id', 'd.proposal_id')
      .select('p.id')
      .where('d.organisation_id', '=', await orgId(t.db, 'mia'))
      .where('p.status', 'not in', ['draft', 'withdrawn', 'merged'])
      .executeTakeFirstOrThrow();
    assert.equal(
      parseHtml((await mia.get(`/en/proposals/${addressed.id}`)).body).querySelector('form[action$="/support"]'),
      null,
    );
    assert.equal((await mia.post(`/en/proposals/${addressed.id}/support`, { support: '1' })).statusCode, 409);
    // A draft: unknown to a citizen (404, as for an id that does not exist).
    const ngo = await TestClient.signedIn(t.app, 'ngo@kenes.demo');
    const { id: draft } = await draftProposal(ngo, {
      title_en: 'A draft nobody else sees',
      body_en: 'Text.',
      kind: 'amend_law',
      addresseeIds: await orgId(t.db, 'ministry-of-education'),
    });
    assert.equal(
      (await t.db.selectFrom('proposals').select('status').where('id', '=', draft).executeTakeFirst())?.status,
      'draft',
    );
    const citizen = await TestClient.signedIn(t.app, 'citizen@kenes.demo');
    assert.equal((await citizen.post(`/en/proposals/${draft}/support`, { support: '1' })).statusCode, 404);
    assert.equal((await citizen.post('/en/proposals/999999999/support', { support: '1' })).statusCode, 404);
    const bad = await citizen.post(`/en/proposals/${id}/support`, { support: 'yes' });
    assert.equal(bad.statusCode, 422);
    // Its authors see it, but it is not public yet: refused, not supported.
    assert.equal((await ngo.post(`/en/proposals/${draft}/support`, { support: '1' })).statusCode, 409);
    assert.deepEqual(await supports(draft), []);
  });

  test('the tracker and the API show the count and sort by it', async () => {
    const a = await publicProposalNotOf('kadyr-kasiyet');
    for (const email of ['citizen@kenes.demo', 'ngo@kenes.demo'])
      await (await TestClient.signedIn(t.app, email)).post(`/en/proposals/${a}/support`, { support: '1' });
    const visitor = new TestClient(t.app);
    const tracker = parseHtml((await visitor.get('/en/proposals?sort=support')).body);
    const first = tracker.querySelector('ul.proposal-list > li');
    assert.equal(first?.querySelector('a')?.getAttribute('href'), `/en/proposals/${a}`, 'the most supported first');
    assert.equal(textOf(first?.querySelector('.support-count')), '2 supporters');
    assert.ok(tracker.querySelector('select[name=sort] option[value=support]'));
    const list = (await visitor.get('/api/v1/proposals?sort=support')).json() as {
      items: { id: string; supportCount: number }[];
    };
    assert.deepEqual(list.items[0], { ...list.items[0], id: a, supportCount: 2 });
    assert.ok(list.items.slice(1).every((i) => i.supportCount <= 2));
    const one = (await visitor.get(`/api/v1/proposals/${a}`)).json() as { supportCount: number };
    assert.equal(one.supportCount, 2);
    const doc = (await visitor.get('/api/openapi.json')).json() as {
      components: { schemas: { ProposalSummary: { properties: Record<string, unknown> } } };
    };
    assert.ok(doc.components.schemas.ProposalSummary.properties.supportCount);
  });
});
