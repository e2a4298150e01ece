import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { hashPassword } from '../core/auth/password.ts';
import type { ProposalStatus } from '../core/db/schema.ts';
import { storeFile } from '../core/files/files.ts';
import { createTestApp, type TestApp } from '../core/testing/app.ts';
import { TestClient } from '../core/testing/client.ts';
import { parseHtml, textOf } from '../core/testing/html.ts';
import { DEMO_PASSWORD } from '../demo/content.ts';

/*
 * Who may see a proposal, surface by surface (decision 0014). The expectations are written out by
 * hand — not derived from visibility.ts — so that a change of the rule nobody meant, or a surface
 * that forgets to ask it, fails here.
 */

let t: TestApp;
before(async () => {
  t = await createTestApp({ demo: true });
});
after(() => t.close());

const orgId = async (slug: string) =>
  (await t.db.selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
const PDF = '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
const auditCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

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

type State =
  | 'draft'
  | 'submitted'
  | 'registered'
  | 'assigned'
  | 'answered'
  | 'in_implementation'
  | 'implemented'
  | 'withdrawn_after_submission'
  | 'withdrawn_before_submission'
  | 'merged';

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
  | 'page'
  | 'apiItem'
  | 'apiList'
  | 'csv'
  | 'file'
  | 'similar'
  | 'follow'
  | 'endorse'
  | 'authorFilter'
  | 'recommendationLink';
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
];

/**
 * Where a surface deliberately shows less than SEES: similar suggestions leave out closed proposals;
 * a recommendation's page (another domain's public page) links only to public proposals. A POST
 * "shows" a proposal when its answer differs from the answer for an unknown id; those who may not
 * follow (visitors) or endorse (anyone but a representative) get the same refusal for both.
 */
function expected(state: State, role: Role, surface: Surface): boolean {
  const sees = SEES[state][ROLES.indexOf(role)] === true;
  if (surface === 'follow') return sees && role !== 'visitor';
  if (surface === 'endorse') return sees && ['author', 'invitee', 'addressee', 'otherRep'].includes(role);
  if (surface === 'similar')
    return sees && !['withdrawn_after_submission', 'withdrawn_before_submission', 'merged'].includes(state);
  if (surface === 'recommendationLink') return sees && !['draft', 'withdrawn_before_submission'].includes(state);
  return sees;
}

// ---- the fixture: one proposal per state, each with its own extra author organisation -------------

interface Fixture {
  id: string;
  fileHref: string;
  authorOrg: string;
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
  const zhasUlan = await orgId('zhas-ulan');
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
  const ngo = await orgId('kadyr-kasiyet');
  const mia = await orgId('mia');
  const target = await t.db
    .selectFrom('proposals')
    .select('id')
    .where('status', '=', 'assigned')
    .executeTakeFirstOrThrow();
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
        duplicate_of: state === 'merged' ? target.id : null,
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
    fixtures.set(state, { id: p.id, fileHref: `/files/${stored.file.id}/${state}.pdf`, authorOrg: org.id });
  }
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
    assert.equal(Object.keys(SEES).length * ROLES.length * SURFACES.length, 1000);
  });
});
