/**
 * Test files run several to a process (`npm test`). Each test process pays some 1.5 s of CPU to load
 * Kenes (compiling its modules and its packages' is most of it, measured with --cpu-prof); run one
 * process per file and a run of 180 files pays it 180 times. So the files are packed into groups, each
 * group one process: a group's entry file wraps each test file in a `describe` named by the file and
 * imports it there, so the file's tests and its top-level hooks (before/after: its app, its database)
 * belong to that describe and run in turn, file after file, as they would in a process of their own.
 * Every file is loaded before the first test starts (a hook of the group's), so no file's loading
 * holds the event loop while another's tests measure time.
 *
 * Which files run alone: those that change what the whole process shares (the audit chain's keys)
 * or start and kill processes (ALONE below), and any file whose last measured duration is a group's
 * worth on its own. The groups are packed largest file first (first-fit decreasing) from the durations
 * of a past run (test/durations.json; a file not listed weighs the median), and handed to node:test
 * heaviest first, so that the last to start are the short ones and the cores finish together.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Files that must have a process of their own. */
const ALONE = new Set([
  // Sets the process's audit keyring and checkpoint file for its own cases.
  'src/core/audit.test.ts',
  'src/core/backup/backup.test.ts',
  // Starts, kills and restarts `kenes` on an embedded PostgreSQL of its own.
  'test/lifecycle.test.ts',
]);

/** How many groups per process running at once: enough that the last ones are short. */
const GROUPS_PER_LANE = 8;
/** The least a group holds, in median files. */
const MEDIANS_PER_GROUP = 4;

export interface Group {
  files: string[];
  weight: number;
}

/** The last measured duration of each file, in ms (scripts/slowest-files.js writes them). */
export function readDurations(file: string): Map<string, number> {
  try {
    return new Map(Object.entries(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, number>));
  } catch {
    return new Map();
  }
}

/** Packs the files (paths relative to the root) into groups for `lanes` processes at a time. */
export function planGroups(files: string[], durations: Map<string, number>, lanes: number): Group[] {
  const known = files.map((f) => durations.get(f)).filter((d): d is number => d !== undefined);
  const median = known.length ? [...known].sort((a, b) => a - b)[Math.floor(known.length / 2)] : 5_000;
  const weighed = files
    .map((f) => ({ file: f, weight: durations.get(f) ?? median ?? 5_000 }))
    .sort((a, b) => b.weight - a.weight || a.file.localeCompare(b.file));
  const total = weighed.reduce((sum, f) => sum + f.weight, 0);
  // A group holds a share of the run, and at least a few median files (a run of a few files by hand).
  const capacity = Math.max(total / (lanes * GROUPS_PER_LANE), MEDIANS_PER_GROUP * (median ?? 5_000));
  const groups: Group[] = [];
  const open: Group[] = [];
  for (const { file, weight } of weighed) {
    if (ALONE.has(file) || weight >= capacity) {
      groups.push({ files: [file], weight });
      continue;
    }
    let group = open.find((g) => g.weight + weight <= capacity);
    if (!group) {
      group = { files: [], weight: 0 };
      open.push(group);
      groups.push(group);
    }
    group.files.push(file);
    group.weight += weight;
  }
  return groups.sort((a, b) => b.weight - a.weight);
}

/**
 * The entry file node:test runs for a group, written to dir as group-NNN.mjs. `runnable` maps a
 * source path to what node runs for it (its build).
 */
export function groupEntry(group: Group, index: number, dir: string, runnable: (file: string) => string): string {
  fs.mkdirSync(dir, { recursive: true });
  // node:test runs its files in the order of their sorted paths (Node 20), not as given: the entries'
  // names keep the order of the plan, a file alone in a group included.
  const entry = path.join(dir, `group-${String(index + 1).padStart(3, '0')}.mjs`);
  const list = group.files.map((f) => [f, pathToFileURL(path.resolve(runnable(f))).href]);
  fs.writeFileSync(
    entry,
    [
      `// ${group.files.length} test file(s) in one process (scripts/test-groups.ts), each in a describe named by it.`,
      `import { before, describe } from 'node:test';`,
      '// With KENES_SQL_STATEMENTS set, records the statements each file runs (scripts/sql-statements.js).',
      `import ${JSON.stringify(pathToFileURL(path.join(import.meta.dirname, 'sql-statements.js')).href)};`,
      `const files = ${JSON.stringify(list, null, 2)};`,
      '// Each file is imported inside its describe (its tests and hooks belong there); no test starts',
      "// before every file is loaded, so that no file's loading holds the event loop while another's",
      '// tests run (a test of timings would see it).',
      'const loaded = [];',
      'for (const [name, url] of files) {',
      '  let done;',
      '  loaded.push(new Promise((resolve) => { done = resolve; }));',
      '  describe(name, async () => {',
      "    // Before the file's own hooks: what runs from here on is this file's.",
      '    before(() => { globalThis.__kenesTestFile = name; });',
      '    try { await import(url); } finally { done(); }',
      '  });',
      '}',
      "// Once every file's tests are registered, node:test's tracking of every promise (test-preload.mjs) is off.",
      'before(async () => {',
      '  await Promise.all(loaded);',
      "  if (process.env.KENES_TEST_HOOKS !== 'keep') for (const hook of globalThis.__kenesAsyncHooks ?? []) hook.disable();",
      '});',
      '',
    ].join('\n'),
  );
  return entry;
}
