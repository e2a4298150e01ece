/**
 * `npm test`: runs every test file with node:test against a real PostgreSQL.
 *
 * The database is the embedded one (a throw-away cluster under data/test) unless DATABASE_URL is
 * set, in which case that server is used. Either way this script prepares two template databases
 * once: one migrated, and a copy of it with the demo loaded. Each test database then clones one of
 * them (CREATE DATABASE … TEMPLATE, ~20 ms) so every file starts clean, with the demo already there
 * when it asks for it. Arguments, if any, are the test files to run instead of all of them.
 * With --engine-only, only the files that use the test database run, without the browser and
 * lifecycle tests (CI's pass on a second PostgreSQL version); with --list, the files are printed,
 * not run. At the end, the ten slowest files are listed with their durations (scripts/slowest-files.js).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { configureAudit } from '../src/core/audit.ts';
import { parseAuditKeys } from '../src/core/audit-keys.ts';
import { createDb } from '../src/core/db/database.ts';
import { startEmbeddedPostgres } from '../src/core/db/embedded.ts';
import { migrate } from '../src/core/db/migrate.ts';
import { ensureLoginRole, grantRuntimeRole } from '../src/core/db/roles.ts';
import { readOrCreateLocalSecrets } from '../src/core/secrets.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { TEST_AUDIT_KEY, TEST_RUNTIME_PASSWORD, TEST_RUNTIME_ROLE } from '../src/testing/database.ts';
import { CHROMIUM_ARGS, CHROMIUM_WS_VARIABLE, chromiumPath, isBrowserTest } from '../test/e2e/chromium.ts';
import { buildTests } from './test-build.ts';
import { coverStatements, currentCommit, mergeStatements, readRecord } from './test-engine.ts';
import { groupEntry, planGroups, readDurations } from './test-groups.ts';

const root = path.resolve(import.meta.dirname, '..');

function findTests(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : findTests(full);
    return /\.test\.tsx?$/.test(e.name) ? [path.relative(root, full)] : [];
  });
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** Browser tests (Chromium) and the lifecycle test (the `kenes` command, always on its own embedded PostgreSQL). */
function notForEngine(file: string): boolean {
  return isBrowserTest(file) || file === 'test/lifecycle.test.ts';
}

/**
 * Whether a test file's tests run against the test database: it, or a test helper it imports (a
 * module under src/testing/ or test/, or a *.fixture.ts), calls createTestApp or createTestDatabase.
 */
function usesDatabase(file: string, seen = new Set<string>()): boolean {
  const full = path.resolve(root, file);
  if (seen.has(full) || !fs.existsSync(full)) return false;
  seen.add(full);
  const source = fs.readFileSync(full, 'utf8');
  if (/\bcreateTest(App|Database)\s*\(/.test(source)) return true;
  return [...source.matchAll(/\bfrom\s+'(\.\.?\/[^']+)'/g)].some(([, spec]) => {
    const helper = path.resolve(path.dirname(full), spec as string);
    const rel = path.relative(root, helper);
    const isHelper = /^(src\/testing|test)\//.test(rel) || /\.fixture\.tsx?$/.test(rel);
    return isHelper && usesDatabase(rel, seen);
  });
}

// --engine-only: only the files whose outcome depends on the database engine (CI's second pass,
// on another PostgreSQL version): of those that use a test database, without the browser tests and the
// lifecycle test, the fewest that run again every statement the whole first pass ran (test-engine.ts).
// Pure unit files gain nothing from a second database.
const args = process.argv.slice(2);
const engineOnly = args.includes('--engine-only');
const unknown = args.filter((a) => a.startsWith('--') && a !== '--engine-only' && a !== '--list');
if (unknown.length) {
  console.error(`Unknown option ${unknown.join(', ')}; usage: npm test -- [--engine-only] [--list] [FILE…]`);
  process.exit(2);
}
const named = args.filter((a) => !a.startsWith('--'));
const all = named.length ? named : [...findTests('src'), ...findTests('test')].sort();
const durations = readDurations(path.join(root, 'test', 'durations.json'));
// What a whole run records: per test file, the statements it made PostgreSQL run.
const statementRecord = path.join(root, 'data', 'test-statements.json');
const commit = currentCommit(root);
const eligible = engineOnly ? all.filter((f) => !notForEngine(f) && usesDatabase(f)) : all;
const record = engineOnly && !named.length ? readRecord(statementRecord) : undefined;
const cover = record?.complete && record.commit === commit ? coverStatements(eligible, record, durations) : undefined;
const files = cover ? cover.files : eligible;
if (files.length === 0) {
  console.error('No test files found.');
  process.exit(1);
}
// --list: which files would run, and nothing else.
if (args.includes('--list')) {
  console.log(files.join('\n'));
  process.exit(0);
}
if (engineOnly) {
  console.log(
    `--engine-only: ${eligible.length} of ${all.length} test files use the database (the others: pure unit files, browser tests, the lifecycle test)`,
  );
  console.log(
    cover
      ? `of them, ${files.length} run again every one of the ${cover.statements} statements the first pass ran${cover.unknown.length ? ` (${cover.unknown.length} not in its record run anyway)` : ''}`
      : `no record of a whole first pass on this commit (${path.relative(root, statementRecord)}): every one runs`,
  );
  // What only the browser tests or the lifecycle test ran does not run on this PostgreSQL: listed, so that
  // a test among the database files can run it (explorer.test.ts, run.test.ts do for the browser tests').
  if (cover?.elsewhere.length) {
    console.log(`${cover.elsewhere.length} statements ran only in tests this pass leaves out (browser, lifecycle):`);
    for (const h of cover.elsewhere.slice(0, 20)) console.log(`  ${(record?.shapes[h] ?? h).slice(0, 300)}`);
  }
}

