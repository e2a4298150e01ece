import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { orgId } from '../../testing/data.ts';
import { errorsOf, parseHtml, textOf } from '../../testing/html.ts';
import { scheduleMeeting } from '../../testing/meetings.ts';

/* Issue 13: the register starts from the invitations and their answers; one form marks everyone; adding offers one organisation's people. */

let staff: TestClient;
const t = useTestApp({ demo: true }, async () => {
  staff = await TestClient.signedIn(t.app, 'secretariat@kenes.demo');
});

/** People holding a position now in an organisation, by id. */
async function peopleOf(organisationId: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom('positions')
    .select('person_id')
    .where('organisation_id', '=', organisationId)
    .where('until', 'is', null)
    .orderBy('person_id')
    .execute();
  return [...new Set(rows.map((r) => r.person_id))];
}

const registerOf = (meetingId: string) =>
  t.db
    .selectFrom('attendance')
    .select(['id', 'person_id', 'organisation_id', 'role', 'presence'])
    .where('meeting_id', '=', meetingId)
    .orderBy('id')
    .execute();

describe('the attendance register', { concurrency: false }, () => {
  let id = '';
  let base = '';
  let ngo = '';
  /** An invited organisation with at least two people, which names no delegate. */
  let silent = '';
  let silentPeople: string[] = [];

  before(async () => {
    ngo = await orgId(t.db, 'kadyr-kasiyet');
    const busiest = await t.db
      .selectFrom('positions')
      .select(['organisation_id', sql<number>`count(DISTINCT person_id)::int`.as('n')])
      .where('until', 'is', null)
      .where('organisation_id', '!=', ngo)
      .groupBy('organisation_id')
      .orderBy('n', 'desc')
      .executeTakeFirstOrThrow();
    silent = busiest.organisation_id;
    silentPeople = await peopleOf(silent);
    assert.ok(silentPeople.length >= 2, 'the demo has an organisation with two people');

    id = await scheduleMeeting(staff);
    base = `/en/meetings/${id}/attendance`;
    assert.equal((await staff.post(`/en/meetings/${id}/status`, { status: 'announced' })).statusCode, 303);
    for (const organisationIds of [ngo, silent]) {
      assert.equal(
        (await staff.post(`/en/meetings/${id}/invitations`, { organisationIds, role: 'member' })).statusCode,
        303,
      );
    }
    const representative = await TestClient.signedIn(t.app, 'ngo@kenes.demo');
    const answer = await representative.post(`/en/meetings/${id}`.concat('/response'), {
      response: 'confirmed',
      newDelegate: 'Айжан Құқыққорғаушы',
    });
    assert.equal(answer.statusCode, 303, errorsOf(answer.body));
  });

  test('starts from the invitations: delegates with their answer, the silent organisation’s people pre-filled, nobody marked', async () => {
    const page = parseHtml((await staff.get(base)).body);
    const rows = page.querySelectorAll('table.register tbody tr').map((tr) => textOf(tr));
    const delegate = rows.find((r) => r.includes('Айжан Құқыққорғаушы'));
    assert.match(delegate ?? '', /member.*confirmed.*expected/s, 'the delegate named in the answer');
    const prefilled = page.querySelectorAll(`table.register select[name^="add_${silent}_"]`);
    assert.deepEqual(
      prefilled.map((s) => s.getAttribute('name')?.split('_')[2]).sort(),
      [...silentPeople].sort(),
      'every person of the organisation that named nobody',
    );
    for (const select of prefilled) {
      assert.equal(
        select.querySelector('option[selected]')?.getAttribute('value'),
        '',
        'not recorded until staff choose',
      );
      assert.match(textOf(select.closest('tr')), /no answer yet/);
    }
    assert.match(textOf(page.querySelector('form.register')), /starts from the invitations/);
    // Pre-filled is not registered: only the delegate is in the register.
    assert.equal((await registerOf(id)).length, 1);
  });

  test('one form marks everyone: the register and the pre-filled lines in one POST, audited once', async () => {
    const [delegate] = await registerOf(id);
    assert.ok(delegate);
    const [first, second, ...rest] = silentPeople;
    const form: Record<string, string> = {
      [`presence_${delegate.id}`]: 'present',
      [`add_${silent}_${first}`]: 'online',
      [`add_${silent}_${second}`]: 'absent',
      ...Object.fromEntries(rest.map((p) => [`add_${silent}_${p}`, ''])),
    };
    const audits = async () =>
      (
        await t.db
          .selectFrom('audit_log')
          .select('id')
          .where('action', '=', 'attendance')
          .where('entity_id', '=', id)
          .execute()
      ).length;
    const auditsBefore = await audits();
    const res = await staff.post(base, form);
    assert.equal(res.statusCode, 303);
    const register = await registerOf(id);
    assert.deepEqual(
      register.map((r) => [r.person_id, r.organisation_id, r.role, r.presence]),
      [
        [delegate.person_id, ngo, 'member', 'present'],
        [first, silent, 'member', 'online'],
        [second, silent, 'member', 'absent'],
      ],
    );
    assert.equal(await audits(), auditsBefore + 1);
    // Once the organisation is in the register, its other people are no longer pre-filled.
    const page = parseHtml((await staff.get(base)).body);
    assert.equal(page.querySelectorAll(`select[name^="add_${silent}_"]`).length, 0);

    // A line the form never offered (an organisation not invited) is refused, and nothing changes.
    const undp = await orgId(t.db, 'undp');
    const stranger = (await peopleOf(undp))[0] ?? silentPeople[0];
    const forged = await staff.post(base, {
      [`presence_${delegate.id}`]: 'absent',
      [`add_${undp}_${stranger}`]: 'present',
    });
    assert.equal(forged.statusCode, 422);
    assert.equal((await registerOf(id)).length, 3);
    assert.equal((await registerOf(id))[0]?.presence, 'present');
  });

  test('adding a person offers only the chosen organisation’s people, without JavaScript', async () => {
    const first = parseHtml((await staff.get(base)).body);
    assert.ok(first.querySelector('form.choose-organisation[method="get"] select[name="organisation"]'));
    assert.equal(first.querySelector('select[name="personId"]'), null, 'no person before an organisation');

    const chosen = parseHtml((await staff.get(`${base}?organisation=${silent}`)).body);
    const offered = chosen
      .querySelectorAll('select[name="personId"] option')
      .map((o) => o.getAttribute('value'))
      .filter((v) => v);
    assert.deepEqual([...offered].sort(), [...silentPeople].sort());
    assert.equal(chosen.querySelector('input[name="organisationId"]')?.getAttribute('value'), silent);

    // A person of another organisation is refused beside the field, in the user's language.
    const ngoPerson = (await peopleOf(ngo))[0];
    assert.ok(ngoPerson);
    for (const [lang, message] of [
      ['en', /does not work for the chosen organisation/],
      ['ru', /не работает в выбранной организации/],
      ['kk', /таңдалған ұйымда жұмыс істемейді/],
    ] as const) {
      const res = await staff.post(`/${lang}/meetings/${id}/attendance/add`, {
        organisationId: silent,
        personId: ngoPerson,
        role: 'guest',
      });
      assert.equal(res.statusCode, 422, lang);
      assert.match(errorsOf(res.body), message, lang);
      // The form comes back at its second step, for the same organisation.
      assert.equal(parseHtml(res.body).querySelector('input[name="organisationId"]')?.getAttribute('value'), silent);
    }
    const third = silentPeople[2] ?? silentPeople[0];
    const add = await staff.post(`${base}/add`, { organisationId: silent, personId: third ?? '', role: 'guest' });
    assert.equal(add.statusCode, silentPeople[2] ? 303 : 422);
    const newcomer = await staff.post(`${base}/add`, {
      organisationId: silent,
      newPerson: 'Марат Жаңа',
      role: 'guest',
    });
    assert.equal(newcomer.statusCode, 303);
    assert.ok((await peopleOf(silent)).length > silentPeople.length, 'the new name joins the organisation');
  });
});
