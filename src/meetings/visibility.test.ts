import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { ORGANISATION_CATEGORIES, type Role } from '../core/db/schema.ts';
import { syncSearch } from '../core/search/indexer.ts';
import { createTestApp, type TestApp } from '../testing/app.ts';
import { TestClient } from '../testing/client.ts';
import { inDays, insertTask, orgId } from '../testing/data.ts';
import { scheduleMeeting } from '../testing/meetings.ts';
import { meetingsDomain } from './domain.ts';
import { remindTasks } from './jobs.ts';
import * as probe from './test-visibility-probes.ts';
import { maySee, visibleCondition } from './visibility.ts';
import { MEETING_STATUSES } from './workflow.ts';

/*
 * Who sees a meeting, where: every meeting state × visibility × role × surface, written out by hand
 * (not derived from src/meetings/visibility.ts), so that a surface showing what it must not fails here.
 * Sixteen meetings (8 states × public / members-only) are made directly in the database, each with an
 * agenda item, a document, a decision with a task, a minutes version and a communiqué (published only
 * for the published ones), the item and task linked to one recommendation and the item to one cycle.
 */

const STATES = MEETING_STATUSES;
type State = (typeof STATES)[number];
type Visibility = 'public' | 'members';
type Kind = `${State} ${Visibility}`;

type Who = 'visitor' | Role;
const WHO: Who[] = ['visitor', 'citizen', 'representative', 'observer', 'chair', 'secretariat', 'platform_admin'];
const EMAIL: Record<Exclude<Who, 'visitor'>, string> = {
  citizen: 'citizen@kenes.demo',
  representative: 'ngo@kenes.demo',
  observer: 'observer@kenes.demo',
  chair: 'chair@kenes.demo',
  secretariat: 'secretariat@kenes.demo',
  platform_admin: 'admin@kenes.demo',
};

const SURFACES = [
  'page', //      GET /en/meetings/:id answers 200 (else 404)
  'list', //      /en/meetings names it
  'apiList', //   /api/v1/meetings lists it
  'apiItem', //   /api/v1/meetings/:id answers 200 (else 404)
  'ics', //       /en/meetings/:id.ics answers 200 (else 404)
  'apiIcs', //    /api/v1/meetings/:id.ics answers 200 (else 404)
  'allIcs', //    /en/meetings.ics has its event
  'feed', //      the reader's private calendar feed has its event (a visitor has none: '.')
  'file', //      its document's file downloads (else 404)
  'tasks', //     /en/tasks shows its task
  'home', //      the home page shows it as the next meeting (or its agenda)
  'filter', //    the "Meeting" filter on /en/proposals offers it
  'recommendation', // the recommendation page shows its linked agenda item and task
  'cycle', //     the cycle page lists it with its agenda item
  'news', //      /en/news shows its communiqué
  'atom', //      /en/news.atom has its communiqué
  'minutes', //   its page shows the approved minutes
  'drafts', //    /en/meetings/:id/minutes (versions in review) answers 200
  'register', //  /en/meetings/:id/attendance (who is expected or came, by name) answers 200
  'organisation', // the responsible organisation's page shows its task
  'search', //    the site's search (/api/v1/search) finds the meeting and its agenda item
] as const;
type Surface = (typeof SURFACES)[number];

/*
 * One string per cell group, a character per role in the order of WHO:
 *   visitor citizen representative observer chair secretariat admin
 * '+' sees it, '-' does not, '.' does not apply.
 */
const A = '+++++++'; // everyone
const M = '--+++++'; // members (representatives, observers, the chair, staff)
const S = '-----++'; // staff (secretariat, administrators)
const N = '-------'; // nobody
const V = '++-----'; // visitors and citizens only (home: members are shown a members-only meeting instead)
const FA = '.++++++'; // private feeds: every signed-in reader
const FM = '.-+++++';
const FS = '.----++';

/*
 * Home: the next meeting is the soonest announced or postponed one the reader may see; members-only
 * meetings are set nearer than public ones (see WHEN), so members are shown those and visitors the
 * public ones. Held meetings reach the home page only as its latest news (the 'news' column's rule).
 */
