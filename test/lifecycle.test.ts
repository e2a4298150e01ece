/**
 * The `kenes` command as a user runs it: first start on an empty data directory, a warm start that
 * reuses the data, SIGTERM and SIGINT, kill -9 and recovery, and bad configuration.
 * Always on the embedded PostgreSQL (DATABASE_URL is removed from the child's environment).
 * The command-line checks run while the start/stop sequence does (they share nothing with it). The
 * sequence starts Kenes four times, each start serving the next step: the warm one is then killed
 * with -9, the one that recovered from it has its PostgreSQL orphaned, and the last stops on SIGINT.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { clusterDirOf } from '../src/core/db/embedded.ts';
import { childrenOf, parentPid, processesWhere } from '../src/testing/processes.ts';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'kenes.js');
const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kenes-life-')), 'data');

function env(extra: Record<string, string> = {}) {
  const { DATABASE_URL: _omit, ...rest } = process.env;
  return {
    ...rest,
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
    ...extra,
  };
}

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function start(extraEnv: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, [bin, 'start'], {
    cwd: root,
    env: env(extraEnv),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  return new Promise((resolve, reject) => {
    // A start that does not come is killed: a child left behind would keep this file from ending.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no start within 60 s:\n${out}`));
    }, 60_000);
    const check = () => {
      const m = out.match(/Kenes is running at (http:\/\/\S+)/);
      if (m?.[1] && out.includes('Stop with Ctrl-C.')) {
        clearTimeout(timer);
        resolve({ child, url: m[1], output: () => out });
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before starting:\n${out}`));
    });
  });
}

/** Runs a command to its end without blocking the event loop (the other tests' processes go on being read). */
function run(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; timeout?: number } = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, args, { cwd: root, env: options.env ?? process.env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const timer = options.timeout ? setTimeout(() => child.kill('SIGTERM'), options.timeout) : undefined;
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.on('exit', (code, signal) => resolve(code ?? (signal ? -1 : null)));
  });
}

function clusterDir(): string {
  return clusterDirOf(dataDir);
}

