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

  test('many entries in one statement, several statements, rolled-back savepoints and transactions: one chain', async () => {
    // 25 entries so far. One statement of 300, then two more statements in the same transaction.
    await d.db.transaction().execute(async (trx) => {
      await sql`INSERT INTO audit_log (actor_label, entity, entity_id, action)
                SELECT 'bulk', 'thing', g::text, 'update' FROM generate_series(1, 300) g`.execute(trx);
      await audit(trx, systemActor('bulk'), { entity: 'thing', entityId: 'after-bulk-1', action: 'update' });
      // A savepoint rolled back takes its entries and the carried head with it.
      await sql`SAVEPOINT s`.execute(trx);
      await audit(trx, systemActor('bulk'), { entity: 'thing', entityId: 'undone', action: 'update' });
      await sql`ROLLBACK TO SAVEPOINT s`.execute(trx);
      await audit(trx, systemActor('bulk'), { entity: 'thing', entityId: 'after-bulk-2', action: 'update' });
    });
    // A whole transaction rolled back leaves the stored head as it was.
    await assert.rejects(
      d.db.transaction().execute(async (trx) => {
        await audit(trx, systemActor('bulk'), { entity: 'thing', entityId: 'lost', action: 'update' });
        throw new Error('rollback');
      }),
      /rollback/,
    );
    await audit(d.db, systemActor('bulk'), { entity: 'thing', entityId: 'next', action: 'update' });
    assert.deepEqual(await verifyAuditChain(d.db), { ok: true, entries: 328 });
    const last = await d.db.selectFrom('audit_log').select('hash').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const head = await sql<{ last_hash: string }>`SELECT last_hash FROM audit_chain_head`.execute(d.db);
    assert.equal(head.rows[0]?.last_hash, last.hash);
  });

  test('UPDATE, DELETE and TRUNCATE are refused by the database itself', async () => {
    await assert.rejects(sql`UPDATE audit_log SET action = 'x' WHERE id = 1`.execute(d.db), /append-only: UPDATE/);
    await assert.rejects(sql`DELETE FROM audit_log WHERE id = 1`.execute(d.db), /append-only: DELETE/);
    await assert.rejects(sql`TRUNCATE audit_log`.execute(d.db), /append-only: TRUNCATE/);
  });

  test('kenes audit verify passes on an intact log', () => {
    const r = cliVerify(d.url);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /intact: 328 entries/);
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
    assert.deepEqual(await verifyAuditChain(d.db), {
      ok: false,
      entries: 328,
      firstBadId: third.id,
      reason: 'content',
    });
    const r = cliVerify(d.url);
    assert.equal(r.status, 3);
    assert.match(r.stderr, new RegExp(`entry ${third.id} does not match its hash`));
  });

  test('a removed entry breaks the link to the next one', async () => {
    const ids = (await d.db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => r.id);
    // repair the changed entry's content check by removing it altogether: the next entry no longer follows
    await tamper(sql`DELETE FROM audit_log WHERE id = ${ids[2]}`);
    const check = await verifyAuditChain(d.db);
    assert.deepEqual(check, { ok: false, entries: 327, firstBadId: ids[3], reason: 'link' });
  });
});
