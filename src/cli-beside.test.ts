/**
 * `kenes` commands beside a running Kenes on the same DATA_DIR (decision 0019), in-process on a real
 * embedded PostgreSQL of their own (DATABASE_URL is removed from the commands' environment): the
 * running Kenes publishes where its PostgreSQL listens, commands connect there; without one, a
 * command starts it for itself and lets a second command join it; a publication left by a process
 * that is gone is ignored. test/lifecycle.test.ts runs the same beside a real `kenes start`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { configureAudit, currentAuditSetup } from './core/audit.ts';
import { loadConfig } from './core/config.ts';
import type { DatabaseHandle } from './core/db/database.ts';
import { CLUSTER_MARKER } from './core/db/embedded-clusters.ts';
import { clusterDirOf, SHARED_ROOT } from './core/db/embedded-location.ts';
import { RUNNING_FILE, readRunning } from './core/db/embedded-running.ts';
import { createLogger, openMigratedDatabase } from './server.ts';
import { runKenes } from './testing/kenes.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kenes-beside-'));
const dataDir = path.join(tmp, 'data');
const { DATABASE_URL: _omit, DATABASE_OWNER_URL: _omit2, AUDIT_KEY: _omit3, ...baseEnv } = process.env;
const env = { ...baseEnv, DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'development' };
const kenes = (...args: string[]) => runKenes(args, env);

/** A CSV of `rows` recommendations with new themes: long enough for two imports to overlap. */
function recommendationsFile(rows: number): string {
  const file = path.join(tmp, `recommendations-${rows}.csv`);
  const lines = ['State under Review,Recommending State,Recommendation,Response,Issues,Session,Cycle'];
  for (let i = 1; i <= rows; i++)
    lines.push(
      `Kazakhstan,France,"Recommendation ${i} on the matter of its number",Supported,Beside theme ${i % 7},34,3`,
    );
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** What a deleted DATA_DIR left in SHARED_ROOT (as root, when postgres could not enter it). */
const leftover = path.join(SHARED_ROOT, 'clusters', `test-${path.basename(tmp)}`);
const asRoot = process.getuid?.() === 0;

let running: DatabaseHandle | undefined;
// Opening the database configures the process's audit keys from DATA_DIR: the tests' are put back after.
const audit = currentAuditSetup();
before(async () => {
  if (asRoot) {
    fs.mkdirSync(leftover, { recursive: true });
    fs.writeFileSync(path.join(leftover, 'PG_VERSION'), '18\n');
    fs.writeFileSync(
      path.join(leftover, CLUSTER_MARKER),
      JSON.stringify({ dataDir: path.join(tmp, 'deleted-long-ago'), secret: 'x', at: new Date().toISOString() }),
    );
  }
  // What `kenes start` does to the database: start the embedded PostgreSQL as the server, migrate.
  running = await openMigratedDatabase(loadConfig(env), createLogger({ logLevel: 'silent' }));
});
after(async () => {
  if (audit) configureAudit(audit);
  await running?.close();
  const clusterDir = clusterDirOf(dataDir);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.rmSync(clusterDir, { recursive: true, force: true });
  fs.rmSync(leftover, { recursive: true, force: true });
});

function db() {
  if (!running) throw new Error('Kenes is not running');
  return running.db;
}

describe('kenes commands beside a running Kenes', { concurrency: false }, () => {
  test('the running Kenes publishes where its PostgreSQL listens, for its owner only; a deleted DATA_DIR’s cluster is gone', () => {
    const published = readRunning(dataDir);
    assert.ok(published, 'postgres.json names a live process');
    assert.equal(published.pid, process.pid);
    assert.equal(published.by, 'server');
    assert.equal(fs.statSync(path.join(dataDir, RUNNING_FILE)).mode & 0o777, 0o600);
    assert.doesNotMatch(fs.readFileSync(path.join(dataDir, RUNNING_FILE), 'utf8'), /password/i);
    if (asRoot) assert.equal(fs.existsSync(leftover), false, 'the orphaned cluster was removed at start');
  });

  test('create-admin, reset-password, audit verify and migrate run beside it, on its PostgreSQL', async () => {
    const before = readRunning(dataDir);
    const admin = await kenes('create-admin', '--email', 'it@example.org', '--password', 'beside-the-running-one');
    assert.equal(admin.status, 0, admin.stderr);
    // The running Kenes sees the account at once: one database, not a second cluster.
    const user = await db().selectFrom('users').select('role').where('email', '=', 'it@example.org').executeTakeFirst();
    assert.equal(user?.role, 'platform_admin');
    const reset = await kenes('reset-password', '--email', 'it@example.org');
    assert.equal(reset.status, 0, reset.stderr);
    assert.match(reset.stdout, /password-reset\//);
    const verify = await kenes('audit', 'verify');
    assert.equal(verify.status, 0, verify.stderr);
    assert.match(verify.stdout, /The audit log is intact: \d+ entries/);
    assert.equal((await kenes('migrate')).status, 0);
    assert.deepEqual(readRunning(dataDir), before, 'the running Kenes still publishes the same PostgreSQL');
    const doctor = await kenes('doctor');
    assert.equal(doctor.status, 0, doctor.stdout + doctor.stderr);
    assert.match(
      doctor.stdout,
      new RegExp(`ok {4}database +PostgreSQL .*, embedded, of the Kenes running as pid ${process.pid}`),
    );
    assert.match(doctor.stdout, /ok {4}audit chain +\d+ entries verify/);
    assert.match(
      doctor.stdout,
      new RegExp(`postgres\\.json +PostgreSQL of the Kenes running as pid ${process.pid} \\(server\\)`),
    );
  });

  test('two imports of the same file at once: one writes, the other finds every row unchanged', async () => {
    const file = recommendationsFile(1500);
    const [a, b] = await Promise.all([
      kenes('import', 'recommendations', file, '--mechanism', 'UPR', '--new-themes'),
      kenes('import', 'recommendations', file, '--mechanism', 'UPR', '--new-themes'),
    ]);
    assert.equal(a.status, 0, a.stderr);
    assert.equal(b.status, 0, b.stderr);
    const outcomes = [a.stdout, b.stdout].sort();
    assert.match(outcomes[0] ?? '', /0 new, 0 updated, 1500 unchanged, 0 rejected/);
    assert.match(outcomes[1] ?? '', /1500 new, 0 updated, 0 unchanged, 0 rejected/);
    const { n } = await db()
      .selectFrom('recommendations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where(sql`text->>'en'`, '=', 'Recommendation 1 on the matter of its number')
      .executeTakeFirstOrThrow();
    assert.equal(Number(n), 1);
    const themes = await db().selectFrom('themes').select('slug').where('slug', 'like', 'beside-theme-%').execute();
    assert.equal(themes.length, 7, 'each new theme created once');
  });
});

describe('kenes commands with no Kenes running', { concurrency: false }, () => {
  test('a publication left by a process that is gone is ignored and removed; the command starts PostgreSQL itself', async () => {
    await running?.close();
    running = undefined;
    assert.equal(fs.existsSync(path.join(dataDir, RUNNING_FILE)), false, 'a clean stop removes the publication');
    const gone = spawnSync(process.execPath, ['-e', 'process.pid']).pid ?? 999_999;
    fs.writeFileSync(
      path.join(dataDir, RUNNING_FILE),
      JSON.stringify({
        pid: gone,
        postmasterPid: gone,
        host: '127.0.0.1',
        port: 9,
        clusterDir: '/nowhere',
        startedAt: new Date().toISOString(),
        by: 'server',
      }),
    );
    const verify = await kenes('audit', 'verify');
    assert.equal(verify.status, 0, verify.stderr);
    assert.equal(fs.existsSync(path.join(dataDir, RUNNING_FILE)), false, 'nothing published once the command ended');
  });

  test('two commands at once: the second joins the PostgreSQL the first started, which waits for it before stopping', async () => {
    const file = recommendationsFile(800);
    const first = kenes('import', 'recommendations', file, '--mechanism', 'UPR');
    // The second starts once the first has published its PostgreSQL.
    const deadline = Date.now() + 60_000;
    while (!readRunning(dataDir) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(readRunning(dataDir)?.by, 'command');
    const second = kenes('audit', 'verify');
    const [a, b] = await Promise.all([first, second]);
    assert.equal(a.status, 0, a.stderr);
    assert.match(a.stdout, /Imported recommendations-800\.csv/);
    assert.equal(b.status, 0, b.stderr);
    assert.equal(fs.existsSync(path.join(dataDir, RUNNING_FILE)), false);
    assert.equal(fs.existsSync(path.join(dataDir, 'kenes.pid')), false, 'the lock is released');
  });
});
