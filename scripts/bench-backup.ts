import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { pino } from 'pino';
import { writeBackup } from '../src/core/backup/backup.ts';
import { listTables } from '../src/core/backup/catalogue.ts';
import { restoreBackup } from '../src/core/backup/restore.ts';
import { loadConfig } from '../src/core/config.ts';
import { createDb, type DatabaseHandle, openDatabase } from '../src/core/db/database.ts';
import { clusterDirOf } from '../src/core/db/embedded.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { openMigratedDatabase } from '../src/server.ts';

/*
 * Backup and restore, timed (decision 0020):
 *
 *   node --import tsx scripts/bench-backup.ts            the demo, as a user has it: an embedded DATA_DIR
 *                                                        backed up, restored into a new DATA_DIR
 *   node --import tsx scripts/bench-backup.ts URL        an existing database (e.g. the one scripts/
 *                                                        bench-recommendations.ts keeps with BENCH_HOLD=1),
 *                                                        restored into a new database on the same server
 *
 * Prints the time and size of a plain and of an encrypted backup, the time of the restore, and
 * whether every table's count and content hash came back equal. AUDIT_KEY, when the source was
 * signed with one, lets the restore's verification of the audit chain pass.
 */

const log = pino({ level: 'warn' });
const quiet = (level: 'info' | 'warn' | 'debug', msg: string) => log[level](msg);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kenes-bench-backup-'));
const clusters: string[] = [];

async function fingerprint(url: string): Promise<Map<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out = new Map<string, string>();
    for (const t of await listTables(client)) {
      const { rows } = await client.query<{ n: string; h: string | null }>(
        `SELECT count(*) AS n, md5(string_agg(md5(x::text), '' ORDER BY md5(x::text) COLLATE "C")) AS h FROM ${client.escapeIdentifier(t.name)} x`,
      );
      out.set(t.name, `${rows[0]?.n}:${rows[0]?.h}`);
    }
    return out;
  } finally {
    await client.end();
  }
}

