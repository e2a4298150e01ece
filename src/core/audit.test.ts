import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, TEST_AUDIT_KEY, type TestDatabase } from '../testing/database.ts';
import { kenesOn, runKenes } from '../testing/kenes.ts';
import {
  audit,
  auditMany,
  type ChainCheck,
  configureAudit,
  currentAuditSetup,
  startAuditCheckpoints,
  systemActor,
  verifyAuditChain,
  writeAuditCheckpoint,
} from './audit.ts';
import { type AuditKeyring, auditKeyId, parseAuditKeys } from './audit-keys.ts';
import { createDb, type Db } from './db/database.ts';
import { MIGRATIONS_DIR, migrate } from './db/migrate.ts';
import { runtimeRoleWarnings } from './db/roles.ts';

const TEST_KEYRING = parseAuditKeys(TEST_AUDIT_KEY, 'test');

/** A database served by the run-time role, its owner's (a superuser's) connection, and a checkpoint file. */
interface Fixture {
  d: TestDatabase;
  /** What an attacker who controls the database has: the superuser. */
  owner: Db;
  dataDir: string;
  checkpointFile: string;
}
const opened: Fixture[] = [];
// The process's audit set-up as it was: test files share a process (scripts/test-groups.ts), and the
// keyrings and checkpoint files set here must not reach the files after this one.
const setUpBefore = currentAuditSetup();
after(async () => {
  if (setUpBefore) configureAudit(setUpBefore);
  for (const f of opened) {
    await f.owner.destroy();
    await f.d.drop();
    fs.rmSync(f.dataDir, { recursive: true, force: true });
  }
});

function useKeys(f: Fixture, keyring: AuditKeyring = TEST_KEYRING) {
  configureAudit({ keyring, checkpointFile: f.checkpointFile });
}

