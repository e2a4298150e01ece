import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import {
  type Binaries,
  clusterDirFor,
  copyBinariesFor,
  EmbeddedPostgresError,
  loadBinaries,
  postgresUser,
  type RunAs,
} from './embedded-location.ts';

export { clusterDirOf, EmbeddedPostgresError, SHARED_ROOT } from './embedded-location.ts';

export interface EmbeddedOptions {
  dataDir: string;
  password: string;
  /** Database to create when missing. */
  database: string;
  /** Trades durability for speed: only for throw-away test clusters. */
  unsafeFast?: boolean;
  log: (level: 'info' | 'warn' | 'debug', msg: string) => void;
}

export interface EmbeddedPostgres {
  /** URL of `options.database`. */
  url: string;
  /** URL of the maintenance database `postgres` (to create and drop databases). */
  adminUrl: string;
  clusterDir: string;
  /** True when this start initialised the cluster (first start on an empty data directory). */
  initialised: boolean;
  /** True when this start created the database `options.database`. */
  databaseCreated: boolean;
  pid: number;
  stop(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/**
 * One Kenes process owns an embedded cluster. The lock names its pid; a lock whose process is gone
 * is stale (the previous Kenes was killed) and is taken over.
 */
function takeLock(dataDir: string): string {
  const lock = path.join(dataDir, 'kenes.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return lock;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(fs.readFileSync(lock, 'utf8').trim());
      if (owner && owner !== process.pid && isAlive(owner) && /node|kenes/.test(cmdline(owner))) {
        throw new EmbeddedPostgresError(
          `Another Kenes process (pid ${owner}) is already running with DATA_DIR=${dataDir}. ` +
            'Stop it first, or give this one another DATA_DIR. (Several Kenes processes share one database only through DATABASE_URL.)',
        );
      }
      fs.rmSync(lock, { force: true });
    }
  }
  throw new EmbeddedPostgresError(`Could not take the lock ${lock}.`);
}

/** A PostgreSQL left running by a Kenes that was killed (kill -9, power loss of the terminal): stop it. */
async function stopOrphan(clusterDir: string, log: EmbeddedOptions['log']): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !isAlive(pid) || !cmdline(pid).includes('postgres')) return; // stale file: postgres handles it
  log('warn', `Stopping PostgreSQL (pid ${pid}) left running by a previous Kenes that did not shut down`);
  for (const [signal, waitMs] of [
    ['SIGINT', 15_000],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      if (!isAlive(pid)) return;
      await sleep(50);
    }
  }
  throw new EmbeddedPostgresError(`PostgreSQL pid ${pid} on ${clusterDir} does not stop; stop it by hand.`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function runInitdb(bins: Binaries, clusterDir: string, password: string, who: RunAs | undefined): void {
  // initdb refuses a non-empty folder: a folder without PG_VERSION is a failed earlier attempt.
  fs.rmSync(clusterDir, { recursive: true, force: true });
  fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  const pwfile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kenes-initdb-')), 'pw');
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (who) {
    fs.chownSync(clusterDir, who.uid, who.gid);
    fs.chownSync(path.dirname(pwfile), who.uid, who.gid);
    fs.chownSync(pwfile, who.uid, who.gid);
  }
  try {
    const r = spawnSync(
      bins.initdb,
      [
        `--pgdata=${clusterDir}`,
        '--username=postgres',
        '--auth=scram-sha-256',
        `--pwfile=${pwfile}`,
        '--encoding=UTF8',
        '--locale=C.UTF-8',
        '--locale-provider=icu',
        '--icu-locale=und',
      ],
      { ...(who ?? {}), encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } },
    );
    if (r.status !== 0) {
      throw new EmbeddedPostgresError(
        `initdb failed in ${clusterDir}:\n${(r.stderr || r.error?.message || '').trim()}`,
      );
    }
  } finally {
    fs.rmSync(path.dirname(pwfile), { recursive: true, force: true });
  }
}

