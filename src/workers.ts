/**
 * `kenes start` with WORKERS > 1 (decision 0032): one primary process and that many workers
 * serving one port (node:cluster). The primary prepares the database once — starts the embedded
 * PostgreSQL, migrates, loads the demo on an empty one — and then serves nothing itself: it starts
 * the workers, starts again one that ends unexpectedly, and on SIGTERM or SIGINT lets each finish
 * its requests in flight before it stops PostgreSQL. Each worker is an ordinary Kenes process
 * against the prepared database (as production runs several against one external PostgreSQL), so
 * nothing they must agree on lives in memory. A worker whose primary is gone ends (node:cluster).
 */
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import type { Config } from './core/config.ts';

export interface PrimaryStarted {
  url: string;
  mode: 'embedded' | 'external';
  demoLoaded: boolean;
  demoSignIns: { email: string; role: string }[];
  /** The workers' pids at the moment it started (a worker started again later has another). */
  pids: number[];
  /** Stops every worker (each finishes its requests in flight), then the embedded PostgreSQL. */
  close(): Promise<void>;
}

/** A worker that ends within this long of its start, again and again, is started again more slowly. */
const QUICK_END_MS = 10_000;
const MAX_RESTART_DELAY_MS = 30_000;

export async function startPrimary(config: Config, logger: Logger): Promise<PrimaryStarted> {
  const { prepareDatabase } = await import('./server.ts');
  const { demoSignIns } = await import('./demo/seed.ts');
  const { handle, demoLoaded } = await prepareDatabase(config, logger);
  let signIns: PrimaryStarted['demoSignIns'];
  try {
    signIns = handle.mode === 'embedded' ? await demoSignIns(handle.db) : [];
  } finally {
    // The primary keeps the embedded PostgreSQL running, and no connection of its own.
    await handle.db.destroy();
  }
  // What every worker needs to serve as the primary would have: the database it prepared (the
  // embedded one's run-time and owner roles) and the session secret the cookies are signed with.
  const env = {
    DATABASE_URL: handle.url,
    DATABASE_OWNER_URL: handle.ownerUrl,
    SESSION_SECRET: handle.sessionSecret,
  };
  let stopping = false;
  let quickEnds = 0;
  const startedAt = new Map<Worker, number>();
  const fork = () => {
    const worker = cluster.fork(env);
    startedAt.set(worker, Date.now());
    return worker;
  };
  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) return;
    quickEnds = lived < QUICK_END_MS ? quickEnds + 1 : 0;
    const delay = Math.min(MAX_RESTART_DELAY_MS, quickEnds === 0 ? 0 : 500 * 2 ** (quickEnds - 1));
    logger.error(
      { pid: worker.process.pid, code, signal },
      `a Kenes worker ended unexpectedly; another starts${delay ? ` in ${delay} ms` : ''}`,
    );
    setTimeout(() => {
      if (!stopping) fork();
    }, delay).unref();
  });

  const workers = Array.from({ length: config.workers }, fork);
  let port = config.port;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const early = (code: number | null) =>
              reject(new Error(`a Kenes worker ended before serving (exit ${code})`));
            worker.once('exit', early);
            worker.once('listening', (address) => {
              worker.off('exit', early);
              port = address.port;
              resolve();
            });
          }),
      ),
    );
  } catch (err) {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
    await handle.embedded?.stop();
    throw err;
  }
  const shownHost = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(config.host) ? 'localhost' : config.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}`,
    mode: handle.mode,
    demoLoaded,
    demoSignIns: signIns,
    pids: workers.map((w) => w.process.pid ?? 0),
    close: () => {
      closing ??= (async () => {
        stopping = true;
        const running = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
        await Promise.all(
          running.map(
            (worker) =>
              new Promise<void>((resolve) => {
                worker.once('exit', () => resolve());
                // Each worker finishes its requests in flight and closes its pool (cli.ts, start).
                worker.process.kill('SIGTERM');
              }),
          ),
        );
        await handle.embedded?.stop();
      })();
      return closing;
    },
  };
}