/** A fresh log of `n` entries written by the run-time role, checkpointed at its head. */
async function fixture(n = 6): Promise<Fixture> {
  const d = await createTestDatabase({ runtimeRole: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kenes-audit-'));
  const f = { d, owner: createDb(d.ownerUrl, 2), dataDir, checkpointFile: path.join(dataDir, 'audit-checkpoints') };
  opened.push(f);
  useKeys(f);
  for (let i = 1; i <= n; i++) {
    await audit(d.db, systemActor('test'), {
      entity: 'thing',
      entityId: String(i),
      action: 'create',
      after: { n: i, text: 'Мәтін «x»', nested: { b: [1, 2.5, null], a: true } },
    });
  }
  await writeAuditCheckpoint(d.db);
  return f;
}

/** Runs statements as a superuser who bypasses the append-only triggers (session_replication_role). */
async function tamper(f: Fixture, ...statements: ReturnType<typeof sql>[]) {
  await f.owner.connection().execute(async (c) => {
    await sql`SET session_replication_role = replica`.execute(c);
    try {
      for (const s of statements) await s.execute(c);
    } finally {
      await sql`SET session_replication_role = origin`.execute(c);
    }
  });
}

function problem(check: ChainCheck) {
  return check.ok ? { ok: true } : { ok: false, firstBadId: check.firstBadId, reason: check.reason };
}

/** Both verifiers — the function (the admin page) and `kenes audit verify` — name the same problem. */
async function assertDetected(f: Fixture, firstBadId: string, reason: string) {
  useKeys(f);
  assert.deepEqual(problem(await verifyAuditChain(f.d.db)), { ok: false, firstBadId, reason });
  const r = await cliVerify(f);
  assert.equal(r.status, 3, r.stdout + r.stderr);
  assert.match(r.stderr, new RegExp(`The audit log does NOT verify: entry ${firstBadId} `));
}

/** `kenes audit verify`, run in-process with its own environment (its keys and DATA_DIR). */
function cliVerify(f: Fixture) {
  return kenesOn(f.d.url, ['audit', 'verify'], {
    DATABASE_OWNER_URL: f.d.ownerUrl,
    AUDIT_KEY: TEST_AUDIT_KEY,
    DATA_DIR: f.dataDir,
  });
}

/** The old trigger's hash (audit_entry_hash), which anyone with the database can compute. */
const sha256Chain = sql`audit_entry_hash(prev_hash, id, at, actor_user_id, actor_label, actor_organisation_id,
  entity, entity_id, action, before, after)`;

describe('the keyed audit chain', { concurrency: false }, () => {
  test('entries are keyed, gapless and chained; verify checks them and the checkpoint', async () => {
    const f = await fixture(5);
    const rows = await f.d.db
      .selectFrom('audit_log')
      .select(['id', 'prev_hash', 'hash', 'key_id'])
      .orderBy('id')
      .execute();
    assert.deepEqual(
      rows.map((r) => r.id),
      ['1', '2', '3', '4', '5'],
    );
    assert.equal(rows[0]?.prev_hash, '');
    for (let i = 1; i < rows.length; i++) assert.equal(rows[i]?.prev_hash, rows[i - 1]?.hash);
    assert.ok(rows.every((r) => r.key_id === auditKeyId(TEST_AUDIT_KEY)));
    const check = await verifyAuditChain(f.d.db);
    assert.equal(check.ok, true);
    assert.equal(check.entries, 5);
    assert.equal(check.checkpoints, 1);
    assert.equal(check.lastCheckpoint?.id, '5');
    assert.equal(check.unkeyedEntries, 0);
    // The checkpoint is not repeated while the head has not moved.
    await writeAuditCheckpoint(f.d.db);
    assert.equal(fs.readFileSync(f.checkpointFile, 'utf8').trim().split('\n').length, 1);
  });

  test('concurrent writers, auditMany, rolled-back savepoints and transactions: one unbroken chain', async () => {
    const f = await fixture(5);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        f.d.db.transaction().execute(async (trx) => {
          await audit(trx, systemActor('concurrent'), { entity: 'thing', entityId: `c${i}`, action: 'update' });
          await sql`SELECT pg_sleep(0.005)`.execute(trx);
        }),
      ),
    );
    await f.d.db.transaction().execute(async (trx) => {
      await auditMany(
        trx,
        systemActor('bulk'),
        Array.from({ length: 300 }, (_, i) => ({ entity: 'thing', entityId: `b${i}`, action: 'update' })),
      );
      await sql`SAVEPOINT s`.execute(trx);
      await audit(trx, systemActor('bulk'), { entity: 'thing', entityId: 'undone', action: 'update' });
      await sql`ROLLBACK TO SAVEPOINT s`.execute(trx);
      await audit(trx, systemActor('bulk'), { entity: 'thing', entityId: 'after', action: 'update', before: 'x' });
    });
    await assert.rejects(
      f.d.db.transaction().execute(async (trx) => {
        await audit(trx, systemActor('bulk'), { entity: 'thing', entityId: 'lost', action: 'update' });
        throw new Error('rollback');
      }),
      /rollback/,
    );
    await audit(f.d.db, systemActor('bulk'), { entity: 'thing', entityId: 'next', action: 'update' });
    const check = await verifyAuditChain(f.d.db);
    assert.deepEqual([problem(check), check.entries], [{ ok: true }, 327]);
    const head = await sql<{ last_id: string }>`SELECT last_id::text AS last_id FROM audit_chain_head`.execute(f.owner);
    assert.equal(head.rows[0]?.last_id, '327');
  });

  test('the run-time role may only read and append: UPDATE, DELETE, TRUNCATE, ALTER, DROP are refused', async () => {
    const f = await fixture(3);
    const refused = /permission denied|must be owner|must be superuser/;
    await assert.rejects(sql`UPDATE audit_log SET action = 'x' WHERE id = 1`.execute(f.d.db), refused);
    await assert.rejects(sql`DELETE FROM audit_log WHERE id = 3`.execute(f.d.db), refused);
    await assert.rejects(sql`TRUNCATE audit_log`.execute(f.d.db), refused);
    await assert.rejects(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(f.d.db), refused);
    await assert.rejects(sql`ALTER TABLE audit_log DROP CONSTRAINT audit_log_keyed`.execute(f.d.db), refused);
    await assert.rejects(sql`ALTER TABLE audit_log RENAME TO audit_log_old`.execute(f.d.db), refused);
    await assert.rejects(sql`DROP TABLE audit_log`.execute(f.d.db), refused);
    await assert.rejects(sql`SET session_replication_role = replica`.execute(f.d.db), refused);
    await assert.rejects(sql`DELETE FROM audit_chain_head`.execute(f.d.db), refused);
    // …and it is not warned about at start, while a superuser is.
    assert.deepEqual(await runtimeRoleWarnings(f.d.db), []);
    assert.match((await runtimeRoleWarnings(f.owner))[0] ?? '', /superuser: it could rewrite the audit log/);
    assert.equal((await verifyAuditChain(f.d.db)).ok, true);
  });

  test('even the superuser meets the append-only triggers (to tamper, they must be bypassed)', async () => {
    const f = await fixture(3);
    await assert.rejects(sql`UPDATE audit_log SET action = 'x' WHERE id = 1`.execute(f.owner), /append-only: UPDATE/);
    await assert.rejects(sql`DELETE FROM audit_log WHERE id = 1`.execute(f.owner), /append-only: DELETE/);
    await assert.rejects(sql`TRUNCATE audit_log`.execute(f.owner), /append-only: TRUNCATE/);
  });

  test('kenes audit verify passes on an intact log and reports the checkpoints', async () => {
    const f = await fixture(4);
    const r = await cliVerify(f);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /intact: 4 entries/);
    assert.match(r.stdout, /1 checkpoints, the newest at entry 4/);
  });

  test('a run-time role that is a superuser is named in a warning at start', async () => {
    const f = await fixture(1);
    const { DATABASE_URL: _omit, ...env } = process.env;
    const r = await runKenes(['audit', 'verify'], {
      ...env,
      DATABASE_URL: f.d.ownerUrl,
      AUDIT_KEY: TEST_AUDIT_KEY,
      DATA_DIR: f.dataDir,
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /a superuser: it could rewrite the audit log/);
  });
});

