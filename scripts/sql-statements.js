/**
 * Which SQL statements each test file makes PostgreSQL run (`npm test`, decision 0005): imported by
 * every group's entry (scripts/test-groups.ts) when KENES_SQL_STATEMENTS names a directory, it wraps
 * pg's Client#query — through which Kysely, the migrations, the backups' COPY and the tests' own
 * clients all pass — and, when the process ends, writes there one JSON file: for each test file, the
 * statements it ran, each as its shape (normalise below). CI's second pass, on another PostgreSQL
 * version, then runs the fewest test files that run again every statement the first pass ran
 * (scripts/test-engine.ts). Plain JavaScript: the group entries run without tsx.
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

const dir = process.env.KENES_SQL_STATEMENTS;
if (dir) {
  // The pg the app and the tests use (the test files are built with their packages external).
  const pg = createRequire(path.join(process.cwd(), 'package.json'))('pg');
  /** test file → statement hashes */
  const byFile = new Map();
  /** text → hash (the same few hundred texts run many times) */
  const hashes = new Map();
  /** hash → shape, to name a statement in a report */
  const shapes = new Map();
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (config, ...rest) {
    const text = typeof config === 'string' ? config : config?.text;
    if (typeof text === 'string') {
      let hash = hashes.get(text);
      if (hash === undefined) {
        const shape = normalise(text);
        hash = crypto.createHash('sha1').update(shape).digest('hex').slice(0, 16);
        hashes.set(text, hash);
        shapes.set(hash, shape);
      }
      const file = globalThis.__kenesTestFile ?? '(group)';
      const set = byFile.get(file) ?? new Set();
      byFile.set(file, set);
      set.add(hash);
    }
    return query.call(this, config, ...rest);
  };
  process.on('exit', () => {
    fs.mkdirSync(dir, { recursive: true });
    const files = Object.fromEntries([...byFile].map(([file, set]) => [file, [...set].sort()]));
    const out = { files, shapes: Object.fromEntries(shapes) };
    fs.writeFileSync(path.join(dir, `${process.pid}.json`), JSON.stringify(out));
  });
}
