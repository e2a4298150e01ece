/**
 * Records in the states whose forms the demo's pages never show (a draft proposal, minutes in review,
 * an import awaiting its encoding, an open reset link…), made as their people would make them, over
 * HTTP, before the hostile-input test crawls: the pages that show those forms, for each person, are
 * where that person's crawl starts. Test support for test/hostile-input.test.ts.
 */
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { saveCommentSettings } from '../src/core/comments/settings.ts';
import type { Db } from '../src/core/db/database.ts';
import { afterResponseIdle } from '../src/core/http/after-response.ts';
import { TestClient } from '../src/testing/client.ts';
import { inDays, orgId } from '../src/testing/data.ts';
import { errorsOf, parseHtml } from '../src/testing/html.ts';
import { scheduleMeeting } from '../src/testing/meetings.ts';
import { multipart } from '../src/testing/multipart.ts';

/** The people who make the records: the crawl's own signed-in clients. */
export type StatePeople = { staff: TestClient; ngo: TestClient; ministry: TestClient; chair: TestClient };
/** The pages each person's crawl starts from (by the crawl's names for them). */
export type StartPages = Record<'staff' | 'ngo' | 'ministry' | 'chair' | 'visitor', string[]>;

async function ok(res: Promise<{ statusCode: number; body: string; headers: Record<string, unknown> }>, what: string) {
  const r = await res;
  assert.equal(r.statusCode, 303, `${what}: ${errorsOf(r.body) || r.statusCode}`);
  return String(r.headers.location);
}