// biome-ignore format: a table is read by columns
const EXPECTED: Record<Kind, Record<Surface, string>> = {
  //                           page list apiList apiItem ics apiIcs allIcs feed file tasks home filter recommendation cycle news atom minutes drafts register organisation search
  'draft public':            row(S, S, S, S, S, S, N, FS, S, S, N, N, S, S, N, N, N, S, S, S, S),
  'announced public':        row(A, A, A, A, A, A, A, FA, A, A, V, A, A, A, N, N, N, S, M, A, A),
  'postponed public':        row(A, A, A, A, A, A, A, FA, A, A, N, A, A, A, N, N, N, S, M, A, A),
  'held public':             row(A, A, A, A, A, A, A, FA, A, A, N, A, A, A, N, N, N, S, M, A, A),
  'minutes_review public':   row(A, A, A, A, A, A, A, FA, A, A, N, A, A, A, N, N, N, M, M, A, A),
  'minutes_approved public': row(A, A, A, A, A, A, A, FA, A, A, N, A, A, A, N, N, A, M, M, A, A),
  'published public':        row(A, A, A, A, A, A, A, FA, A, A, N, A, A, A, A, A, A, M, M, A, A),
  'cancelled public':        row(A, A, A, A, A, A, A, FA, A, A, N, A, A, A, N, N, N, S, M, A, A),
  'draft members':           row(S, S, S, S, S, S, N, FS, S, S, N, N, S, S, N, N, N, S, S, S, S),
  'announced members':       row(M, M, M, M, M, M, N, FM, M, M, M, M, M, M, N, N, N, S, M, M, M),
  'postponed members':       row(M, M, M, M, M, M, N, FM, M, M, N, M, M, M, N, N, N, S, M, M, M),
  'held members':            row(M, M, M, M, M, M, N, FM, M, M, N, M, M, M, N, N, N, S, M, M, M),
  'minutes_review members':  row(M, M, M, M, M, M, N, FM, M, M, N, M, M, M, N, N, N, M, M, M, M),
  'minutes_approved members':row(M, M, M, M, M, M, N, FM, M, M, N, M, M, M, N, N, M, M, M, M, M),
  'published members':       row(M, M, M, M, M, M, N, FM, M, M, N, M, M, M, M, N, M, M, M, M, M),
  'cancelled members':       row(M, M, M, M, M, M, N, FM, M, M, N, M, M, M, N, N, N, S, M, M, M),
};

function row(...cells: string[]): Record<Surface, string> {
  assert.equal(cells.length, SURFACES.length);
  return Object.fromEntries(SURFACES.map((s, i) => [s, cells[i]])) as Record<Surface, string>;
}

const KINDS = Object.keys(EXPECTED) as Kind[];
const DAY = 86_400_000;
/** When each meeting starts, in days from now (see the home page's expectations). */
const WHEN: Record<Kind, number> = {
  'draft public': 0.5,
  'announced public': 3,
  'postponed public': 4,
  'held public': -8,
  'minutes_review public': -7,
  'minutes_approved public': -6,
  'published public': -5,
  'cancelled public': 6,
  'draft members': 0.6,
  'announced members': 1,
  'postponed members': 2,
  'held members': -4,
  'minutes_review members': -3,
  'minutes_approved members': -2,
  'published members': -1,
  'cancelled members': 7,
};

/** The unique words each meeting's parts carry, to find them in pages and feeds. */
const mark = (kind: Kind, part: string) => `zz${part}${kind.replace(' ', '')}zz`.replace(/_/g, '');

interface Made extends probe.ProbedMeeting {
  fileUrl: string;
  taskId: string;
}

let t: TestApp;
const clients = {} as Record<Who, TestClient>;
const feeds = {} as Record<Who, string | undefined>;
const made = {} as Record<Kind, Made>;
let recommendationId = '';
let cycleId = '';
/** A moment before the fixture was made: the API's changes feed (updated_since) must list all of it. */
let since = '';

