import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import {
  createTestDatabase,
  TEST_AUDIT_KEY,
  TEST_RUNTIME_PASSWORD,
  TEST_RUNTIME_ROLE,
  type TestDatabase,
} from '../../testing/database.ts';
import { runKenes } from '../../testing/kenes.ts';
import { audit, configureAudit, currentAuditSetup, systemActor, writeAuditCheckpoint } from '../audit.ts';
import { parseAuditKeys } from '../audit-keys.ts';
import { createDb, type Db } from '../db/database.ts';
import { clusterDirOf, startEmbeddedPostgres } from '../db/embedded.ts';
import { embeddedSharedBuffersMb } from '../db/embedded-settings.ts';
import { listMigrations, MIGRATIONS_DIR, migrate } from '../db/migrate.ts';
import { TABLE_OWNERS } from '../db/owners.ts';
import { ensureLoginRole } from '../db/roles.ts';
import { writeBackup } from './backup.ts';
import { listTables, otherDataRelations } from './catalogue.ts';
import { restoreBackup } from './restore.ts';
import { backupName, listBackups, pruneBackups, runScheduledBackup } from './schedule.ts';

const cleanup: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const c of cleanup.reverse()) await c();
});

async function database(opts: Parameters<typeof createTestDatabase>[0]): Promise<TestDatabase> {
  const d = await createTestDatabase(opts);
  cleanup.push(() => d.drop());
  return d;
}

function tmpDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kenes-${prefix}-`));
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A DATA_DIR as an installation has it: its secrets, the audit key in a file, a signed checkpoint. */
async function dataDirFor(d: TestDatabase): Promise<string> {
  const dir = tmpDir('data');
  fs.writeFileSync(
    path.join(dir, 'secrets.json'),
    JSON.stringify({ sessionSecret: 's'.repeat(40), postgresPassword: 'p'.repeat(24) }),
  );
  fs.writeFileSync(path.join(dir, 'audit-keys'), `# keys\n${TEST_AUDIT_KEY}\n`);
  const before = currentAuditSetup();
  configureAudit({
    keyring: parseAuditKeys(TEST_AUDIT_KEY, 'test'),
    checkpointFile: path.join(dir, 'audit-checkpoints'),
  });
  try {
    assert.ok(await writeAuditCheckpoint(d.db));
  } finally {
    if (before) configureAudit(before);
  }
  return dir;
}

/** `kenes …` in-process against a database and a DATA_DIR (no AUDIT_KEY: the keys are DATA_DIR's). */
function kenes(argv: string[], url: string, dataDir: string, extra: NodeJS.ProcessEnv = {}) {
  const { DATABASE_URL: _u, AUDIT_KEY: _k, BACKUP_PASSPHRASE: _p, ...env } = process.env;
  return runKenes(argv, { ...env, DATABASE_URL: url, DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...extra });
}

/** Every table's row count and a hash of its whole content (rows as text, in an order no collation changes), and every sequence. */
async function fingerprint(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: Record<string, string> = {};
    for (const t of await listTables(client)) {
      const q = client.escapeIdentifier(t.name);
      const { rows } = await client.query<{ n: string; h: string | null }>(
        `SELECT count(*) AS n, md5(string_agg(md5(x::text), '' ORDER BY md5(x::text) COLLATE "C")) AS h FROM ${q} x`,
      );
      out[t.name] = `${rows[0]?.n}:${rows[0]?.h}`;
    }
    const seqs = await client.query<{ name: string }>(
      "SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'S'",
    );
    for (const { name } of seqs.rows) {
      const { rows } = await client.query(`SELECT last_value, is_called FROM ${client.escapeIdentifier(name)}`);
      out[`sequence ${name}`] = JSON.stringify(rows[0]);
    }
    return out;
  } finally {
    await client.end();
  }
}

const SECRET_NAMES = ['secrets.json', 'audit-keys', 'audit-checkpoints'];

