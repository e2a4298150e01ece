/**
 * Measures what a user waits for and what Kenes costs: the first start on an empty data directory
 * (initdb + migrations + demo), a warm start, and the memory (RSS and PSS) of the Kenes process and
 * of its PostgreSQL processes after a few hundred requests.  Run: npm run measure:start
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { clusterDirOf } from '../src/core/db/embedded.ts';
import { childrenOf } from '../src/testing/processes.ts';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kenes-measure-')), 'data');

function start(): Promise<{ child: ChildProcess; url: string; ms: number }> {
  const { DATABASE_URL: _omit, ...env } = process.env;
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'bin/kenes.js'), 'start'], {
    env: { ...env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d) => {
      out += d;
      const m = out.match(/running at (http:\/\/\S+)/);
      if (m?.[1] && out.includes('Ctrl-C')) resolve({ child, url: m[1], ms: performance.now() - t0 });
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

function memoryKiB(pid: number): { rss: number; pss: number } {
  const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const field = (name: string) => Number(rollup.match(new RegExp(`^${name}:\\s+(\\d+)`, 'm'))?.[1] ?? 0);
  return { rss: field('Rss'), pss: field('Pss') };
}

function clusterDir(): string {
  return clusterDirOf(dataDir);
}

function postgresPids(): number[] {
  const postmaster = Number(fs.readFileSync(path.join(clusterDir(), 'postmaster.pid'), 'utf8').split('\n')[0]);
  return [postmaster, ...childrenOf(postmaster)];
}

async function stop(child: ChildProcess) {
  const t0 = performance.now();
  const done = new Promise((r) => child.on('exit', r));
  child.kill('SIGTERM');
  await done;
  return performance.now() - t0;
}

const mb = (kib: number) => `${(kib / 1024).toFixed(1)} MiB`;

const first = await start();
console.log(`first start (initdb + migrate + demo + listen): ${Math.round(first.ms)} ms`);
console.log(`stop: ${Math.round(await stop(first.child))} ms`);

const warm = await start();
console.log(`warm start: ${Math.round(warm.ms)} ms`);
for (let i = 0; i < 300; i++) {
  const path = ['/kk/', '/ru/organisations', '/en/organisations/mia'][i % 3];
  await (await fetch(`${warm.url}${path}`)).text();
}
const node = memoryKiB(warm.child.pid ?? 0);
const pg = postgresPids().map(memoryKiB);
const sum = (k: 'rss' | 'pss') => pg.reduce((s, m) => s + m[k], 0);
console.log(`after 300 requests: Kenes process RSS ${mb(node.rss)} (PSS ${mb(node.pss)})`);
console.log(
  `PostgreSQL: ${pg.length} processes, RSS summed ${mb(sum('rss'))}, PSS summed ${mb(sum('pss'))} (PSS counts shared memory once)`,
);
console.log(`stop: ${Math.round(await stop(warm.child))} ms`);
fs.rmSync(clusterDir(), { recursive: true, force: true });
fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
