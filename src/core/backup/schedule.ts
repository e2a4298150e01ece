import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Job } from '../extensions.ts';
import { writeBackup } from './backup.ts';

/* Scheduled backups (BACKUP_DIR, BACKUP_KEEP): a daily one by one process, the oldest pruned. */

/** A backup's file name: the time it was taken, so that names sort as times do. */
const NAME = /^kenes-(\d{8}T\d{6}Z)\.backup$/;

export interface BackupFile {
  name: string;
  path: string;
  bytes: number;
  /** When it was taken (from its name). */
  takenAt: Date;
}

/** The name of a backup taken at `at`: kenes-20261206T121500Z.backup. */
export function backupName(at = new Date()): string {
  return `kenes-${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}.backup`;
}

function takenAt(stamp: string): Date {
  const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(stamp);
  return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : new Date(0);
}

/** The backups in `dir`, newest first (only files named as Kenes names them; a missing folder has none). */
export function listBackups(dir: string): BackupFile[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names
    .flatMap((name) => {
      const m = NAME.exec(name);
      if (!m) return [];
      const p = path.join(dir, name);
      try {
        return [{ name, path: p, bytes: fs.statSync(p).size, takenAt: takenAt(m[1] ?? '') }];
      } catch {
        return []; // pruned by another process meanwhile
      }
    })
    .sort((a, b) => b.name.localeCompare(a.name));
}

/** Removes all but the `keep` newest backups of `dir`; returns the names removed. */
export function pruneBackups(dir: string, keep: number): string[] {
  const old = listBackups(dir).slice(keep);
  for (const b of old) fs.rmSync(b.path, { force: true });
  return old.map((b) => b.name);
}

// Any constant the processes agree on (beside migrate's 4_205_197_301 and the demo's …302).
const LOCK_KEY = 4_205_197_320;
const DAY_MS = 24 * 60 * 60 * 1000;
// A run every hour catches up within the hour after a restart; a backup is taken when the newest is
// older than a day (less a margin, so that the time of day does not creep later each day).
const CHECK_EVERY_MS = 60 * 60 * 1000;
const DUE_AFTER_MS = DAY_MS - CHECK_EVERY_MS;

export interface BackupSchedule {
  url: string;
  dataDir: string;
  dir: string;
  keep: number;
  passphrase: string | undefined;
}

/**
 * Takes a backup into `dir` when the newest there is a day old, then prunes to `keep`. One process
 * at a time: a session advisory lock, and the age is looked at again once it is held (another
 * process may just have taken one). The file is written under a temporary name and renamed, so a
 * listing never shows half a backup.
 */
export async function runScheduledBackup(s: BackupSchedule, now = () => new Date()): Promise<string | undefined> {
  const newest = listBackups(s.dir)[0];
  if (newest && now().getTime() - newest.takenAt.getTime() < DUE_AFTER_MS) return undefined;
  const client = new pg.Client({ connectionString: s.url, application_name: 'kenes backup lock' });
  await client.connect();
  try {
    const { rows } = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1) AS got', [LOCK_KEY]);
    if (!rows[0]?.got) return undefined;
    try {
      const again = listBackups(s.dir)[0];
      if (again && now().getTime() - again.takenAt.getTime() < DUE_AFTER_MS) return undefined;
      fs.mkdirSync(s.dir, { recursive: true, mode: 0o700 });
      const name = backupName(now());
      const partial = path.join(s.dir, `.${name}.partial`);
      fs.rmSync(partial, { force: true });
      await writeBackup({ url: s.url, dataDir: s.dataDir, file: partial, passphrase: s.passphrase });
      fs.renameSync(partial, path.join(s.dir, name));
      pruneBackups(s.dir, s.keep);
      return name;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end();
  }
}

/** The daily backup as a job of the one scheduler (core/jobs.ts). */
export function backupJob(s: BackupSchedule): Job {
  return {
    name: 'backup',
    everyMs: CHECK_EVERY_MS,
    run: async ({ log }) => {
      const name = await runScheduledBackup(s);
      if (name) log.info({ backup: name, dir: s.dir }, 'backup written');
      return name;
    },
  };
}