describe('backup and restore', { concurrency: false }, () => {
  test('the backup covers every table of the schema: the list is the catalogue, and it is every owned table', async () => {
    const d = await database({});
    const client = new pg.Client({ connectionString: d.ownerUrl });
    await client.connect();
    try {
      const tables = (await listTables(client)).map((t) => t.name).sort();
      const owned = Object.keys(TABLE_OWNERS);
      const views = (
        await client.query<{ name: string }>(
          "SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'v'",
        )
      ).rows.map((r) => r.name);
      assert.deepEqual(tables, [...owned.filter((t) => !views.includes(t)), 'schema_migrations'].sort());
      // Nothing that holds data outside plain tables (the backup would refuse it), no large objects' column.
      assert.deepEqual(await otherDataRelations(client), []);
      const oids = await client.query(
        `SELECT a.attrelid::regclass AS t, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
          WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.atttypid = 'oid'::regtype AND a.attnum > 0`,
      );
      assert.deepEqual(oids.rows, []);
      // Parents come before the tables that reference them.
      const order = (await listTables(client)).map((t) => t.name);
      assert.ok(order.indexOf('users') < order.indexOf('sessions'));
      assert.ok(order.indexOf('files') < order.indexOf('file_chunks'));
    } finally {
      await client.end();
    }
  });

  test('an encrypted backup of the demo restores into a fresh database: every table, sequence and file equal, the chain verifies', async () => {
    const src = await database({ demo: true });
    const srcDir = await dataDirFor(src);
    const file = path.join(tmpDir('bk'), 'demo.backup');
    const passphrase = 'correct horse battery staple';
    const b = await kenes(['backup', file], src.url, srcDir, { BACKUP_PASSPHRASE: passphrase });
    assert.equal(b.status, 0, b.stderr);
    assert.match(b.stdout, /encrypted/);
    assert.ok(!fs.readFileSync(file).includes(Buffer.from('admin@kenes.demo')), 'the content is not readable');
    // Nothing writes to the source after its backup: its fingerprint is taken once.
    const expected = await fingerprint(src.ownerUrl);

    const dst = await database({ unmigrated: true });
    const dstDir = tmpDir('restored');
    const wrong = await kenes(['restore', file], dst.url, dstDir, { BACKUP_PASSPHRASE: 'not the right passphrase' });
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /Wrong passphrase/);
    assert.deepEqual(fs.readdirSync(dstDir), [], 'nothing written before the passphrase is known right');

    // One byte changed: refused as damaged (GCM's tag, or gzip's checksum, or PostgreSQL first and
    // then the file is checked; or, when the changed bit lands in a record's header, that header is
    // not JSON: the demo's dates move with the day, and so does where a byte lands), and nothing of it stays.
    for (const at of [0.3, 0.6, 0.9]) {
      const altered = `${file}.altered`;
      const bytes = fs.readFileSync(file);
      const i = Math.floor(bytes.length * at);
      bytes[i] = (bytes[i] ?? 0) ^ 1;
      fs.writeFileSync(altered, bytes);
      const bad = await kenes(['restore', altered], dst.url, dstDir, { BACKUP_PASSPHRASE: passphrase });
      assert.equal(bad.status, 1);
      assert.match(
        bad.stderr,
        /^kenes: The backup file is damaged( or was altered| \(a record header is not JSON\))/,
        `byte at ${at}`,
      );
    }

    // The target is still empty: restored without --force.
    const r = await kenes(['restore', file], dst.url, dstDir, { BACKUP_PASSPHRASE: passphrase });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /The audit log verifies: \d+ entries, 1 checkpoints/);
    assert.deepEqual(await fingerprint(dst.ownerUrl), expected);
    for (const name of SECRET_NAMES) {
      assert.ok(fs.readFileSync(path.join(dstDir, name)).equals(fs.readFileSync(path.join(srcDir, name))), name);
    }
    const v = await kenes(['audit', 'verify'], dst.url, dstDir);
    assert.equal(v.status, 0, v.stderr);

    // The target now holds data: a second restore is refused without --force, and replaces it with.
    const again = await kenes(['restore', file], dst.url, dstDir, { BACKUP_PASSPHRASE: passphrase });
    assert.equal(again.status, 1);
    assert.match(again.stderr, /not empty.*--force/);
    await sql`DELETE FROM themes WHERE id IN (SELECT id FROM themes LIMIT 1)`.execute(createDbOnce(dst.ownerUrl));
    const forced = await kenes(['restore', file, '--force'], dst.url, dstDir, { BACKUP_PASSPHRASE: passphrase });
    assert.equal(forced.status, 0, forced.stderr);
    assert.deepEqual(await fingerprint(dst.ownerUrl), expected);
  });

  test("restored into a new DATA_DIR: the embedded PostgreSQL is created with the backup's secrets and holds the same", async () => {
    const src = await database({ demo: true });
    const srcDir = await dataDirFor(src);
    const file = path.join(tmpDir('bk'), 'to-embedded.backup');
    assert.equal((await kenes(['backup', file], src.url, srcDir)).status, 0);
    const dataDir = path.join(tmpDir('embedded'), 'data');
    cleanup.push(() => fs.rmSync(clusterDirOf(dataDir), { recursive: true, force: true }));
    const { DATABASE_URL: _u, AUDIT_KEY: _k, ...env } = process.env;
    const r = await runKenes(['restore', file], { ...env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /The audit log verifies/);
    const secrets = JSON.parse(fs.readFileSync(path.join(dataDir, 'secrets.json'), 'utf8'));
    const pgServer = await startEmbeddedPostgres({
      dataDir,
      password: secrets.postgresPassword,
      database: 'kenes',
      log: () => {},
    });
    try {
      assert.deepEqual(await fingerprint(pgServer.url), await fingerprint(src.ownerUrl));
      // Kenes's embedded cluster has the shared buffers it asks for (an eighth of the memory, 128 MB to 1 GB).
      const c = new pg.Client({ connectionString: pgServer.url });
      await c.connect();
      const { rows } = await c.query(`SELECT pg_size_bytes(current_setting('shared_buffers'))::text AS b`);
      await c.end();
      assert.equal(Number(rows[0].b), embeddedSharedBuffersMb() * 2 ** 20);
    } finally {
      await pgServer.stop();
    }
  });

  test('restored by an owner who is not a superuser (external PostgreSQL); the audit log stays append-only for Kenes', async () => {
    const src = await database({ demo: true });
    const file = path.join(tmpDir('bk'), 'owner.backup');
    assert.equal((await kenes(['backup', file], src.url, await dataDirFor(src))).status, 0);
    const dst = await database({ unmigrated: true });
    const admin = createDbOnce(dst.ownerUrl);
    await ensureLoginRole(dst.ownerUrl, 'kenes_test_owner', 'kenes-test-owner-password');
    const dbName = new URL(dst.ownerUrl).pathname.slice(1);
    await sql
      .raw(`ALTER DATABASE "${dbName}" OWNER TO kenes_test_owner; ALTER SCHEMA public OWNER TO kenes_test_owner`)
      .execute(admin);
    const owner = new URL(dst.ownerUrl);
    owner.username = 'kenes_test_owner';
    owner.password = 'kenes-test-owner-password';
    const runtime = new URL(dst.ownerUrl);
    runtime.username = TEST_RUNTIME_ROLE;
    runtime.password = TEST_RUNTIME_PASSWORD;
    const r = await kenes(['restore', file], runtime.toString(), tmpDir('restored'), {
      DATABASE_OWNER_URL: owner.toString(),
    });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(await fingerprint(dst.ownerUrl), await fingerprint(src.ownerUrl));
    // Every trigger is on again, and the run-time role cannot change the restored log.
    const { rows } = await sql<{ disabled: string }>`
      SELECT count(*) AS disabled FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'O'`.execute(admin);
    assert.equal(rows[0]?.disabled, '0');
    const app = createDbOnce(runtime.toString());
    await assert.rejects(sql`UPDATE audit_log SET action = 'x'`.execute(app), /permission denied/);
    await assert.rejects(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(app), /must be owner/);
  });

  test('a backup taken while a writer goes on is one snapshot', async () => {
    const src = await database({ demo: true });
    const srcDir = await dataDirFor(src);
    const file = path.join(tmpDir('bk'), 'live.backup');
    // Each write: an audit entry and an e-mail in one transaction. Copied table by table without one
    // snapshot, the e-mails and the entries (and the chain's head) would disagree.
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await src.db.transaction().execute(async (trx) => {
          await trx
            .insertInto('email_outbox')
            .values({ to_address: 'w@example.org', subject: 'writer', body_text: String(written) })
            .execute();
          await audit(trx, systemActor('writer'), { entity: 'writer', entityId: String(written), action: 'create' });
        });
        written++;
      }
    })();
    while (written < 20) await new Promise((r) => setTimeout(r, 10));
    const b = await kenes(['backup', file], src.url, srcDir);
    const atEnd = written;
    writing = false;
    await writer;
    assert.equal(b.status, 0, b.stderr);

    // Into a migrated, empty database (restores into one without a schema are the other tests'), as its owner.
    const dst = await database({});
    const r = await kenes(['restore', file], dst.ownerUrl, tmpDir('restored'));
    assert.equal(r.status, 0, r.stderr);
    const db = createDbOnce(dst.ownerUrl);
    const { rows } = await sql<{ mails: string; entries: string; head: string; last: string }>`
      SELECT (SELECT count(*) FROM email_outbox WHERE subject = 'writer') AS mails,
             (SELECT count(*) FROM audit_log WHERE entity = 'writer') AS entries,
             (SELECT last_id FROM audit_chain_head) AS head,
             (SELECT max(id) FROM audit_log) AS last`.execute(db);
    const row = rows[0];
    assert.ok(row);
    assert.equal(row.mails, row.entries);
    assert.equal(row.head, row.last);
    assert.ok(Number(row.mails) >= 20 && Number(row.mails) <= atEnd, `${row.mails} writes of ${atEnd}`);
    assert.ok(written > Number(row.mails), 'the writer went on during and after the backup');
    assert.match(r.stdout, /The audit log verifies/);
  });

  test('an older backup is migrated forward after its data; a newer one is refused', async () => {
    const all = listMigrations();
    const older = all.at(-4)?.name ?? '';
    const src = await database({ unmigrated: true });
    await assert.rejects(
      writeBackup({ url: src.ownerUrl, dataDir: tmpDir('empty'), file: path.join(tmpDir('bk'), 'none.backup') }),
      /no Kenes schema/,
    );
    await migrate(src.ownerUrl, MIGRATIONS_DIR, older);
    const dir = tmpDir('bk');
    // The source's backup into `name`, and that file restored into a new, empty database.
    const backUp = (name: string) =>
      writeBackup({ url: src.ownerUrl, dataDir: tmpDir('empty'), file: path.join(dir, name), passphrase: undefined });
    const restoreAnew = (name: string) =>
      restoreBackup({
        file: path.join(dir, name),
        passphrase: undefined,
        dataDir: tmpDir('d'),
        force: false,
        // Created when the restore opens it: a backup refused for its schema never gets that far.
        open: async () => openExternal((await database({ unmigrated: true })).ownerUrl),
      });
    await backUp('old.backup');
    const restored = await restoreAnew('old.backup');
    assert.deepEqual(
      restored.migratedForward,
      all.slice(-3).map((m) => m.name),
    );

    await sql`INSERT INTO schema_migrations (name, checksum) VALUES ('209912312359_from_the_future.sql', 'x')`.execute(
      createDbOnce(src.ownerUrl),
    );
    await backUp('new.backup');
    await assert.rejects(
      restoreAnew('new.backup'),
      /made by a newer Kenes \(its schema has migration 209912312359_from_the_future.sql/,
    );
  });

  test('scheduled backups: one process takes the daily one, BACKUP_KEEP newest are kept', async () => {
    // As the run-time role, as Kenes runs the job: its grants let it read every table.
    const src = await database({ runtimeRole: true });
    const dir = tmpDir('scheduled');
    for (const day of [1, 2, 3, 4]) {
      fs.writeFileSync(path.join(dir, backupName(new Date(Date.UTC(2026, 0, day, 3)))), 'old');
    }
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a backup: never pruned');
    const schedule = { url: src.url, dataDir: tmpDir('d'), dir, keep: 3, passphrase: undefined };
    const now = () => new Date(Date.UTC(2026, 0, 6, 3));
    const [a, b] = await Promise.all([runScheduledBackup(schedule, now), runScheduledBackup(schedule, now)]);
    assert.equal([a, b].filter(Boolean).length, 1, 'exactly one of two processes writes it');
    assert.deepEqual(
      listBackups(dir).map((f) => f.name),
      ['kenes-20260106T030000Z.backup', 'kenes-20260104T030000Z.backup', 'kenes-20260103T030000Z.backup'],
    );
    assert.ok(fs.existsSync(path.join(dir, 'notes.txt')));
    // Not due again the same day.
    assert.equal(await runScheduledBackup(schedule, () => new Date(Date.UTC(2026, 0, 6, 12))), undefined);
    assert.deepEqual(pruneBackups(dir, 1), ['kenes-20260104T030000Z.backup', 'kenes-20260103T030000Z.backup']);
  });
});

const dbs: Db[] = [];
after(async () => {
  for (const db of dbs) await db.destroy();
});
function createDbOnce(url: string): Db {
  const db = createDb(url, 2);
  dbs.unshift(db);
  return db;
}

async function openExternal(url: string) {
  const db = createDb(url, 2);
  return {
    db,
    url,
    ownerUrl: url,
    mode: 'external' as const,
    embedded: undefined,
    sessionSecret: 'x'.repeat(40),
    close: () => db.destroy(),
  };
}
