import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { lastAudit, userId } from '../../testing/data.ts';
import { parseHtml, textOf } from '../../testing/html.ts';

const t = useTestApp({ demo: true });

/** The choice checked for each kind on the settings page. */
async function checked(client: TestClient, lang = 'en') {
  const html = parseHtml((await client.get(`/${lang}/account/notifications`)).body);
  const out: Record<string, string> = {};
  for (const input of html.querySelectorAll('fieldset input[type="radio"][checked]'))
    out[input.getAttribute('name') ?? ''] = input.getAttribute('value') ?? '';
  return { html, out };
}

describe('e-mail settings per kind of notification (issue 13)', { concurrency: false }, () => {
  test('a ministry representative sees one fieldset per kind of theirs, the role’s defaults checked', async () => {
    const mia = await TestClient.signedIn(t.app, 'mia@kenes.demo');
    const { html, out } = await checked(mia);
    const legends = html.querySelectorAll('form fieldset legend').map((l) => textOf(l));
    assert.ok(legends.includes('A proposal is assigned to your organisation for an answer'), legends.join(' | '));
    assert.ok(!legends.some((l) => /register it/.test(l)), 'submissions are the secretariat’s');
    assert.equal(out['proposal-assigned'], 'immediately');
    assert.equal(out['proposal-updates'], 'daily');
    assert.equal(out['answer-due-soon'], 'daily');
    // Each radio group has its four choices, "in Kenes only" among them, the default marked.
    const group = html.querySelector('#field-proposal-assigned');
    assert.equal(group?.querySelectorAll('input[type="radio"]').length, 4);
    assert.match(textOf(group), /at once \(the default for your role\)/);
    assert.match(textOf(group), /in Kenes only \(no e-mail\)/);
    // An observer follows things but is asked to answer nothing: updates weekly by default.
    const observer = await TestClient.signedIn(t.app, 'observer@kenes.demo');
    const seen = (await checked(observer)).out;
    assert.equal(seen['proposal-updates'], 'weekly');
    assert.equal(seen['proposal-assigned'], undefined);
  });

  test('every role sees its own defaults: an answer to a proposal at once for the administrator, daily for the secretariat, the chair and a citizen', async () => {
    for (const [email, answered] of [
      ['admin@kenes.demo', 'immediately'],
      ['secretariat@kenes.demo', 'daily'],
      ['chair@kenes.demo', 'daily'],
      ['citizen@kenes.demo', 'daily'],
    ] as const) {
      const { out } = await checked(await TestClient.signedIn(t.app, email));
      assert.equal(out['proposal-answered'], answered, email);
    }
    // The secretariat registers submissions; a citizen does not, and is not asked about it.
    const secretariat = (await checked(await TestClient.signedIn(t.app, 'secretariat@kenes.demo'))).html;
    const citizen = (await checked(await TestClient.signedIn(t.app, 'citizen@kenes.demo'))).html;
    const legends = (html: typeof citizen) => html.querySelectorAll('form fieldset legend').map((l) => textOf(l));
    assert.ok(
      legends(secretariat).some((l) => /register it/.test(l)),
      legends(secretariat).join(' | '),
    );
    assert.ok(!legends(citizen).some((l) => /register it/.test(l)), legends(citizen).join(' | '));
  });

  test('saving: every kind at once, audited; a bad or missing choice answers 422 in the reader’s language', async () => {
    const mia = await TestClient.signedIn(t.app, 'mia@kenes.demo');
    const { out } = await checked(mia);
    const bad = await mia.post('/ru/account/notifications', { ...out, 'proposal-assigned': 'hourly' });
    assert.equal(bad.statusCode, 422);
    const page = parseHtml(bad.body);
    assert.ok(page.querySelector('.error-summary a[href="#field-proposal-assigned"]'));
    assert.ok(page.querySelector('#field-proposal-assigned.has-error'));
    assert.match(textOf(page.querySelector('#field-proposal-assigned .field-error')), /[а-я]/);
    const { 'answer-overdue': _, ...missing } = out;
    assert.equal((await mia.post('/en/account/notifications', missing)).statusCode, 422);

    const saved = await mia.post('/en/account/notifications', {
      ...out,
      'proposal-assigned': 'weekly',
      'answer-due-soon': 'never',
    });
    assert.equal(saved.statusCode, 303);
    const now = (await checked(mia, 'kk')).out;
    assert.equal(now['proposal-assigned'], 'weekly');
    assert.equal(now['answer-due-soon'], 'never');
    assert.equal(now['proposal-updates'], 'daily', 'the others as they were');
    const id = await userId(t.db, 'mia@kenes.demo');
    const entry = await lastAudit(t.db, { entity: 'user', entityId: id, action: 'notify' });
    assert.equal((entry.after as Record<string, string>)['proposal-assigned'], 'weekly');
  });

  test('the Kazakh page names the kinds in Kazakh; a visitor is sent to sign in', async () => {
    const mia = await TestClient.signedIn(t.app, 'mia@kenes.demo');
    const { html } = await checked(mia, 'kk');
    assert.match(
      textOf(html.querySelector('form[action="/kk/account/notifications"]')),
      /Ұсыныс ұйымыңызға жауап беру үшін жолданды/,
    );
    const visitor = await t.app.inject({ url: '/en/account/notifications' });
    assert.notEqual(visitor.statusCode, 200);
  });
});