/** The link of the newest e-mail sent to `to`, under /en/. */
async function linkMailedTo(db: Db, to: string): Promise<string> {
  const mail = await db
    .selectFrom('email_outbox')
    .select('body_text')
    .where('to_address', '=', to)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const path = mail.body_text.match(/localhost:3000(\/\S+)/)?.[1];
  assert.ok(path, `a link mailed to ${to}`);
  return path.replace(/^\/(kk-latn|kk|ru|en)\//, '/en/');
}

export async function prepareStates(app: FastifyInstance, db: Db, p: StatePeople): Promise<StartPages> {
  const start: StartPages = { staff: [], ngo: [], ministry: [], chair: [], visitor: [] };
  const ngoOrg = await orgId(db, 'kadyr-kasiyet');
  const mia = await orgId(db, 'mia');
  const justice = await orgId(db, 'ministry-of-justice');

  // Meetings: a draft (its invitations), one held with minutes (circulation), one whose minutes are
  // in review with a correction proposed, and one approved with its communiqué drafted.
  const meetingAt = async (stage: 'draft' | 'held' | 'review' | 'approved') => {
    const id = await scheduleMeeting(p.staff, { title_en: `Hostile input: ${stage}` });
    const url = `/en/meetings/${id}`;
    if (stage === 'draft') return url;
    await ok(p.staff.post(`${url}/agenda`, { title_en: 'Item', plannedMinutes: '30' }), 'agenda item');
    await ok(p.staff.post(`${url}/status`, { status: 'announced' }), 'announced');
    await ok(p.staff.post(`${url}/invitations`, { organisationIds: ngoOrg, role: 'member' }), 'invited');
    await ok(p.ngo.post(`${url}/response`, { response: 'confirmed', newDelegate: 'Delegate' }), 'confirmed');
    const register = parseHtml((await p.staff.get(`${url}/attendance`)).body);
    const presence = Object.fromEntries(
      register.querySelectorAll('select[name^="presence_"]').map((s) => [s.getAttribute('name') ?? '', 'present']),
    );
    await ok(p.staff.post(`${url}/attendance`, presence), 'attendance');
    // A meeting is held only once it has started: this one started an hour ago.
    await db
      .updateTable('meetings')
      .set({ starts_at: new Date(Date.now() - 3_600_000), ends_at: null })
      .where('id', '=', id)
      .execute();
    await ok(p.staff.post(`${url}/status`, { status: 'held' }), 'held');
    const minutes = parseHtml((await p.staff.get(`${url}/minutes`)).body);
    const sections = Object.fromEntries(
      minutes
        .querySelectorAll('textarea[name^="item_"]')
        .map((el) => [el.getAttribute('name') ?? '', 'The ministry reported.']),
    );
    await ok(p.staff.post(`${url}/minutes`, sections), 'minutes');
    if (stage === 'held') return url;
    await ok(p.staff.post(`${url}/minutes/circulate`, {}), 'circulated');
    await ok(p.ngo.post(`${url}/minutes/corrections`, { text: 'Say what was planned for 2027.' }), 'correction');
    if (stage === 'review') return url;
    const correction = parseHtml((await p.staff.get(`${url}/minutes`)).body)
      .querySelector('form[action*="/minutes/corrections/"]')
      ?.getAttribute('action');
    await ok(p.staff.post(correction ?? '', { status: 'accepted' }), 'correction accepted');
    await ok(p.chair.post(`${url}/minutes/approve`, {}), 'approved');
    await ok(p.staff.post(`${url}/communique/generate`, {}), 'communiqué drafted');
    return url;
  };
  const held = await meetingAt('held');
  // The register's second step: a person of the chosen organisation, or a new name.
  start.staff.push(
    `${await meetingAt('draft')}/invitations`,
    `${held}/minutes`,
    `${held}/attendance?organisation=${ngoOrg}`,
  );
  const review = await meetingAt('review');
  start.staff.push(`${review}/minutes`, `${await meetingAt('approved')}/communique`);
  start.ngo.push(`${review}/minutes`);
  start.chair.push(`${review}/minutes`);

  // Proposals: a draft with a co-author invited, one registered awaiting assignment (the co-author
  // not yet answered) and one assigned to the ministry awaiting its answer.
  const proposal = async (addressee: string, coAuthor: string | undefined) =>
    ok(
      p.ngo.post('/en/proposals', {
        title_en: 'Hostile input: a proposal',
        body_en: 'A proposal to test the forms of its later states.',
        kind: 'amend_law',
        addresseeIds: addressee,
        ...(coAuthor ? { coAuthorIds: coAuthor } : {}),
        intent: 'save',
      }),
      'proposal drafted',
    );
  const draft = await proposal(justice, mia);
  const registered = await proposal(justice, mia);
  const assigned = await proposal(mia, undefined);
  for (const url of [registered, assigned]) {
    await ok(p.ngo.post(`${url}/submit`, {}), 'submitted');
    await ok(p.staff.post(`${url}/register`, {}), 'registered');
  }
  await ok(p.staff.post(`${assigned}/assign`, { deadline: inDays(30) }), 'assigned');
  start.ngo.push(draft);
  start.staff.push(registered, assigned);
  start.ministry.push(registered, assigned, '/en/notifications');

  // Recommendations: an import awaiting its encoding choice, and a recommendation with a likely repeat.
  const importPage = parseHtml((await p.staff.get('/en/recommendations/import')).body);
  const token = importPage.querySelector('form[action$="/import"] input[name="_csrf"]')?.getAttribute('value') ?? '';
  // Its columns are named nothing Kenes recognises, so the start form as offered is refused (no text
  // column): an import run in the background would write during the requests that follow it.
  const file = Buffer.from('First,Second\nKazakhstan,Hostile input: investigate every claim\n');
  const body = multipart({ _csrf: token, encoding: '' }, { name: 'r.csv', type: 'text/csv', content: file });
  const imported = await app.inject({
    method: 'POST',
    url: '/en/recommendations/import',
    payload: body.payload,
    headers: { cookie: p.staff.cookieHeader(), 'content-type': body.contentType },
  });
  assert.equal(imported.statusCode, 303, 'an import uploaded');
  start.staff.push(String(imported.headers.location));
  const mechanism = async (code: string) =>
    (await db.selectFrom('mechanisms').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const text = 'Hostile input: ensure that every person deprived of liberty has a lawyer from the first hour.';
  await ok(
    p.staff.post('/en/recommendations', {
      stateCode: 'KZ',
      mechanismId: await mechanism('CRC'),
      symbol: 'CRC/C/KAZ/CO/4',
      paragraph: '91',
      adoptedOn: '2015-10-30',
      text_en: text,
    }),
    'earlier recommendation',
  );
  const later = await ok(
    p.staff.post('/en/recommendations', {
      stateCode: 'KZ',
      mechanismId: await mechanism('CAT'),
      symbol: 'CAT/C/KAZ/CO/5',
      paragraph: '91',
      adoptedOn: '2026-02-20',
      text_en: text,
    }),
    'later recommendation',
  );
  start.staff.push(later.split('#')[0] as string);

  // Accounts: an open password-reset link and an open invitation, for the visitor.
  await ok(new TestClient(app).post('/en/password-reset', { email: 'citizen@kenes.demo' }), 'reset asked');
  await afterResponseIdle(app); // the e-mail is written just after the answer
  start.visitor.push(await linkMailedTo(db, 'citizen@kenes.demo'));
  await ok(
    p.staff.post('/en/admin/invitations', {
      email: 'hostile-invitee@example.org',
      displayName: 'Invitee',
      role: 'citizen',
      locale: 'en',
    }),
    'invitation',
  );
  start.visitor.push(await linkMailedTo(db, 'hostile-invitee@example.org'));
  start.staff.push('/en/admin/invitations');

  // Sign-up: the form, and an open confirmation link of a citizen who signed up (for the visitor); the
  // ministry's representative unconfirmed, so that their account page offers the link again.
  start.visitor.push('/en/sign-up');
  const signUp = parseHtml((await new TestClient(app).get('/en/sign-up')).body);
  const version = (name: string) => signUp.querySelector(`input[name="${name}"]`)?.getAttribute('value') ?? '1';
  await ok(
    new TestClient(app).post('/en/sign-up', {
      displayName: 'Hostile Citizen',
      email: 'hostile-citizen@example.org',
      password: 'a long and uncommon passphrase 7',
      confirm: 'a long and uncommon passphrase 7',
      locale: 'en',
      terms: 'on',
      privacy: 'on',
      termsVersion: version('termsVersion'),
      privacyVersion: version('privacyVersion'),
    }),
    'signed up',
  );
  await afterResponseIdle(app); // the account and its e-mail are written just after the answer
  start.visitor.push(await linkMailedTo(db, 'hostile-citizen@example.org'));
  await db.updateTable('users').set({ email_confirmed_at: null }).where('email', '=', 'mia@kenes.demo').execute();
  start.ministry.push('/en/account');

  // Comments on the demo's published communiqué: the NGO's own (edit, delete), reported by the chair
  // (the moderators' hide, keep and block), and one held by the word list (approve).
  const news = await db
    .selectFrom('communiques')
    .select('id')
    .where('published_at', 'is not', null)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const comments = `/en/comments/news/${news.id}`;
  await saveCommentSettings(db, { words: ['hostilequeue'] });
  await ok(p.ngo.post(comments, { body: 'Hostile input: a comment.', lang: 'en', as: 'self' }), 'commented');
  await ok(p.ngo.post(comments, { body: 'Held: hostilequeue.', lang: 'en', as: 'self' }), 'held comment');
  const reported = parseHtml((await p.chair.get(comments)).body)
    .querySelector('form[action$="/flag"]')
    ?.getAttribute('action');
  await ok(p.chair.post(reported ?? '', { reason: 'Off topic' }), 'reported');
  start.ngo.push(comments);
  start.chair.push(comments);
  start.staff.push('/en/moderation');

  // An import whose preview asks about a theme and a State name Kenes does not know (issue 13, 17).
  // It has no text column, so the start form as offered is refused: nothing runs in the background.
  const unknownNames = Buffer.from('State under Review,Issues,Other\nHostile Narnia,Hostile theme,x\n');
  const named = multipart({ _csrf: token, encoding: '' }, { name: 'n.csv', type: 'text/csv', content: unknownNames });
  const namesImport = await app.inject({
    method: 'POST',
    url: '/en/recommendations/import',
    payload: named.payload,
    headers: { cookie: p.staff.cookieHeader(), 'content-type': named.contentType },
  });
  assert.equal(namesImport.statusCode, 303, 'an import with unknown names uploaded');
  start.staff.push(String(namesImport.headers.location));
  return start;
}