/*
 * PostgreSQL runs under a small shell that holds its stdin. When Kenes exits in any way — even
 * kill -9 — the pipe closes, `read` returns and the shell asks PostgreSQL for a fast shutdown, so no
 * orphan survives. The shell is started detached (its own process group) so that Ctrl-C in the
 * terminal reaches Kenes only, and Kenes stops PostgreSQL after its requests in flight are done.
 */
const WATCHDOG = `
exec 3<&0
"$0" -D "$1" -p "$2" -c listen_addresses=127.0.0.1 -c unix_socket_directories= $3 3<&- &
pg=$!
( read -r _ <&3; kill -INT "$pg" 2>/dev/null ) &
watch=$!
exec 3<&-
wait "$pg"
code=$?
kill "$watch" 2>/dev/null
exit "$code"
`;

/** Initialises (first time), starts and later stops the PostgreSQL that ships inside the npm package. */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const { log } = opts;
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const lock = takeLock(opts.dataDir);
  try {
    const who = postgresUser();
    let bins = await loadBinaries();
    if (who) bins = copyBinariesFor(who, bins, log);
    const clusterDir = clusterDirFor(opts.dataDir, who, log);

    let initialised = false;
    if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
      const t = performance.now();
      runInitdb(bins, clusterDir, opts.password, who);
      initialised = true;
      log('info', `Initialised PostgreSQL ${bins.version} in ${clusterDir} (${Math.round(performance.now() - t)} ms)`);
    } else {
      await stopOrphan(clusterDir, log);
    }

    const port = await freePort();
    const flags = opts.unsafeFast ? '-c fsync=off -c synchronous_commit=off -c full_page_writes=off' : '';
    const child = spawn('/bin/sh', ['-c', WATCHDOG, bins.postgres, clusterDir, String(port), flags], {
      ...(who ?? {}),
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C.UTF-8', LC_MESSAGES: 'C' },
    });
    const tail: string[] = [];
    const onOutput = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        tail.push(line);
        if (tail.length > 40) tail.shift();
        log('debug', `postgres: ${line}`);
      }
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    let exited = false;
    const exit = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => {
        exited = true;
        resolve(code);
      }),
    );

    const base = { host: '127.0.0.1', port, user: 'postgres', password: opts.password };
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (exited) {
        throw new EmbeddedPostgresError(`PostgreSQL in ${clusterDir} did not start:\n${tail.join('\n')}`);
      }
      const client = new pg.Client({ ...base, database: 'postgres', connectionTimeoutMillis: 1000 });
      try {
        await client.connect();
        await client.end();
        break;
      } catch {
        await client.end().catch(() => {});
        if (Date.now() > deadline) {
          child.stdin?.end();
          throw new EmbeddedPostgresError(
            `PostgreSQL in ${clusterDir} did not accept connections within 60 s:\n${tail.join('\n')}`,
          );
        }
        await sleep(50);
      }
    }

    const databaseCreated = await ensureDatabase({ ...base, database: 'postgres' }, opts.database);
    const url = (db: string) =>
      `postgres://postgres:${encodeURIComponent(opts.password)}@127.0.0.1:${port}/${encodeURIComponent(db)}`;

    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        child.stdin?.end();
        const timer = new AbortController();
        const timeout = sleep(30_000, 'timeout' as const, { signal: timer.signal }).catch(() => 'cancelled' as const);
        const outcome = await Promise.race([exit, timeout]);
        timer.abort();
        if (outcome === 'timeout' && child.pid) process.kill(-child.pid, 'SIGKILL');
        fs.rmSync(lock, { force: true });
      })();
      return stopping;
    };
    return {
      url: url(opts.database),
      adminUrl: url('postgres'),
      clusterDir,
      initialised,
      databaseCreated,
      pid: child.pid ?? 0,
      stop,
    };
  } catch (err) {
    fs.rmSync(lock, { force: true });
    throw err;
  }
}

async function ensureDatabase(conn: pg.ClientConfig, name: string): Promise<boolean> {
  const client = new pg.Client(conn);
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    return true;
  } finally {
    await client.end();
  }
}