async function makeMeeting(kind: Kind, number: number, bodyId: string, organisationId: string): Promise<Made> {
  const [status, visibility] = kind.split(' ') as [State, Visibility];
  const db = t.db;
  const startsAt = new Date(Date.now() + WHEN[kind] * DAY);
  const m = await db
    .insertInto('meetings')
    .values({
      body_id: bodyId,
      number,
      title: JSON.stringify({ en: mark(kind, 'title') }),
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + 2 * 3_600_000),
      time_zone: 'Asia/Almaty',
      venue: JSON.stringify({ en: 'Astana' }),
      format: 'in_person',
      visibility,
      status,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const item = await db
    .insertInto('agenda_items')
    .values({ meeting_id: m.id, position: 1, title: JSON.stringify({ en: mark(kind, 'item') }), cycle_id: cycleId })
    .returning('id')
    .executeTakeFirstOrThrow();
  const data = Buffer.from(`%PDF-1.4\n% ${kind}\n%%EOF\n`);
  const file = await db
    .insertInto('files')
    .values({
      filename: `${mark(kind, 'file')}.pdf`,
      content_type: 'application/pdf',
      size_bytes: String(data.length),
      sha256: createHash('sha256').update(data).digest('hex'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('file_chunks').values({ file_id: file.id, seq: 0, data }).execute();
  await db
    .insertInto('meeting_documents')
    .values({ meeting_id: m.id, file_id: file.id, title: JSON.stringify({ en: 'Report' }) })
    .execute();
  const taskId = await insertTask(db, {
    meetingId: m.id,
    agendaItemId: item.id,
    decision: mark(kind, 'decision'),
    description: mark(kind, 'task'),
    organisationId,
    deadline: inDays(30),
  });
  await db
    .insertInto('minutes_versions')
    .values({
      meeting_id: m.id,
      version: 1,
      content: JSON.stringify({ items: { [item.id]: { summary: { en: mark(kind, 'minutes') } } } }),
    })
    .execute();
  const news = await db
    .insertInto('communiques')
    .values({
      meeting_id: m.id,
      title: JSON.stringify({ en: mark(kind, 'news') }),
      body: JSON.stringify({ en: 'Body' }),
      published_at: status === 'published' ? new Date(startsAt.getTime() + DAY / 2) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // A published comment on the meeting and one on its communiqué (the comments' API and feeds).
  await db
    .insertInto('comments')
    .values([
      { kind: 'meeting', record_id: m.id, lang: 'en', body: mark(kind, 'comment'), state: 'published' },
      { kind: 'news', record_id: news.id, lang: 'en', body: mark(kind, 'newscomment'), state: 'published' },
    ])
    .execute();
  await db
    .insertInto('recommendation_agenda_items')
    .values({ recommendation_id: recommendationId, agenda_item_id: item.id })
    .execute();
  await db
    .insertInto('recommendation_tasks')
    .values({ recommendation_id: recommendationId, task_id: taskId })
    .execute();
  return {
    id: m.id,
    newsId: news.id,
    word: (part) => mark(kind, part),
    fileUrl: `/files/${file.id}/${mark(kind, 'file')}.pdf`,
    taskId,
  };
}

before(async () => {
  t = await createTestApp({ demo: true });
  since = new Date(Date.now() - 1000).toISOString();
  const body = await t.db.selectFrom('bodies').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
  const org = await orgId(t.db, 'kadyr-kasiyet');
  recommendationId = (await t.db.selectFrom('recommendations').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  cycleId = (await t.db.selectFrom('reporting_cycles').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  for (const [i, kind] of KINDS.entries()) made[kind] = await makeMeeting(kind, 100 + i, body.id, org);
  // The site's search reads its index, as the job would have brought it up to date.
  await syncSearch(t.db, meetingsDomain.searchable ?? []);
  await recordAttendance();
  for (const who of WHO) {
    const client = new TestClient(t.app);
    clients[who] = client;
    if (who === 'visitor') continue;
    await client.signIn(EMAIL[who]);
    const page = await client.post('/en/account/calendar', {});
    feeds[who] = /\/calendar\/[A-Za-z0-9_-]{43}\.ics/.exec(page.body)?.[0];
    assert.ok(feeds[who], `a calendar address for ${who}`);
  }
});
after(() => t.close());

/** Calendar lines are folded at 75 octets; unfolded, a UID or a word is on one line. */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');
const uid = (kind: Kind) => `UID:meeting-${made[kind].id}@`;

/**
 * How each surface answers "does this reader see this meeting?". A list surface is fetched once per
 * reader and then asked about every meeting.
 */
type Probe = (who: Who) => Promise<(kind: Kind) => boolean | undefined>;

/** A page for one meeting: 200 shows it; a refusal must be 404, as for an unknown id (or, before any lookup, 303 to sign in / 401 / 403). */
const perMeeting =
  (url: (m: Made) => string, refusals = [404]): Probe =>
  async (who) => {
    const answers = new Map<Kind, boolean>();
    for (const kind of KINDS) {
      const res = await clients[who].get(url(made[kind]));
      assert.ok(
        res.statusCode === 200 || refusals.includes(res.statusCode),
        `${who} ${kind} ${url(made[kind])}: ${res.statusCode}`,
      );
      answers.set(kind, res.statusCode === 200);
    }
    return (kind) => answers.get(kind);
  };

const contains =
  (url: string, word: (kind: Kind) => string, transform = (s: string) => s): Probe =>
  async (who) => {
    const res = await clients[who].get(url);
    assert.equal(res.statusCode, 200, `${who} ${url}`);
    const body = transform(res.body);
    return (kind) => body.includes(word(kind));
  };

const PROBES: Record<Surface, Probe> = {
  page: perMeeting((m) => `/en/meetings/${m.id}`),
  list: contains('/en/meetings', (k) => mark(k, 'title')),
  apiList: async (who) => {
    const res = await clients[who].get('/api/v1/meetings?limit=100');
    const ids = new Set((res.json() as { items: { id: string }[] }).items.map((m) => m.id));
    return (kind) => ids.has(made[kind].id);
  },
  apiItem: perMeeting((m) => `/api/v1/meetings/${m.id}`),
  ics: perMeeting((m) => `/en/meetings/${m.id}.ics`),
  apiIcs: perMeeting((m) => `/api/v1/meetings/${m.id}.ics`),
  allIcs: contains('/en/meetings.ics', uid, unfold),
  feed: async (who) => {
    const url = feeds[who];
    if (!url) return () => undefined;
    // The feed is fetched without the session, as a calendar program would.
    const res = await t.app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 200);
    const body = unfold(res.body);
    return (kind) => body.includes(uid(kind));
  },
  file: perMeeting((m) => m.fileUrl),
  tasks: contains('/en/tasks', (k) => mark(k, 'task')),
  home: async (who) => {
    const res = await clients[who].get('/en/');
    return (kind) => res.body.includes(mark(kind, 'title')) || res.body.includes(mark(kind, 'item'));
  },
  filter: contains('/en/proposals', (k) => mark(k, 'title')),
  recommendation: async (who) => {
    const res = await clients[who].get(`/en/recommendations/${recommendationId}`);
    assert.equal(res.statusCode, 200);
    return (kind) => {
      const item = res.body.includes(mark(kind, 'item'));
      const task = res.body.includes(mark(kind, 'task'));
      assert.equal(item, task, `${who} ${kind}: the item and the task follow the same rule`);
      return item;
    };
  },
  cycle: async (who) => {
    const res = await clients[who].get(`/en/cycles/${cycleId}`);
    assert.equal(res.statusCode, 200);
    // Staff also get a form offering agenda items of other cycles: look at the list of meetings only.
    const list = res.body.split('id="meetings"')[1]?.split('</ul>')[0] ?? '';
    return (kind) => list.includes(mark(kind, 'item'));
  },
  news: contains('/en/news', (k) => mark(k, 'news')),
  atom: async (who) => {
    // A feed reader sends no session: the feed is the same for all.
    const res = await clients[who].get('/en/news.atom');
    return (kind) => res.body.includes(mark(kind, 'news'));
  },
  minutes: async (who) => {
    const bodies = new Map<Kind, string>();
    for (const kind of KINDS) bodies.set(kind, (await clients[who].get(`/en/meetings/${made[kind].id}`)).body);
    return (kind) => bodies.get(kind)?.includes(mark(kind, 'minutes'));
  },
  drafts: perMeeting((m) => `/en/meetings/${m.id}/minutes`, [303, 401, 403, 404]),
  register: perMeeting((m) => `/en/meetings/${m.id}/attendance`, [303, 401, 403, 404]),
  organisation: contains('/en/organisations/kadyr-kasiyet', (k) => mark(k, 'task')),
  search: async (who) => {
    /** Whether /api/v1/search finds, for this reader, a result of the type at the path. */
    const finds = async (word: string, type: string, path: string) => {
      const res = await clients[who].get(`/api/v1/search?q=${word}&type=${type}&limit=100`);
      assert.equal(res.statusCode, 200, `${who} search ${word}`);
      return (res.json() as { results: { url: string }[] }).results.some((r) => {
        const url = new URL(r.url);
        return `${url.pathname}${url.hash}` === `/en${path}`;
      });
    };
    const answers = new Map<Kind, boolean>();
    for (const kind of KINDS) {
      const id = made[kind].id;
      const meeting = await finds(mark(kind, 'title'), 'meeting', `/meetings/${id}`);
      const item = await finds(mark(kind, 'item'), 'agenda-item', `/meetings/${id}#agenda`);
      assert.equal(item, meeting, `${who} ${kind}: the agenda item is found as its meeting is`);
      answers.set(kind, meeting);
    }
    return (kind) => answers.get(kind);
  },
};

/**
 * Asks one surface's probe, as each role, about every meeting and compares the answers with the
 * table's cells for that surface ('+' shown, '-' hidden, '.' not checked): the cells checked and those
 * that disagree.
 */
async function checkSurface(cellsOf: (kind: Kind) => string, probeOf: Probe) {
  const wrong: string[] = [];
  let checked = 0;
  for (const [i, who] of WHO.entries()) {
    const sees = await probeOf(who);
    for (const kind of KINDS) {
      const expected = cellsOf(kind)[i];
      if (expected === '.') continue;
      checked++;
      const actual = sees(kind);
      if (actual !== (expected === '+')) wrong.push(`${kind} / ${who}: expected ${expected}, shown ${actual}`);
    }
  }
  return { checked, wrong };
}

describe('meeting visibility matrix: state × visibility × role × surface', () => {
  test('the table has a row per state and visibility, a cell per role', () => {
    assert.equal(KINDS.length, STATES.length * 2);
    for (const kind of KINDS) for (const s of SURFACES) assert.match(EXPECTED[kind][s], /^[-+.]{7}$/);
  });

  let cells = 0;
  for (const surface of SURFACES) {
    test(surface, async () => {
      const { checked, wrong } = await checkSurface((kind) => EXPECTED[kind][surface], PROBES[surface]);
      cells += checked;
      assert.deepEqual(wrong, [], `${surface}:\n${wrong.join('\n')}`);
    });
  }

  test('cells checked', () => {
    // 16 meetings × 21 surfaces × 7 roles, less the visitor's private feed (which does not exist).
    assert.equal(cells, 16 * 21 * 7 - 16);
  });
});

/*
 * The surfaces added after issue 10 (issue 17's open data and dashboards, the comments, the read API's
 * news, tasks and changes feed, the meetings' Atom feed), as a second table of the same kind: open data,
 * the dashboards, the meetings' feed and the comments' API and feeds are read as a visitor whoever
 * asks, so every role gets the public answer there.
 */
const MORE = [
  'dataMeetings', //  /en/open-data/meetings.csv and .json have its row
  'dataAgenda', //    agenda-items.csv/json have its agenda item
  'dataMinutes', //   minutes.csv/json have its approved minutes
  'dataNews', //      communiques.csv/json have its communiqué
  'dataTasks', //     tasks.csv/json have its task
  'zip', //           the zip of everything carries any word of any of its parts
  'meetingsAtom', //  /en/meetings.atom has it
  'apiNews', //       /api/v1/news lists its communiqué (updated_since too)
  'apiTasks', //      /api/v1/tasks lists its task (updated_since too)
  'apiChanges', //    /api/v1/meetings?updated_since= lists it (as the full list does)
  'apiAttendance', // /api/v1/meetings/:id counts who came
  'dashboard', //     /en/dashboards/attendance.csv counts its attendance (decision 0029: the public summary only)
  'comments', //      /api/v1/comments?kind=meeting and its Atom feed serve its comment
  'newsComments', //  /api/v1/comments?kind=news and its Atom feed serve its communiqué's comment
] as const;
type More = (typeof MORE)[number];

// biome-ignore format: a table is read by columns
const EXPECTED_MORE: Record<Kind, Record<More, string>> = {
  //                           meetings agenda minutes news tasks zip atom apiNews apiTasks apiChanges apiAttendance dashboard comments newsComments
  'draft public':            more(N, N, N, N, N, N, N, N, S, S, N, N, N, N),
  'announced public':        more(A, A, N, N, A, A, A, N, A, A, N, N, A, N),
  'postponed public':        more(A, A, N, N, A, A, A, N, A, A, N, N, A, N),
  'held public':             more(A, A, N, N, A, A, A, N, A, A, A, A, A, N),
  'minutes_review public':   more(A, A, N, N, A, A, A, N, A, A, A, A, A, N),
  'minutes_approved public': more(A, A, A, N, A, A, A, N, A, A, A, A, A, N),
  'published public':        more(A, A, A, A, A, A, A, A, A, A, A, A, A, A),
  'cancelled public':        more(A, A, N, N, A, A, A, N, A, A, N, N, A, N),
  'draft members':           more(N, N, N, N, N, N, N, N, S, S, N, N, N, N),
  'announced members':       more(N, N, N, N, N, N, N, N, M, M, N, N, N, N),
  'postponed members':       more(N, N, N, N, N, N, N, N, M, M, N, N, N, N),
  'held members':            more(N, N, N, N, N, N, N, N, M, M, M, N, N, N),
  'minutes_review members':  more(N, N, N, N, N, N, N, N, M, M, M, N, N, N),
  'minutes_approved members':more(N, N, N, N, N, N, N, N, M, M, M, N, N, N),
  'published members':       more(N, N, N, N, N, N, N, M, M, M, M, N, N, N),
  'cancelled members':       more(N, N, N, N, N, N, N, N, M, M, N, N, N, N),
};

function more(...cells: string[]): Record<More, string> {
  assert.equal(cells.length, MORE.length);
  return Object.fromEntries(MORE.map((s, i) => [s, cells[i]])) as Record<More, string>;
}

/*
 * Attendance, so that the API's summary and the dashboard have something to count: everyone who
 * came to any fixture meeting is counted under "other"; besides, each meeting has one person in a slot
 * of its own — a category and attended or absent — so the dashboard's chart tells which meetings it
 * counted: a slot one higher than before the fixture's attendance was recorded.
 */
const SLOT_CATEGORIES = ORGANISATION_CATEGORIES.filter((c) => c !== 'other');
const slotOf = (kind: Kind) => {
  const i = KINDS.indexOf(kind);
  return { category: SLOT_CATEGORIES[i >> 1] as string, series: i % 2 };
};
let attendanceBefore = new Map<string, [number, number]>();

async function recordAttendance() {
  attendanceBefore = await probe.attendanceCsv((url) => t.app.inject({ method: 'GET', url }));
  const db = t.db;
  const orgs = new Map<string, string>();
  for (const category of ORGANISATION_CATEGORIES) {
    const org = await db
      .insertInto('organisations')
      .values({
        slug: `matrix-${category.replaceAll('_', '-')}`,
        category,
        name: JSON.stringify({ en: `Matrix ${category}` }),
        short_name: JSON.stringify({}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    orgs.set(category, org.id);
  }
  const person = async (name: string) =>
    (
      await db
        .insertInto('people')
        .values({ full_name: JSON.stringify({ en: name }) })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const [everyone, slotted] = [await person('Matrix attendee'), await person('Matrix slot')];
  for (const kind of KINDS) {
    const slot = slotOf(kind);
    await db
      .insertInto('attendance')
      .values([
        {
          meeting_id: made[kind].id,
          person_id: everyone,
          organisation_id: orgs.get('other') as string,
          role: 'member',
          presence: 'present',
        },
        {
          meeting_id: made[kind].id,
          person_id: slotted,
          organisation_id: orgs.get(slot.category) as string,
          role: 'member',
          presence: slot.series === 0 ? 'present' : 'absent',
        },
      ])
      .execute();
  }
}

const ALL_PARTS = ['title', 'item', 'task', 'decision', 'minutes', 'news', 'comment', 'newscomment', 'file'];
const get = (who: Who) => (url: string) => clients[who].get(url);
const listed = (part: string) => (items: unknown[], m: probe.ProbedMeeting) =>
  JSON.stringify(items).includes(m.word(part));

const MORE_PROBES: Record<More, (who: Who) => Promise<probe.Seen>> = {
  dataMeetings: (who) => probe.openDataset(get(who), 'meetings'),
  dataAgenda: (who) => probe.openDataset(get(who), 'agenda-items'),
  dataMinutes: (who) => probe.openDataset(get(who), 'minutes'),
  dataNews: (who) => probe.openDataset(get(who), 'communiques'),
  dataTasks: (who) => probe.openDataset(get(who), 'tasks'),
  zip: (who) => probe.openDataZip(get(who), ALL_PARTS),
  meetingsAtom: (who) => probe.bodyHas(get(who), '/en/meetings.atom', 'title'),
  apiNews: (who) => probe.apiList(get(who), '/api/v1/news', since, listed('news')),
  apiTasks: (who) => probe.apiList(get(who), '/api/v1/tasks', since, listed('task')),
  apiChanges: (who) => probe.apiList(get(who), '/api/v1/meetings', since, listed('title')),
  apiAttendance: (who) => probe.apiAttendance(get(who), Object.values(made)),
  dashboard: async (who) => {
    const now = await probe.attendanceCsv(get(who));
    const added = (category: string, series: number) =>
      (now.get(category)?.[series] ?? 0) - (attendanceBefore.get(category)?.[series] ?? 0);
    const counted = KINDS.filter((kind) => {
      const { category, series } = slotOf(kind);
      assert.ok([0, 1].includes(added(category, series)), `${kind}: one person at most in its slot`);
      return added(category, series) === 1;
    });
    assert.equal(added('other', 0), counted.length, 'everyone who came, counted for the same meetings');
    return (m) => counted.some((kind) => made[kind] === m);
  },
  comments: (who) => probe.comments(get(who), Object.values(made), 'meeting'),
  newsComments: (who) => probe.comments(get(who), Object.values(made), 'news'),
};

describe('meeting visibility matrix, continued: open data, dashboards, API lists, feeds, comments', () => {
  test('the table has a row per state and visibility, a cell per role', () => {
    for (const kind of KINDS) for (const s of MORE) assert.match(EXPECTED_MORE[kind][s], /^[-+]{7}$/);
  });

  let cells = 0;
  for (const surface of MORE) {
    test(surface, async () => {
      const { checked, wrong } = await checkSurface(
        (kind) => EXPECTED_MORE[kind][surface],
        async (who) => {
          const sees = await MORE_PROBES[surface](who);
          return (kind) => sees(made[kind]);
        },
      );
      cells += checked;
      assert.deepEqual(wrong, [], `${surface}:\n${wrong.join('\n')}`);
    });
  }

  test('cells checked', () => {
    assert.equal(cells, 16 * 14 * 7);
  });
});

describe('the predicate and the SQL condition agree, state by state', () => {
  test('for every state × visibility × role × part', async () => {
    const parts = [
      'meeting',
      'agenda',
      'documents',
      'decisions',
      'attendanceSummary',
      'attendanceRegister',
      'minutesDrafts',
      'approvedMinutes',
      'communiqueDraft',
      'communique',
    ] as const;
    const roles: (Role | null)[] = [
      null,
      'citizen',
      'representative',
      'observer',
      'chair',
      'secretariat',
      'platform_admin',
    ];
    for (const role of roles) {
      const reader = role
        ? {
            id: '1',
            email: 'x@example.org',
            displayName: 'x',
            role,
            organisationId: '7',
            locale: 'en' as const,
            emailConfirmed: true,
          }
        : null;
      for (const part of parts) {
        const rows = await t.db
          .selectFrom('meetings as m')
          .select(['m.id', 'm.status', 'm.visibility'])
          .where(visibleCondition(reader, part))
          .where('m.number', '>=', 100)
          .execute();
        const bySql = new Set(rows.map((r) => r.id));
        for (const kind of KINDS) {
          const [status, visibility] = kind.split(' ') as [State, Visibility];
          assert.equal(
            bySql.has(made[kind].id),
            maySee(reader, part, { status, visibility }),
            `${role} ${part} ${kind}`,
          );
        }
      }
    }
  });
});

describe('refusals for meetings one may not see are 404, as for unknown ids (POST too)', () => {
  test('marking a task of a draft meeting done: 404 even for the responsible organisation; nothing changes', async () => {
    const ngo = clients.representative;
    const draft = made['draft public'];
    await ngo.postExpect(404, `/en/tasks/${draft.taskId}/done`, {});
    await ngo.postExpect(404, '/en/tasks/999999999/done', {});
    const task = await t.db
      .selectFrom('tasks')
      .select('done_at')
      .where('id', '=', draft.taskId)
      .executeTakeFirstOrThrow();
    assert.equal(task.done_at, null);
  });

  test("a citizen marking a members-only meeting's task done: 404, as an unknown task", async () => {
    const citizen = clients.citizen;
    const res = await citizen.post(`/en/tasks/${made['held members'].taskId}/done`, {});
    const unknown = await citizen.post('/en/tasks/999999999/done', {});
    assert.equal(res.statusCode, 404);
    assert.equal(unknown.statusCode, 404);
  });

  test('answering an invitation or proposing a correction to a meeting one may not see: 404', async () => {
    const citizen = clients.citizen;
    const ngo = clients.representative;
    for (const kind of ['announced members', 'draft public'] as const) {
      await citizen.postExpect(404, `/en/meetings/${made[kind].id}/response`, { response: 'confirmed' });
    }
    await ngo.postExpect(404, `/en/meetings/${made['draft public'].id}/response`, { response: 'confirmed' });
    // Minutes not yet circulated are the secretariat's: a representative cannot even find them.
    await ngo.postExpect(404, `/en/meetings/${made['held public'].id}/minutes/corrections`, { text: 'x' });
    await ngo.postExpect(404, '/en/meetings/999999999/minutes/corrections', { text: 'x' });
  });
});

describe('mail shows no more than its readers would see signed in', () => {
  test("task reminders: a draft meeting's task is not mailed; an announced meeting's is", async () => {
    const soon = new Date(Date.now() + DAY).toISOString().slice(0, 10);
    const ids = [made['draft public'].taskId, made['draft members'].taskId, made['announced members'].taskId];
    await t.db.updateTable('tasks').set({ deadline: soon }).where('id', 'in', ids).execute();
    await remindTasks(t.db, 'http://localhost:3000');
    const mail = (await t.db.selectFrom('email_outbox').select('body_text').execute())
      .map((m) => m.body_text)
      .join('\n');
    assert.ok(mail.includes(mark('announced members', 'task')), 'the visible task is reminded');
    assert.ok(!mail.includes(mark('draft public', 'task')), "a draft meeting's task is not");
    assert.ok(!mail.includes(mark('draft members', 'task')), "a draft meeting's task is not");
  });
});

describe('the reproductions of issue 10, as staff make them', () => {
  /** A members-only meeting scheduled and announced through the pages, with an agenda item and a task. */
  async function membersOnlyMeeting() {
    const staff = clients.secretariat;
    const id = await scheduleMeeting(staff, {
      title_en: 'Closed session zzclosedzz',
      startsAt: '2027-05-01T10:00',
      visibility: 'members',
    });
    await staff.postExpect(303, `/en/meetings/${id}/agenda`, { title_en: 'Item zzcloseditemzz' });
    await staff.postExpect(303, `/en/meetings/${id}/status`, { status: 'announced' });
    const org = await orgId(t.db, 'mia');
    await staff.postExpect(303, `/en/meetings/${id}/decisions`, {
      text_en: 'Decided',
      task_en: 'Task zzclosedtaskzz',
      taskOrganisationId: org,
      taskDeadline: '2027-06-01',
    });
    const item = await t.db
      .selectFrom('agenda_items')
      .select('id')
      .where('meeting_id', '=', id)
      .executeTakeFirstOrThrow();
    const task = await t.db.selectFrom('tasks').select('id').where('meeting_id', '=', id).executeTakeFirstOrThrow();
    return { id, itemId: item.id, taskId: task.id };
  }

  test('the "Meeting" filter on /en/proposals does not name a members-only meeting to visitors', async () => {
    await membersOnlyMeeting();
    assert.ok(!(await clients.visitor.get('/en/proposals')).body.includes('zzclosedzz'));
    assert.ok(!(await clients.citizen.get('/en/proposals')).body.includes('zzclosedzz'));
    assert.ok((await clients.observer.get('/en/proposals')).body.includes('zzclosedzz'));
  });

  test("linking a members-only meeting's agenda item and task to a recommendation shows them to members only", async () => {
    const m = await membersOnlyMeeting();
    const staff = clients.secretariat;
    const url = `/en/recommendations/${recommendationId}`;
    for (const [kind, targetId] of [
      ['agenda_item', m.itemId],
      ['task', m.taskId],
    ] as const) {
      await staff.postExpect(303, `${url}/links`, { kind, targetId });
    }
    const shown = (body: string) => body.includes('zzcloseditemzz') || body.includes('zzclosedtaskzz');
    assert.ok(!shown((await clients.visitor.get(url)).body));
    assert.ok(!shown((await clients.citizen.get(url)).body));
    const member = (await clients.representative.get(url)).body;
    assert.ok(member.includes('zzcloseditemzz') && member.includes('zzclosedtaskzz'));
  });
});
