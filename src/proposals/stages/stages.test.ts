import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { todayInBodyZone } from '../../core/dates.ts';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { lastAudit } from '../../testing/data.ts';
import { errorsOf, parseHtml, textOf } from '../../testing/html.ts';
import { demoProposalIn } from '../test-support.ts';

/* Issue 13: a stage is dated when it was reached, never in the future; a wrong stage is removed with a reason. */

const t = useTestApp({ demo: true });

const stagesOf = (id: string) =>
  t.db
    .selectFrom('proposal_stages')
    .select(['stage', 'reached_on'])
    .where('proposal_id', '=', id)
    .orderBy('id')
    .execute();
const statusOf = async (id: string) =>
  (await t.db.selectFrom('proposals').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

/** The day after `day` ("YYYY-MM-DD"). */
const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe('implementation stages and dates', { concurrency: false }, () => {
  test('a stage dated after today (in Astana) is refused in kk, ru and en; today is accepted', async () => {
    const staff = await TestClient.signedIn(t.app, 'secretariat@kenes.demo');
    const id = await demoProposalIn(t.db, 'in_implementation');
    const before = await stagesOf(id);
    const tomorrow = dayAfter(todayInBodyZone());
    for (const [lang, message] of [
      ['en', /still to come/],
      ['ru', /ещё не наступила/],
      ['kk', /әлі келген жоқ/],
    ] as const) {
      const res = await staff.post(`/${lang}/proposals/${id}/stages`, { stage: 'mazhilis', date: tomorrow });
      assert.equal(res.statusCode, 422, lang);
      assert.match(errorsOf(res.body), message, lang);
    }
    assert.deepEqual(await stagesOf(id), before, 'nothing recorded');
    assert.equal(await statusOf(id), 'in_implementation');
    // The form itself offers no later day.
    const page = parseHtml((await staff.get(`/en/proposals/${id}`)).body);
    assert.equal(
      page.querySelector('form[action$="/stages"] input[name="date"]')?.getAttribute('max'),
      todayInBodyZone(),
    );
    const ok = await staff.post(`/en/proposals/${id}/stages`, { stage: 'mazhilis', date: todayInBodyZone() });
    assert.equal(ok.statusCode, 303, errorsOf(ok.body));
    assert.equal((await stagesOf(id)).length, before.length + 1);
  });

  test('the last stage is removed only with a reason, which the audit log keeps', async () => {
    const staff = await TestClient.signedIn(t.app, 'secretariat@kenes.demo');
    const id = await demoProposalIn(t.db, 'in_implementation');
    const before = await stagesOf(id);
    assert.ok(before.length >= 2, 'the demo proposal has stages');
    const noReason = await staff.post(`/ru/proposals/${id}/stages/remove-last`, { reason: '' });
    assert.equal(noReason.statusCode, 422);
    assert.match(errorsOf(noReason.body), /обязательн/i);
    assert.equal((await stagesOf(id)).length, before.length);

    const mia = await TestClient.signedIn(t.app, 'mia@kenes.demo');
    assert.equal((await mia.post(`/en/proposals/${id}/stages/remove-last`, { reason: 'x' })).statusCode, 403);

    const reason = 'Дата перепутана: законопроект внесён в мажилис позже';
    const res = await staff.post(`/en/proposals/${id}/stages/remove-last`, { reason });
    assert.equal(res.statusCode, 303, errorsOf(res.body));
    assert.deepEqual(await stagesOf(id), before.slice(0, -1));
    assert.equal(await statusOf(id), 'in_implementation');
    const entry = await lastAudit(t.db, { entity: 'proposal', entityId: id });
    assert.equal(entry.action, 'stage-removed');
    assert.deepEqual(entry.after, { status: 'in_implementation', reason });
    assert.equal((entry.before as { stage: string }).stage, before.at(-1)?.stage);

    // Down to no stage: the proposal stands answered again, and the page offers no removal.
    while ((await stagesOf(id)).length > 0) {
      assert.equal((await staff.post(`/en/proposals/${id}/stages/remove-last`, { reason: 'wrong' })).statusCode, 303);
    }
    assert.equal(await statusOf(id), 'answered');
    const page = parseHtml((await staff.get(`/en/proposals/${id}`)).body);
    assert.equal(page.querySelector('form[action$="/stages/remove-last"]'), null);
    const none = await staff.post(`/en/proposals/${id}/stages/remove-last`, { reason: 'again' });
    assert.equal(none.statusCode, 422);
    assert.match(errorsOf(none.body), /No stage has been recorded/);
  });

  test('an answer’s date and the timeline’s date-time of one moment agree (Astana time, stated once)', async () => {
    const id = await demoProposalIn(t.db, 'answered');
    const answered = await t.db
      .selectFrom('proposal_events')
      .select('id')
      .where('proposal_id', '=', id)
      .where('kind', '=', 'answered')
      .execute();
    assert.ok(answered.length > 0, 'the demo proposal has an answer in its timeline');
    // 23:06 UTC on 5 December is 04:06 on 6 December in Astana: the bug of issue 13 showed "5 Dec" beside "6 Dec 04:06".
    const at = new Date('2026-12-05T23:06:00Z');
    await t.db.updateTable('proposal_addressees').set({ answered_at: at }).where('proposal_id', '=', id).execute();
    await t.db
      .updateTable('proposal_events')
      .set({ at })
      .where('proposal_id', '=', id)
      .where('kind', '=', 'answered')
      .execute();
    const html = (await new TestClient(t.app).get(`/en/proposals/${id}`)).body;
    const page = parseHtml(html);
    assert.match(textOf(page.querySelector('article.answer')), /December 6, 2026/);
    assert.doesNotMatch(textOf(page.querySelector('article.answer')), /December 5, 2026/);
    assert.match(textOf(page.querySelector('ol.timeline')), /December 6, 2026 at 04:06/);
    assert.equal(html.match(/Astana time \(GMT\+5\)/g)?.length, 1, 'the zone is stated once');
  });
});