function embeddedConfig(dataDir: string) {
  const { DATABASE_URL: _u, DATABASE_OWNER_URL: _o, ...env } = process.env;
  return loadConfig({ ...env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
}

/** Opens a DATA_DIR's embedded database; the handle stays open until closed (the pool of `run`). */
async function withEmbedded<T>(dataDir: string, run: (h: DatabaseHandle) => Promise<T>): Promise<T> {
  const h = await openMigratedDatabase(embeddedConfig(dataDir), log);
  if (h.embedded) clusters.push(h.embedded.clusterDir);
  try {
    return await run(h);
  } finally {
    await h.close();
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

async function main() {
  const source = process.argv[2];
  const passphrase = 'bench-passphrase-bench';
  let sourceUrl: string;
  let sourceDir: string;
  let restore: (file: string, pass: string | undefined) => ReturnType<typeof restoreBackup>;
  let targetFingerprint: () => Promise<Map<string, string>>;
  let finish = async () => {};
  let sourcePrint: Map<string, string>;
  const results: Record<string, unknown> = {};

  if (source) {
    sourceUrl = source;
    sourceDir = path.join(work, 'source-data');
    fs.mkdirSync(sourceDir);
    sourcePrint = await fingerprint(sourceUrl);
    results.databaseMB = await sizeOf(source);
    const admin = new pg.Client({ connectionString: source });
    await admin.connect();
    const restored = `${new URL(source).pathname.slice(1)}_restored_${process.pid}`;
    const target = new URL(source);
    target.pathname = `/${restored}`;
    const config = loadConfig({
      ...process.env,
      DATABASE_URL: target.toString(),
      DATA_DIR: path.join(work, 'target-data'),
    });
    restore = async (file, pass) => {
      await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(restored)} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(restored)}`);
      fs.rmSync(config.dataDir, { recursive: true, force: true });
      return restoreBackup({
        file,
        passphrase: pass,
        dataDir: config.dataDir,
        force: false,
        open: () => openDatabase(config, quiet),
      });
    };
    targetFingerprint = () => fingerprint(target.toString());
    finish = async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(restored)} WITH (FORCE)`);
      await admin.end();
    };
  } else {
    sourceDir = path.join(work, 'demo-data');
    const t0 = performance.now();
    sourceUrl = '';
    sourcePrint = await withEmbedded(sourceDir, async (h) => {
      await seedDemo(h.db);
      results.databaseMB = await sizeOf(h.ownerUrl);
      return fingerprint(h.ownerUrl);
    });
    results.demoLoadedMs = Math.round(performance.now() - t0);
    let n = 0;
    let targetDir = '';
    restore = async (file, pass) => {
      targetDir = path.join(work, `restored-${++n}`);
      const config = embeddedConfig(targetDir);
      return restoreBackup({
        file,
        passphrase: pass,
        dataDir: targetDir,
        force: false,
        open: async () => {
          const h = await openDatabase(config, quiet);
          if (h.embedded) clusters.push(h.embedded.clusterDir);
          return h;
        },
      });
    };
    targetFingerprint = () => withEmbedded(targetDir, (h) => fingerprint(h.ownerUrl));
  }

  // The backups need the source running: embedded, it is opened for each.
  const backup = async (file: string, pass: string | undefined) =>
    source
      ? writeBackup({ url: sourceUrl, dataDir: sourceDir, file, passphrase: pass })
      : withEmbedded(sourceDir, (h) => writeBackup({ url: h.url, dataDir: sourceDir, file, passphrase: pass }));

  const plain = await backup(path.join(work, 'plain.backup'), undefined);
  const encrypted = await backup(path.join(work, 'encrypted.backup'), passphrase);
  const rows = Object.values(plain.rows).reduce((a, b) => a + b, 0);
  Object.assign(results, {
    tables: Object.keys(plain.rows).length,
    rows,
    backupMs: plain.ms,
    backupSize: mb(plain.bytes),
    encryptedBackupMs: encrypted.ms,
    encryptedBackupSize: mb(encrypted.bytes),
  });
  const r1 = await restore(path.join(work, 'plain.backup'), undefined);
  const r2 = await restore(path.join(work, 'encrypted.backup'), passphrase);
  const targetPrint = await targetFingerprint();
  const differing = [...sourcePrint].filter(([t, f]) => targetPrint.get(t) !== f).map(([t]) => t);
  Object.assign(results, {
    restoreMs: r1.ms,
    encryptedRestoreMs: r2.ms,
    auditChain: r2.chain.ok
      ? `verifies (${r2.chain.entries} entries)`
      : `does not verify: ${r2.chain.reason} at ${r2.chain.firstBadId}`,
    tablesEqual: differing.length === 0 ? 'all' : `differ: ${differing.join(', ')}`,
  });
  await finish();
  console.log(JSON.stringify(results, null, 2));
  return differing.length === 0 ? 0 : 1;

  async function sizeOf(url: string): Promise<string> {
    const db = createDb(url, 1);
    try {
      const { rows } = await sql<{ s: string }>`SELECT pg_database_size(current_database()) AS s`.execute(db);
      return (Number(rows[0]?.s ?? 0) / 1024 / 1024).toFixed(1);
    } finally {
      await db.destroy();
    }
  }
}

main().then(
  (code) => cleanupAndExit(code),
  (err) => {
    console.error(err);
    cleanupAndExit(1);
  },
);

function cleanupAndExit(code: number) {
  // Clusters placed outside DATA_DIR (running as root) are removed with it.
  for (const dir of clusters) fs.rmSync(dir, { recursive: true, force: true });
  for (const d of fs.readdirSync(work)) {
    const dataDir = path.join(work, d);
    if (fs.statSync(dataDir).isDirectory()) fs.rmSync(clusterDirOf(dataDir), { recursive: true, force: true });
  }
  fs.rmSync(work, { recursive: true, force: true });
  process.exit(code);
}
