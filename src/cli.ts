import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './core/config.ts';
import { EmbeddedPostgresError } from './core/db/embedded.ts';
import { DEMO_ORGANISATIONS } from './demo/content.ts';
import { seedDemo } from './demo/seed.ts';
import { createLogger, openMigratedDatabase, startKenes } from './server.ts';

const COMMANDS: Record<string, { summary: string; run: (args: string[]) => Promise<void> }> = {
  start: { summary: 'Run Kenes: migrate, load the demo on an empty embedded database, serve HTTP', run: start },
  migrate: { summary: 'Apply the database migrations that are not yet applied', run: migrateCommand },
  'seed-demo': { summary: 'Load the demo content (does nothing if it is already there)', run: seedDemoCommand },
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
      `Demo content loaded: the Dialogue Platform, ${DEMO_ORGANISATIONS.length} organisations and one meeting.`,
    );
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
  process.on('uncaughtException', (err) => {
    logger.fatal({ err }, 'uncaught exception');
    stop('uncaughtException');
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

/** Entry point of the `kenes` command. */
export async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: { help: { type: 'boolean', short: 'h' } },
  });
  const [name, ...rest] = positionals;
  if (values.help || !name) {
    printHelp();
    return;
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
    if (err instanceof ConfigError || err instanceof EmbeddedPostgresError) {
      console.error(`kenes: ${err.message}`);
    } else {
      console.error('kenes:', err);
    }
    process.exit(1);
  }
}