/** PostgreSQL processes serving this data directory's cluster. */
function postgresProcesses(): number[] {
  const dir = clusterDir();
  return processesWhere((args) => args.includes(dir));
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

const running: ChildProcess[] = [];
after(() => {
  for (const c of running) if (c.exitCode === null) c.kill('SIGKILL');
  fs.rmSync(clusterDir(), { recursive: true, force: true });
  fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
});

/** The warm Kenes, left running to be killed with -9; the one that recovered, left running to be orphaned. */
let warm: Started | undefined;
let recovered: Started | undefined;

describe('kenes', { concurrency: true }, () => {
  describe('kenes start, stop, crash and recovery', { concurrency: false }, () => {
    test('first start initialises, migrates and loads the demo; SIGTERM stops Kenes and PostgreSQL', async () => {
      const k = await start();
      running.push(k.child);
      assert.match(k.output(), /Demo content loaded/);
      const home = await fetch(`${k.url}/en/`);
      assert.equal(home.status, 200);
      assert.match(await home.text(), /Dialogue Platform on the Human Dimension/);
      assert.ok(postgresProcesses().length > 0, 'PostgreSQL runs');
      // Kenes serves as the run-time role, not the superuser (decision 0013): its backends say so.
      const backends = (user: string) =>
        processesWhere((args) => args.some((a) => a.startsWith(`postgres: ${user} kenes `)));
      assert.ok(backends('kenes_app').length > 0, 'the pool connects as kenes_app');
      assert.ok(await waitFor(() => backends('postgres').length === 0, 5_000), 'no connection as the superuser');
      // The audit key was generated and the chain's head checkpointed, outside the database.
      assert.ok(fs.existsSync(path.join(dataDir, 'audit-keys')));
      assert.ok(await waitFor(() => fs.existsSync(path.join(dataDir, 'audit-checkpoints')), 10_000), 'a checkpoint');
      k.child.kill('SIGTERM');
      assert.equal(await exited(k.child), 0);
      assert.deepEqual(postgresProcesses(), [], 'no PostgreSQL left');
    });

    test('a warm start reuses the data and does not load the demo again; an uncaught error does not stop it', async () => {
      // The preloaded fixture throws from a timer and leaves a rejected promise once Kenes serves.
      const failLater = pathToFileURL(path.join(root, 'test', 'fixtures', 'fail-later.mjs')).href;
      const k = await start({ NODE_OPTIONS: `--import=${failLater}` });
      running.push(k.child);
      // Left running for the next test (which kills it with -9), even if an assertion below fails.
      warm = k;
      assert.doesNotMatch(k.output(), /Demo content loaded/);
      assert.equal((await fetch(`${k.url}/readyz`)).status, 200);

      // A second Kenes on the same data directory is refused with a clear message (checked below,
      // once the failures have been logged meanwhile).
      const refused = run([bin, 'start'], { env: env(), timeout: 60_000 });
      // A command runs beside it, on its PostgreSQL (DATA_DIR/postgres.json says where: decision 0019).
      const beside = run([bin, 'reset-password', '--email', 'admin@kenes.demo'], { env: env(), timeout: 60_000 });

      assert.ok(
        await waitFor(() => k.output().includes('unhandled promise rejection; Kenes keeps running'), 15_000),
        `both failures were logged:\n${k.output()}`,
      );
      const logged = k
        .output()
        .split('\n')
        .find((line) => line.includes('uncaught exception; Kenes keeps running'));
      assert.match(logged ?? '', /thrown by test\/fixtures\/fail-later/);
      assert.equal(k.child.exitCode, null, 'Kenes is still running');
      assert.equal((await fetch(`${k.url}/healthz`)).status, 200);
      assert.equal((await fetch(`${k.url}/en/`)).status, 200);
      const second = await refused;
      assert.equal(second.status, 1);
      assert.match(second.stderr, /Another Kenes process \(pid \d+\) is already running/);
      const command = await beside;
      assert.equal(command.status, 0, command.stderr);
      assert.match(command.stdout, /password-reset\/\S+/);
      assert.equal((await fetch(`${k.url}/readyz`)).status, 200, 'Kenes still serves after the command ended');
    });

    test('kill -9 leaves no orphaned PostgreSQL, and the next start recovers by itself', async () => {
      const k = warm ?? (await start());
      running.push(k.child);
      k.child.kill('SIGKILL');
      await exited(k.child);
      assert.ok(await waitFor(() => postgresProcesses().length === 0, 10_000), 'PostgreSQL stopped after the crash');
      const again = await start();
      running.push(again.child);
      const page = await fetch(`${again.url}/ru/organisations`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /Коалиция НПО Казахстана против пыток/);
      // Left running: the next test orphans its PostgreSQL.
      recovered = again;
    });

    test('a PostgreSQL orphaned anyway (its watchdog killed too) is stopped by the next start; SIGINT stops Kenes and PostgreSQL', async () => {
      // Orphaning is a race against PostgreSQL's own shutdown: now and then the postmaster ends with its
      // watchdog (then there is nothing to recover from). Up to three tries to leave a real orphan.
      let k = recovered ?? (await start());
      let postmaster = 0;
      const tries: string[] = [];
      for (let attempt = 1; attempt <= 3; attempt++) {
        running.push(k.child);
        postmaster = Number(fs.readFileSync(path.join(clusterDir(), 'postmaster.pid'), 'utf8').split('\n')[0]);
        const watchdog = parentPid(postmaster);
        const watchdogChildren = childrenOf(watchdog).filter((p) => p !== postmaster);
        for (const pid of [watchdog, ...watchdogChildren]) process.kill(pid, 'SIGKILL');
        await new Promise((r) => setTimeout(r, 300));
        k.child.kill('SIGKILL');
        await exited(k.child);
        await new Promise((r) => setTimeout(r, 500));
        if (postgresProcesses().includes(postmaster)) break;
        tries.push(
          `try ${attempt}: postmaster ${postmaster} (watchdog ${watchdog}, its children ${watchdogChildren.join(' ')}) ended too`,
        );
        if (attempt < 3) k = await start();
      }
      assert.ok(postgresProcesses().includes(postmaster), `the orphan is still running:\n${tries.join('\n')}`);
      const again = await start();
      running.push(again.child);
      assert.match(again.output(), /left running by a previous Kenes/);
      assert.ok(!postgresProcesses().includes(postmaster), 'the orphan is gone');
      assert.equal((await fetch(`${again.url}/readyz`)).status, 200);
      again.child.kill('SIGINT');
      assert.equal(await exited(again.child), 0);
      assert.deepEqual(postgresProcesses(), []);
    });

    test('with WORKERS=2 two processes serve one port; a worker that dies is replaced; SIGTERM stops them all and PostgreSQL', async () => {
      const k = await start({ WORKERS: '2' });
      running.push(k.child);
      assert.match(k.output(), /2 processes/);
      const primary = k.child.pid as number;
      const workers = () => processesWhere((args, pid) => args.includes(bin) && parentPid(pid) === primary);
      const first = workers();
      assert.equal(first.length, 2, 'two workers');
      const pages = await Promise.all(Array.from({ length: 12 }, () => fetch(`${k.url}/ru/organisations`)));
      assert.deepEqual(
        pages.map((p) => p.status),
        pages.map(() => 200),
      );
      process.kill(first[0] as number, 'SIGKILL');
      assert.ok(
        await waitFor(() => workers().length === 2 && !workers().includes(first[0] as number), 20_000),
        'another worker started',
      );
      assert.ok(await waitFor(() => /a Kenes worker ended unexpectedly/.test(k.output()), 5_000), 'the end is logged');
      assert.equal((await fetch(`${k.url}/readyz`)).status, 200);
      const left = workers();
      k.child.kill('SIGTERM');
      assert.equal(await exited(k.child), 0);
      assert.ok(await waitFor(() => left.every((pid) => !fs.existsSync(`/proc/${pid}`)), 5_000), 'no worker left');
      assert.deepEqual(postgresProcesses(), [], 'no PostgreSQL left');
    });
  });

  describe('the kenes command line', { concurrency: true }, () => {
    test('--help lists every command', async () => {
      const r = await run([bin, '--help']);
      assert.equal(r.status, 0);
      for (const command of ['start', 'migrate', 'seed-demo', 'help'])
        assert.match(r.stdout, new RegExp(`^  ${command}\\s`, 'm'));
    });

    test('an unknown command exits 2 with the help', async () => {
      const r = await run([bin, 'frobnicate']);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /unknown command "frobnicate"/);
    });

    test('a wrong setting stops the start with a message naming the variable, without a stack trace', async () => {
      // Its own data directory: the start/stop sequence is using the other one meanwhile.
      const r = await run([bin, 'start'], {
        env: env({ PORT: 'abc', DATA_DIR: path.join(path.dirname(dataDir), 'data-cli') }),
      });
      assert.equal(r.status, 1);
      assert.match(r.stderr, /PORT: .*\(got "abc"\)/);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    });
  });
});
