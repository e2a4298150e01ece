/**
 * Which SQL statements each test file makes PostgreSQL run (`npm test`, decision 0005): imported by
 * every group's entry (scripts/test-groups.ts) when KENES_SQL_STATEMENTS names a directory, it wraps
 * pg's Client#query — through which Kysely, the migrations and the backups' COPY all pass — and,
 * when the process ends, writes there one JSON file: for each test file, the statements Kenes's code
 * sent while it ran (not the tests' own: fromKenes below), each as its shape (normalise below). CI's second pass, on another PostgreSQL
 * version, then runs the fewest test files that run again every statement the first pass ran
 * (scripts/test-engine.ts). KENES_SQL_DEBUG=1 prints, for each statement looked at, the frame that
 * decided whose it is. Plain JavaScript: the group entries run without tsx.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * A statement's shape: the same for two runs of the same code whatever the values. Comments and
 * spacing go; string and number literals, parameters and every run of digits (the test databases'
 * names carry the run's pid) become one mark; a list of such marks, and a run of VALUES rows, becomes one.
 */
export function normalise(text) {
  return text
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/\$\d+/g, '?')
    .replace(/\d+(?:\.\d+)?/g, '0')
    .replace(/\s+/g, ' ')
    .replace(/\(\s*(?:\?|0)(?:\s*,\s*(?:\?|0))*\s*\)/g, '(?)')
    .replace(/\(\?\)(?:\s*,\s*\(\?\))+/g, '(?)')
    .trim();
}

/** Frames of the tests' own code: test files, their helpers and fixtures (src/testing, test/). */
const TEST_CODE = /\/src\/testing\/|\/test\/|\.test\.tsx?:|test-[\w-]+\.tsx?:|\.fixture\.tsx?:/;
/** Frames that say nothing of who asked: packages (bundled or not), Node, this file. */
const NEUTRAL = /\/node_modules\/|\(node:|at node:|sql-statements\.js|at (async )?Promise\.(all|allSettled|any|race) /;

/**
 * Whether the statement being sent comes from Kenes's code or from a test's own (an assertion's
 * SELECT, a fixture's INSERT, a test database's CREATE DATABASE): the first frame of the call's
 * stack (async frames included, mapped to the sources) that is neither a package nor Node's decides.
 * No such frame: counted as Kenes's (the record then asks more of the second pass, never less).
 */
function fromKenes() {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 80;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  const first = stack
    .split('\n')
    .slice(1)
    .find((line) => !NEUTRAL.test(line));
  if (process.env.KENES_SQL_DEBUG) process.stderr.write(`[sql] ${first?.trim() ?? stack.replace(/\n/g, ' | ')}\n`);
  return !first || !TEST_CODE.test(first);
}

/** How many times a statement a test file sends from its own code is looked at before it is taken to be the test's only. */
const LOOKS = 3;

/**
 * The shapes a statement counts as: one, or, for a multi-row VALUES whose rows differ in form (a batch
 * of search documents: some rows' terms as given, others computed), one per form of row, so that a
 * batch of other rows counts as the same forms run again.
 */
export function shapesOf(text) {
  const shape = normalise(text);
  const start = /\bvalues\s*\(/i.exec(shape);
  if (!start) return [shape];
  const prefix = shape.slice(0, start.index + start[0].length - 1);
  const rows = [];
  let at = prefix.length;
  for (;;) {
    let depth = 0;
    let end = at;
    for (; end < shape.length; end++) {
      if (shape[end] === '(') depth++;
      else if (shape[end] === ')' && --depth === 0) break;
    }
    rows.push(shape.slice(at, end + 1));
    const next = /^\s*,\s*\(/.exec(shape.slice(end + 1));
    if (!next) return rows.length < 2 ? [shape] : [...new Set(rows)].map((row) => prefix + row + shape.slice(end + 1));
    at = end + 1 + next[0].length - 1;
  }
}

const dir = process.env.KENES_SQL_STATEMENTS;
if (dir) {
  // The pg the app and the tests use (the test files are built with their packages external).
  const pg = createRequire(path.join(process.cwd(), 'package.json'))('pg');
  /** test file → the hashes of the statements Kenes's code sent while it ran */
  const byFile = new Map();
  /** text → its shapes' hashes (the same few hundred texts run many times) */
  const hashes = new Map();
  /** hash → shape, to name a statement in a report */
  const shapes = new Map();
  /** file + hash → how many times it was seen coming from the test's own code */
  const looked = new Map();
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (config, ...rest) {
    const text = typeof config === 'string' ? config : config?.text;
    if (typeof text === 'string') {
      let hashed = hashes.get(text);
      if (hashed === undefined) {
        hashed = shapesOf(text).map((shape) => {
          const hash = crypto.createHash('sha1').update(shape).digest('hex').slice(0, 16);
          shapes.set(hash, shape);
          return hash;
        });
        hashes.set(text, hashed);
      }
      const file = globalThis.__kenesTestFile ?? '(group)';
      const set = byFile.get(file) ?? new Set();
      byFile.set(file, set);
      const key = `${file}\0${text}`;
      const seen = looked.get(key) ?? 0;
      if (hashed.some((h) => !set.has(h)) && seen < LOOKS) {
        if (fromKenes()) for (const h of hashed) set.add(h);
        else looked.set(key, seen + 1);
      }
    }
    return query.call(this, config, ...rest);
  };
  process.on('exit', () => {
    fs.mkdirSync(dir, { recursive: true });
    const files = Object.fromEntries([...byFile].map(([file, set]) => [file, [...set].sort()]));
    const used = new Set(Object.values(files).flat());
    const out = { files, shapes: Object.fromEntries([...shapes].filter(([h]) => used.has(h))) };
    fs.writeFileSync(path.join(dir, `${process.pid}.json`), JSON.stringify(out));
  });
}
