import { inspect, parseArgs } from 'node:util';
import type { ChainCheck } from './core/audit.ts';
import { type CliIo, processIo } from './core/cli-io.ts';
import type { Config } from './core/config.ts';
import type { DatabaseHandle } from './core/db/database.ts';

// Each command loads what it needs when it runs (dynamic imports), so that `kenes --help` or a
// mistyped command answers without loading the whole application.

type Command = { summary: string; run: (args: string[], io: CliIo) => Promise<number> };

const COMMANDS: Record<string, Command> = {
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
    summary:
      "Check the audit log's keyed chain and every checkpoint in DATA_DIR; name the first entry that does not match",
    run: auditVerifyCommand,
  },
  'audit checkpoint': {
    summary:
      "Record the audit log's head, signed, in DATA_DIR/audit-checkpoints now (Kenes does it at start and daily)",
    run: auditCheckpointCommand,
  },
  'audit rotate-key': {
    summary: 'Add a new audit key to DATA_DIR/audit-keys; it signs from now on, the old ones still verify',
    run: auditRotateKeyCommand,
  },
  'import ratifications': {
    summary: "Import the State's treaty ratifications from a CSV file (all or nothing): FILE [--lang kk|ru|en]",
    run: async (args, io) => {
      const { importRatificationsCommand } = await import('./obligations/mechanisms/cli.ts');
      return importRatificationsCommand(args, (run) => withDatabase(io, run), io);
    },
  },
  'import recommendations': {
    summary:
      'Import recommendations from CSV, XLSX or JSON (all or nothing): FILE [--skip-bad-rows] [--encoding NAME] [--map FIELD=COLUMN …] (--help for more)',
    run: async (args, io) => {
      const { importCommand } = await import('./obligations/import/index.ts');
      return importCommand(args, (run) => withDatabase(io, run), io);
    },
  },
  'search reindex': {
    summary: "Rebuild the search index from every domain's records (after a change to the stemmer or the folding)",
    run: async (_args, io) => {
      const [{ syncSearch }, { DOMAINS }] = await Promise.all([
        import('./core/search/indexer.ts'),
        import('./domains.ts'),
      ]);
      const started = performance.now();
      const read = await withDatabase(io, (db) =>
        syncSearch(
          db,
          DOMAINS.flatMap((d) => d.searchable ?? []),
          { full: true },
        ),
      );
      const counts = Object.entries(read).map(
        ([kind, n]) => `${kind} ${n ?? 'skipped: another process is indexing it'}`,
      );
      io.stdout(`Search index rebuilt in ${Math.round(performance.now() - started)} ms: ${counts.join(', ')}.\n`);
      return 0;
    },
  },
  doctor: {
    summary:
      'Check the database, free space, migrations, outbox, last backup and audit chain; list what Kenes holds on disk (exit 3: unhealthy)',
    run: async (_args, io) => {
      const { doctorCommand } = await import('./core/doctor.ts');
      return doctorCommand(await configOf(io), io);
    },
  },
  backup: {
    summary:
      'Back up the database and the secrets of DATA_DIR, consistently, while Kenes runs: [FILE] [--passphrase-file F | --ask-passphrase] (or BACKUP_PASSPHRASE)',
    run: backupCommand,
  },
  restore: {
    summary:
      'Restore a backup into a new or empty DATA_DIR or DATABASE_URL, then verify the audit log: FILE [--force] [--passphrase-file F | --ask-passphrase]',
    run: restoreCommand,
  },
  help: {
    summary: 'Show this help',
    run: async (_args, io) => {
      printHelp(io);
      return 0;
    },
  },
};

function printHelp(io: CliIo) {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  io.stdout(`Usage: kenes <command>

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  .join('\n')}

Environment: PORT, HOST, DATA_DIR (default ./data), DATABASE_URL (external PostgreSQL 15+;
without it Kenes runs its embedded PostgreSQL under DATA_DIR), SESSION_SECRET (required when
NODE_ENV=production), DATABASE_OWNER_URL, AUDIT_KEY, AUDIT_CHECKPOINT_EMAIL, SMTP_URL, PUBLIC_URL, LOG_LEVEL,
BACKUP_DIR, BACKUP_KEEP, BACKUP_PASSPHRASE. See README.md.
`);
}

/** The configuration, from the command's environment. */
async function configOf(io: CliIo): Promise<Config> {
  const { loadConfig } = await import('./core/config.ts');
  return loadConfig(io.env);
}

/** The process logger (JSON lines), on the command's standard output. */
async function loggerOf(io: CliIo, config: Pick<Config, 'logLevel'>) {
  const { createLogger } = await import('./core/logger.ts');
  return io === processIo ? createLogger(config) : createLogger(config, { write: (line: string) => io.stdout(line) });
}

/** How far V8 lets the serving process's heap grow past what its last full collection kept (decision 0031). */
const HEAP_GROWING_PERCENT = 50;

