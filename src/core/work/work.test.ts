import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { inDays, insertTask, meetingIn, orgId } from '../../testing/data.ts';
import { errorsOf, parseHtml, textOf } from '../../testing/html.ts';
import { draftProposal } from '../../testing/proposals.ts';

const t = useTestApp({ demo: true });

const client = (email: string) => TestClient.signedIn(t.app, email);

/** The items of a person's "My work", as the page shows them. */
async function workOf(c: TestClient, lang = 'en') {
  const res = await c.get(`/${lang}/work`);
  assert.equal(res.statusCode, 200);
  const page = parseHtml(res.body);
  return {
    page,
    header: textOf(page.querySelector('.work-link')),
    items: page.querySelectorAll('.work-item').map((li) => ({
      key: li.getAttribute('data-key') ?? '',
      text: textOf(li),
      overdue: li.classList.contains('overdue'),
    })),
  };
}

describe('My work (issue 13)', { concurrency: false }, () => {
  let url = '';

  test('a visitor is asked to sign in; a citizen with nothing to do gets guidance', async () => {
    const visitor = await new TestClient(t.app).get('/en/work');
    assert.equal(visitor.statusCode, 303);
    assert.match(String(visitor.headers.location), /^\/en\/sign-in/);
    const citizen = await workOf(await client('citizen@kenes.demo'));
    assert.equal(citizen.items.length, 0);
    assert.match(textOf(citizen.page.querySelector('main')), /Nothing waits for you now\..*will appear here/);
    assert.equal(citizen.header, 'My work', 'no count when nothing waits');
  });

  test('the secretariat sees a submitted proposal to register; the ministry the assigned one, with its deadline', async () => {
    const ngo = await client('ngo@kenes.demo');
    const draft = await draftProposal(ngo, {
      title_en: 'Video recording of every interrogation',
      title_ru: 'Видеозапись каждого допроса',
      body_en: 'Record every interrogation on video.',
      kind: 'practice',
      addresseeIds: await orgId(t.db, 'mia'),
    });
    url = draft.url;
    const id = draft.id;
    assert.equal((await ngo.post(`${url}/submit`, {})).statusCode, 303);

    const staff = await client('secretariat@kenes.demo');
    const before = await workOf(staff);
    const register = before.items.find((i) => i.key === `proposal-register:${id}`);
    assert.ok(register, JSON.stringify(before.items));
    assert.match(register.text, /Register the submitted proposal: Video recording of every interrogation/);
    assert.match(before.header, new RegExp(`My work \\(${before.items.length}\\)`), 'the header counts the list');
    assert.equal((await staff.post(`${url}/register`, {})).statusCode, 303);
    assert.ok(!(await workOf(staff)).items.some((i) => i.key === `proposal-register:${id}`), 'registered: gone');

    const mia = await client('mia@kenes.demo');
    const miaBefore = (await workOf(mia)).items.length;
    const deadline = inDays(20);
    assert.equal((await staff.post(`${url}/assign`, { deadline })).statusCode, 303);
    const after = await workOf(mia);
    assert.equal(after.items.length, miaBefore + 1);
    const answer = after.items.find((i) => i.text.includes('Video recording of every interrogation'));
    assert.ok(answer);
    assert.match(answer.text, /^Answer the proposal: Video recording of every interrogation — due /);
    assert.equal(answer.overdue, false);
    assert.equal(after.page.querySelector(`li[data-key="${answer.key}"] time`)?.getAttribute('datetime'), deadline);
    // In Russian too, with the count in the header of any page.
    const ru = await workOf(mia, 'ru');
    assert.ok(ru.items.some((i) => /Ответить на предложение: Видеозапись каждого допроса/.test(i.text)));
    const home = parseHtml((await mia.get('/ru/')).body);
    assert.equal(textOf(home.querySelector('.work-link')), `Мои задачи (${after.items.length})`);
  });

  test('an overdue deadline stands out, in words, and comes first', async () => {
    const mia = await client('mia@kenes.demo');
    const proposalId = url.split('/')[3] ?? '';
    await t.db
      .updateTable('proposal_addressees')
      .set({ deadline: inDays(-3) })
      .where('proposal_id', '=', proposalId)
      .execute();
    const { items } = await workOf(mia);
    assert.match(items[0]?.text ?? '', /^Overdue Answer the proposal: Video recording/);
    assert.equal(items[0]?.overdue, true);
  });

  test('once the ministry answers, the proposal leaves its list', async () => {
    const mia = await client('mia@kenes.demo');
    const before = (await workOf(mia)).items.length;
    const res = await mia.post(`${url}/answer`, { answer: 'accepted', reasons_en: 'We will record them.' });
    assert.equal(res.statusCode, 303, errorsOf(res.body));
    const after = await workOf(mia);
    assert.equal(after.items.length, before - 1);
    assert.ok(!after.items.some((i) => i.text.includes('Video recording')));
  });

  test('circulated minutes: the chair approves, attendees read; a correction goes to the secretariat first', async () => {
    const meeting = await t.db
      .selectFrom('meetings')
      .select(['id'])
      .where('status', 'in', ['minutes_approved', 'published'])
      .orderBy('starts_at', 'desc')
      .executeTakeFirstOrThrow();
    // The demo's minutes are approved: put them back in review (as if just circulated).
    await t.db.updateTable('meetings').set({ status: 'minutes_review' }).where('id', '=', meeting.id).execute();
    const attended = await t.db
      .selectFrom('attendance')
      .select('organisation_id')
      .where('meeting_id', '=', meeting.id)
      .where('presence', 'in', ['present', 'online'])
      .execute();
    const chair = await client('chair@kenes.demo');
    const approve = (await workOf(chair)).items.find((i) => i.key === `minutes-approve:${meeting.id}`);
    assert.ok(approve, 'the chair sees minutes to approve');
    assert.match(approve.text, /^Approve the minutes: /);

    const ngoOrg = await orgId(t.db, 'kadyr-kasiyet');
    assert.ok(
      attended.some((a) => a.organisation_id === ngoOrg),
      'the NGO attended the demo meeting',
    );
    const ngo = await client('ngo@kenes.demo');
    assert.ok((await workOf(ngo)).items.some((i) => i.key === `minutes-read:${meeting.id}`));
    const citizen = await workOf(await client('citizen@kenes.demo'));
    assert.equal(citizen.items.length, 0, 'nothing of it for a citizen');

    const corrected = await ngo.post(`/en/meetings/${meeting.id}/minutes/corrections`, { text: 'Add our speaker.' });
    assert.equal(corrected.statusCode, 303, errorsOf(corrected.body));
    assert.ok(!(await workOf(ngo)).items.some((i) => i.key === `minutes-read:${meeting.id}`), 'answered: gone');
    assert.ok(!(await workOf(chair)).items.some((i) => i.key === `minutes-approve:${meeting.id}`), 'not yet');
    const staff = await client('secretariat@kenes.demo');
    assert.ok((await workOf(staff)).items.some((i) => i.key === `minutes-corrections:${meeting.id}`));
  });

  test('tasks and actions due to a responsible body; reporting-cycle deadlines to the secretariat', async () => {
    const meeting = await meetingIn(t.db, 'minutes_review');
    const mia = await orgId(t.db, 'mia');
    await insertTask(t.db, {
      meetingId: meeting.id,
      decision: 'Recommend video recording.',
      description: 'Report on video recording in police stations',
      organisationId: mia,
      deadline: inDays(5),
    });
    const recommendation = await t.db.selectFrom('recommendations').select('id').executeTakeFirstOrThrow();
    await t.db
      .insertInto('implementation_actions')
      .values({
        recommendation_id: recommendation.id,
        title: JSON.stringify({ en: 'Train investigators' }),
        responsible_id: mia,
        deadline: inDays(40),
      })
      .execute();
    const { items } = await workOf(await client('mia@kenes.demo'));
    const task = items.find((i) => i.key.startsWith('task:'));
    const action = items.find((i) => i.key.startsWith('action:'));
    assert.match(task?.text ?? '', /^Task of a meeting due: Report on video recording in police stations — due /);
    assert.match(action?.text ?? '', /^Implementation action due: Train investigators — due /);
    assert.ok(items.indexOf(task as never) < items.indexOf(action as never), 'soonest first');
    const staff = await workOf(await client('secretariat@kenes.demo'));
    const stage = staff.items.find((i) => i.key.startsWith('cycle-stage:'));
    assert.match(stage?.text ?? '', /Reporting cycle deadline: .* — due /, JSON.stringify(staff.items));
    // Soonest deadline first, undated things last.
    const dates = staff.page.querySelectorAll('.work-item time').map((el) => el.getAttribute('datetime') ?? '');
    assert.deepEqual(dates, [...dates].sort());
    assert.equal(staff.page.querySelectorAll('.work-item').at(-1)?.querySelector('time'), null);
  });

  test('the header costs one query, whatever waits', async () => {
    const staff = await client('secretariat@kenes.demo');
    await staff.get('/en/organisations');
    t.queries.length = 0;
    await staff.get('/en/organisations');
    const withWork = t.queries.filter(
      (q) => /count\(\*\) FROM/.test(q) && /minutes_review|proposal_addressees/.test(q),
    );
    assert.equal(withWork.length, 1, t.queries.join('\n'));
  });
});
