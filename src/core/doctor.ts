import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { verifyAuditChain } from './audit.ts';
import { auditKeysFile } from './audit-keys.ts';
import { type BackupFile, listBackups } from './backup/schedule.ts';
import type { CliIo } from './cli-io.ts';
import type { Config } from './config.ts';
import { type DatabaseHandle, openDatabase } from './db/database.ts';
import { sharedClusters } from './db/embedded-clusters.ts';
import { clusterDirOf, SHARED_ROOT } from './db/embedded-location.ts';
import { RUNNING_FILE, readRunning } from './db/embedded-running.ts';
import { listMigrations } from './db/migrate.ts';
import { outboxHealth } from './mail/outbox.ts';

/*
 * `kenes doctor`: what Kenes holds on disk and whether it is healthy — the database, free space,
 * migrations, the outbox, backups, the audit chain. It creates and changes nothing (it neither
 * migrates, nor initialises a cluster, nor generates a key); beside a running Kenes it connects to
 * its PostgreSQL as every command does (decision 0019).
 */

export type Level = 'ok' | 'warn' | 'fail';
export interface Finding {
  level: Level;
  what: string;
  text: string;
}

const GB = 1024 ** 3;
/** Below this much free space on DATA_DIR's filesystem Kenes is unhealthy; below WARN_FREE, a warning. */
const MIN_FREE = 1 * GB;
const WARN_FREE = 5 * GB;
/** Daily backups: a newest one older than this means the schedule stopped. */
const BACKUP_STALE_HOURS = 48;
/** With SMTP configured, mail waiting longer than this is not going out. */
const OUTBOX_STALE_MINUTES = 60;

function size(bytes: number): string {
  if (bytes >= GB) return `${(bytes / GB).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${bytes} B`;
}

function age(ms: number): string {
  const hours = ms / 3_600_000;
  return hours < 48 ? `${Math.round(hours)} h` : `${Math.round(hours / 24)} days`;
}