async function start(_args: string[], io: CliIo) {
  const config = await configOf(io);
  // With WORKERS > 1 this process is the primary, or one of its workers (workers.ts, decision 0032).
  const { default: cluster } = await import('node:cluster');
  const worker = cluster.isWorker;
  // A second Kenes on the same DATA_DIR is refused before the application is loaded (seconds).
  if (!config.databaseUrl) (await import('./core/db/embedded.ts')).refuseIfLocked(config.dataDir);
  const logger = await loggerOf(io, config);
  // The serving process's old generation grows to 1.5 × what its last full collection kept, not up to
  // ~4 ×: a CSV download's garbage took it from ~220 to ~450 MB resident (decision 0031); each worker too.
  if (io === processIo) (await import('node:v8')).setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const t0 = performance.now();
  const kenes =
    worker || config.workers === 1
      ? await (await import('./server.ts')).startKenes(config, logger)
      : await (await import('./workers.ts')).startPrimary(config, logger);
  const ms = Math.round(performance.now() - t0);
  if (!worker) {
    const { DEMO_ORGANISATIONS, DEMO_PASSWORD } = await import('./demo/content.ts');
    const mode = 'handle' in kenes ? kenes.handle.mode : kenes.mode;
    const processes = config.workers > 1 ? `, ${config.workers} processes` : '';
    io.stdout(`\nKenes is running at ${kenes.url}  (ready in ${ms} ms, ${mode} PostgreSQL${processes})\n`);
    if (kenes.demoLoaded) {
      io.stdout(
        `Demo content loaded: the Dialogue Platform, ${DEMO_ORGANISATIONS.length} organisations, the meeting of the source communiqué in full and an upcoming one.\n`,
      );
    }
    if (kenes.demoSignIns.length) {
      io.stdout(`Demo sign-ins (password ${DEMO_PASSWORD}):\n`);
      for (const u of kenes.demoSignIns) io.stdout(`  ${u.email.padEnd(26)} ${u.role}\n`);
    }
    io.stdout('Stop with Ctrl-C.\n\n');
  }

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
  // A worker stops when its primary says so (SIGTERM); Ctrl-C in a terminal reaches every process
  // of the group, and only the primary answers it.
  process.on('SIGINT', () => (worker ? undefined : stop('SIGINT')));
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
  return 0;
}

async function migrateCommand(_args: string[], io: CliIo) {
  const config = await configOf(io);
  const { openMigratedDatabase } = await import('./core/db/migrated.ts');
  const handle = await openMigratedDatabase(config, await loggerOf(io, { logLevel: 'warn' }), { as: 'command' });
  await handle.close();
  for (const name of handle.applied) io.stdout(`Applied ${name}\n`);
  io.stdout('The database is up to date.\n');
  return 0;
}

async function seedDemoCommand(_args: string[], io: CliIo) {
  const { seedDemo } = await import('./demo/seed.ts');
  const loaded = await withDatabase(io, (db) => seedDemo(db));
  io.stdout(loaded ? 'Demo content loaded.\n' : 'The demo content is already there; nothing changed.\n');
  return 0;
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

/** Opens and migrates the database of the command's configuration, runs `run`, closes it. */
async function withDatabase<T>(io: CliIo, run: (db: DatabaseHandle['db']) => Promise<T>): Promise<T> {
  const config = await configOf(io);
  const { openMigratedDatabase } = await import('./core/db/migrated.ts');
  const handle = await openMigratedDatabase(config, await loggerOf(io, { logLevel: 'warn' }), { as: 'command' });
  try {
    return await run(handle.db);
  } finally {
    await handle.close();
  }
}

async function createAdminCommand(args: string[], io: CliIo) {
  const { email, password, name } = options(args);
  if (!email || !password) throw new UsageError('create-admin needs --email and --password');
  const normalised = email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(normalised)) throw new UsageError(`"${email}" is not an e-mail address`);
  const { createAdmin } = await import('./accounts/accounts.ts');
  const outcome = await withDatabase(io, (db) => createAdmin(db, normalised, password, name?.trim() || normalised));
  io.stdout(
    outcome === 'created'
      ? `Administrator ${normalised} created.\n`
      : `${normalised} is now an administrator with the new password.\n`,
  );
  return 0;
}

async function resetPasswordCommand(args: string[], io: CliIo) {
  const { email } = options(args);
  if (!email) throw new UsageError('reset-password needs --email');
  const config = await configOf(io);
  const normalised = email.trim().toLowerCase();
  const { createResetLink } = await import('./accounts/accounts.ts');
  const { systemActor } = await import('./core/audit.ts');
  const token = await withDatabase(io, (db) => createResetLink(db, normalised, systemActor('kenes reset-password')));
  if (!token) throw new UsageError(`No account has the e-mail ${normalised}.`);
  io.stdout(
    `Open this link within one hour to set a new password for ${normalised}:\n${config.publicUrl}/kk/password-reset/${token}\n`,
  );
  return 0;
}

const PROBLEMS: Record<Exclude<ChainCheck, { ok: true }>['reason'], string> = {
  content: 'does not match its hash (it was changed, or written without the key)',
  link: 'does not follow the entry before it (an entry was removed or inserted)',
  key: 'names a key this installation does not have (is AUDIT_KEY or DATA_DIR/audit-keys complete?)',
  unkeyed: 'has no key although the keyed chain had begun (it was inserted)',
  checkpoint: 'is not the entry a checkpoint recorded (it was replaced or removed)',
  truncated: 'was recorded by a checkpoint but is gone: the last entries of the log were removed',
  'checkpoint-file': 'is not a checkpoint signed with our key (the checkpoint file was altered)',
};

