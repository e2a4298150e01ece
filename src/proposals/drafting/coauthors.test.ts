import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { lastAudit, orgId } from '../../testing/data.ts';
import { draftProposal } from '../../testing/proposals.ts';

/*
 * Answering an invitation to co-author: accepting makes the organisation an author and drops its
 * endorsement (it would count twice); declining a draft ends its sight of it, its people's follows
 * included. Each answer is recorded on the invitation and audited.
 */

const t = useTestApp({ demo: true });
const signedIn = (email: string) => TestClient.signedIn(t.app, email);

async function invitation(proposalId: string, slug: string) {
  return t.db
    .selectFrom('proposal_coauthor_invitations')
    .select(['id', 'answer', 'answered_by', 'answered_at'])
    .where('proposal_id', '=', proposalId)
    .where('organisation_id', '=', await orgId(t.db, slug))
    .executeTakeFirstOrThrow();
}

/** The NGO's draft to the Ministry of Education inviting `coAuthor` (a slug) to co-author it, and the NGO's and that organisation's representatives signed in. */
async function draftInviting(title: string, coAuthor: string, email: string) {
  const ngo = await signedIn('ngo@kenes.demo');
  const invited = await signedIn(email);
  const draft = await draftProposal(ngo, {
    title_en: title,
    body_en: 'Text',
    kind: 'other',
    addresseeIds: await orgId(t.db, 'ministry-of-education'),
    coAuthorIds: await orgId(t.db, coAuthor),
  });
  return { ngo, invited, ...draft };
}

describe('answering an invitation to co-author', { concurrency: false }, () => {
  test('accepting: an author now, its earlier endorsement removed, the answer recorded and audited', async () => {
    const {
      ngo,
      invited: mia,
      url,
      id,
    } = await draftInviting('Interpreters in every police station', 'mia', 'mia@kenes.demo');
    assert.equal((await ngo.post(`${url}/submit`, {})).statusCode, 303);
    assert.equal((await mia.post(`${url}/endorse`, {})).statusCode, 303);
    const endorsements = () =>
      t.db.selectFrom('proposal_endorsements').select('organisation_id').where('proposal_id', '=', id).execute();
    const miaId = await orgId(t.db, 'mia');
    assert.deepEqual(await endorsements(), [{ organisation_id: miaId }]);

    assert.equal((await mia.post(`${url}/co-authorship`, { answer: 'accept' })).statusCode, 303);
    const authors = await t.db
      .selectFrom('proposal_authors')
      .select('organisation_id')
      .where('proposal_id', '=', id)
      .execute();
    assert.ok(authors.some((a) => a.organisation_id === miaId));
    assert.deepEqual(await endorsements(), [], 'an author does not also endorse');
    const answered = await invitation(id, 'mia');
    assert.equal(answered.answer, 'accepted');
    assert.ok(answered.answered_at);
    const entry = await lastAudit(t.db, { entity: 'proposal_coauthor_invitation', entityId: answered.id });
    assert.equal(entry.action, 'accept');
  });

  test('declining a draft: no longer readable, its people no longer follow it', async () => {
    const {
      invited: ombudsman,
      url,
      id,
    } = await draftInviting('Visits to closed institutions', 'ombudsman', 'ombudsman@kenes.demo');
    assert.equal((await ombudsman.post(`${url}/follow`, { follow: '1' })).statusCode, 303);
    const followers = () =>
      t.db
        .selectFrom('follows as f')
        .innerJoin('users as u', 'u.id', 'f.user_id')
        .select('u.email')
        .where('f.proposal_id', '=', id)
        .execute()
        .then((r) => r.map((x) => x.email));
    assert.ok((await followers()).includes('ombudsman@kenes.demo'));

    assert.equal((await ombudsman.post(`${url}/co-authorship`, { answer: 'decline' })).statusCode, 303);
    assert.ok(!(await followers()).includes('ombudsman@kenes.demo'), 'the follow is gone');
    assert.equal((await ombudsman.get(url)).statusCode, 404);
    const answered = await invitation(id, 'ombudsman');
    assert.equal(answered.answer, 'declined');
    const entry = await lastAudit(t.db, { entity: 'proposal_coauthor_invitation', entityId: answered.id });
    assert.equal(entry.action, 'decline');
    assert.equal((await ombudsman.post(`${url}/co-authorship`, { answer: 'accept' })).statusCode, 404, 'once');
  });
});
