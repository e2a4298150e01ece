/**
 * A node:test reporter that `npm test` adds beside `spec`: at the end it prints the ten slowest test
 * files with their durations (a file's duration runs from its process's start to its end: import,
 * hooks and tests), and the sum over every file (a file run in a group of files is named by its describe). With KENES_TEST_DURATIONS=FILE it also writes every
 * file's duration there as JSON (for comparing runs). Plain JavaScript: Node loads reporters before
 * tsx is registered.
 */
import fs from 'node:fs';
import path from 'node:path';

/** A group's entry file, as scripts/test-groups.ts names it (group-001.mjs…). */
const GROUP_ENTRY = /(^|\/)group-\d+\.mjs$/;

/** @param {AsyncIterable<{ type: string, data: any }>} source */
export default async function* slowestFiles(source) {
  /** @type {Map<string, { ms: number, passed: boolean }>} */
  const files = new Map();
  for await (const { type, data } of source) {
    // Node 20 reports a whole file as test:complete named by its path (later versions also as test:pass/fail).
    if (type !== 'test:complete' && type !== 'test:pass' && type !== 'test:fail') continue;
    if (!data.file || data.nesting !== 0) continue;
    // A group of files in one process (scripts/test-groups.ts): each file is a describe named by it;
    // the group's own entry is not a test file.
    const inGroup = GROUP_ENTRY.test(data.file);
    if (inGroup ? data.name === data.file : data.name !== data.file) continue;
    const ms = data.details?.duration_ms ?? 0;
    const passed = type === 'test:fail' ? false : (data.details?.passed ?? type === 'test:pass');
    // A built test file (scripts/test-build.ts) is named by its source.
    const name = inGroup
      ? data.name
      : path.relative(process.cwd(), data.file).replace(/^data\/test-build\/\d+\/(.*)\.mjs$/, '$1.ts');
    files.set(name, { ms, passed });
  }
  if (files.size === 0) return;
  const sorted = [...files].sort((a, b) => b[1].ms - a[1].ms);
  const total = sorted.reduce((sum, [, f]) => sum + f.ms, 0);
  const seconds = (/** @type {number} */ ms) => `${(ms / 1000).toFixed(1)} s`;
  const lines = sorted
    .slice(0, 10)
    .map(([file, f]) => `  ${seconds(f.ms).padStart(8)}  ${file}${f.passed ? '' : '  (failed)'}`);
  yield `\nThe ten slowest test files:\n${lines.join('\n')}\n  ${seconds(total).padStart(8)}  the sum over ${files.size} files\n`;
  const out = process.env.KENES_TEST_DURATIONS;
  if (out) {
    const json = Object.fromEntries(sorted.map(([file, f]) => [file, Math.round(f.ms)]));
    fs.writeFileSync(out, `${JSON.stringify(json, null, 2)}\n`);
  }
}
