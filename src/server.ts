import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import { buildApp } from './app.ts';
import { startAuditCheckpoints } from './core/audit.ts';
import { backupJob } from './core/backup/schedule.ts';
import type { Config } from './core/config.ts';
import type { DatabaseHandle } from './core/db/database.ts';
import { openMigratedDatabase } from './core/db/migrated.ts';
import { fileTextJob } from './core/files/text.ts';
import { createPageCache } from './core/http/page-cache.ts';
import { startJobs } from './core/jobs.ts';
import { startMailer } from './core/mail/outbox.ts';
import { createMetrics } from './core/metrics.ts';
import { notificationMailJob } from './core/notifications/mail.ts';
import { searchIndexJob } from './core/search/routes.tsx';
import { demoSignIns, seedDemo } from './demo/seed.ts';
import { DOMAINS } from './domains.ts';

// Re-exported for the callers that load the whole application anyway (tests, benchmarks).
export { openMigratedDatabase } from './core/db/migrated.ts';
export { createLogger } from './core/logger.ts';

export interface RunningKenes {
  app: FastifyInstance;
  handle: DatabaseHandle;
  url: string;
  demoLoaded: boolean;
  /** The demo accounts present in the database (embedded mode), to print at start. */
  demoSignIns: { email: string; role: string }[];
  /** Stops accepting connections, finishes requests in flight, then closes the database. */
  close(): Promise<void>;
}

/** The database ready to serve: opened (the embedded one started), migrated, the demo on an empty embedded one. */
export async function prepareDatabase(
  config: Config,
  logger: Logger,
): Promise<{ handle: DatabaseHandle; demoLoaded: boolean }> {
  const handle = await openMigratedDatabase(config, logger);
  try {
    let demoLoaded = false;
    if (handle.mode === 'embedded') {
      const { rows } = await sql<{ empty: boolean }>`SELECT NOT EXISTS (SELECT 1 FROM bodies) AS empty`.execute(
        handle.db,
      );
      if (rows[0]?.empty) demoLoaded = await seedDemo(handle.db);
    }
    return { handle, demoLoaded };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/** config → database → migrations → (demo on an empty embedded database) → app → listen. */
export async function startKenes(config: Config, logger: Logger): Promise<RunningKenes> {
  const { handle, demoLoaded } = await prepareDatabase(config, logger);
  try {
    // Visitors' pages kept in memory, forgotten on any process's change (decision 0022).
    const pageCache =
      config.pageCacheMb > 0
        ? createPageCache({
            databaseUrl: handle.url,
            maxBytes: config.pageCacheMb * 1024 * 1024,
            log: (msg, err) => logger.warn({ err }, msg),
          })
        : undefined;
    // Without its connection it keeps nothing and tries again each second (page-cache.ts).
    await pageCache?.start().catch((err) => logger.warn({ err }, 'page cache: not listening yet'));
    // This process's figures at /metrics, for whoever holds METRICS_TOKEN (core/metrics.ts).
    const metrics = config.metricsToken
      ? createMetrics({
          token: config.metricsToken,
          db: handle.db,
          pageCache,
          log: (msg, err) => logger.warn({ err }, msg),
        })
      : undefined;
    const app = await buildApp({
      config,
      db: handle.db,
      sessionSecret: handle.sessionSecret,
      logger,
      ...(pageCache ? { pageCache } : {}),
      ...(metrics ? { metrics } : {}),
    });
    app.addHook('onClose', async () => pageCache?.stop());
    // Mail goes out through SMTP when configured; otherwise it waits in the outbox (readable by administrators).
    const stopMailer = config.smtpUrl
      ? startMailer(handle.db, nodemailer.createTransport(config.smtpUrl), {
          from: config.mailFrom,
          host: new URL(config.publicUrl).hostname,
          log: (err, msg) => logger.warn({ err }, msg),
        })
      : undefined;
    // Every domain's reminders and digests, in one scheduler (decision 0016).
    // … and search's, which keeps the index current and reads the text of uploaded documents (decision 0018).
    const stopJobs = startJobs(
      [
        ...DOMAINS.flatMap((d) => d.jobs ?? []),
        // Every source's notifications by e-mail, at once (batched) or in digests (issue 13).
        notificationMailJob(app.notificationSources),
        searchIndexJob(DOMAINS.flatMap((d) => d.searchable ?? [])),
        fileTextJob,
        // The daily backup into BACKUP_DIR, by one process at a time (decision 0020).
        ...(config.backupDir
          ? [
              backupJob({
                url: handle.url,
                dataDir: config.dataDir,
                dir: config.backupDir,
                keep: config.backupKeep,
                passphrase: config.backupPassphrase,
              }),
            ]
          : []),
      ],
      { db: handle.db, publicUrl: config.publicUrl, log: logger },
      metrics?.jobRun,
    );
    // The chain's head, signed, outside the database: at start and daily (decision 0013).
    const stopCheckpoints = startAuditCheckpoints(handle.db, (err) =>
      logger.error({ err }, 'audit checkpoint not written'),
    );
    app.addHook('onClose', async () => {
      stopCheckpoints();
      // Lets the message being sent finish and be recorded, so it is not sent again after the lease.
      await stopMailer?.();
      stopJobs();
    });
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const shownHost = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(config.host) ? 'localhost' : config.host;
    let closing: Promise<void> | undefined;
    return {
      app,
      handle,
      url: `http://${shownHost}:${port}`,
      demoLoaded,
      demoSignIns: handle.mode === 'embedded' ? await demoSignIns(handle.db) : [],
      close: () => {
        closing ??= (async () => {
          await app.close();
          await handle.close();
        })();
        return closing;
      },
    };
  } catch (err) {
    await handle.close();
    throw err;
  }
}
