import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { insertMeeting, orgId } from '../../testing/data.ts';
import { errorsOf } from '../../testing/html.ts';
import { draftProposal } from '../../testing/proposals.ts';

const t = useTestApp({ demo: true });

/**
 * A proposal names the meeting where it was presented: only one its writer may see (the meetings
 * domain decides), or a draft or members-only meeting would be linked to a proposal that becomes public.
 */
describe('the meeting a proposal names', () => {
  test('a public meeting is linked; a draft one the writer may not see is refused, and nothing is saved', async () => {
    const ngo = await TestClient.signedIn(t.app, 'ngo@kenes.demo');
    const mia = await orgId(t.db, 'mia');
    const draft = await insertMeeting(t.db, {
      number: 90,
      title: 'Not yet announced',
      startsAt: new Date('2099-05-01T05:00:00Z'),
      status: 'draft',
      visibility: 'public',
    });
    const before = await t.db
      .selectFrom('proposals')
      .select((e) => e.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const refused = await ngo.post('/en/proposals', {
      intent: 'save',
      title_en: 'Linked to a meeting not yet announced',
      kind: 'other',
      addresseeIds: mia,
      meetingId: draft,
    });
    assert.equal(refused.statusCode, 422);
    assert.match(errorsOf(refused.body), /Choose one of the options/);
    const after = await t.db
      .selectFrom('proposals')
      .select((e) => e.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(after.n, before.n, 'nothing saved');

    const held = await t.db
      .selectFrom('meetings')
      .select('id')
      .where('status', 'in', ['held', 'published'])
      .where('visibility', '=', 'public')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const { id } = await draftProposal(ngo, {
      title_en: 'Presented at a public meeting',
      kind: 'other',
      addresseeIds: mia,
      meetingId: held.id,
    });
    const saved = await t.db
      .selectFrom('proposals')
      .select('meeting_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(saved.meeting_id, held.id);
  });
});
