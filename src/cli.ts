import { parseArgs } from 'node:util';
import { createAdmin, createResetLink } from './accounts/accounts.ts';
import { systemActor, verifyAuditChain } from './core/audit.ts';
import { ConfigError, loadConfig } from './core/config.ts';
import type { DatabaseHandle } from './core/db/database.ts';
import { EmbeddedPostgresError } from './core/db/embedded.ts';
import { DEMO_ORGANISATIONS, DEMO_PASSWORD } from './demo/content.ts';
import { seedDemo } from './demo/seed.ts';
import { importCommand as importRecommendationsCommand } from './obligations/import/index.ts';
import { importRatificationsCommand } from './obligations/mechanisms/cli.ts';
import { createLogger, openMigratedDatabase, startKenes } from './server.ts';

const COMMANDS: Record<string, { summary: string; run: (args: string[]) => Promise<void> }> = {
  start: { summary: 'Run Kenes: migrate, load the demo on an empty embedded database, serve HTTP', run: start },
  migrate: { summary: 'Apply the database migrations that are not yet applied', run: migrateCommand },
  'seed-demo': { summary: 'Load the demo content (does nothing if it is already there)', run: seedDemoCommand },
  'create-admin': {
    summary: 'Create a platform administrator: --email E --password P [--name N] (an existing account becomes admin)',
    run: createAdminCommand,
  },
  'reset-password': {
    summary: 'Print a one-hour link to set a new password: --email E',
    run: resetPasswordCommand,
  },
  'audit verify': {
    summary: "Walk the audit log's hash chain; name the first entry that does not match",
    run: auditVerifyCommand,
  },
  'import ratifications': {
    summary: "Import the State's treaty ratifications from a CSV file (all or nothing): FILE [--lang kk|ru|en]",
    run: (args) => importRatificationsCommand(args, withDatabase),
  },
  'import recommendations': {
    summary:
      'Import recommendations from CSV, XLSX or JSON (all or nothing): FILE [--skip-bad-rows] [--encoding NAME] [--map FIELD=COLUMN …] (--help for more)',
    run: (args) => importRecommendationsCommand(args, withDatabase),
  },
  help: { summary: 'Show this help', run: async () => printHelp() },
};

function printHelp() {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  console.log(`Usage: kenes <command>

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  .join('\n')}

Environment: PORT, HOST, DATA_DIR (default ./data), DATABASE_URL (external PostgreSQL 15+;
without it Kenes runs its embedded PostgreSQL under DATA_DIR), SESSION_SECRET (required when
NODE_ENV=production), SMTP_URL, PUBLIC_URL, LOG_LEVEL. See README.md.`);
}

async function start() {
  const config = loadConfig();
  const logger = createLogger(config);
  const t0 = performance.now();
  const kenes = await startKenes(config, logger);
  const ms = Math.round(performance.now() - t0);
  console.log(`\nKenes is running at ${kenes.url}  (ready in ${ms} ms, ${kenes.handle.mode} PostgreSQL)`);
  if (kenes.demoLoaded) {
    console.log(
      `Demo content loaded: the Dialogue Platform, ${DEMO_ORGANISATIONS.length} organisations, the meeting of the source communiqué in full and an upcoming one.`,
    );
  }
  if (kenes.demoSignIns.length) {
    console.log(`Demo sign-ins (password ${DEMO_PASSWORD}):`);
    for (const u of kenes.demoSignIns) console.log(`  ${u.email.padEnd(26)} ${u.role}`);
  }
  console.log('Stop with Ctrl-C.\n');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    logger.info(`${signal}: finishing requests in flight, then stopping`);
    kenes.close().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // One request, stream or job that fails unexpectedly must not take the platform down for everyone:
  // the failure is logged (with its stack, to be fixed) and the process goes on serving. Only a
  // failure of the process itself (out of memory, the database gone for good) ends it.
  process.on('uncaughtException', (err, origin) => {
    logger.error({ err, origin }, 'uncaught exception; Kenes keeps running');
  });
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled promise rejection; Kenes keeps running');
  });
}

async function migrateCommand() {
  const config = loadConfig();
  const logger = createLogger({ logLevel: 'warn' });
  const handle = await openMigratedDatabase(config, logger);
  await handle.close();
  console.log('The database is up to date.');
}

async function seedDemoCommand() {
  const config = loadConfig();
  const logger = createLogger({ logLevel: 'warn' });
  const handle = await openMigratedDatabase(config, logger);
  try {
    const loaded = await seedDemo(handle.db);
    console.log(loaded ? 'Demo content loaded.' : 'The demo content is already there; nothing changed.');
  } finally {
    await handle.close();
  }
}

function options(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: false,
    strict: true,
    options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
  }).values;
}

class UsageError extends Error {}

async function withDatabase<T>(run: (db: DatabaseHandle['db']) => Promise<T>): Promise<T> {
  const handle = await openMigratedDatabase(loadConfig(), createLogger({ logLevel: 'warn' }));
  try {
    return await run(handle.db);
  } finally {
    await handle.close();
  }
}

async function createAdminCommand(args: string[]) {
  const { email, password, name } = options(args);
  if (!email || !password) throw new UsageError('create-admin needs --email and --password');
  const normalised = email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(normalised)) throw new UsageError(`"${email}" is not an e-mail address`);
  const outcome = await withDatabase((db) => createAdmin(db, normalised, password, name?.trim() || normalised));
  console.log(
    outcome === 'created'
      ? `Administrator ${normalised} created.`
      : `${normalised} is now an administrator with the new password.`,
  );
}

async function resetPasswordCommand(args: string[]) {
  const { email } = options(args);
  if (!email) throw new UsageError('reset-password needs --email');
  const config = loadConfig();
  const normalised = email.trim().toLowerCase();
  const token = await withDatabase((db) => createResetLink(db, normalised, systemActor('kenes reset-password')));
  if (!token) throw new UsageError(`No account has the e-mail ${normalised}.`);
  console.log(
    `Open this link within one hour to set a new password for ${normalised}:\n${config.publicUrl}/kk/password-reset/${token}`,
  );
}

async function auditVerifyCommand() {
  const result = await withDatabase((db) => verifyAuditChain(db));
  if (result.ok) {
    console.log(`The audit log is intact: ${result.entries} entries, every hash matches.`);
    return;
  }
  console.error(
    `The audit log does NOT verify: entry ${result.firstBadId} ${result.reason === 'content' ? 'does not match its hash (it was changed)' : 'does not follow the entry before it (an entry was removed or inserted)'}. ${result.entries} entries in all.`,
  );
  process.exitCode = 3;
}

/** Entry point of the `kenes` command. */
export async function main(argv: string[]) {
  let [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    printHelp();
    return;
  }
  // Two-word commands ("audit verify").
  if (rest[0] && COMMANDS[`${name} ${rest[0]}`]) {
    name = `${name} ${rest[0]}`;
    rest = rest.slice(1);
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`kenes: unknown command "${name}"\n`);
    printHelp();
    process.exitCode = 2;
    return;
  }
  try {
    await command.run(rest);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof EmbeddedPostgresError || err instanceof UsageError) {
      console.error(`kenes: ${err.message}`);
    } else if (err instanceof Error && /^The password is not acceptable/.test(err.message)) {
      console.error(`kenes: ${err.message}`);
    } else {
      console.error('kenes:', err);
    }
    process.exit(1);
  }
}