describe('eight tamperings by the database superuser, each detected', { concurrency: false }, () => {
  test('1. UPDATE of an entry', async () => {
    const f = await fixture();
    await tamper(f, sql`UPDATE audit_log SET after = '{"n": 999}' WHERE id = 3`);
    await assertDetected(f, '3', 'content');
    assert.match((await cliVerify(f)).stderr, /entry 3 does not match its hash/);
  });

  test('2. DELETE of an entry in the middle', async () => {
    const f = await fixture();
    await tamper(f, sql`DELETE FROM audit_log WHERE id = 3`);
    await assertDetected(f, '4', 'link');
  });

  test('3. DELETE of the last entries (the chain that is left is valid: the checkpoint tells)', async () => {
    const f = await fixture();
    await tamper(
      f,
      sql`DELETE FROM audit_log WHERE id > 4`,
      sql`UPDATE audit_chain_head SET last_id = 4, last_hash = (SELECT hash FROM audit_log WHERE id = 4)`,
    );
    assert.equal((await verifyAuditChain(f.d.db)).entries, 4);
    await assertDetected(f, '6', 'truncated');
    assert.match((await cliVerify(f)).stderr, /entry 6 was recorded by a checkpoint but is gone/);
  });

  test('4. TRUNCATE', async () => {
    const f = await fixture();
    await tamper(f, sql`TRUNCATE audit_log`, sql`UPDATE audit_chain_head SET last_id = 0, last_hash = ''`);
    assert.equal((await verifyAuditChain(f.d.db)).entries, 0);
    await assertDetected(f, '6', 'truncated');
  });

  test('5. INSERT of a forged entry (with our key id, or as an unkeyed one)', async () => {
    const f = await fixture();
    // The INSERT privilege and the triggers do not stop the superuser; only the key would.
    await sql`INSERT INTO audit_log (id, at, actor_label, entity, entity_id, action, prev_hash, hash, key_id)
              SELECT 7, now(), 'forger', 'thing', '7', 'create', hash, encode(sha256('x'), 'hex'), key_id
                FROM audit_log WHERE id = 6`.execute(f.owner);
    await assertDetected(f, '7', 'content');

    const g = await fixture();
    await sql`ALTER TABLE audit_log DROP CONSTRAINT audit_log_keyed`.execute(g.owner);
    await sql`INSERT INTO audit_log (id, at, actor_label, entity, entity_id, action, prev_hash, hash)
              SELECT 7, now(), 'forger', 'thing', '7', 'create', hash, '' FROM audit_log WHERE id = 6`.execute(g.owner);
    await tamper(g, sql`UPDATE audit_log SET hash = ${sha256Chain} WHERE id = 7`);
    await assertDetected(g, '7', 'unkeyed');
    // And a forged head is never vouched for by a checkpoint.
    await assert.rejects(writeAuditCheckpoint(g.d.db), /last audit entry \(7\) does not verify/);
  });

  test('6. rewrite an entry and re-chain every later one (without the key)', async () => {
    const f = await fixture();
    const rows = await sql<{ id: string; at: string; after: string; hash: string }>`
      SELECT id::text AS id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS at, after::text AS after, hash
        FROM audit_log ORDER BY id`.execute(f.owner);
    // The attacker changes entry 3 and recomputes every hash from there on, with their best guess at a key.
    const guess = 'a-guessed-key-a-guessed-key-a-guessed-key';
    let prev = rows.rows[1]?.hash ?? '';
    const statements = [];
    for (const r of rows.rows.slice(2)) {
      const after = r.id === '3' ? '{"n": 999}' : r.after;
      const hash = createHmac('sha256', guess).update(`${prev}${r.id}${r.at}${after}`).digest('hex');
      statements.push(
        sql`UPDATE audit_log SET after = ${after}::jsonb, prev_hash = ${prev}, hash = ${hash} WHERE id = ${r.id}`,
      );
      prev = hash;
    }
    statements.push(sql`UPDATE audit_chain_head SET last_hash = ${prev}`);
    await tamper(f, ...statements);
    await assertDetected(f, '3', 'content');
  });

  test('7. disabling the triggers, then changing an entry', async () => {
    const f = await fixture();
    await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(f.owner);
    await sql`UPDATE audit_log SET actor_label = 'someone else' WHERE id = 2`.execute(f.owner);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(f.owner);
    await assertDetected(f, '2', 'content');
  });

  test('8. replacing the whole table with an edited copy', async () => {
    const f = await fixture();
    await sql`CREATE TABLE audit_log_copy (LIKE audit_log INCLUDING ALL)`.execute(f.owner);
    await sql`INSERT INTO audit_log_copy SELECT * FROM audit_log WHERE id <> 5`.execute(f.owner);
    await sql`UPDATE audit_log_copy SET entity_id = 'other' WHERE id = 1`.execute(f.owner);
    await sql`ALTER TABLE audit_log RENAME TO audit_log_gone`.execute(f.owner);
    await sql`ALTER TABLE audit_log_copy RENAME TO audit_log`.execute(f.owner);
    await sql`GRANT SELECT, INSERT ON audit_log TO ${sql.id(new URL(f.d.url).username)}`.execute(f.owner);
    await assertDetected(f, '1', 'content');

    // The same with the content intact but the last entry left out: the checkpoint sees it.
    const g = await fixture();
    await sql`CREATE TABLE audit_log_copy (LIKE audit_log INCLUDING ALL)`.execute(g.owner);
    await sql`INSERT INTO audit_log_copy SELECT * FROM audit_log WHERE id < 6`.execute(g.owner);
    await sql`ALTER TABLE audit_log RENAME TO audit_log_gone`.execute(g.owner);
    await sql`ALTER TABLE audit_log_copy RENAME TO audit_log`.execute(g.owner);
    await sql`GRANT SELECT, INSERT ON audit_log TO ${sql.id(new URL(g.d.url).username)}`.execute(g.owner);
    await assertDetected(g, '6', 'truncated');
  });
});