let adminUrl: string;
let stopEmbedded: (() => Promise<void>) | undefined;
if (process.env.DATABASE_URL) {
  adminUrl = process.env.DATABASE_URL;
  console.log(`Tests run on the external PostgreSQL at ${new URL(adminUrl).host}`);
} else {
  const dataDir = path.join(root, 'data', 'test');
  const embedded = await startEmbeddedPostgres({
    dataDir,
    password: readOrCreateLocalSecrets(dataDir).postgresPassword,
    database: 'postgres',
    unsafeFast: true,
    defaultBuffers: true,
    log: (level, msg) => level !== 'debug' && console.log(msg),
  });
  adminUrl = embedded.adminUrl;
  stopEmbedded = async () => {
    await embedded.stop();
    // A cluster that had to live outside the clone (see embedded.ts) would otherwise outlive it.
    if (!embedded.clusterDir.startsWith(dataDir)) fs.rmSync(embedded.clusterDir, { recursive: true, force: true });
  };
  console.log(`Tests run on the embedded PostgreSQL in ${embedded.clusterDir}`);
}

const template = `kenes_tpl_${process.pid}`;
const demoTemplate = `kenes_tpl_${process.pid}_demo`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
const dropOurs = async () => {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname IN ($1, $2) OR datname LIKE $3`,
    [template, demoTemplate, `kenes_t_${process.pid}_%`],
  );
  for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(r.datname)} WITH (FORCE)`);
};

// Each run builds its test files into a folder of its own (two runs in one checkout do not meet).
const buildDir = path.join(root, 'data', 'test-build', String(process.pid));
const statementsDir = path.join(buildDir, 'statements');

/**
 * After a whole first pass that passed: its record of statements, for the second. After a second pass
 * chosen from the record: which statements its files ran in the first pass and not again.
 */
