import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { countRows } from '../../testing/data.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/database.ts';
import { kenesOn } from '../../testing/kenes.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const fixtures = path.join(root, 'test/fixtures/recommendations');
let t: TestDatabase;
before(async () => {
  t = await createTestDatabase();
});
after(() => t.drop());

/** `kenes import recommendations ARGS…`, run in-process with the environment the command would have had. */
const kenes = (...args: string[]) => kenesOn(t.url, ['import', 'recommendations', ...args]);

const count = () => countRows(t.db, 'recommendations');

describe('kenes import recommendations', { concurrency: false }, () => {
  test('imports a UPR Info export, with progress on stderr; a second run changes nothing', async () => {
    const first = await kenes(path.join(fixtures, 'upr-info.csv'));
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /Imported upr-info\.csv: 4 new, 0 updated, 0 unchanged, 0 rejected\./);
    // Not a terminal: periodic lines rather than a redrawn bar.
    assert.match(first.stderr, /upr-info\.csv: CSV, utf-8, 4 rows; state="State under Review"/);
    assert.match(first.stderr, /4\/4 rows read/);
    assert.equal(await count(), 4);
    const mechanisms = await t.db
      .selectFrom('recommendations as r')
      .innerJoin('mechanisms as m', 'm.id', 'r.mechanism_id')
      .select('m.code')
      .distinct()
      .execute();
    assert.deepEqual(mechanisms, [{ code: 'UPR' }]);
    const second = await kenes(path.join(fixtures, 'upr-info.csv'));
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stdout, /0 new, 0 updated, 4 unchanged, 0 rejected/);
    assert.equal(await count(), 4);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor_label', 'action'])
      .where('entity', '=', 'recommendation_import')
      .execute();
    assert.deepEqual(audit, [
      { actor_label: 'kenes import recommendations', action: 'import' },
      { actor_label: 'kenes import recommendations', action: 'import' },
    ]);
  });

  test('bad rows: exit 1, every bad line with its reason, nothing written; --skip-bad-rows imports the rest', async () => {
    const before = await count();
    const strict = await kenes(path.join(fixtures, 'bad-rows.csv'));
    assert.equal(strict.status, 1);
    assert.match(strict.stderr, /line 3: Unknown State "Narnia"\./);
    assert.match(strict.stderr, /line 4: The date "31\.02\.2019" does not exist\./);
    assert.match(strict.stderr, /not imported: 2 rows cannot be imported, so nothing was written/);
    assert.equal(await count(), before);
    const skip = await kenes(path.join(fixtures, 'bad-rows.csv'), '--skip-bad-rows');
    assert.equal(skip.status, 0, skip.stderr);
    assert.match(skip.stdout, /1 new, 0 updated, 0 unchanged, 2 rejected/);
    assert.match(skip.stderr, /line 3: Unknown State "Narnia"\./);
    assert.equal(await count(), before + 1);
  });

  test('--encoding, --map and --state: a Windows-1251 file without a State column', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kenes-import-'));
    const file = path.join(dir, 'cp1251.csv');
    // "Орган;Текст" in Windows-1251: the body and the text, no State.
    const text = 'Орган;Текст\r\nКПП;Обеспечить доступ к адвокату с момента задержания\r\n';
    fs.writeFileSync(file, Buffer.from([...text].map((ch) => cp1251(ch))));
    try {
      const missing = await kenes(file);
      assert.equal(missing.status, 2);
      assert.match(
        missing.stderr,
        /Choose the column that holds: State under review\. Use --map state=COLUMN or --state CODE\./,
      );
      const ok = await kenes(
        file,
        '--encoding',
        'cp1251',
        '--state',
        'kz',
        '--map',
        'mechanism=Орган',
        '--map',
        'text_ru=2',
      );
      assert.equal(ok.status, 0, ok.stderr);
      assert.match(ok.stderr, /windows-1251/);
      const row = await t.db
        .selectFrom('recommendations')
        .select(['state_code', 'text'])
        .where('import_id', 'is not', null)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { state_code: 'KZ', text: { ru: 'Обеспечить доступ к адвокату с момента задержания' } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('wrong usage exits 2 with the usage; a file that is not a table exits 1 with the reason', async () => {
    const none = await kenes();
    assert.equal(none.status, 2);
    assert.match(none.stderr, /needs one FILE[\s\S]*Usage: kenes import recommendations FILE/);
    assert.equal((await kenes('/no/such/file.csv')).status, 2);
    assert.equal((await kenes(path.join(fixtures, 'upr-info.csv'), '--encoding', 'klingon')).status, 2);
    assert.equal((await kenes(path.join(fixtures, 'upr-info.csv'), '--map', 'colour=Region')).status, 2);
    const notTable = await kenes(path.join(root, 'public/favicon.svg'));
    assert.equal(notTable.status, 1);
    assert.match(notTable.stderr, /not a table \(it is SVG\)/);
  });
});

/** One character in Windows-1251 (Cyrillic letters and ASCII are all this test needs). */
function cp1251(ch: string): number {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return code;
  if (ch === 'ё') return 0xb8;
  if (ch === 'Ё') return 0xa8;
  if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
  throw new Error(`not in the test's table: ${ch}`);
}
