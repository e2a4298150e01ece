import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { errorsOf, parseHtml, textOf } from '../../testing/html.ts';
import { COMMON_TIME_ZONES } from '../time.ts';

const t = useTestApp({ demo: true });

const as = (email: string | null) =>
  email ? TestClient.signedIn(t.app, email) : Promise.resolve(new TestClient(t.app));

/** The demo's held meeting (number 1): its id, and how many organisations were invited and people attended. */
async function heldMeeting() {
  const m = await t.db.selectFrom('meetings').select('id').where('number', '=', 1).executeTakeFirstOrThrow();
  const invited = await t.db
    .selectFrom('meeting_invitations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('meeting_id', '=', m.id)
    .executeTakeFirstOrThrow();
  const attended = await t.db
    .selectFrom('attendance')
    .select((eb) => eb.fn.count<string>('person_id').distinct().as('n'))
    .where('meeting_id', '=', m.id)
    .where('presence', 'in', ['present', 'online'])
    .executeTakeFirstOrThrow();
  return { id: m.id, invited: Number(invited.n), attended: Number(attended.n) };
}

describe('meetings as cards', () => {
  test('each meeting is a card: date block, status tag, summary; who took part as far as the reader may see', async () => {
    const held = await heldMeeting();
    await t.db
      .updateTable('meetings')
      .set({ description: JSON.stringify({ en: 'The first meeting. It heard the reports.\n\nSecond paragraph.' }) })
      .where('id', '=', held.id)
      .execute();
    assert.ok(held.invited > 0 && held.attended > 0, 'the demo meeting has invitations and attendance');
    const cardOf = async (email: string | null) => {
      const page = parseHtml((await (await as(email)).get('/en/meetings')).body);
      const card = page
        .querySelectorAll('ul.cards > li.card')
        .find((li) => li.querySelector(`a[href="/en/meetings/${held.id}"]`));
      assert.ok(card, 'the held meeting has a card');
      return card;
    };
    const visitor = await cardOf(null);
    assert.equal(
      visitor.querySelector('.date-block')?.getAttribute('datetime')?.slice(0, 4),
      textOf(visitor.querySelector('.date-block__year')),
    );
    assert.match(textOf(visitor.querySelector('.date-block__month')), /^[A-Z][a-z]{2}$/);
    assert.ok(visitor.querySelector('.tag.tag--done, .tag.tag--held'), 'a held meeting is tagged held');
    assert.equal(textOf(visitor.querySelector('.card__summary')), 'The first meeting. It heard the reports.');
    // A visitor sees how many attended (public after the meeting), not the invitations (members' part).
    assert.match(textOf(visitor), new RegExp(`${held.attended} people attended`));
    assert.doesNotMatch(textOf(visitor), /organisations? invited/);
    const member = await cardOf('ngo@kenes.demo');
    assert.match(
      textOf(member),
      new RegExp(`${held.invited} organisations invited · ${held.attended} people attended`),
    );
    const upcoming = parseHtml((await (await as(null)).get('/ru/meetings')).body).querySelector('#upcoming ~ ul.cards');
    assert.ok(upcoming?.querySelector('.tag--planned'), 'an announced meeting is tagged planned');
  });

  test('an empty list says so, why, and — to staff only — what to do next', async () => {
    const url = '/en/meetings?before=1950-01-01T00:00:00Z';
    const visitor = parseHtml((await (await as(null)).get(url)).body);
    const empty = visitor.querySelector('#past ~ .empty-state');
    assert.deepEqual(
      empty?.querySelectorAll('p').map((p) => textOf(p)),
      ['No meeting has been held yet.', 'Held meetings appear here with their minutes, decisions and communiqué.'],
    );
    assert.equal(visitor.querySelector('.empty-state a.button'), null, 'a visitor has nothing to do');
    const staff = parseHtml((await (await as('secretariat@kenes.demo')).get(url)).body);
    const next = staff.querySelector('#upcoming ~ .empty-state a.button');
    assert.equal(next?.getAttribute('href'), '/en/meetings/new');
  });
});

describe('the meeting page in sections', () => {
  test('a contents list at the top links to every section, and only to sections that are there', async () => {
    const held = await heldMeeting();
    const page = parseHtml((await (await as(null)).get(`/en/meetings/${held.id}`)).body);
    const links = page.querySelectorAll('nav.contents ol a');
    const targets = links.map((a) => a.getAttribute('href')?.slice(1) ?? '');
    assert.deepEqual(targets, [
      'agenda',
      'proposals',
      'documents',
      'attended',
      'minutes',
      'decisions',
      'communique',
      'comments',
    ]);
    for (const id of targets) assert.ok(page.querySelector(`#${id}`), `#${id} exists`);
    assert.equal(
      page.querySelectorAll('section.page-section').length,
      targets.length - 1,
      'comments are core’s section',
    );
    assert.match(textOf(links[0]), /Agenda/);
  });

  test('a new meeting shows empty sections with the next step: upload a document, draw up the agenda', async () => {
    const staff = await as('secretariat@kenes.demo');
    const res = await staff.post('/en/meetings', {
      title_en: 'Sections test',
      venue_en: 'Astana',
      startsAt: '2031-03-01T10:00',
      timeZone: 'Asia/Almaty',
      format: 'in_person',
      visibility: 'public',
    });
    assert.equal(res.statusCode, 303, errorsOf(res.body));
    const url = String(res.headers.location).replace(/\/agenda$/, '');
    const page = parseHtml((await staff.get(url)).body);
    const documents = page.querySelector('#documents ~ .empty-state');
    assert.match(textOf(documents), /No documents yet\./);
    assert.equal(documents?.querySelector('a')?.getAttribute('href'), '#add-document');
    assert.ok(page.querySelector('#add-document details[open] form'), 'the upload form is there, open');
    assert.equal(page.querySelector('#agenda ~ .empty-state a')?.getAttribute('href'), `${url}/agenda`);
    assert.equal(page.querySelector('#decisions'), null, 'no decisions section before the meeting is held');
  });
});

describe('the meeting form in the page’s language', () => {
  test('time zones by their localised names, not IANA ids; each distinct', async () => {
    const staff = await as('secretariat@kenes.demo');
    for (const [lang, almaty] of [
      ['kk', /^Алматы — Қазақстан уақыты \(GMT\+5\)$/],
      ['ru', /^Алматы — Казахстан \(GMT\+5\)$/],
      ['en', /^Almaty — Kazakhstan Time \(GMT\+5\)$/],
    ] as const) {
      const page = parseHtml((await staff.get(`/${lang}/meetings/new`)).body);
      const options = page.querySelectorAll('select[name="timeZone"] option');
      assert.deepEqual(
        options.map((o) => o.getAttribute('value')),
        COMMON_TIME_ZONES,
      );
      const labels = options.map((o) => textOf(o));
      assert.match(labels[0] ?? '', almaty, lang);
      assert.equal(new Set(labels).size, labels.length, `${lang}: no two zones read alike`);
      for (const label of labels) assert.doesNotMatch(label, /[A-Za-z]+\/[A-Za-z_]+/, `${lang}: ${label}`);
    }
  });
});
