import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { createTestDatabase, TEST_AUDIT_KEY, type TestDatabase } from '../testing/database.ts';
import { runKenes } from '../testing/kenes.ts';
import { backupName } from './backup/schedule.ts';
import { memoryFinding } from './doctor.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kenes-doctor-'));
let t: TestDatabase;
before(async () => {
  t = await createTestDatabase({ demo: true });
});
after(async () => {
  await t.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** `kenes doctor` in-process, on the test database (or none) with its own DATA_DIR. */
function doctor(extra: Record<string, string | undefined>) {
  const { DATABASE_URL: _omit, DATABASE_OWNER_URL: _omit2, BACKUP_DIR: _omit3, ...env } = process.env;
  const dataDir = path.join(tmp, `data-${Math.random().toString(36).slice(2)}`);
  fs.mkdirSync(dataDir);
  return runKenes(['doctor'], { ...env, DATA_DIR: dataDir, AUDIT_KEY: TEST_AUDIT_KEY, LOG_LEVEL: 'silent', ...extra });
}

/** Runs statements as the superuser, past the audit log's append-only triggers (what an attacker with the database can do). */
async function asSuperuser(...statements: string[]) {
  const c = new pg.Client({ connectionString: t.ownerUrl });
  await c.connect();
  try {
    await c.query('SET session_replication_role = replica');
    for (const s of statements) await c.query(s);
  } finally {
    await c.end();
  }
}

describe('kenes doctor', { concurrency: false }, () => {
  test('healthy: the database and its version, migrations, outbox, audit chain, free space and the newest backup', async () => {
    const backups = path.join(tmp, 'backups');
    fs.mkdirSync(backups);
    // Named as the schedule names them (the time they were taken), and a file that is not a backup.
    fs.writeFileSync(path.join(backups, backupName(new Date('2026-01-01'))), 'x'.repeat(10));
    const newest = backupName();
    fs.writeFileSync(path.join(backups, newest), 'x'.repeat(2048));
    fs.writeFileSync(path.join(backups, 'notes.txt'), 'not a backup');
    const r = await doctor({ DATABASE_URL: t.url, BACKUP_DIR: backups });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^ {2}ok {4}database {5}PostgreSQL \d+[.\d]*.*, external \(DATABASE_URL\)$/m);
    assert.match(r.stdout, /^ {2}ok {4}migrations +\d+ applied, none pending$/m);
    assert.match(
      r.stdout,
      /^ {2}ok {4}memory +shared_buffers [\d.]+ [GMk]?B; the search's documents take [\d.]+ [GMk]?B$/m,
    );
    assert.match(r.stdout, /^ {2}(ok|warn) +outbox +\d+ waiting/m);
    assert.match(r.stdout, /^ {2}ok {4}audit chain +\d+ (entry verifies|entries verify); no checkpoint yet$/m);
    assert.match(r.stdout, /^ {2}ok {4}disk +[\d.]+ [GMk]?B free of [\d.]+ [GMk]?B on DATA_DIR's filesystem$/m);
    assert.match(
      r.stdout,
      new RegExp(`^ {2}ok {4}last backup +${newest.replace('.', '\\.')}, 2\\.0 kB, 0 h ago \\(2 in .*backups\\)$`, 'm'),
    );
    assert.match(r.stdout, /Healthy/);
  });

  test('a pending migration and a rewritten audit entry: exit 3, each named', async () => {
    await asSuperuser(
      'DELETE FROM schema_migrations WHERE name = (SELECT max(name) FROM schema_migrations)',
      "UPDATE audit_log SET action = 'rewritten' WHERE id = (SELECT min(id) FROM audit_log)",
    );
    const r = await doctor({ DATABASE_URL: t.url });
    assert.equal(r.status, 3, r.stdout + r.stderr);
    assert.match(r.stdout, /^ {2}fail {2}migrations +\d+ applied, 1 pending \(\d{12}_\w+\.sql\): kenes migrate/m);
    assert.match(r.stdout, /^ {2}fail {2}audit chain +does NOT verify at entry \d+ \(content\)/m);
    assert.match(r.stdout, /^ {2}warn {2}last backup +none: BACKUP_DIR is not set$/m);
    assert.match(r.stderr, /^Not healthy: migrations, audit chain\.$/m);
  });

  test("shared buffers smaller than the search's documents: a warning with the size to set", () => {
    const MB = 1024 ** 2;
    assert.deepEqual(memoryFinding(128 * MB, 325 * MB, false), {
      level: 'warn',
      what: 'memory',
      text: "shared_buffers 128.0 MB; the search's documents take 325.0 MB: a word's first search reads its matches from the disk (set shared_buffers above 325.0 MB)",
    });
    // Kenes sets the embedded PostgreSQL's buffers: the remedy is memory, or an external PostgreSQL.
    assert.match(
      memoryFinding(1024 * MB, 1500 * MB, true).text,
      /\(the embedded PostgreSQL takes an eighth of the memory, at most 1 GB: give it more memory, or use an external PostgreSQL\)$/,
    );
    assert.equal(memoryFinding(1024 * MB, 325 * MB, false).level, 'ok');
  });

  test('a database from before the search documents: its migrations named, no memory finding', async () => {
    await asSuperuser('DROP TABLE search_documents CASCADE');
    const r = await doctor({ DATABASE_URL: t.url });
    assert.match(r.stdout, /^ {2}fail {2}migrations +\d+ applied, 1 pending/m);
    assert.doesNotMatch(r.stdout, /cannot be reached|memory/);
  });

  test('a database that cannot be reached: exit 3 with the reason', async () => {
    const r = await doctor({ DATABASE_URL: 'postgres://kenes@127.0.0.1:1/kenes' });
    assert.equal(r.status, 3);
    assert.match(r.stdout, /^ {2}fail {2}database +cannot be reached: .*ECONNREFUSED/m);
    assert.match(r.stderr, /Not healthy: database\./);
  });

  test('no embedded database yet: said so, and nothing is created in DATA_DIR', async () => {
    const empty = path.join(tmp, 'empty');
    fs.mkdirSync(empty);
    const r = await doctor({ DATA_DIR: empty, AUDIT_KEY: undefined });
    assert.equal(r.status, 3);
    assert.match(r.stdout, /fail {2}database +no embedded database in .*empty yet \(kenes start creates it\)/);
    assert.deepEqual(fs.readdirSync(empty), []);
  });
});
