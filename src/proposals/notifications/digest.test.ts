import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { demoProposalIn } from '../test-support.ts';

const t = useTestApp({ demo: true });

const client = (email: string) => TestClient.signedIn(t.app, email);

describe('digests', () => {
  test('a daily reader gets one digest, even with two processes sending at once', async () => {
    const { sendDigests } = await import('./digest.ts');
    const observer = await t.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'observer@kenes.demo')
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('users')
      .set({ notify: 'daily', digest_sent_at: null })
      .where('id', '=', observer.id)
      .execute();
    const c = await client('observer@kenes.demo');
    const target = await demoProposalIn(t.db, 'assigned');
    assert.equal((await c.post(`/en/proposals/${target}/follow`, { follow: '1' })).statusCode, 303);
    const ngo = await client('ngo@kenes.demo');
    assert.equal((await ngo.post(`/en/proposals/${target}/endorse`, {})).statusCode, 303);
    // In a file of its own the outbox may still be empty here (no earlier test has sent mail).
    const last = await t.db.selectFrom('email_outbox').select('id').orderBy('id', 'desc').executeTakeFirst();
    const immediate = await t.db
      .selectFrom('email_outbox')
      .select('id')
      .where('id', '>', last?.id ?? '0')
      .where('to_address', '=', 'observer@kenes.demo')
      .execute();
    assert.equal(immediate.length, 0, 'no immediate mail for a daily reader');
    await Promise.all([sendDigests(t.db, 'http://x'), sendDigests(t.db, 'http://x')]);
    const digests = await t.db
      .selectFrom('email_outbox')
      .select(['subject', 'body_text'])
      .where('to_address', '=', 'observer@kenes.demo')
      .execute();
    assert.equal(digests.length, 1);
    assert.match(digests[0]?.body_text ?? '', /Endorsed by/);
    assert.equal(await sendDigests(t.db, 'http://x'), 0, 'nothing more until tomorrow');
  });
});
