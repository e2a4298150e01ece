import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { audit, systemActor, verifyAuditChain } from './audit.ts';
import { createTestDatabase, type TestDatabase } from './testing/database.ts';

const root = path.resolve(import.meta.dirname, '../..');
let d: TestDatabase;
before(async () => {
  d = await createTestDatabase();
  for (let i = 1; i <= 5; i++) {
    await audit(d.db, systemActor('test'), {
      entity: 'thing',
      entityId: String(i),
      action: 'create',
      after: { n: i, text: 'Мәтін «x»' },
    });
  }
});
after(() => d.drop());

function cliVerify(url: string) {
  const { DATABASE_URL: _omit, ...env } = process.env;
  return spawnSync(process.execPath, [path.join(root, 'bin/kenes.js'), 'audit', 'verify'], {
    cwd: root,
    env: { ...env, DATABASE_URL: url, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
}

/** Runs statements as if a superuser bypassed the append-only triggers (what an attacker with the database would do). */
async function tamper(statement: ReturnType<typeof sql>) {
  await d.db.connection().execute(async (c) => {
    await sql`SET session_replication_role = replica`.execute(c);
    try {
      await statement.execute(c);
    } finally {
      await sql`SET session_replication_role = origin`.execute(c);
    }
  });
}

describe('audit log', { concurrency: false }, () => {
  test('entries are chained: each carries the previous hash', async () => {
    const rows = await d.db.selectFrom('audit_log').select(['id', 'prev_hash', 'hash']).orderBy('id').execute();
    assert.equal(rows.length, 5);
    assert.equal(rows[0]?.prev_hash, '');
    for (let i = 1; i < rows.length; i++) assert.equal(rows[i]?.prev_hash, rows[i - 1]?.hash);
    assert.deepEqual(await verifyAuditChain(d.db), { ok: true, entries: 5 });
  });

  test('concurrent writers still make one unbroken chain in id order', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        d.db.transaction().execute(async (trx) => {
          await audit(trx, systemActor('concurrent'), { entity: 'thing', entityId: `c${i}`, action: 'update' });
          await sql`SELECT pg_sleep(0.005)`.execute(trx);
        }),
      ),
    );
    assert.deepEqual(await verifyAuditChain(d.db), { ok: true, entries: 25 });
  });

  test('UPDATE, DELETE and TRUNCATE are refused by the database itself', async () => {
    await assert.rejects(sql`UPDATE audit_log SET action = 'x' WHERE id = 1`.execute(d.db), /append-only: UPDATE/);
    await assert.rejects(sql`DELETE FROM audit_log WHERE id = 1`.execute(d.db), /append-only: DELETE/);
    await assert.rejects(sql`TRUNCATE audit_log`.execute(d.db), /append-only: TRUNCATE/);
  });

  test('kenes audit verify passes on an intact log', () => {
    const r = cliVerify(d.url);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /intact: 25 entries/);
  });

  test('an entry changed directly in SQL is named by verify (web and command line)', async () => {
    const third = await d.db
      .selectFrom('audit_log')
      .select('id')
      .orderBy('id')
      .offset(2)
      .limit(1)
      .executeTakeFirstOrThrow();
    await tamper(sql`UPDATE audit_log SET after = '{"n": 999}' WHERE id = ${third.id}`);
    assert.deepEqual(await verifyAuditChain(d.db), { ok: false, entries: 25, firstBadId: third.id, reason: 'content' });
    const r = cliVerify(d.url);
    assert.equal(r.status, 3);
    assert.match(r.stderr, new RegExp(`entry ${third.id} does not match its hash`));
  });

  test('a removed entry breaks the link to the next one', async () => {
    const ids = (await d.db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => r.id);
    // repair the changed entry's content check by removing it altogether: the next entry no longer follows
    await tamper(sql`DELETE FROM audit_log WHERE id = ${ids[2]}`);
    const check = await verifyAuditChain(d.db);
    assert.deepEqual(check, { ok: false, entries: 24, firstBadId: ids[3], reason: 'link' });
  });
});