async function auditVerifyCommand(_args: string[], io: CliIo) {
  const { verifyAuditChain } = await import('./core/audit.ts');
  const result = await withDatabase(io, (db) => verifyAuditChain(db));
  const boundary =
    result.unkeyedEntries === 0
      ? 'every entry is keyed'
      : `${result.unkeyedEntries} entries before ${result.keyedFrom ? `entry ${result.keyedFrom}` : 'the key'} date from before the keyed chain: they are pinned by the first keyed entry, but nobody vouches for what they were before it`;
  const checkpoints = result.lastCheckpoint
    ? `${result.checkpoints} checkpoints, the newest at entry ${result.lastCheckpoint.id} on ${result.lastCheckpoint.at}`
    : 'no checkpoint yet (Kenes writes one at start and daily; removing the last entries is not detectable without)';
  if (result.ok) {
    io.stdout(
      `The audit log is intact: ${result.entries} entries, every hash matches.\n${checkpoints}; ${boundary}.\n`,
    );
    return 0;
  }
  const what =
    result.reason === 'checkpoint-file'
      ? `line ${result.firstBadId} of DATA_DIR/audit-checkpoints`
      : `entry ${result.firstBadId}`;
  io.stderr(
    `The audit log does NOT verify: ${what} ${PROBLEMS[result.reason]}. ${result.entries} entries in all; ${checkpoints}.\n`,
  );
  return 3;
}

async function auditCheckpointCommand(_args: string[], io: CliIo) {
  const { writeAuditCheckpoint } = await import('./core/audit.ts');
  const cp = await withDatabase(io, (db) => writeAuditCheckpoint(db));
  io.stdout(cp ? `Checkpoint: entry ${cp.id} (${cp.hash}).\n` : 'The audit log is empty: nothing to checkpoint.\n');
  return 0;
}

async function auditRotateKeyCommand(_args: string[], io: CliIo) {
  const config = await configOf(io);
  if (config.auditKey) {
    throw new UsageError(
      'AUDIT_KEY is set: rotate by appending a new key to it (comma-separated, the last signs), in every process.',
    );
  }
  const { rotateAuditKey } = await import('./core/audit-keys.ts');
  const id = rotateAuditKey(config.dataDir);
  io.stdout(`New audit key ${id} signs from now on (restart running Kenes processes); older keys still verify.\n`);
  return 0;
}

// Backup and restore (decision 0020): the commands are in core/backup; here they get their database.

async function backupCommand(args: string[], io: CliIo) {
  const config = await configOf(io);
  const { backupCommand: run } = await import('./core/backup/commands.ts');
  const { openDatabase } = await import('./core/db/database.ts');
  const logger = await loggerOf(io, { logLevel: 'warn' });
  return run(
    args,
    config,
    async (use) => {
      // Not migrated: a backup copies the database as it is.
      const handle = await openDatabase(config, (level, msg) => logger[level](msg));
      try {
        return await use(handle);
      } finally {
        await handle.close();
      }
    },
    io,
  );
}

async function restoreCommand(args: string[], io: CliIo) {
  const config = await configOf(io);
  const { restoreCommand: run } = await import('./core/backup/commands.ts');
  const { openDatabase } = await import('./core/db/database.ts');
  const logger = await loggerOf(io, { logLevel: 'warn' });
  // Not migrated on opening: the restore recreates the backup's schema, then migrates forward.
  return run(args, config, () => openDatabase(config, (level, msg) => logger[level](msg)), io);
}

/** A failure the user can act on: its message alone, without a stack trace. */
async function isExpected(err: unknown): Promise<boolean> {
  if (err instanceof UsageError) return true;
  if (!(err instanceof Error)) return false;
  if (err.name === 'BackupError') return true;
  if (/^The password is not acceptable/.test(err.message)) return true;
  // Loaded already if they were thrown.
  const [{ ConfigError }, { EmbeddedPostgresError }] = await Promise.all([
    import('./core/config.ts'),
    import('./core/db/embedded.ts'),
  ]);
  return err instanceof ConfigError || err instanceof EmbeddedPostgresError;
}

/**
 * Entry point of the `kenes` command: runs the command `argv` names and returns the exit status.
 * `io` is the process's streams and environment by default; tests pass their own to run a command
 * in-process. `start` keeps serving after it returns (its signals end the process).
 */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  let [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    printHelp(io);
    return 0;
  }
  // Two-word commands ("audit verify").
  if (rest[0] && COMMANDS[`${name} ${rest[0]}`]) {
    name = `${name} ${rest[0]}`;
    rest = rest.slice(1);
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`kenes: unknown command "${name}"\n\n`);
    printHelp(io);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (await isExpected(err)) io.stderr(`kenes: ${(err as Error).message}\n`);
    else io.stderr(`kenes: ${inspect(err)}\n`);
    return 1;
  }
}
