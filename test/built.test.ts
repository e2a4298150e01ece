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

/**
 * A checkout of its own in a temporary folder: bin/ copied, src/ copied (to change) or linked, the
 * packages linked; removed after `use`.
 */
async function inCheckout(copySources: boolean, use: (checkout: string) => Promise<void>) {
  const checkout = fs.mkdtempSync(path.join(os.tmpdir(), 'kenes-checkout-'));
  try {
    fs.cpSync(path.join(root, 'bin'), path.join(checkout, 'bin'), { recursive: true });
    if (copySources) fs.cpSync(path.join(root, 'src'), path.join(checkout, 'src'), { recursive: true });
    for (const name of [...(copySources ? [] : ['src']), 'node_modules', 'package.json', 'package-lock.json'])
      fs.symlinkSync(path.join(root, name), path.join(checkout, name));
    await use(checkout);
  } finally {
    fs.rmSync(checkout, { recursive: true, force: true });
  }
}
const kenesIn = (checkout: string, args: string[]) => {
  const { DATABASE_URL: _omit, KENES_BUILD: _build, ...env } = process.env;
  return run(process.execPath, [path.join(checkout, 'bin', 'kenes.js'), ...args], { cwd: checkout, env });
};

test('a changed source gets a build of its own before any command runs it; changed back, its build is used', async () => {
  await inCheckout(true, async (checkout) => {
    const built = () => fs.readdirSync(path.join(checkout, 'dist')).filter((name) => !name.startsWith('.'));
    await kenesIn(checkout, ['--help']);
    const [first, ...others] = built();
    assert.ok(first && others.length === 0, 'one build');
    // A source changes: a new build, and the command runs it (its answer is the changed one).
    const source = path.join(checkout, 'src', 'cli.ts');
    const original = fs.readFileSync(source, 'utf8');
    fs.writeFileSync(source, original.replace('Usage: kenes <command>', 'Usage: kenes <the command>'));
    const changed = await kenesIn(checkout, ['--help']);
    assert.match(changed.stdout, /^Usage: kenes <the command>/);
    assert.equal(built().length, 2);
    // Back as it was: the first build serves again, and no other is made.
    fs.writeFileSync(source, original);
    const again = await kenesIn(checkout, ['--help']);
    assert.match(again.stdout, /^Usage: kenes <command>/);
    assert.equal(built().length, 2);
  });
});

test('where no build can be made, the sources run through tsx and it says so', async () => {
  // A checkout whose dist/ cannot be a folder (here a file; read-only in real life).
  await inCheckout(false, async (checkout) => {
    fs.writeFileSync(path.join(checkout, 'dist'), 'not a folder');
    const { stdout, stderr } = await kenesIn(checkout, ['--help']);
    assert.match(stdout, /^Usage: kenes <command>/);
    assert.match(stderr, /kenes: running the sources through tsx \(no build: /);
  });
});
