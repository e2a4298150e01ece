import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/*
 * Where a running Kenes's embedded PostgreSQL listens, published in DATA_DIR/postgres.json so that
 * `kenes` commands started beside it connect there instead of refusing (decision 0019). The file
 * names no password: a command reads the superuser's from DATA_DIR/secrets.json, as Kenes does.
 */

export const RUNNING_FILE = 'postgres.json';

const Running = z.object({
  /** The Kenes process that started PostgreSQL and stops it. */
  pid: z.number().int().positive(),
  postmasterPid: z.number().int().nonnegative(),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65_535),
  clusterDir: z.string().min(1),
  startedAt: z.string(),
  /** `kenes start`, or a command that started PostgreSQL for itself (it waits for the others before stopping it). */
  by: z.enum(['server', 'command']),
});
export type RunningPostgres = z.infer<typeof Running>;

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** A Kenes process (node running kenes) with this pid is alive: a pid reused by another program is not one. */
export function isKenesProcess(pid: number): boolean {
  return isAlive(pid) && /node|kenes/.test(cmdline(pid));
}

/** Publishes where this process's PostgreSQL listens (written whole, then renamed into place; owner only). */
export function publishRunning(dataDir: string, running: RunningPostgres): void {
  const file = path.join(dataDir, RUNNING_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(running, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** Removes the publication if it is this process's (a later Kenes may have replaced it). */
export function unpublishRunning(dataDir: string, pid = process.pid): void {
  const file = path.join(dataDir, RUNNING_FILE);
  if (readPublished(file)?.pid === pid) fs.rmSync(file, { force: true });
}

function readPublished(file: string): RunningPostgres | undefined {
  try {
    const parsed = Running.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The PostgreSQL a live Kenes process published in `dataDir`, or undefined. A file left by a process
 * that is gone (kill -9, power loss) or that cannot be read is stale: it is removed.
 */
export function readRunning(dataDir: string): RunningPostgres | undefined {
  const file = path.join(dataDir, RUNNING_FILE);
  if (!fs.existsSync(file)) return undefined;
  const running = readPublished(file);
  if (running && isKenesProcess(running.pid)) return running;
  // Only the stale file we read: a Kenes starting meanwhile renames its own into place.
  const again = readPublished(file);
  if (again?.pid === running?.pid) fs.rmSync(file, { force: true });
  return undefined;
}
