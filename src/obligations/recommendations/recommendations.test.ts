import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { demoProposalIn } from '../../proposals/test-support.ts';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { errorsOf, parseHtml, textOf } from '../../testing/html.ts';
import { naughtyStrings } from '../../testing/naughty.ts';
import { addRepresentatives, day, idFrom, supportFor } from '../test-support.ts';

/**
 * A recommendation from entry to action, assessments and links; its edits; evidence on a progress
 * report (the one the journey wrote: the demo has none on a recommendation's own action).
 */

const t = useTestApp({ demo: true }, async () => {
  await addRepresentatives(t.db);
});

const { client, orgId, mechanismId, upload } = supportFor(t, () => new TestClient(t.app));

describe('a recommendation from entry to action, assessments on both sides and links', { concurrency: false }, () => {
  let rec = '';
  let recUrl = '';
  let actionId = '';

  test('staff record a recommendation; the form checks what it refers to', async () => {
    const staff = await client('secretariat@kenes.demo');
    const cycle = await t.db.selectFrom('reporting_cycles').select(['id', 'mechanism_id']).executeTakeFirstOrThrow();
    const base = {
      stateCode: 'KZ',
      mechanismId: cycle.mechanism_id,
      cycleId: cycle.id,
      symbol: 'CAT/C/KAZ/CO/5',
      paragraph: '14(a)',
      adoptedOn: '2026-02-31',
      text_en: 'Ensure that all persons deprived of liberty have access to a lawyer from the outset of detention.',
      text_ru: 'Обеспечить доступ к адвокату с момента фактического задержания.',
      response: 'supported',
      themeIds: (await t.db.selectFrom('themes').select('id').where('slug', '=', 'detention').executeTakeFirstOrThrow())
        .id,
      priority: 'on',
    };
    const badDate = await staff.post('/en/recommendations', base);
    assert.equal(badDate.statusCode, 422, '31 February');
    assert.match(errorsOf(badDate.body), /Enter a date/);
    const upr = await staff.postExpect(422, '/en/recommendations', {
      ...base,
      adoptedOn: '2026-02-20',
      recommendingState: 'FR',
    });
    assert.match(errorsOf(upr.body), /Only UPR recommendations/);
    const wrongCycle = await staff.postExpect(422, '/en/recommendations', {
      ...base,
      adoptedOn: '2026-02-20',
      mechanismId: await mechanismId('CRC'),
    });
    assert.match(errorsOf(wrongCycle.body), /another mechanism or State/);
    assert.equal((await (await client('mia@kenes.demo')).post('/en/recommendations', base)).statusCode, 403);
    const res = await staff.post('/en/recommendations', { ...base, adoptedOn: '2026-02-20' });
    assert.equal(res.statusCode, 303, errorsOf(res.body));
    recUrl = String(res.headers.location).replace('/en/', '/en/');
    rec = idFrom(recUrl);
    const dup = await staff.post('/en/recommendations', { ...base, adoptedOn: '2026-02-20' });
    assert.equal(dup.statusCode, 422, 'the same recommendation twice');
    const page = parseHtml((await (await client()).get(recUrl)).body);
    assert.match(textOf(page.querySelector('h1')), /CAT · CAT\/C\/KAZ\/CO\/5 · ¶ 14\(a\)/);
    assert.match(textOf(page.querySelector('main')), /Supported/);
    assert.match(textOf(page.querySelector('main')), /Persons deprived of liberty/);
    // In Kazakh the text falls back (to Russian) and says so.
    const kk = parseHtml((await (await client()).get(`/kk/recommendations/${rec}`)).body);
    assert.equal(kk.querySelector('.recommendation-text span')?.getAttribute('lang'), 'ru');
    assert.ok(kk.querySelector('.recommendation-text .untranslated'));
  });

  test('an action for the Ministry of Internal Affairs; only it (and staff) report progress', async () => {
    const staff = await client('secretariat@kenes.demo');
    const bad = await staff.postExpect(422, `${recUrl}/actions`, {
      title_en: 'Amend the Code',
      responsibleId: await orgId('kadyr-kasiyet'),
    });
    assert.match(errorsOf(bad.body), /Choose a state body/);
    const res = await staff.post(`${recUrl}/actions`, {
      title_en: 'Amend article 64 of the Code of Criminal Procedure',
      title_ru: 'Внести изменения в статью 64 УПК',
      indicator_en: 'Share of detainees who saw a lawyer within 3 hours',
      responsibleId: await orgId('mia'),
      deadline: day(-5),
      status: 'in_progress',
    });
    assert.equal(res.statusCode, 303, errorsOf(res.body));
    const action = await t.db
      .selectFrom('implementation_actions')
      .select('id')
      .where('recommendation_id', '=', rec)
      .executeTakeFirstOrThrow();
    actionId = action.id;
    const responsible = await t.db
      .selectFrom('recommendations')
      .select('responsible_ids')
      .where('id', '=', rec)
      .executeTakeFirstOrThrow();
    assert.deepEqual(responsible.responsible_ids, [await orgId('mia')], 'kept by the trigger');

    const progress = {
      reportedOn: day(-1),
      text_ru: 'Законопроект внесён в Мажилис.',
      links: 'https://adilet.zan.kz/x\nhttps://example.org/y',
    };
    for (const email of ['education@kenes.test', 'ngo@kenes.demo', 'observer@kenes.demo']) {
      assert.equal(
        (await (await client(email)).post(`${recUrl}/actions/${actionId}/progress`, progress)).statusCode,
        403,
        email,
      );
    }
    const mia = await client('mia@kenes.demo');
    await mia.postExpect(422, `${recUrl}/actions/${actionId}/progress`, { ...progress, links: 'not a link' });
    await mia.postExpect(303, `${recUrl}/actions/${actionId}/progress`, progress);
    await mia.postExpect(303, `${recUrl}/actions/${actionId}/status`, { status: 'completed' });
    const page = parseHtml((await (await client()).get(recUrl)).body);
    const text = textOf(page.querySelector(`#action-${actionId}`));
    assert.match(text, /Amend article 64/);
    assert.match(text, /Законопроект внесён в Мажилис/);
    assert.match(text, /Completed/);
    assert.doesNotMatch(text, /overdue/, 'a completed action is not overdue');
    assert.ok(page.querySelector(`#action-${actionId} a[href="https://adilet.zan.kz/x"]`));
  });

  test('assessments: the state body, civil society and the NHRI side by side; disagreement at a glance', async () => {
    const form = { level: 'implemented', reasons_ru: 'Норма принята, адвокат допускается с момента задержания.' };
    assert.equal(
      (await (await client('education@kenes.test')).post(`${recUrl}/assessment`, form)).statusCode,
      403,
      'not responsible',
    );
    assert.equal(
      (await (await client('osce@kenes.test')).post(`${recUrl}/assessment`, form)).statusCode,
      403,
      'international',
    );
    assert.equal((await (await client('observer@kenes.demo')).post(`${recUrl}/assessment`, form)).statusCode, 403);
    assert.equal((await (await client('secretariat@kenes.demo')).post(`${recUrl}/assessment`, form)).statusCode, 403);
    const mia = await client('mia@kenes.demo');
    await mia.postExpect(422, `${recUrl}/assessment`, { level: 'implemented' });
    await mia.postExpect(303, `${recUrl}/assessment`, form);
    let status = await t.db
      .selectFrom('recommendations')
      .select('status')
      .where('id', '=', rec)
      .executeTakeFirstOrThrow();
    assert.equal(status.status, 'implemented');
    let page = parseHtml((await (await client()).get(recUrl)).body);
    assert.equal(page.querySelector('.disagree'), null, 'one side only: nothing to disagree with');

    const ngo = await client('ngo@kenes.demo');
    await ngo.postExpect(303, `${recUrl}/assessment`, {
      level: 'not_started',
      reasons_kk: 'Іс жүзінде адвокат кешігіп жіберіледі.',
    });
    assert.equal(
      (
        await (
          await client('ombudsman@kenes.test')
        ).post(`${recUrl}/assessment`, { level: 'partly_implemented', reasons_en: 'Mixed.' })
      ).statusCode,
      303,
    );
    page = parseHtml((await (await client()).get(recUrl)).body);
    assert.match(textOf(page.querySelector('.disagree')), /assessments differ/);
    assert.match(textOf(page.querySelector('.disagree')), /State body \(self-assessment\): Implemented/);
    assert.match(textOf(page.querySelector('.disagree')), /Civil society: Not started/);
    assert.match(textOf(page.querySelector('#side-nhri')?.parentNode ?? null), /Partly implemented/);
    // A second assessment by the same organisation replaces its first; the status follows the state's.
    await mia.postExpect(303, `${recUrl}/assessment`, { level: 'in_progress', reasons_en: 'Still training.' });
    const count = await t.db
      .selectFrom('recommendation_assessments')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('recommendation_id', '=', rec)
      .executeTakeFirstOrThrow();
    assert.equal(count.n, 3);
    status = await t.db.selectFrom('recommendations').select('status').where('id', '=', rec).executeTakeFirstOrThrow();
    assert.equal(status.status, 'in_progress');
    const audits = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'recommendation_assessment')
      .execute();
    assert.deepEqual(audits.map((a) => a.action).sort(), ['create', 'create', 'create', 'update']);
  });

  test('clusters share their actions; likely repeats are proposed and confirmed by a person', async () => {
    const staff = await client('secretariat@kenes.demo');
    const crc = await mechanismId('CRC');
    const res = await staff.post('/en/recommendations', {
      stateCode: 'KZ',
      mechanismId: crc,
      symbol: 'CRC/C/KAZ/CO/4',
      paragraph: '22',
      adoptedOn: '2015-10-30',
      text_en: 'Ensure that all persons deprived of liberty have access to a lawyer from the start of detention.',
    });
    assert.equal(res.statusCode, 303, errorsOf(res.body));
    const earlier = idFrom(res.headers.location);
    // Kenes proposes the earlier, similar CRC recommendation as a likely repeat.
    let page = parseHtml((await staff.get(recUrl)).body);
    const proposed = textOf(page.querySelector('#proposed-repeats')?.parentNode ?? null);
    assert.match(proposed, /CRC · CRC\/C\/KAZ\/CO\/4 · ¶ 22/);
    assert.match(proposed, /\d+% similar/);
    await staff.postExpect(303, `${recUrl}/repeats`, { earlierId: earlier, decision: 'confirmed' });
    page = parseHtml((await (await client()).get(recUrl)).body);
    assert.match(textOf(page.querySelector('#repeats + ul')), /repeats this earlier one/);
    assert.equal(
      parseHtml((await staff.get(recUrl)).body).querySelector('#proposed-repeats'),
      null,
      'decided: no longer proposed',
    );

    // A new cluster around the first, the second joins it, an action for the cluster reaches both.
    await staff.postExpect(303, `${recUrl}/cluster`, { clusterTitle_en: 'Access to a lawyer' });
    const cluster = await t.db
      .selectFrom('recommendations')
      .select('cluster_id')
      .where('id', '=', rec)
      .executeTakeFirstOrThrow();
    assert.ok(cluster.cluster_id);
    await staff.postExpect(303, `/en/recommendations/${earlier}/cluster`, { clusterId: cluster.cluster_id ?? '' });
    await staff.postExpect(303, `/en/recommendations/${earlier}/actions`, {
      title_en: 'Training of investigators',
      responsibleId: await orgId('prosecutor-general'),
      forCluster: 'on',
    });
    const rows = await t.db
      .selectFrom('recommendations')
      .select(['id', 'responsible_ids'])
      .where('cluster_id', '=', cluster.cluster_id)
      .orderBy('id')
      .execute();
    assert.equal(rows.length, 2);
    const pg = await orgId('prosecutor-general');
    for (const r of rows) assert.ok(r.responsible_ids.includes(pg), `cluster action reaches ${r.id}`);
    page = parseHtml((await (await client()).get(recUrl)).body);
    assert.match(textOf(page.querySelector('#actions')?.parentNode ?? null), /Training of investigators/);
    assert.match(textOf(page.querySelector('main')), /for the whole cluster/);
  });

  test('links to a proposal, an agenda item and a task; unknown targets are refused; links can be removed', async () => {
    const staff = await client('secretariat@kenes.demo');
    const proposalId = await demoProposalIn(t.db, { not: 'draft' });
    const item = await t.db.selectFrom('agenda_items').select('id').executeTakeFirstOrThrow();
    const task = await t.db.selectFrom('tasks').select('id').executeTakeFirstOrThrow();
    await staff.postExpect(422, `${recUrl}/links`, { kind: 'proposal', targetId: '999999' });
    for (const [kind, targetId] of [
      ['proposal', proposalId],
      ['agenda_item', item.id],
      ['task', task.id],
    ]) {
      await staff.postExpect(303, `${recUrl}/links`, { kind: kind ?? '', targetId: targetId ?? '' });
    }
    assert.equal(
      (await (await client('mia@kenes.demo')).post(`${recUrl}/links`, { kind: 'task', targetId: task.id })).statusCode,
      403,
    );
    const page = parseHtml((await (await client()).get(recUrl)).body);
    assert.ok(page.querySelector(`a[href="/en/proposals/${proposalId}"]`));
    const proposalPage = parseHtml((await (await client()).get(`/en/proposals/${proposalId}`)).body);
    assert.ok(proposalPage.querySelector(`#implements + ul a[href="/en/recommendations/${rec}"]`), 'and back');
    assert.match(textOf(page.querySelector('main')), /Meeting \d+/);
    await staff.postExpect(303, `${recUrl}/links`, { kind: 'task', targetId: task.id, remove: 'on' });
    const left = await t.db
      .selectFrom('recommendation_tasks')
      .selectAll()
      .where('recommendation_id', '=', rec)
      .execute();
    assert.equal(left.length, 0);
  });

  test('the recommendation page runs the same number of queries however many actions and assessments it has', async () => {
    const count = async (email?: string) => {
      const c = await client(email);
      t.queries.length = 0;
      assert.equal((await c.get(recUrl)).statusCode, 200);
      return t.queries.filter((q) => !/sessions|users/.test(q)).length;
    };
    const [visitor, staff] = [await count(), await count('secretariat@kenes.demo')];
    for (let i = 0; i < 4; i++) {
      const a = await t.db
        .insertInto('implementation_actions')
        .values({
          recommendation_id: rec,
          title: JSON.stringify({ en: `Action ${i}` }),
          responsible_id: await orgId('ministry-of-justice'),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db
        .insertInto('action_progress_reports')
        .values({ action_id: a.id, reported_on: day(-1), text: JSON.stringify({ en: 'Done a bit' }) })
        .execute();
    }
    assert.equal(await count(), visitor);
    assert.equal(await count('secretariat@kenes.demo'), staff);
  });

  test('hostile text is stored as typed and shown escaped', async () => {
    const staff = await client('secretariat@kenes.demo');
    const cat = await mechanismId('CAT');
    for (const [i, s] of naughtyStrings()
      .filter((_, i) => i % 9 === 0)
      .entries()) {
      const res = await staff.post('/en/recommendations', {
        stateCode: 'KZ',
        mechanismId: cat,
        paragraph: `n${i}`,
        text_en: s,
      });
      if (res.statusCode === 422) continue; // control characters and the like are refused with a message
      assert.equal(res.statusCode, 303, `${JSON.stringify(s)}: ${errorsOf(res.body)}`);
      const page = await (await client()).get(String(res.headers.location));
      assert.equal(page.statusCode, 200);
      assert.equal(parseHtml(page.body).querySelectorAll('main script').length, 0);
    }
  });
});

describe('a recommendation’s edits and its evidence uploads through HTTP', { concurrency: false }, () => {
  test('a recommendation is edited by staff only; a bad edit changes nothing', async () => {
    const rec = await t.db.selectFrom('recommendations').selectAll().orderBy('id').executeTakeFirstOrThrow();
    const url = `/en/recommendations/${rec.id}/edit`;
    const form = { stateCode: rec.state_code, mechanismId: rec.mechanism_id, paragraph: '99', text_en: 'Edited text' };
    assert.equal((await (await client('mia@kenes.demo')).post(url, form)).statusCode, 403);
    const staff = await client('secretariat@kenes.demo');
    assert.equal((await staff.get(url)).statusCode, 200);
    await staff.postExpect(422, url, { ...form, adoptedOn: '2021-02-31' });
    let row = await t.db
      .selectFrom('recommendations')
      .select(['text', 'paragraph'])
      .where('id', '=', rec.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row.text, rec.text, 'nothing written');
    await staff.postExpect(303, url, form);
    row = await t.db
      .selectFrom('recommendations')
      .select(['text', 'paragraph'])
      .where('id', '=', rec.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.text.en, 'Edited text');
    assert.equal(row.paragraph, '99');
  });

  test('the SDG targets, in English only, are marked as such on a Kazakh or Russian form, not on an English one', async () => {
    const rec = await t.db.selectFrom('recommendations').select('id').orderBy('id').executeTakeFirstOrThrow();
    const staff = await client('secretariat@kenes.demo');
    const optionOf = async (lang: string) => {
      const page = parseHtml((await staff.get(`/${lang}/recommendations/${rec.id}/edit`)).body);
      const option = page.querySelector('select[name="sdgTargets"] option[value="1.1"]');
      assert.ok(option, lang);
      return option;
    };
    const kk = await optionOf('kk');
    assert.equal(kk.getAttribute('lang'), 'en');
    assert.match(textOf(kk), /^1\.1 By 2030, eradicate extreme poverty.* \(аударылмаған\)$/);
    assert.match(textOf(await optionOf('ru')), /\(нет перевода\)$/);
    const en = await optionOf('en');
    assert.equal(en.getAttribute('lang') ?? null, null);
    assert.doesNotMatch(textOf(en), /not translated/);
  });

  test('evidence is attached to a progress report by the responsible body only', async () => {
    const report = await t.db
      .selectFrom('action_progress_reports as p')
      .innerJoin('implementation_actions as a', 'a.id', 'p.action_id')
      .innerJoin('organisations as o', 'o.id', 'a.responsible_id')
      .select(['p.id', 'a.recommendation_id', 'a.cluster_id'])
      .where('o.slug', '=', 'mia')
      .where('a.recommendation_id', 'is not', null)
      .executeTakeFirstOrThrow();
    const page = `/en/recommendations/${report.recommendation_id}`;
    const url = `${page}/progress/${report.id}/files`;
    assert.equal((await upload(await client('education@kenes.test'), page, url, {})).statusCode, 403);
    const res = await upload(await client('mia@kenes.demo'), page, url, {});
    assert.equal(res.statusCode, 303);
    const files = await t.db
      .selectFrom('action_progress_files')
      .select('file_id')
      .where('report_id', '=', report.id)
      .execute();
    assert.equal(files.length, 1);
    assert.ok(
      parseHtml((await (await client()).get(page)).body).querySelector(`#progress-${report.id} a[href^="/files/"]`),
    );
  });
});
