import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemActor } from '../../core/audit.ts';
import { createTestDatabase, type TestDatabase } from '../../core/testing/database.ts';
import { claimImport, receiveImportFile, runImport, storedFile } from './run.ts';

let t: TestDatabase;
before(async () => {
  t = await createTestDatabase();
  // Migration 202611290011 seeds the SDG targets; these tests need only these, whatever it holds.
  await t.db
    .insertInto('sdg_goals')
    .values([{ number: 16, name: JSON.stringify({ en: 'Peace, justice and strong institutions' }) }])
    .onConflict((oc) => oc.doNothing())
    .execute();
  await t.db
    .insertInto('sdg_targets')
    .values(
      ['16.2', '16.3', '16.a'].map((code) => ({ code, goal: 16, text: JSON.stringify({ en: `Target ${code}` }) })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
});
after(() => t.drop());

const actor = systemActor('test');

/** Uploads `content` as a stored file, runs the import with the recognised mapping; returns the outcome. */
async function importFile(content: string | Buffer, opts: { skipBadRows?: boolean; filename?: string } = {}) {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  const { id, analysis } = await receiveImportFile(t.db, {
    filename: opts.filename ?? 'recs.csv',
    userId: null,
    bytes: [bytes],
    store: true,
  });
  const row = await t.db
    .selectFrom('recommendation_imports')
    .select('mapping')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  assert.ok(await claimImport(t.db, id, { settings: row.mapping as never, skipBadRows: opts.skipBadRows ?? false }));
  const outcome = await runImport(t.db, id, { actor, open: storedFile(t.db, id) });
  return { id, analysis, outcome };
}

const count = async () =>
  Number(
    (
      await t.db
        .selectFrom('recommendations')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const UPR_INFO = `State under Review,Recommending State,Recommendation,Response,Issues,Session,Paragraph
Kazakhstan,France,"Ensure that all allegations of torture are investigated promptly, impartially and independently",Supported,Torture and other CID treatment;Detention,34,120.45
Kazakhstan,Germany,Abolish the death penalty in all circumstances,Noted,Death penalty,34,120.46
Kazakhstan,"Iran (Islamic Republic of)",Strengthen the protection of children against violence,Supported,Rights of the Child,34,120.47
`;

describe('running an import', { concurrency: false }, () => {
  test('a UPR Info export imports its rows with themes, response and recommending State; a re-import changes nothing', async () => {
    const { outcome } = await importFile(UPR_INFO);
    assert.deepEqual(outcome, { status: 'done', counts: { inserted: 3, updated: 0, unchanged: 0, rejected: 0 } });
    const rows = await t.db
      .selectFrom('recommendations as r')
      .innerJoin('mechanisms as m', 'm.id', 'r.mechanism_id')
      .select([
        'r.state_code',
        'm.code',
        'r.recommending_state',
        'r.response',
        'r.session',
        'r.paragraph',
        'r.text',
        'r.theme_ids',
      ])
      .orderBy('r.paragraph')
      .execute();
    assert.equal(rows.length, 3);
    assert.deepEqual(
      rows.map((r) => [r.state_code, r.code, r.recommending_state, r.response, r.session, r.paragraph]),
      [
        ['KZ', 'UPR', 'FR', 'supported', '34', '120.45'],
        ['KZ', 'UPR', 'DE', 'noted', '34', '120.46'],
        ['KZ', 'UPR', 'IR', 'supported', '34', '120.47'],
      ],
    );
    assert.equal(rows[1]?.text.en, 'Abolish the death penalty in all circumstances');
    // "Issues" became themes, created where new (two on the first row).
    assert.equal(rows[0]?.theme_ids.length, 2);
    const again = await importFile(UPR_INFO);
    assert.deepEqual(again.outcome, { status: 'done', counts: { inserted: 0, updated: 0, unchanged: 3, rejected: 0 } });
    assert.equal(await count(), 3);
  });

  test('a changed response updates the recommendation; the rest stays unchanged', async () => {
    const changed = UPR_INFO.replace(
      'Abolish the death penalty in all circumstances,Noted',
      'Abolish the death penalty in all circumstances,Supported',
    );
    const { outcome } = await importFile(changed);
    assert.deepEqual(outcome, { status: 'done', counts: { inserted: 0, updated: 1, unchanged: 2, rejected: 0 } });
    const r = await t.db
      .selectFrom('recommendations')
      .select('response')
      .where('paragraph', '=', '120.46')
      .executeTakeFirstOrThrow();
    assert.equal(r.response, 'supported');
  });
});