/** Bytes under a path (a folder's files, recursively); files we may not read count as nothing. */
function sizeOf(target: string): number {
  const st = fs.lstatSync(target, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.size;
  let total = 0;
  let names: string[] = [];
  try {
    names = fs.readdirSync(target);
  } catch {
    return 0;
  }
  for (const name of names) total += sizeOf(path.join(target, name));
  return total;
}

function diskFinding(dataDir: string): Finding {
  if (!fs.existsSync(dataDir)) return { level: 'fail', what: 'disk', text: `DATA_DIR ${dataDir} does not exist` };
  const st = fs.statfsSync(dataDir);
  const free = st.bavail * st.bsize;
  const text = `${size(free)} free of ${size(st.blocks * st.bsize)} on DATA_DIR's filesystem`;
  return { level: free < MIN_FREE ? 'fail' : free < WARN_FREE ? 'warn' : 'ok', what: 'disk', text };
}

function backupFinding(backupDir: string | undefined): Finding {
  const what = 'last backup';
  if (!backupDir) return { level: 'warn', what, text: 'none: BACKUP_DIR is not set' };
  let files: BackupFile[];
  try {
    files = listBackups(backupDir);
  } catch (err) {
    return { level: 'fail', what, text: `BACKUP_DIR ${backupDir} cannot be read (${(err as Error).message})` };
  }
  const newest = files[0];
  if (!newest) return { level: 'warn', what, text: `none in ${backupDir}` };
  const ms = Date.now() - newest.takenAt.getTime();
  return {
    level: ms > BACKUP_STALE_HOURS * 3_600_000 ? 'warn' : 'ok',
    what,
    text: `${newest.name}, ${size(newest.bytes)}, ${age(ms)} ago (${files.length} in ${backupDir})`,
  };
}

/**
 * Whether PostgreSQL's shared buffers can hold the one search's documents: a search ranks its newest
 * matches from their rows (decision 0036), which are read from the disk when they are not there. At
 * 270,000 recommendations (325 MB of documents, 128 MB of buffers, a disk of ~10,000 reads a second)
 * a word's first search read ~1,000 pages in ~100 ms.
 */
export function memoryFinding(buffers: number, documents: number, embedded: boolean): Finding {
  const text = `shared_buffers ${size(buffers)}; the search's documents take ${size(documents)}`;
  // The embedded PostgreSQL's buffers are Kenes's to set (embedded-settings.ts), not the operator's.
  const remedy = embedded
    ? 'the embedded PostgreSQL takes an eighth of the memory, at most 1 GB: give it more memory, or use an external PostgreSQL'
    : `set shared_buffers above ${size(documents)}`;
  return buffers >= documents
    ? { level: 'ok', what: 'memory', text }
    : {
        level: 'warn',
        what: 'memory',
        text: `${text}: a word's first search reads its matches from the disk (${remedy})`,
      };
}

async function databaseFindings(handle: DatabaseHandle, config: Config, keyMissing: boolean): Promise<Finding[]> {
  const { db } = handle;
  const findings: Finding[] = [];
  const { rows } = await sql<{ version: string }>`SELECT current_setting('server_version') AS version`.execute(db);
  const attached = handle.embedded?.attachedTo;
  const where =
    handle.mode === 'external'
      ? 'external (DATABASE_URL)'
      : attached
        ? `embedded, of the Kenes running as pid ${attached}`
        : 'embedded, started for this check (no Kenes runs on this DATA_DIR)';
  findings.push({ level: 'ok', what: 'database', text: `PostgreSQL ${rows[0]?.version}, ${where}` });

  const known = listMigrations().map((m) => m.name);
  const { rows: hasTable } = await sql<{ found: boolean }>`
    SELECT to_regclass('schema_migrations') IS NOT NULL AS found`.execute(db);
  const applied = hasTable[0]?.found
    ? (await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(db)).rows.map((r) => r.name)
    : [];
  const pending = known.filter((n) => !applied.includes(n));
  const unknown = applied.filter((n) => !known.includes(n));
  findings.push(
    unknown.length
      ? {
          level: 'fail',
          what: 'migrations',
          text: `the database has ${unknown.length} this version of Kenes does not know (${unknown[0]}…): is Kenes older than the database?`,
        }
      : pending.length
        ? {
            level: 'fail',
            what: 'migrations',
            text: `${applied.length} applied, ${pending.length} pending (${pending.join(', ')}): kenes migrate, or restart Kenes`,
          }
        : { level: 'ok', what: 'migrations', text: `${applied.length} applied, none pending` },
  );
  if (!applied.length) return findings; // nothing else is there to check

  const outbox = await outboxHealth(db);
  const stuck = config.smtpUrl && outbox.oldestWaitingMinutes > OUTBOX_STALE_MINUTES;
  findings.push({
    level: stuck ? 'fail' : outbox.givenUp > 0 || (outbox.waiting > 0 && !config.smtpUrl) ? 'warn' : 'ok',
    what: 'outbox',
    text:
      `${outbox.waiting} waiting${outbox.waiting ? ` (the oldest for ${outbox.oldestWaitingMinutes} min)` : ''}, ` +
      `${outbox.givenUp} given up after every attempt` +
      (config.smtpUrl ? '' : '; SMTP_URL is not set, so nothing is sent'),
  });

  // (No search documents before the migration that makes them: nothing to compare.)
  const { rows: memory } = await sql<{ buffers: string; documents: string | null }>`
    SELECT pg_size_bytes(current_setting('shared_buffers'))::text AS buffers,
           pg_total_relation_size(to_regclass('search_documents'))::text AS documents`.execute(db);
  const [buffers, documents] = [memory[0]?.buffers, memory[0]?.documents];
  if (buffers && documents)
    findings.push(memoryFinding(Number(buffers), Number(documents), handle.mode !== 'external'));

  if (keyMissing) {
    findings.push({
      level: 'fail',
      what: 'audit chain',
      text: `not checked: no key (AUDIT_KEY is not set and ${auditKeysFile(config.dataDir)} does not exist)`,
    });
  } else {
    const chain = await verifyAuditChain(db);
    const checkpoint = chain.lastCheckpoint
      ? `newest checkpoint at entry ${chain.lastCheckpoint.id} on ${chain.lastCheckpoint.at}`
      : 'no checkpoint yet';
    findings.push(
      chain.ok
        ? {
            level: 'ok',
            what: 'audit chain',
            text: `${chain.entries} ${chain.entries === 1 ? 'entry verifies' : 'entries verify'}; ${checkpoint}`,
          }
        : {
            level: 'fail',
            what: 'audit chain',
            text: `does NOT verify at ${chain.reason === 'checkpoint-file' ? 'checkpoint line' : 'entry'} ${chain.firstBadId} (${chain.reason}): kenes audit verify says more`,
          },
    );
  }
  return findings;
}

/** Files and folders Kenes holds for this installation, one line each. */
function onDisk(config: Config): string[] {
  const lines: string[] = [];
  const { dataDir } = config;
  const line = (p: string, what: string) => lines.push(`  ${p.padEnd(48)} ${what}`);
  const secretFile = (name: string, what: string) => {
    const file = path.join(dataDir, name);
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (!st) return;
    const open = st.mode & 0o077 ? `; readable by others (mode ${(st.mode & 0o777).toString(8)}): chmod 600` : '';
    line(file, `${what}, ${size(st.size)}${open}`);
  };
  if (!fs.existsSync(dataDir)) return [`  ${dataDir} does not exist`];
  secretFile('secrets.json', "the embedded database's password and the session secret");
  secretFile('audit-keys', "the audit chain's keys");
  const checkpoints = path.join(dataDir, 'audit-checkpoints');
  if (fs.existsSync(checkpoints))
    line(checkpoints, `the audit chain's signed checkpoints, ${size(sizeOf(checkpoints))}`);
  if (!config.databaseUrl) {
    const cluster = clusterDirOf(dataDir);
    if (fs.existsSync(cluster)) line(cluster, `the PostgreSQL cluster, ${size(sizeOf(cluster))}`);
    else line(cluster, 'the PostgreSQL cluster: not created yet');
  }
  const running = readRunning(dataDir);
  if (running) {
    line(
      path.join(dataDir, RUNNING_FILE),
      `PostgreSQL of the Kenes running as pid ${running.pid} (${running.by}) on ${running.host}:${running.port}`,
    );
  }
  for (const c of sharedClusters(SHARED_ROOT)) {
    const whose = c.dataDir
      ? `of ${c.dataDir}`
      : 'of an unknown DATA_DIR (no marker: remove it by hand if it is not needed)';
    const state = { kept: '', running: ', running', orphaned: ', orphaned: removed at the next start', unclaimed: '' }[
      c.state
    ];
    line(c.dir, `a PostgreSQL cluster ${whose}${state}, ${size(sizeOf(c.dir))}`);
  }
  return lines;
}

/** Checks everything `kenes doctor` checks; never throws for an unhealthy installation. */
export async function diagnose(config: Config): Promise<{ findings: Finding[]; disk: string[] }> {
  const findings: Finding[] = [];
  const keyMissing = !config.auditKey && !fs.existsSync(auditKeysFile(config.dataDir));
  const embeddedMissing =
    !config.databaseUrl &&
    (!fs.existsSync(path.join(config.dataDir, 'secrets.json')) ||
      !fs.existsSync(path.join(clusterDirOf(config.dataDir), 'PG_VERSION')));
  if (embeddedMissing) {
    findings.push({
      level: 'fail',
      what: 'database',
      text: `no embedded database in ${config.dataDir} yet (kenes start creates it), or DATABASE_URL is not set`,
    });
  } else {
    let handle: DatabaseHandle | undefined;
    try {
      // Creates nothing: without a key, a throw-away one (the chain is then not checked); the session secret is not used.
      handle = await openDatabase(
        {
          ...config,
          auditKey: keyMissing ? 'kenes-doctor-checks-without-a-key-00000' : config.auditKey,
          sessionSecret:
            config.sessionSecret ?? (config.databaseUrl ? 'kenes-doctor-needs-no-session-secret' : undefined),
          databasePoolSize: 2,
        },
        () => {},
        { as: 'command' },
      );
      findings.push(...(await databaseFindings(handle, config, keyMissing)));
    } catch (err) {
      findings.push({ level: 'fail', what: 'database', text: `cannot be reached: ${(err as Error).message}` });
    } finally {
      await handle?.close();
    }
  }
  findings.push(diskFinding(config.dataDir));
  findings.push(backupFinding(config.backupDir));
  return { findings, disk: onDisk(config) };
}

/** `kenes doctor`: prints the findings and what is on disk; 0 when healthy, 3 when something fails. */
export async function doctorCommand(config: Config, io: CliIo): Promise<number> {
  const { findings, disk } = await diagnose(config);
  const order = ['database', 'migrations', 'memory', 'outbox', 'audit chain', 'disk', 'last backup'];
  findings.sort((a, b) => order.indexOf(a.what) - order.indexOf(b.what));
  const width = Math.max(...findings.map((f) => f.what.length));
  io.stdout(
    `Kenes doctor: DATA_DIR=${config.dataDir}\n${findings.map((f) => `  ${f.level.padEnd(4)}  ${f.what.padEnd(width)}  ${f.text}`).join('\n')}\n\nOn disk:\n${disk.join('\n')}\n\n`,
  );
  const failed = findings.filter((f) => f.level === 'fail');
  const warned = findings.filter((f) => f.level === 'warn');
  if (failed.length) {
    io.stderr(`Not healthy: ${failed.map((f) => f.what).join(', ')}.\n`);
    return 3;
  }
  io.stdout(warned.length ? `Healthy, with warnings: ${warned.map((f) => f.what).join(', ')}.\n` : 'Healthy.\n');
  return 0;
}
