/**
 * What the HTTP benchmarks share (bench-pages.ts, bench-against.ts): a production `kenes start` of a
 * checkout on its own embedded PostgreSQL, a demo account's session, and wrk with a report of its
 * rate and percentiles. Needs wrk (Debian: apt-get install wrk).
 */
import { type ChildProcess, execFileSync, type StdioOptions, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_PASSWORD } from '../src/demo/content.ts';

const root = path.resolve(import.meta.dirname, '..');

/** Exits with a clear message when wrk is missing. */
export function needWrk() {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
  } catch (err) {
    // wrk --version exits 1 after printing its version; only a missing binary is an error.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      console.error('wrk is not installed: apt-get install wrk');
      process.exit(2);
    }
  }
}

const report = path.join(root, 'data', 'tmp', 'wrk-report.lua');

export interface Run {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

/** wrk on one URL (2 threads): requests per second and latency percentiles (ms); non-2xx/3xx answers are an error. */
export function wrk(
  url: string,
  opts: { headers?: Record<string, string>; seconds: number; connections: number },
): Run {
  // Written each time: an older script's report may be there.
  fs.mkdirSync(path.dirname(report), { recursive: true });
  fs.writeFileSync(
    report,
    `done = function(summary, latency, requests)
  io.write(string.format("RESULT %f %f %f %f %d %d\\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.requests))
end
`,
  );
  const args = ['-t2', `-c${opts.connections}`, `-d${opts.seconds}s`, '-s', report];
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}: ${v}`);
  const out = execFileSync('wrk', [...args, url], { encoding: 'utf8' });
  const m = /RESULT (\S+) (\S+) (\S+) (\S+) (\d+) (\d+)/.exec(out);
  if (!m) throw new Error(`wrk said: ${out}`);
  if (Number(m[5]) > 0) throw new Error(`${url}: ${m[5]} of ${m[6]} answers were not 2xx/3xx`);
  return { rps: Number(m[1]), p50: Number(m[2]), p95: Number(m[3]), p99: Number(m[4]) };
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Waits until `url` answers 2xx (at most two minutes), or fails if `child` exits first. */
export async function waitFor(url: string, child: ChildProcess) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer`);
}

/**
 * `kenes start` of a checkout in production mode on 127.0.0.1:`port`, with its embedded PostgreSQL
 * under `<checkout>/data/bench-pages` (the demo loaded on a first start).
 */
export function startKenes(opts: {
  checkout: string;
  port: number;
  nodeArgs?: string[];
  env?: Record<string, string>;
  stdio?: StdioOptions;
}): ChildProcess {
  return spawn(process.execPath, [...(opts.nodeArgs ?? []), path.join(opts.checkout, 'bin', 'kenes.js'), 'start'], {
    cwd: opts.checkout,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATA_DIR: path.join(opts.checkout, 'data', 'bench-pages'),
      PORT: String(opts.port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${opts.port}`,
      SESSION_SECRET: randomBytes(32).toString('hex'),
      DATABASE_URL: '',
      ...opts.env,
    },
    stdio: opts.stdio ?? ['ignore', 'ignore', 'inherit'],
  });
}

/** The session cookie of a demo account: the sign-in form's token and cookie, then the session's cookie. */
export async function signIn(base: string, email: string): Promise<string> {
  const form = await fetch(`${base}/en/sign-in`);
  const csrfCookie = (form.headers.getSetCookie().find((c) => c.startsWith('kenes_csrf=')) ?? '').split(';')[0];
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const res = await fetch(`${base}/en/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie ?? '', origin: base },
    body: new URLSearchParams({ _csrf: token, email, password: DEMO_PASSWORD }).toString(),
  });
  const session = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('kenes_session='))
    ?.split(';')[0];
  if (!session) throw new Error(`sign-in as ${email} failed: ${res.status}`);
  return session;
}
