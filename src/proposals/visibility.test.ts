import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { before, describe, test } from 'node:test';
import { hashPassword } from '../core/auth/password.ts';
import type { ProposalStatus } from '../core/db/schema.ts';
import { storeFile } from '../core/files/files.ts';
import { syncSearch } from '../core/search/indexer.ts';
import { DEMO_PASSWORD } from '../demo/content.ts';
import { useTestApp } from '../testing/app.ts';
import { TestClient } from '../testing/client.ts';
import { countRows, meetingIn, orgId } from '../testing/data.ts';
import { parseHtml, textOf } from '../testing/html.ts';
import { draftProposal } from '../testing/proposals.ts';
import { proposalSearch } from './search.ts';
import { demoProposalIn } from './test-support.ts';
import { addTraces, MORE_SURFACES, type MoreSurface, observeMore, type Traced } from './test-visibility-probes.ts';

/*
 * Who may see a proposal, surface by surface (decision 0014). The expectations are written out by
 * hand — not derived from visibility.ts — so that a change of the rule nobody meant, or a surface
 * that forgets to ask it, fails here.
 */

const t = useTestApp({ demo: true });

const PDF = '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
const auditCount = () => countRows(t.db, 'audit_log');

async function signedIn(email: string | null) {
  const c = new TestClient(t.app);
  if (email) await c.signIn(email);
  return c;
}

// ---- the table -------------------------------------------------------------------------------------

type Role =
  | 'visitor'
  | 'citizen'
  | 'author'
  | 'invitee'
  | 'addressee'
  | 'otherRep'
  | 'observer'
  | 'secretariat'
  | 'chair'
  | 'admin';
const ROLES: Role[] = [
  'visitor',
  'citizen',
  'author',
  'invitee',
  'addressee',
  'otherRep',
  'observer',
  'secretariat',
  'chair',
  'admin',
];
/** Who signs in for each role (null: nobody). `author` represents an author; `invitee` an organisation invited as co-author, not yet answered. */
const ACCOUNT: Record<Role, string | null> = {
  visitor: null,
  citizen: 'citizen@kenes.demo',
  author: 'ngo@kenes.demo',
  invitee: 'zhas-ulan@kenes.test',
  addressee: 'mia@kenes.demo',
  otherRep: 'ombudsman@kenes.demo',
  observer: 'observer@kenes.demo',
  secretariat: 'secretariat@kenes.demo',
  chair: 'chair@kenes.demo',
  admin: 'admin@kenes.demo',
};

/** Every status, a withdrawn proposal told apart by whether it had been submitted. */
type State = Exclude<ProposalStatus, 'withdrawn'> | 'withdrawn_after_submission' | 'withdrawn_before_submission';

/*
 * May this role see a proposal in this state? Columns follow ROLES:
 *                                  visit  citiz  author invit  addr   other  obsrv  secr   chair  admin
 */
const SEES: Record<State, boolean[]> = {
  draft: [false, false, true, true, false, false, false, false, false, false],
  submitted: [true, true, true, true, true, true, true, true, true, true],
  registered: [true, true, true, true, true, true, true, true, true, true],
  assigned: [true, true, true, true, true, true, true, true, true, true],
  answered: [true, true, true, true, true, true, true, true, true, true],
  in_implementation: [true, true, true, true, true, true, true, true, true, true],
  implemented: [true, true, true, true, true, true, true, true, true, true],
  withdrawn_after_submission: [true, true, true, true, true, true, true, true, true, true],
  withdrawn_before_submission: [false, false, true, false, false, false, false, false, false, false],
  merged: [true, true, true, true, true, true, true, true, true, true],
};

type Surface =
  | MoreSurface
  | 'page'
  | 'apiItem'
  | 'apiList'
  | 'csv'
  | 'file'
  | 'similar'
  | 'follow'
  | 'endorse'
  | 'authorFilter'
  | 'recommendationLink'
  | 'search';
