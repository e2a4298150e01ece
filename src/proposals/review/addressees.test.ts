import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { inDays, lastAudit, orgId, userId } from '../../testing/data.ts';
import { errorsOf, parseHtml, textOf } from '../../testing/html.ts';
import { draftProposal } from '../../testing/proposals.ts';

const t = useTestApp({ demo: true });

const client = (email: string) => TestClient.signedIn(t.app, email);

/** The kinds of the proposal events a person was notified of, for this proposal. */
async function notifiedOf(email: string, proposalId: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom('notifications as n')
    .innerJoin('proposal_events as e', 'e.id', 'n.event_id')
    .select('e.kind')
    .where('n.user_id', '=', await userId(t.db, email))
    .where('e.proposal_id', '=', proposalId)
    .execute();
  return rows.map((r) => r.kind);
}

/** Posts the addressees form with these bodies ticked (the field repeated, as a browser sends it). */
async function setAddressees(c: TestClient, url: string, ids: readonly string[]) {
  const page = await c.get('/en/password-reset');
  const token = parseHtml(page.body).querySelector('input[name="_csrf"]')?.getAttribute('value') ?? '';
  const res = await t.app.inject({
    method: 'POST',
    url: `${url}/addressees`,
    payload: new URLSearchParams([['_csrf', token], ...ids.map((i) => ['addresseeIds', i])]).toString(),
    headers: { cookie: c.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
  });
  return { statusCode: res.statusCode, body: res.body };
}

const addresseesOf = async (id: string) =>
  (
    await t.db
      .selectFrom('proposal_addressees')
      .select(['organisation_id', 'deadline'])
      .where('proposal_id', '=', id)
      .orderBy('organisation_id')
      .execute()
  ).map((a) => ({ org: a.organisation_id, deadline: a.deadline }));

describe('the secretariat changes whom a proposal is addressed to (issue 13)', { concurrency: false }, () => {
  let id = '';
  let url = '';
  const deadline = inDays(20);

  test('while submitted: only the secretariat, at least one state body, audited, on the timeline', async () => {
    const ngo = await client('ngo@kenes.demo');
    const justice = await orgId(t.db, 'ministry-of-justice');
    ({ url, id } = await draftProposal(ngo, {
      title_en: 'Free legal aid from the first hour of detention',
      body_en: 'Amend the Code of Criminal Procedure.',
      kind: 'amend_law',
      addresseeIds: justice,
    }));
    assert.equal((await ngo.post(`${url}/submit`, {})).statusCode, 303);
    const staff = await client('secretariat@kenes.demo');
    const form = parseHtml((await staff.get(url)).body).querySelector('form[action$="/addressees"]');
    assert.ok(form, 'the staff panel offers the form');
    assert.equal(form.querySelector(`input[name="addresseeIds"][value="${justice}"]`)?.hasAttribute('checked'), true);
    assert.equal(parseHtml((await ngo.get(url)).body).querySelector('form[action$="/addressees"]'), null);

    const mia = await orgId(t.db, 'mia');
    assert.equal((await setAddressees(ngo, url, [justice, mia])).statusCode, 403);
    const none = await setAddressees(staff, url, []);
    assert.equal(none.statusCode, 422);
    assert.match(errorsOf(none.body), /Choose at least one state body/);
    const undp = await setAddressees(staff, url, [justice, await orgId(t.db, 'undp')]);
    assert.equal(undp.statusCode, 422, 'only state bodies');
    const garbage = await setAddressees(staff, url, ['1; DROP TABLE proposals', justice]);
    assert.equal(garbage.statusCode, 422);
    assert.deepEqual(await addresseesOf(id), [{ org: justice, deadline: null }], 'refusals change nothing');

    assert.equal((await setAddressees(staff, url, [justice, mia])).statusCode, 303);
    assert.deepEqual((await addresseesOf(id)).map((a) => a.org).sort(), [justice, mia].sort());
    assert.match(textOf(parseHtml((await ngo.get(url)).body).querySelector('#timeline ~ ol')), /Also addressed to/);
    const entry = await lastAudit(t.db, { entity: 'proposal', entityId: id, action: 'change_addressees' });
    assert.deepEqual((entry.after as { added: string[] }).added, [mia]);
    assert.ok((await notifiedOf('ngo@kenes.demo', id)).includes('addressees_changed'), 'the authors are told');
    assert.deepEqual(await notifiedOf('mia@kenes.demo', id), [], 'not asked anything before the assignment');
  });

  test('after the assignment a body added gets the deadline, a notification and its "My work" entry', async () => {
    const staff = await client('secretariat@kenes.demo');
    const mia = await orgId(t.db, 'mia');
    const justice = await orgId(t.db, 'ministry-of-justice');
    // Registered with the ministry of justice alone; the ministry of internal affairs comes later.
    assert.equal((await setAddressees(staff, url, [justice])).statusCode, 303);
    assert.equal((await staff.post(`${url}/register`, {})).statusCode, 303);
    assert.equal((await staff.post(`${url}/assign`, { deadline })).statusCode, 303);
    assert.equal((await setAddressees(staff, url, [justice, mia])).statusCode, 303);
    assert.deepEqual(
      (await addresseesOf(id)).map((a) => a.deadline),
      [deadline, deadline],
    );
    assert.ok((await notifiedOf('mia@kenes.demo', id)).includes('addressees_changed'));
    // … of the kind "assigned" (e-mailed at once by default to state bodies), not "other changes".
    const kind = await t.db
      .selectFrom('notifications as n')
      .innerJoin('proposal_events as e', 'e.id', 'n.event_id')
      .select('n.kind')
      .where('n.user_id', '=', await userId(t.db, 'mia@kenes.demo'))
      .where('e.kind', '=', 'addressees_changed')
      .where('e.proposal_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(kind.kind, 'proposal-assigned');
    const ministry = await client('mia@kenes.demo');
    const notifications = textOf(parseHtml((await ministry.get('/en/notifications')).body).querySelector('main'));
    assert.match(notifications, /Also addressed to .*Internal Affairs.*answer due by/);
    const work = parseHtml((await ministry.get('/en/work')).body);
    assert.ok(work.querySelector(`a[href="/en/proposals/${id}"]`), 'the proposal waits on My work');
    // An addressee answers; it is never offered "Endorse", and cannot endorse by hand either.
    const page = parseHtml((await ministry.get(url)).body);
    assert.equal(page.querySelector('form[action$="/endorse"]'), null);
    assert.ok(page.querySelector('form[action$="/answer"]'));
    assert.equal((await ministry.post(`${url}/endorse`, {})).statusCode, 409);
  });

  test('a body that answered cannot be removed; removing the last one awaited makes it answered', async () => {
    const staff = await client('secretariat@kenes.demo');
    const ministry = await client('mia@kenes.demo');
    const mia = await orgId(t.db, 'mia');
    const justice = await orgId(t.db, 'ministry-of-justice');
    const answered = await ministry.post(`${url}/answer`, { answer: 'accepted', reasons_en: 'We agree.' });
    assert.equal(answered.statusCode, 303, errorsOf(answered.body));
    for (const lang of ['en', 'ru', 'kk'] as const) {
      const res = await setAddressees(staff, `/${lang}/proposals/${id}`, [justice]);
      assert.equal(res.statusCode, 422, lang);
      const message = errorsOf(res.body);
      assert.match(
        message,
        { en: /has already answered/, ru: /уже получен/, kk: /жауап беріп қойды/ }[lang],
        `${lang}: ${message}`,
      );
    }
    assert.equal((await setAddressees(staff, url, [mia])).statusCode, 303);
    const p = await t.db.selectFrom('proposals').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(p.status, 'answered');
    assert.equal(parseHtml((await staff.get(url)).body).querySelector('form[action$="/addressees"]'), null);
    const late = await setAddressees(staff, url, [mia, justice]);
    assert.equal(late.statusCode, 422, 'no change once every body has answered');
    assert.deepEqual(
      (await addresseesOf(id)).map((a) => a.org),
      [mia],
    );
  });

  test('a state body that wrote the proposal cannot be made one of its addressees', async () => {
    const ministry = await client('mia@kenes.demo');
    const justice = await orgId(t.db, 'ministry-of-justice');
    const { url: own } = await draftProposal(ministry, {
      title_en: 'A ministry’s own proposal',
      kind: 'bylaw',
      addresseeIds: justice,
    });
    assert.equal((await ministry.post(`${own}/submit`, {})).statusCode, 303);
    const staff = await client('secretariat@kenes.demo');
    const refused = await setAddressees(staff, own, [justice, await orgId(t.db, 'mia')]);
    assert.equal(refused.statusCode, 422);
    assert.match(errorsOf(refused.body), /An author of the proposal cannot be one of its addressees/);
  });
});
