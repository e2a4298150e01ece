import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, TEST_AUDIT_KEY, type TestDatabase } from '../../testing/database.ts';
import { kenesOn } from '../../testing/kenes.ts';
import { listMigrations, migrate } from './migrate.ts';

const opened: TestDatabase[] = [];
/** The folders of migrations written for a test, removed at the end. */
const folders: string[] = [];
after(async () => {
  await Promise.all(opened.map((d) => d.drop()));
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
});
async function fresh(unmigrated = true) {
  // Migrations are the owner's work (decision 0013), whatever role the other tests serve as.
  const d = await createTestDatabase({ unmigrated, runtimeRole: false });
  opened.push(d);
  return d;
}
function tempMigrations(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kenes-migrations-'));
  folders.push(dir);
  for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), body);
  return dir;
}

describe('migrations', () => {
  test('kenes migrate names what it applied, then says the database is up to date', async () => {
    const d = await fresh();
    const kenes = () => kenesOn(d.url, ['migrate'], { AUDIT_KEY: TEST_AUDIT_KEY });
    const first = await kenes();
    assert.equal(first.status, 0, first.stderr);
    const names = listMigrations().map((m) => m.name);
    // (A warning about serving as a superuser is logged, as JSON, on the same output.)
    const said = (out: string) => out.split('\n').filter((l) => l && !l.startsWith('{'));
    assert.deepEqual(said(first.stdout), [...names.map((n) => `Applied ${n}`), 'The database is up to date.']);
    assert.deepEqual(said((await kenes()).stdout), ['The database is up to date.']);
  });

  test("Kenes's connections run without JIT (its compile time outweighed the explorer's statements)", async () => {
    const d = await fresh(false);
    const { rows } = await sql<{ jit: string }>`SHOW jit`.execute(d.db);
    assert.equal(rows[0]?.jit, 'off');
  });

  test('apply once; a second run applies nothing', async () => {
    const d = await fresh();
    const first = await migrate(d.url);
    assert.deepEqual(
      first.applied,
      listMigrations().map((m) => m.name),
    );
    const second = await migrate(d.url);
    assert.deepEqual(second.applied, []);
  });

  test('three processes migrating one empty database at once apply each file exactly once', async () => {
    const d = await fresh();
    const results = await Promise.all([migrate(d.url), migrate(d.url), migrate(d.url)]);
    const applied = results.flatMap((r) => r.applied);
    assert.deepEqual(
      applied.sort(),
      listMigrations()
        .map((m) => m.name)
        .sort(),
    );
    const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM schema_migrations`.execute(d.db);
    assert.equal(Number(rows[0]?.n), listMigrations().length);
  });

  test('a failing migration leaves nothing half-written and names itself', async () => {
    const d = await fresh();
    const dir = tempMigrations({
      '202601010000_good.sql': 'CREATE TABLE good_one (id int);',
      '202601010001_bad.sql': 'CREATE TABLE half_done (id int); SELECT 1/0;',
    });
    await assert.rejects(migrate(d.url, dir), /202601010001_bad\.sql failed: division by zero/);
    const { rows } = await sql<{ good: string | null; half: string | null }>`
      SELECT to_regclass('good_one')::text AS good, to_regclass('half_done')::text AS half`.execute(d.db);
    assert.deepEqual(rows[0], { good: 'good_one', half: null });
  });

  test('an applied migration that was edited stops the start', async () => {
    const d = await fresh();
    await migrate(d.url);
    const files = Object.fromEntries(listMigrations().map((m) => [m.name, m.sql]));
    const first = listMigrations()[0]?.name ?? '';
    const dir = tempMigrations({ ...files, [first]: `${files[first]}\n-- edited\n` });
    await assert.rejects(migrate(d.url, dir), /was changed after it was applied/);
  });

  test('a database newer than the code is refused', async () => {
    const d = await fresh(false);
    await sql`INSERT INTO schema_migrations (name, checksum) VALUES ('209901010000_future.sql', 'x')`.execute(d.db);
    await assert.rejects(migrate(d.url), /does not know/);
  });

  test('file names must start with a timestamp', () => {
    const dir = tempMigrations({ 'create_things.sql': 'SELECT 1' });
    assert.throws(() => listMigrations(dir), /must look like/);
  });
});