function checkStatements(exit: number): number {
  const merged = mergeStatements(statementsDir, commit ?? '');
  const count = new Set(Object.values(merged.files).flat()).size;
  if (!engineOnly && commit) {
    // Only a whole run that passed can choose the second pass's files (complete); any other is kept to read.
    const complete = !named.length && exit === 0;
    fs.writeFileSync(statementRecord, JSON.stringify({ ...merged, complete }));
    console.log(
      `${count} distinct statements, recorded in ${path.relative(root, statementRecord)}${complete ? '' : ' (not a whole run that passed: not used by --engine-only)'}`,
    );
  } else console.log(`${count} distinct statements ran`);
  if (!cover || !record) return 0;
  const here = new Set(Object.values(merged.files).flat());
  const missing = [...new Set(files.flatMap((f) => record.files[f] ?? []))].filter((h) => !here.has(h));
  if (missing.length === 0) {
    console.log(`every one of the first pass's ${cover.statements} statements ran again on this PostgreSQL`);
    return 0;
  }
  // The same tests ran: what did not run again ran by chance in the first pass (a clean-up done on 2 % of
  // sign-in failures, a job's turn), so it is listed rather than failed.
  console.log(`${missing.length} statements of the first pass did not run again here (they ran by chance there):`);
  for (const h of missing.slice(0, 20)) console.log(`  ${(record.shapes[h] ?? h).slice(0, 300)}`);
  return 0;
}
let code = 1;
let stopChromium: (() => Promise<void>) | undefined;
try {
  await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(template)}`);
  const t = performance.now();
  await migrate(withDatabase(adminUrl, template));
  // The run-time role and its grants, cloned with the template into every test database.
  await ensureLoginRole(adminUrl, TEST_RUNTIME_ROLE, TEST_RUNTIME_PASSWORD);
  await grantRuntimeRole(withDatabase(adminUrl, template), TEST_RUNTIME_ROLE);
  const migrated = performance.now();
  // The second template: the first with the demo loaded, signed with the tests' audit key (the
  // key every test process uses) so that a test can verify the chain the demo began.
  await admin.query(
    `CREATE DATABASE ${admin.escapeIdentifier(demoTemplate)} TEMPLATE ${admin.escapeIdentifier(template)}`,
  );
  configureAudit({ keyring: parseAuditKeys(TEST_AUDIT_KEY, 'the test key') });
  const demoDb = createDb(withDatabase(adminUrl, demoTemplate), 1);
  try {
    await seedDemo(demoDb);
  } finally {
    await demoDb.destroy();
  }
  await grantRuntimeRole(withDatabase(adminUrl, demoTemplate), TEST_RUNTIME_ROLE);
  console.log(
    `Template databases: ${template} migrated in ${Math.round(migrated - t)} ms, ${demoTemplate} with the demo in ${Math.round(performance.now() - migrated)} ms; ${files.length} test files\n`,
  );

  // One Chromium for every browser test file (each connects to it and opens its own contexts), rather
  // than one launched per file; without Chromium the browser tests skip, or fail under CI (harness.ts).
  const browserEnv: Record<string, string> = {};
  const executablePath = files.some(isBrowserTest) ? chromiumPath() : undefined;
  if (executablePath) {
    const { chromium } = await import('playwright-core');
    const server = await chromium.launchServer({ executablePath, args: CHROMIUM_ARGS });
    browserEnv[CHROMIUM_WS_VARIABLE] = server.wsEndpoint();
    stopChromium = () => server.close();
  }

  // The test files built to plain JavaScript (test-build.ts), unless KENES_TEST_TSX=1 asks for tsx.
  const viaTsx = process.env.KENES_TEST_TSX === '1';
  const built = performance.now();
  const builtFiles = viaTsx ? files : await buildTests(root, files, buildDir);
  if (!viaTsx) console.log(`Test files built in ${Math.round(performance.now() - built)} ms\n`);

  // Processes at a time: one per core (the run is CPU-bound: measured, 4 at a time on 2 cores took
  // 414 s against 374 s); KENES_TEST_CONCURRENCY sets it.
  const concurrency = Number(process.env.KENES_TEST_CONCURRENCY) || Math.max(2, os.availableParallelism());
  // Several files to a process, heaviest groups first (test-groups.ts); KENES_TEST_GROUPS=0 runs
  // each file in a process of its own, as node:test does by default.
  const builtOf = new Map(files.map((f, i) => [f, builtFiles[i] as string]));
  const grouped = process.env.KENES_TEST_GROUPS !== '0';
  const groups = grouped ? planGroups(files, durations, concurrency) : files.map((f) => ({ files: [f], weight: 0 }));
  const groupDir = path.join(buildDir, 'groups');
  const runnable = groups.map((g, i) => groupEntry(g, i, groupDir, (f) => builtOf.get(f) ?? f));
  if (grouped) console.log(`${files.length} test files in ${groups.length} processes, ${concurrency} at a time\n`);
  const child = spawn(
    process.execPath,
    [
      ...(viaTsx ? ['--import', 'tsx'] : ['--enable-source-maps']),
      // E.g. KENES_TEST_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR": a CPU profile of each test process.
      ...(process.env.KENES_TEST_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []),
      '--import',
      path.join(root, 'scripts', 'test-preload.mjs'),
      '--test',
      // spec as before, then the ten slowest files and the sum of the files' durations (slowest-files.js).
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      `--test-reporter=${path.join(root, 'scripts', 'slowest-files.js')}`,
      '--test-reporter-destination=stdout',
      `--test-concurrency=${concurrency}`,
      ...runnable,
    ],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        NODE_ENV: 'test',
        KENES_TEST_ADMIN_URL: adminUrl,
        KENES_TEST_TEMPLATE: template,
        // The embedded cluster runs without fsync: copying a template's files is quicker than writing
        // them to the WAL (CREATE DATABASE's default); an external server keeps its default.
        ...(stopEmbedded ? { KENES_TEST_CLONE_STRATEGY: 'FILE_COPY' } : {}),
        KENES_TEST_DEMO_TEMPLATE: demoTemplate,
        KENES_TEST_RUN: String(process.pid),
        KENES_SQL_STATEMENTS: statementsDir,
        ...browserEnv,
      },
    },
  );
  code = await new Promise<number>((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
  if (grouped) code = Math.max(code, checkStatements(code));
} finally {
  await stopChromium?.().catch((err) => console.error('could not stop Chromium:', err.message));
  await dropOurs().catch((err) => console.error('could not drop test databases:', err.message));
  await admin.end();
  await stopEmbedded?.();
  fs.rmSync(buildDir, { recursive: true, force: true });
}
process.exit(code);
