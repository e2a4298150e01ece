// Kenes built to plain JavaScript for the `kenes` command (decision 0035): one build per version of the
// sources (a hash of their content), under dist/<fingerprint>/, made by the first command that needs it
// (src/build.ts, about 2 s) and then loaded by every process without tsx — some 70 MB less memory and a
// quicker start.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
/** Builds kept beside the current one: a process started from an older one may still load its chunks. */
const KEEP = 3;

/** The sources' version: a hash of every file under src/ (path and content), the lock file and this file. */
function fingerprint() {
  const hash = createHash('sha256');
  const add = (file) => {
    const bytes = fs.readFileSync(file);
    hash.update(`${path.relative(root, file)}\0${bytes.length}\0`);
    hash.update(bytes);
  };
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else add(full);
    }
  };
  walk(path.join(root, 'src'));
  add(path.join(root, 'package-lock.json'));
  add(import.meta.filename);
  return hash.digest('hex').slice(0, 16);
}

/** Removes all but the KEEP most recent builds besides `current` (best effort). */
function prune(current) {
  const others = fs
    .readdirSync(dist, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== current && !e.name.startsWith('.'))
    .map((e) => ({ dir: path.join(dist, e.name), at: fs.statSync(path.join(dist, e.name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { dir } of others.slice(KEEP)) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * The URL of the built folder (with a trailing slash), building it first if these sources have none;
 * undefined when KENES_BUILD=off or the build cannot be made (a read-only folder): then the caller runs
 * the sources through tsx, as before.
 */
export function builtKenes() {
  if (process.env.KENES_BUILD === 'off') return undefined;
  try {
    const id = fingerprint();
    const dir = path.join(dist, id);
    if (!fs.existsSync(path.join(dir, 'src', 'cli.mjs'))) {
      // Built aside and renamed into place: two commands building at once each finish, and one wins.
      const aside = path.join(dist, `.${id}-${process.pid}`);
      const made = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'build.ts'), aside], {
        cwd: root,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      if (made.status !== 0) throw new Error(`the build ended with status ${made.status ?? made.signal}`);
      try {
        fs.renameSync(aside, dir);
      } catch {
        fs.rmSync(aside, { recursive: true, force: true });
      }
      prune(id);
    }
    return pathToFileURL(`${dir}${path.sep}`).href;
  } catch (err) {
    process.stderr.write(`kenes: running the sources through tsx (no build: ${err.message})\n`);
    return undefined;
  }
}
