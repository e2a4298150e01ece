import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { ensureDatabase, waitForOtherClients } from './embedded-clients.ts';
import { markCluster, sweepClusters } from './embedded-clusters.ts';
import {
  type Binaries,
  clusterDirFor,
  copyBinariesFor,
  EmbeddedPostgresError,
  loadBinaries,
  postgresUser,
  type RunAs,
  SHARED_ROOT,
} from './embedded-location.ts';
import { cmdline, isAlive, isKenesProcess, publishRunning, readRunning, unpublishRunning } from './embedded-running.ts';
import { embeddedSharedBuffersMb } from './embedded-settings.ts';

export { clusterDirOf, EmbeddedPostgresError, SHARED_ROOT } from './embedded-location.ts';

export interface EmbeddedOptions {
  dataDir: string;
  password: string;
  /** Database to create when missing. */
  database: string;
  /** Trades durability for speed: only for throw-away test clusters. */
  unsafeFast?: boolean;
  /** PostgreSQL's default shared buffers, not embeddedSharedBuffersMb's (the tests' cluster). */
  defaultBuffers?: boolean;
  /**
   * `kenes start` (the default) stops PostgreSQL when it stops; a command that started it for itself
   * first waits for the other commands connected to it (they found it through DATA_DIR/postgres.json).
   */
  by?: 'server' | 'command';
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
  /** The postmaster's pid (of the watchdog shell when this process started it). */
  pid: number;
  /** The Kenes process whose PostgreSQL this is, when this process only connected to it; stop() then stops nothing. */
  attachedTo?: number;
  stop(): Promise<void>;
}

/** The lock of DATA_DIR is held by another live Kenes process. */
class LockHeld extends EmbeddedPostgresError {
  constructor(
    readonly owner: number,
    dataDir: string,
  ) {
    super(
      `Another Kenes process (pid ${owner}) is already running with DATA_DIR=${dataDir}. ` +
        'Stop it first, or give this one another DATA_DIR. (Several Kenes servers share one database only through DATABASE_URL; ' +
        '`kenes` commands run beside a running Kenes.)',
    );
  }
}

/**
 * Refuses at once when another live Kenes process holds DATA_DIR's lock, with the message the start
 * would end with (`kenes start` asks before loading the application; the lock is still taken later).
 */
export function refuseIfLocked(dataDir: string): void {
  let owner: number;
  try {
    owner = Number(fs.readFileSync(path.join(dataDir, 'kenes.pid'), 'utf8').trim());
  } catch {
    return;
  }
  if (owner && owner !== process.pid && isKenesProcess(owner)) throw new LockHeld(owner, dataDir);
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
      // An empty lock is being written by a process that has just created it: held, not stale.
      const young = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0) < 5_000;
      if (!owner && young) throw new LockHeld(0, dataDir);
      if (owner && owner !== process.pid && isKenesProcess(owner)) throw new LockHeld(owner, dataDir);
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
    // Clusters of deleted data directories, found again by their markers (decision 0019).
    if (who) sweepClusters(SHARED_ROOT, log);
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
    if (clusterDir !== path.join(opts.dataDir, 'postgres')) markCluster(clusterDir, opts.dataDir, opts.password);

    const port = await freePort();
    const fast = opts.unsafeFast ? '-c fsync=off -c synchronous_commit=off -c full_page_writes=off ' : '';
    const flags = fast + (opts.defaultBuffers ? '' : `-c shared_buffers=${embeddedSharedBuffersMb()}MB`);
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
    // Commands started beside this process connect here rather than refusing (decision 0019).
    publishRunning(opts.dataDir, {
      pid: process.pid,
      postmasterPid: postmasterPid(clusterDir),
      host: '127.0.0.1',
      port,
      clusterDir,
      startedAt: new Date().toISOString(),
      by: opts.by ?? 'server',
    });

    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        // No new command finds it from now on; a command that started it waits for those that did.
        unpublishRunning(opts.dataDir);
        if (opts.by === 'command') await waitForOtherClients({ ...base, database: 'postgres' }, log);
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
    unpublishRunning(opts.dataDir);
    fs.rmSync(lock, { force: true });
    throw err;
  }
}

function postmasterPid(clusterDir: string): number {
  try {
    return Number(fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]) || 0;
  } catch {
    return 0;
  }
}

/**
 * For a `kenes` command: the PostgreSQL of the Kenes running on this DATA_DIR if there is one (its
 * address from DATA_DIR/postgres.json), else one started for this command, as before (decision 0019).
 * While another process holds the lock without having published its address yet (it is starting
 * PostgreSQL), waits for one or the other.
 */
export async function openEmbeddedPostgres(
  opts: Omit<EmbeddedOptions, 'by'> & { waitMs?: number },
): Promise<EmbeddedPostgres> {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const deadline = Date.now() + (opts.waitMs ?? 60_000);
  let told = false;
  for (;;) {
    const running = readRunning(opts.dataDir);
    if (running) {
      const attached = await attach(running, opts);
      if (attached) return attached;
    }
    try {
      return await startEmbeddedPostgres({ ...opts, by: 'command' });
    } catch (err) {
      if (!(err instanceof LockHeld) || Date.now() > deadline) throw err;
      if (!told) {
        opts.log(
          'info',
          `Waiting for the Kenes process (pid ${err.owner}) that is starting PostgreSQL on this DATA_DIR`,
        );
        told = true;
      }
    }
    await sleep(200);
  }
}

/** Connects to a published PostgreSQL; undefined when it does not answer (it is stopping). */
async function attach(
  running: { pid: number; postmasterPid: number; host: string; port: number; clusterDir: string },
  opts: Pick<EmbeddedOptions, 'password' | 'database'>,
): Promise<EmbeddedPostgres | undefined> {
  const base = { host: running.host, port: running.port, user: 'postgres', password: opts.password };
  const client = new pg.Client({ ...base, database: 'postgres', connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (err) {
    // A wrong password is not a PostgreSQL that is stopping: it says DATA_DIR's secrets do not match.
    if ((err as { code?: string }).code === '28P01') {
      throw new EmbeddedPostgresError(
        `The PostgreSQL of the Kenes running on this DATA_DIR (pid ${running.pid}, port ${running.port}) refuses the password in secrets.json.`,
      );
    }
    return undefined;
  } finally {
    await client.end().catch(() => {});
  }
  const databaseCreated = await ensureDatabase({ ...base, database: 'postgres' }, opts.database);
  const url = (db: string) =>
    `postgres://postgres:${encodeURIComponent(opts.password)}@${running.host}:${running.port}/${encodeURIComponent(db)}`;
  return {
    url: url(opts.database),
    adminUrl: url('postgres'),
    clusterDir: running.clusterDir,
    initialised: false,
    databaseCreated,
    pid: running.postmasterPid,
    attachedTo: running.pid,
    stop: async () => {},
  };
}