const SURFACES: Surface[] = [
  'page',
  'apiItem',
  'apiList',
  'csv',
  'file',
  'similar',
  'follow',
  'endorse',
  'authorFilter',
  'recommendationLink',
  'search',
  // Added after issue 10 (test-visibility-probes.ts): open data, feeds, the API's answers and the letter,
  // the dashboard, comments.
  ...MORE_SURFACES,
];

/**
 * Where a surface deliberately shows less than SEES: similar suggestions leave out closed proposals;
 * a recommendation's page (another domain's public page) links only to public proposals. A POST
 * "shows" a proposal when its answer differs from the answer for an unknown id; those who may not
 * follow (visitors) or endorse (anyone but a representative) get the same refusal for both.
 */
function expected(state: State, role: Role, surface: Surface): boolean {
  const sees = SEES[state][ROLES.indexOf(role)] === true;
  // Read as a visitor whoever asks (a file or a feed's address is shared; a chart is public): the
  // visitor's column, for every role.
  if (AS_VISITOR.includes(surface)) return SEES[state][0] === true;
  if (surface === 'follow') return sees && role !== 'visitor';
  if (surface === 'endorse') return sees && ['author', 'invitee', 'addressee', 'otherRep'].includes(role);
  if (surface === 'similar')
    return sees && !['withdrawn_after_submission', 'withdrawn_before_submission', 'merged'].includes(state);
  if (surface === 'recommendationLink') return sees && !['draft', 'withdrawn_before_submission'].includes(state);
  return sees;
}

/** The surfaces that answer every reader as they answer a visitor. */
const AS_VISITOR: readonly Surface[] = [
  'dataProposals',
  'dataAnswers',
  'zip',
  'changesFeed',
  'timelineFeed',
  'dashboard',
  'comments',
];

// ---- the fixture: one proposal per state, each with its own extra author organisation -------------

interface Fixture {
  id: string;
  fileHref: string;
  authorOrg: string;
  /** What the surfaces added after issue 10 look for (test-visibility-probes.ts). */
  traced: Traced;
}
const fixtures = new Map<State, Fixture>();
/** A word of its own in each fixture's title: similar suggestions show five at most, so each is asked for alone. */
const WORD: Record<State, string> = {
  draft: 'alpaca',
  submitted: 'bramble',
  registered: 'cobalt',
  assigned: 'dervish',
  answered: 'emberglow',
  in_implementation: 'fjordland',
  implemented: 'gossamer',
  withdrawn_after_submission: 'halcyon',
  withdrawn_before_submission: 'iridium',
  merged: 'juniper',
};
let recommendationId = '';

