import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { systemActor } from '../../core/audit.ts';
import { auditCount, countRows } from '../../testing/data.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/database.ts';
import { importById } from './queries.ts';
import { receiveImportFile, storedFile } from './receive.ts';
import { claimImport, runImport } from './run.ts';
import { UHRI_HEADINGS } from './test-fixtures.ts';

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
async function importFile(
  content: string | Buffer,
  opts: {
    skipBadRows?: boolean;
    filename?: string;
    onProgress?: (p: { processed: number }) => void;
    themes?: Record<string, string>;
  } = {},
) {
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
  const settings = { ...(row.mapping as object), themes: opts.themes } as never;
  assert.ok(await claimImport(t.db, id, { settings, skipBadRows: opts.skipBadRows ?? false }));
  const outcome = await runImport(t.db, id, {
    actor,
    open: storedFile(t.db, id),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  return { id, analysis, outcome };
}

const count = () => countRows(t.db, 'recommendations');

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
    // "Issues" became themes: UPR Info's names of Kenes's own (prevention of torture, persons deprived of
    // liberty, children's rights); "Death penalty", new and not confirmed, was left out.
    const slugs = await t.db.selectFrom('themes').select(['id', 'slug']).execute();
    const themeSlugs = (ids: string[] | undefined) => (ids ?? []).map((i) => slugs.find((th) => th.id === i)?.slug);
    assert.deepEqual(
      rows.map((r) => themeSlugs(r.theme_ids)),
      [['torture-prevention', 'detention'], [], ['children']],
    );
    assert.ok(!slugs.some((th) => th.slug === 'death-penalty'));
    const again = await importFile(UPR_INFO);
    assert.deepEqual(again.outcome, { status: 'done', counts: { inserted: 0, updated: 0, unchanged: 3, rejected: 0 } });
    assert.equal(await count(), 3);
  });

  // The browser journey's file (test/e2e/obligations-journey.test.ts), here too: its columns make a
  // statement of their own, which then runs on CI's second PostgreSQL (it runs no browser test).
  test('an export with document symbol, body and date (semicolons) imports each row under its mechanism', async () => {
    const csv = [
      'State under Review;Recommending State;Recommendation;Response;Issues;Document symbol;Paragraph;Body;Date',
      'Kazakhstan;;Introduce audio and video recording of interrogations;;Prevention of torture;CAT/C/KAZ/CO/4;14;CAT;03.12.2021',
      'Kazakhstan;France;Ratify the Convention against Enforced Disappearance;Noted;Enforced disappearances;A/HRC/44/10;141.5;UPR;27.03.2020',
    ].join('\r\n');
    const { outcome } = await importFile(csv, { filename: 'journey.csv' });
    assert.deepEqual(outcome, { status: 'done', counts: { inserted: 2, updated: 0, unchanged: 0, rejected: 0 } });
    const rows = await t.db
      .selectFrom('recommendations as r')
      .innerJoin('mechanisms as m', 'm.id', 'r.mechanism_id')
      .select(['m.code', 'r.symbol', 'r.paragraph', 'r.adopted_on', 'r.recommending_state', 'r.response'])
      .where('r.symbol', 'in', ['CAT/C/KAZ/CO/4', 'A/HRC/44/10'])
      .orderBy('r.paragraph')
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.code, r.symbol, r.paragraph, String(r.adopted_on), r.recommending_state, r.response]),
      [
        ['CAT', 'CAT/C/KAZ/CO/4', '14', '2021-12-03', null, null],
        ['UPR', 'A/HRC/44/10', '141.5', '2020-03-27', 'FR', 'noted'],
      ],
    );
    await sql`DELETE FROM recommendations WHERE symbol IN ('CAT/C/KAZ/CO/4', 'A/HRC/44/10')`.execute(t.db);
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

  test('a file with bad rows writes nothing and lists each bad line with its reason; skipping writes the good ones', async () => {
    const before = await count();
    const file = `State,Mechanism,Recommendation,Date
Kazakhstan,CAT,Establish an effective national preventive mechanism,12.03.2019
Narnia,CAT,Investigate all deaths in custody,12.03.2019
Kazakhstan,CAT,Ensure access to a lawyer from the outset of detention,31.02.2019
Kazakhstan,CRC,,12.03.2019
Kazakhstan,CRC,Prohibit corporal punishment in all settings,2019-03-12
`;
    const strict = await importFile(file);
    assert.equal(strict.outcome.status, 'failed');
    assert.deepEqual(strict.outcome.counts, { inserted: 0, updated: 0, unchanged: 0, rejected: 3 });
    assert.equal(await count(), before, 'all or nothing: nothing written');
    const listed = await t.db
      .selectFrom('import_rejections')
      .select(['line', 'reason'])
      .where('import_id', '=', strict.id)
      .orderBy('line')
      .execute();
    assert.deepEqual(listed, [
      { line: 3, reason: { key: 'import.reason.stateUnknown', params: { value: 'Narnia' } } },
      { line: 4, reason: { key: 'import.reason.dateImpossible', params: { value: '31.02.2019' } } },
      { line: 5, reason: { key: 'import.reason.textMissing', params: {} } },
    ]);
    const failed = await t.db
      .selectFrom('recommendation_imports')
      .select(['status', 'error'])
      .where('id', '=', strict.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(failed, { status: 'failed', error: { key: 'import.error.badRows', params: { count: 3 } } });

    const skipping = await importFile(file, { skipBadRows: true });
    assert.deepEqual(skipping.outcome, {
      status: 'done',
      counts: { inserted: 2, updated: 0, unchanged: 0, rejected: 3 },
    });
    assert.equal(await count(), before + 2);
    const skipped = await t.db
      .selectFrom('import_rejections')
      .select('line')
      .where('import_id', '=', skipping.id)
      .orderBy('line')
      .execute();
    assert.deepEqual(
      skipped.map((r) => r.line),
      [3, 4, 5],
    );
  });

  test('a formula in a cell is stored as the text it is, never evaluated', async () => {
    const file = `State,Mechanism,Recommendation,Document symbol
Kazakhstan,CAT,"=cmd|' /C calc'!A0",CAT/C/KAZ/CO/4
Kazakhstan,CAT,"@SUM(1+9)*cmd|' /C calc'!A0",CAT/C/KAZ/CO/4
`;
    const { outcome } = await importFile(file);
    assert.equal(outcome.status, 'done');
    const texts = await t.db
      .selectFrom('recommendations')
      .select('text')
      .where('symbol', '=', 'CAT/C/KAZ/CO/4')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      texts.map((r) => r.text.en),
      ["=cmd|' /C calc'!A0", "@SUM(1+9)*cmd|' /C calc'!A0"],
    );
  });

  test('a UHRI-style workbook: themes created once, affected persons matched to the known groups, SDG targets, one audit entry', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Export');
    // The export's first eight columns and its UPR position.
    ws.addRow([...UHRI_HEADINGS.slice(0, 8), 'UPR Position']);
    ws.addRow([
      'Ensure that children in detention are separated from adults',
      '- Kazakhstan',
      '- CRC',
      'CRC/C/KAZ/CO/5',
      '- Juvenile justice\n- Detention',
      '- Children',
      '- 16.2 - End abuse of children',
      43536,
      '',
    ]);
    ws.addRow([
      'Criminalise domestic violence as a separate offence',
      '- Kazakhstan',
      '- CEDAW',
      'CEDAW/C/KAZ/CO/5',
      '- Juvenile justice\n- Violence against women',
      '- Women & girls',
      '- 16.3 - Promote the rule of law',
      43536,
      '',
    ]);
    ws.addRow([
      'Ensure that all allegations of torture are investigated',
      '- Kazakhstan',
      '- SR on torture\n- Special Procedures',
      'A/HRC/52/30/Add.1',
      '- Detention',
      '- Persons deprived of their liberty',
      '',
      44900,
      '',
    ]);
    const themesBefore = await t.db.selectFrom('themes').select('slug').execute();
    const auditsBefore = await auditCount(t.db, 'recommendation_import');
    const { id, outcome } = await importFile(Buffer.from(await wb.xlsx.writeBuffer()), {
      filename: 'export.xlsx',
      themes: { 'Juvenile justice': 'new', 'Violence against women': 'new' },
    });
    assert.deepEqual(outcome, { status: 'done', counts: { inserted: 3, updated: 0, unchanged: 0, rejected: 0 } });
    const rows = await t.db
      .selectFrom('recommendations as r')
      .innerJoin('mechanisms as m', 'm.id', 'r.mechanism_id')
      .select(['m.code', 'r.adopted_on', 'r.theme_ids', 'r.affected_group_ids', 'r.sdg_targets'])
      .where('r.import_id', '=', id)
      .orderBy('r.id')
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.code, r.adopted_on, r.sdg_targets]),
      [
        ['CRC', '2019-03-12', ['16.2']],
        ['CEDAW', '2019-03-12', ['16.3']],
        ['SP', '2022-12-05', []],
      ],
    );
    const themesAfter = await t.db.selectFrom('themes').select(['id', 'slug']).execute();
    const newSlugs = themesAfter
      .map((th) => th.slug)
      .filter((slug) => !themesBefore.some((b) => b.slug === slug))
      .sort();
    // The confirmed ones only; "Juvenile justice" appears twice and is created once; "Detention" is Kenes's own.
    assert.deepEqual(newSlugs, ['juvenile-justice', 'violence-against-women']);
    const groups = await t.db.selectFrom('affected_groups').select(['id', 'slug']).execute();
    const slugOf = (gid: string) => groups.find((g) => g.id === gid)?.slug;
    assert.deepEqual(
      rows.map((r) => r.affected_group_ids.map(slugOf)),
      [['children'], ['women-and-girls'], ['persons-deprived-of-liberty']],
    );
    assert.equal(
      (await auditCount(t.db, 'recommendation_import')) - auditsBefore,
      1,
      'one audit entry per import, not per row',
    );
    // The file's chunks are removed once the import is done.
    const chunks = await t.db
      .selectFrom('recommendation_import_chunks' as never)
      .select(sql`count(*)`.as('n'))
      .where(sql.ref('import_id'), '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(Number((chunks as { n: string }).n), 0);
  });

  test('progress is readable from another connection while the transaction runs', async () => {
    const lines = ['State,Mechanism,Recommendation'];
    for (let i = 0; i < 3000; i++) lines.push(`Kazakhstan,UPR,Progress recommendation number ${i}`);
    let seen: Promise<{ status: string; processed_rows: number; inserted: number }> | undefined;
    let importId = '';
    const { outcome } = await importFile(`${lines.join('\n')}\n`, {
      onProgress: ({ processed }) => {
        if (processed === 2600 && !seen) {
          seen = t.db
            .selectFrom('recommendation_imports')
            .select(['status', 'processed_rows', 'inserted'])
            .orderBy('id', 'desc')
            .limit(1)
            .executeTakeFirstOrThrow();
        }
      },
    });
    importId = (
      await t.db
        .selectFrom('recommendation_imports')
        .select('id')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow()
    ).id;
    assert.equal(outcome.status, 'done');
    const during = await seen;
    assert.equal(during?.status, 'running');
    assert.ok((during?.processed_rows ?? 0) >= 2000, `progress written while running: ${during?.processed_rows}`);
    const finished = await importById(t.db, importId);
    assert.equal(finished?.processedRows, 3000);
  });

  test('a running import whose heartbeat stopped is shown as interrupted and can be started again', async () => {
    const { id } = await importFile('State,Mechanism,Recommendation\nKazakhstan,UPR,Interrupted recommendation\n');
    await t.db
      .updateTable('recommendation_imports')
      .set({ status: 'running', heartbeat_at: sql`now() - interval '2 minutes'` })
      .where('id', '=', id)
      .execute();
    assert.equal((await importById(t.db, id))?.status, 'interrupted');
    await t.db.updateTable('recommendation_imports').set({ heartbeat_at: sql`now()` }).where('id', '=', id).execute();
    assert.equal((await importById(t.db, id))?.status, 'running');
    assert.equal(
      await claimImport(t.db, id, {
        settings: { columns: { state: 0, mechanism: 1, text_en: 2 }, defaults: {} },
        skipBadRows: false,
      }),
      false,
      'a live import is not taken over',
    );
    await t.db
      .updateTable('recommendation_imports')
      .set({ heartbeat_at: sql`now() - interval '2 minutes'` })
      .where('id', '=', id)
      .execute();
    assert.equal(
      await claimImport(t.db, id, {
        settings: { columns: { state: 0, mechanism: 1, text_en: 2 }, defaults: {} },
        skipBadRows: false,
      }),
      true,
    );
  });
});