describe('keys and checkpoints', { concurrency: false }, () => {
  test('rotation: a new key signs, the old one still verifies; without the old one, verify says so', async () => {
    const f = await fixture(3);
    const next = 'the-next-audit-key-the-next-audit-key-xyz';
    useKeys(f, parseAuditKeys(`${TEST_AUDIT_KEY},${next}`, 'test'));
    await audit(f.d.db, systemActor('test'), { entity: 'thing', entityId: '4', action: 'create' });
    const rows = await f.d.db.selectFrom('audit_log').select('key_id').orderBy('id').execute();
    assert.equal(rows.at(-1)?.key_id, auditKeyId(next));
    assert.equal((await verifyAuditChain(f.d.db)).ok, true);
    await writeAuditCheckpoint(f.d.db);
    useKeys(f, parseAuditKeys(next, 'test'));
    assert.deepEqual(problem(await verifyAuditChain(f.d.db)), { ok: false, firstBadId: '1', reason: 'key' });
  });

  test('with AUDIT_CHECKPOINT_EMAIL, each new checkpoint is also queued as an e-mail, once', async () => {
    const f = await fixture(2);
    configureAudit({ keyring: TEST_KEYRING, checkpointFile: f.checkpointFile, checkpointEmail: 'keeper@example.org' });
    await audit(f.d.db, systemActor('test'), { entity: 'thing', entityId: '3', action: 'create' });
    await writeAuditCheckpoint(f.d.db);
    await writeAuditCheckpoint(f.d.db); // the head has not moved: nothing new
    const mail = await f.d.db.selectFrom('email_outbox').select(['to_address', 'subject', 'body_text']).execute();
    assert.equal(mail.length, 1);
    const last = await f.d.db.selectFrom('audit_log').select('hash').where('id', '=', '3').executeTakeFirstOrThrow();
    assert.equal(mail[0]?.to_address, 'keeper@example.org');
    assert.match(mail[0]?.body_text ?? '', new RegExp(`entry 3 has the hash ${last.hash}`));
    assert.match(mail[0]?.body_text ?? '', /у записи 3 хэш/);
  });

  test('the running process checkpoints at start and again on its interval (daily), once the head has moved', async () => {
    const f = await fixture(2);
    const lines = () => fs.readFileSync(f.checkpointFile, 'utf8').trim().split('\n');
    const errors: unknown[] = [];
    const stop = startAuditCheckpoints(f.d.db, (err) => errors.push(err), 100);
    try {
      await new Promise((r) => setTimeout(r, 250));
      assert.equal(lines().length, 1, 'the head has not moved: nothing new');
      await audit(f.d.db, systemActor('test'), { entity: 'thing', entityId: '3', action: 'create' });
      for (let i = 0; i < 50 && lines().length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    } finally {
      stop();
    }
    assert.deepEqual(
      lines().map((l) => JSON.parse(l).id),
      ['2', '3'],
    );
    assert.deepEqual(errors, []);
  });

  test('an altered checkpoint file is reported', async () => {
    const f = await fixture(3);
    const line = JSON.parse(fs.readFileSync(f.checkpointFile, 'utf8'));
    fs.writeFileSync(f.checkpointFile, `${JSON.stringify({ ...line, id: '2' })}\n`);
    const check = await verifyAuditChain(f.d.db);
    assert.equal(check.ok, false);
    assert.deepEqual(problem(check), { ok: false, firstBadId: '1', reason: 'checkpoint-file' });
  });
});

describe('entries from before the key (migration 202612060113)', () => {
  test('are kept and verified as the unkeyed prefix, pinned by the first keyed entry', async () => {
    const d = await createTestDatabase({ unmigrated: true, runtimeRole: false });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kenes-audit-'));
    const f: Fixture = { d, owner: createDb(d.ownerUrl, 2), dataDir, checkpointFile: path.join(dataDir, 'cp') };
    opened.push(f);
    const older = fs.mkdtempSync(path.join(os.tmpdir(), 'kenes-migrations-'));
    for (const name of fs.readdirSync(MIGRATIONS_DIR).filter((n) => n < '202612060113')) {
      fs.copyFileSync(path.join(MIGRATIONS_DIR, name), path.join(older, name));
    }
    await migrate(d.url, older);
    fs.rmSync(older, { recursive: true });
    // The old trigger chains these.
    await sql`INSERT INTO audit_log (actor_label, entity, entity_id, action, after)
              SELECT 'before', 'thing', g::text, 'create', jsonb_build_object('n', g, 'b', 'ж')
                FROM generate_series(1, 4) g`.execute(d.db);
    await migrate(d.url);
    useKeys(f);
    await audit(d.db, systemActor('after'), { entity: 'thing', entityId: '5', action: 'create' });
    const check = await verifyAuditChain(d.db);
    assert.deepEqual([check.ok, check.entries, check.unkeyedEntries, check.keyedFrom], [true, 5, 4, '5']);

    // Rewriting an old entry and re-chaining the old ones (SHA-256, computable without the key)
    // breaks the link of the first keyed entry, which the key protects.
    // The NOT VALID check refuses even an update of an old entry; the superuser drops it first.
    await sql`ALTER TABLE audit_log DROP CONSTRAINT audit_log_keyed`.execute(f.owner);
    await tamper(
      f,
      sql`UPDATE audit_log SET actor_label = 'rewritten' WHERE id = 2`,
      ...[2, 3, 4].flatMap((id) => [
        sql`UPDATE audit_log SET prev_hash = coalesce((SELECT hash FROM audit_log WHERE id = ${id - 1}), '') WHERE id = ${id}`,
        sql`UPDATE audit_log SET hash = ${sha256Chain} WHERE id = ${id}`,
      ]),
    );
    assert.deepEqual(problem(await verifyAuditChain(d.db)), { ok: false, firstBadId: '5', reason: 'link' });
  });
});
