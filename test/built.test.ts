/**
 * The `kenes` command runs Kenes built to plain JavaScript (bin/built.js, decision 0035): a build per
 * version of the sources, made by the first command that needs it; a changed source is never run from
 * an older build; KENES_BUILD=off runs the sources through tsx, with the same behaviour.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'kenes.js');
const dist = path.join(root, 'dist');
const run = promisify(execFile);

async function kenes(args: string[], env: Record<string, string> = {}) {
  const { DATABASE_URL: _omit, KENES_BUILD: _build, ...rest } = process.env;
  return run(process.execPath, [bin, ...args], { cwd: root, env: { ...rest, ...env } });
}
const builds = () => (fs.existsSync(dist) ? fs.readdirSync(dist).filter((name) => !name.startsWith('.')) : []);
/** Whether a build under dist/ is whole (its command's module is there). */
const hasCli = (name: string) => fs.existsSync(path.join(dist, name, 'src', 'cli.mjs'));

test('a command runs from a build of the current sources, and answers as the sources do through tsx', async () => {
  const built = await kenes(['--help']);
  const viaTsx = await kenes(['--help'], { KENES_BUILD: 'off' });
  assert.equal(built.stdout, viaTsx.stdout);
  assert.match(built.stdout, /^Usage: kenes <command>/);
  assert.equal(built.stderr, '', 'a build that works says nothing');
  const current = builds().filter(hasCli);
  assert.ok(current.length >= 1, `a build under dist/: ${builds().join(', ')}`);

  // Another command with the same sources finds the build: no new one is made.
  await kenes(['--help']);
  assert.deepEqual(builds().filter(hasCli).sort(), [...current].sort(), 'the same sources reuse their build');
});

test('a changed source gets a build of its own before any command runs it', async () => {
  await kenes(['--help']);
  const before = new Set(builds());
  // A source file "changed": another time of change is another version of the sources (one no earlier
  // run of this test made).
  const file = path.join(root, 'src', 'cli.ts');
  const { atime, mtime } = fs.statSync(file);
  try {
    fs.utimesSync(file, atime, new Date(mtime.getTime() + 1000 * (1 + Math.floor(Math.random() * 1e6))));
    const { stdout } = await kenes(['--help']);
    assert.match(stdout, /^Usage: kenes <command>/);
    const made = builds().filter((name) => !before.has(name));
    assert.equal(made.length, 1, `one new build for the changed sources (before: ${[...before].join(', ')})`);
    assert.ok(hasCli(made[0] as string));
  } finally {
    fs.utimesSync(file, atime, mtime);
  }
  // Back to the earlier version: its build is still there, and no other is made.
  const count = builds().length;
  await kenes(['--help']);
  assert.equal(builds().length, count);
});

test('where no build can be made, the sources run through tsx and it says so', async () => {
  // A checkout whose dist/ cannot be a folder (here a file; read-only in real life): bin/ copied, the
  // sources and packages linked.
  const checkout = fs.mkdtempSync(path.join(os.tmpdir(), 'kenes-nobuild-'));
  try {
    fs.cpSync(path.join(root, 'bin'), path.join(checkout, 'bin'), { recursive: true });
    for (const name of ['src', 'node_modules', 'package.json', 'package-lock.json'])
      fs.symlinkSync(path.join(root, name), path.join(checkout, name));
    fs.writeFileSync(path.join(checkout, 'dist'), 'not a folder');
    const { DATABASE_URL: _omit, KENES_BUILD: _build, ...env } = process.env;
    const { stdout, stderr } = await run(process.execPath, [path.join(checkout, 'bin', 'kenes.js'), '--help'], {
      cwd: checkout,
      env,
    });
    assert.match(stdout, /^Usage: kenes <command>/);
    assert.match(stderr, /kenes: running the sources through tsx \(no build: /);
  } finally {
    fs.rmSync(checkout, { recursive: true, force: true });
  }
});