async function setUp() {
  const zhasUlan = await orgId(t.db, 'zhas-ulan');
  await t.db
    .insertInto('users')
    .values({
      email: 'zhas-ulan@kenes.test',
      password_hash: await hashPassword(DEMO_PASSWORD),
      display_name: 'Zhas Ulan representative',
      role: 'representative',
      organisation_id: zhasUlan,
    })
    .execute();
  const ngo = await orgId(t.db, 'kadyr-kasiyet');
  const mia = await orgId(t.db, 'mia');
  const targetId = await demoProposalIn(t.db, 'assigned');
  recommendationId = (await t.db.selectFrom('recommendations').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  for (const state of Object.keys(SEES) as State[]) {
    const status: ProposalStatus = state.startsWith('withdrawn') ? 'withdrawn' : (state as ProposalStatus);
    const submitted = state !== 'draft' && state !== 'withdrawn_before_submission';
    const org = await t.db
      .insertInto('organisations')
      .values({
        slug: `matrix-${state.replaceAll('_', '-')}`,
        category: 'ngo',
        name: JSON.stringify({ en: `Matrix organisation ${state}` }),
        short_name: JSON.stringify({}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const p = await t.db
      .insertInto('proposals')
      .values({
        title: JSON.stringify({ en: `Matrixprobe ${WORD[state]} proposal` }),
        body: JSON.stringify({ en: `Matrixprobe body of ${state}` }),
        kind: 'other',
        status,
        submitted_at: submitted ? new Date() : null,
        duplicate_of: state === 'merged' ? targetId : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('proposal_authors')
      .values([
        { proposal_id: p.id, organisation_id: ngo },
        { proposal_id: p.id, organisation_id: org.id },
      ])
      .execute();
    await t.db
      .insertInto('proposal_coauthor_invitations')
      .values({ proposal_id: p.id, organisation_id: zhasUlan })
      .execute();
    await t.db.insertInto('proposal_addressees').values({ proposal_id: p.id, organisation_id: mia }).execute();
    await t.db
      .insertInto('recommendation_proposals')
      .values({ recommendation_id: recommendationId, proposal_id: p.id })
      .execute();
    const stored = await storeFile(t.db, { filename: `${state}.pdf`, file: Readable.from([Buffer.from(PDF)]) }, null);
    if (!stored.ok) throw new Error(stored.problem);
    await t.db
      .insertInto('proposal_attachments')
      .values({ proposal_id: p.id, file_id: stored.file.id, title: JSON.stringify({ en: 'Study' }) })
      .execute();
    const traces = await addTraces(t.db, p.id, WORD[state]);
    fixtures.set(state, {
      id: p.id,
      fileHref: `/files/${stored.file.id}/${state}.pdf`,
      authorOrg: org.id,
      traced: { id: p.id, word: WORD[state], ...traces },
    });
  }
  // The tracker, its CSV and the API search the index (core search), as the job would have brought it up to date.
  await syncSearch(t.db, [proposalSearch]);
}

// ---- what each surface shows to one viewer ---------------------------------------------------------

/** For one role: the set of fixture states each surface shows. */
async function observe(role: Role): Promise<Record<Surface, Set<State>>> {
  const c = await signedIn(ACCOUNT[role]);
  const shown = Object.fromEntries(SURFACES.map((s) => [s, new Set<State>()])) as Record<Surface, Set<State>>;
  const byId = new Map([...fixtures].map(([state, f]) => [f.id, state]));
  const mark = (surface: Surface, ids: Iterable<string>) => {
    for (const id of ids) {
      const state = byId.get(id);
      if (state) shown[surface].add(state);
    }
  };

  const list = (await c.get('/api/v1/proposals?q=Matrixprobe')).json() as { items: { id: string }[] };
  mark(
    'apiList',
    list.items.map((i) => i.id),
  );
  // The site's search (decision 0018), as its API answers this reader.
  const found = (await c.get('/api/v1/search?q=Matrixprobe&type=proposal&limit=100')).json() as {
    results: { type: string; id: string }[];
  };
  mark(
    'search',
    found.results.filter((r) => r.type === 'proposal').map((r) => r.id),
  );
  const csv = (await c.get('/en/proposals.csv?q=Matrixprobe')).body;
  mark(
    'csv',
    csv
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]?.replaceAll('"', '') ?? ''),
  );
  for (const state of fixtures.keys()) {
    const similar = (await c.get(`/api/v1/proposals/similar?q=${WORD[state]}`)).json() as { items: { id: string }[] };
    if (similar.items.some((i) => i.id === fixtures.get(state)?.id)) shown.similar.add(state);
  }
  const tracker = parseHtml((await c.get('/en/proposals')).body);
  const authorOptions = new Set(
    tracker.querySelectorAll('select[name="author"] option').map((o) => o.getAttribute('value') ?? ''),
  );
  for (const [state, f] of fixtures) if (authorOptions.has(f.authorOrg)) shown.authorFilter.add(state);
  const recommendation = (await c.get(`/en/recommendations/${recommendationId}`)).body;
  assert.ok(recommendation.includes('<h1'), 'the recommendation page renders');
  for (const [state, f] of fixtures)
    if (recommendation.includes(`href="/en/proposals/${f.id}"`)) shown.recommendationLink.add(state);

  const more = await observeMore(
    (url) => c.get(url),
    [...fixtures.values()].map((f) => f.traced),
  );
  for (const surface of MORE_SURFACES)
    mark(
      surface,
      more[surface].map((f) => f.id),
    );

  // A POST on a proposal one may not see answers as for an unknown id, and writes nothing.
  const unknown = {
    follow: (await c.post('/en/proposals/999999999/follow', { follow: '1' })).statusCode,
    endorse: (await c.post('/en/proposals/999999999/endorse', {})).statusCode,
  };
  for (const [state, f] of fixtures) {
    if ((await c.get(`/en/proposals/${f.id}`)).statusCode === 200) shown.page.add(state);
    if ((await c.get(`/api/v1/proposals/${f.id}`)).statusCode === 200) shown.apiItem.add(state);
    if ((await c.get(f.fileHref)).statusCode === 200) shown.file.add(state);
    for (const surface of ['follow', 'endorse'] as const) {
      const audits = await auditCount();
      const res = await c.post(`/en/proposals/${f.id}/${surface}`, surface === 'follow' ? { follow: '1' } : {});
      // "Shown" = the answer tells it apart from an unknown id (another status, or an audit entry).
      if (res.statusCode !== unknown[surface] || (await auditCount()) !== audits) shown[surface].add(state);
    }
  }
  return shown;
}

describe('visibility matrix: proposal state × role × surface', { concurrency: false }, () => {
  before(setUp);
  for (const role of ROLES) {
    test(`${role}: every surface shows exactly what the table says`, async () => {
      const shown = await observe(role);
      const wrong: string[] = [];
      for (const surface of SURFACES)
        for (const state of fixtures.keys()) {
          const want = expected(state, role, surface);
          if (shown[surface].has(state) !== want) wrong.push(`${surface} × ${state}: ${want ? 'hidden' : 'SHOWN'}`);
        }
      assert.deepEqual(wrong, []);
    });
  }
  test('the matrix has every cell', () => {
    assert.equal(Object.keys(SEES).length * ROLES.length * SURFACES.length, 2000);
  });
});

// ---- the leaks reported in issue 10, each as it was reproduced -----------------------------------------

const multipart = (token: string) =>
  `--B\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\nB_TITLE--B\r\nContent-Disposition: form-data; name="file"; filename="study.pdf"\r\nContent-Type: application/pdf\r\n\r\n${PDF}\r\n--B--\r\n`.replace(
    'B_TITLE',
    '--B\r\nContent-Disposition: form-data; name="title_en"\r\n\r\nStudy\r\n',
  );

async function attach(c: TestClient, url: string): Promise<string> {
  const page = await c.get(url);
  const csrf = page.body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
  const up = await t.app.inject({
    method: 'POST',
    url: `${url}/attachments`,
    payload: multipart(csrf),
    headers: {
      'content-type': 'multipart/form-data; boundary=B',
      cookie: c.cookieHeader(),
    },
  });
  assert.equal(up.statusCode, 303);
  return (
    parseHtml((await c.get(url)).body)
      .querySelector('#attachments ~ ul a')
      ?.getAttribute('href') ?? ''
  );
}

async function draft(c: TestClient, extra: Record<string, string> = {}) {
  return draftProposal(c, {
    title_en: 'A draft of our own',
    body_en: 'Private text of the draft',
    kind: 'other',
    addresseeIds: await orgId(t.db, 'ministry-of-education'),
    ...extra,
  });
}

describe('issue 10: the reported leaks', { concurrency: false }, () => {
  test('withdrawing a never-submitted draft keeps it, and its file, private to its authors', async () => {
    const ngo = await signedIn('ngo@kenes.demo');
    const visitor = new TestClient(t.app);
    const { url, id } = await draft(ngo);
    const file = await attach(ngo, url);
    assert.equal((await visitor.get(url)).statusCode, 404);
    assert.equal((await ngo.post(`${url}/withdraw`, {})).statusCode, 303);
    assert.equal((await visitor.get(url)).statusCode, 404, 'the page');
    assert.equal((await visitor.get(`/api/v1/proposals/${id}`)).statusCode, 404, 'the API');
    assert.equal((await visitor.get(file)).statusCode, 404, 'the file');
    const listed = (await visitor.get('/api/v1/proposals?status=withdrawn')).json() as { items: { id: string }[] };
    assert.ok(!listed.items.some((i) => i.id === id), 'the API list');
    const csv = (await visitor.get('/en/proposals.csv?status=withdrawn')).body;
    assert.ok(!csv.split('\n').some((l) => l.startsWith(`${id},`) || l.startsWith(`"${id}"`)), 'the CSV');
    assert.equal((await ngo.get(url)).statusCode, 200, 'its authors still see it');
    assert.equal((await ngo.get(file)).statusCode, 200);
  });

  test("following or endorsing another organisation's draft answers as for an unknown id, and writes nothing", async () => {
    const ngo = await signedIn('ngo@kenes.demo');
    const { id } = await draft(ngo);
    const other = await signedIn('ombudsman@kenes.demo');
    const audits = await auditCount();
    for (const target of [id, '999999999']) {
      assert.equal((await other.post(`/en/proposals/${target}/follow`, { follow: '1' })).statusCode, 404, target);
      assert.equal((await other.post(`/en/proposals/${target}/endorse`, {})).statusCode, 404, target);
    }
    assert.equal(await auditCount(), audits, 'no audit entry');
    const follows = await t.db.selectFrom('follows').select('user_id').where('proposal_id', '=', id).execute();
    assert.deepEqual(follows, []);
  });

  test('a co-author is invited and shows nowhere until its representative accepts; a refusal is final', async () => {
    const ngo = await signedIn('ngo@kenes.demo');
    const mia = await signedIn('mia@kenes.demo');
    const visitor = new TestClient(t.app);
    const { url, id } = await draft(ngo, { coAuthorIds: await orgId(t.db, 'mia'), title_en: 'Naming a ministry' });
    assert.equal((await ngo.post(`${url}/submit`, {})).statusCode, 303);
    await syncSearch(t.db, [proposalSearch]);
    const authorsInApi = async () =>
      ((await visitor.get(`/api/v1/proposals/${id}`)).json() as { authors: { slug: string }[] }).authors.map(
        (a) => a.slug,
      );
    assert.deepEqual(await authorsInApi(), ['kadyr-kasiyet']);
    const list = (await visitor.get('/api/v1/proposals?q=Naming%20a%20ministry')).json() as {
      items: { id: string; authors: { slug: string }[] }[];
    };
    assert.deepEqual(
      list.items.find((i) => i.id === id)?.authors.map((a) => a.slug),
      ['kadyr-kasiyet'],
    );
    const page = textOf(parseHtml((await visitor.get(url)).body).querySelector('main'));
    assert.doesNotMatch(
      page,
      /Internal Affairs|invited/i,
      'neither the ministry nor the invitation on the public page',
    );
    assert.ok(!(await visitor.get('/en/proposals.csv?q=Naming')).body.includes('Internal Affairs'), 'nor in the CSV');
    // Not an author: it cannot withdraw the proposal.
    assert.equal((await mia.post(`${url}/withdraw`, {})).statusCode, 403);
    assert.equal(
      (await t.db.selectFrom('proposals').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status,
      'submitted',
    );
    // The ministry was told (and only it)…
    const notified = await t.db
      .selectFrom('notifications as n')
      .innerJoin('proposal_events as e', 'e.id', 'n.event_id')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select('e.kind')
      .where('e.proposal_id', '=', id)
      .where('u.email', '=', 'mia@kenes.demo')
      .execute();
    assert.deepEqual(
      notified.map((n) => n.kind),
      ['coauthor_invited'],
    );
    // It may read the proposal and is offered to answer, but is not an author.
    const offer = parseHtml((await mia.get(url)).body);
    assert.ok(offer.querySelector(`form[action="${url}/co-authorship"]`), 'accept / decline offered');
    // Only the invited organisation answers, once.
    const other = await signedIn('ombudsman@kenes.demo');
    assert.equal((await other.post(`${url}/co-authorship`, { answer: 'accept' })).statusCode, 404);
    assert.equal((await mia.post(`${url}/co-authorship`, { answer: 'accept' })).statusCode, 303);
    assert.deepEqual((await authorsInApi()).sort(), ['kadyr-kasiyet', 'mia']);
    assert.equal((await mia.post(`${url}/co-authorship`, { answer: 'decline' })).statusCode, 404, 'answered already');

    const declined = await draft(ngo, { coAuthorIds: await orgId(t.db, 'ombudsman') });
    assert.equal((await other.get(declined.url)).statusCode, 200, 'the invited may read the draft');
    const draftLink = `href="/en/proposals/${declined.id}"`;
    assert.ok(
      (await other.get('/en/notifications')).body.includes(draftLink),
      'the invitation is among its notifications',
    );
    assert.equal((await other.post(`${declined.url}/co-authorship`, { answer: 'decline' })).statusCode, 303);
    assert.equal((await other.get(declined.url)).statusCode, 404, 'and no longer once it declined');
    assert.ok(!(await other.get('/en/notifications')).body.includes(draftLink), 'nor in its notifications');
    const ownPage = textOf(parseHtml((await ngo.get(declined.url)).body).querySelector('ol.timeline'));
    assert.match(ownPage, /declined to co-author/, 'the authors learn of it');
  });

  test('an addressee is not offered "Endorse", and is refused if it posts', async () => {
    const mia = await signedIn('mia@kenes.demo');
    const addressed = await t.db
      .selectFrom('proposals as p')
      .innerJoin('proposal_addressees as d', 'd.proposal_id', 'p.id')
      .select('p.id')
      .where('d.organisation_id', '=', await orgId(t.db, 'mia'))
      .where('p.status', 'in', ['submitted', 'registered', 'assigned', 'answered'])
      .executeTakeFirstOrThrow();
    const url = `/en/proposals/${addressed.id}`;
    const page = parseHtml((await mia.get(url)).body);
    assert.equal(page.querySelector(`form[action="${url}/endorse"]`), null);
    assert.equal((await mia.post(`${url}/endorse`, {})).statusCode, 409);
    const rows = await t.db
      .selectFrom('proposal_endorsements')
      .select('organisation_id')
      .where('proposal_id', '=', addressed.id)
      .where('organisation_id', '=', await orgId(t.db, 'mia'))
      .execute();
    assert.deepEqual(rows, []);
  });

  test('a meeting the reader may not see is neither named on a proposal nor linkable to one', async () => {
    // The upcoming demo meeting, made members-only: a public proposal presented there names it to
    // members only; as a draft, no representative may link a new proposal to it.
    const meeting = await meetingIn(t.db, 'announced');
    await t.db.updateTable('meetings').set({ visibility: 'members' }).where('id', '=', meeting.id).execute();
    const shown = await t.db
      .selectFrom('proposals')
      .select('id')
      .where('status', '=', 'submitted')
      .where('submitted_at', 'is not', null)
      .executeTakeFirstOrThrow();
    await t.db.updateTable('proposals').set({ meeting_id: meeting.id }).where('id', '=', shown.id).execute();
    const named = new RegExp(`Meeting No\\. ${meeting.number}(?!\\d)`);
    const visitorPage = textOf(
      parseHtml((await (await signedIn(null)).get(`/en/proposals/${shown.id}`)).body).querySelector('main'),
    );
    assert.doesNotMatch(visitorPage, named);
    const memberPage = textOf(
      parseHtml((await (await signedIn('ngo@kenes.demo')).get(`/en/proposals/${shown.id}`)).body).querySelector('main'),
    );
    assert.match(memberPage, named);
    const api = await t.app.inject(`/api/v1/proposals/${shown.id}`);
    assert.doesNotMatch(api.body, new RegExp(`"meetingNumber":${meeting.number}(?!\\d)`));

    await t.db.updateTable('meetings').set({ status: 'draft' }).where('id', '=', meeting.id).execute();
    const ngo = await signedIn('ngo@kenes.demo');
    const before = await t.db
      .selectFrom('proposals')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const res = await ngo.post('/en/proposals', {
      title_en: 'Independent monitoring of closed institutions',
      kind: 'practice',
      addresseeIds: await orgId(t.db, 'mia'),
      meetingId: meeting.id,
    });
    assert.equal(res.statusCode, 422);
    const after = await t.db
      .selectFrom('proposals')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(after.n, before.n);
  });
});
