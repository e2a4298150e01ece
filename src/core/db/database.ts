import { createHmac } from 'node:crypto';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { configureAudit } from '../audit.ts';
import { readOrCreateAuditKeys } from '../audit-keys.ts';
import type { Config } from '../config.ts';
import { readOrCreateLocalSecrets } from '../secrets.ts';
import { type EmbeddedPostgres, openEmbeddedPostgres, startEmbeddedPostgres } from './embedded.ts';
import { EMBEDDED_RUNTIME_ROLE, ensureLoginRole } from './roles.ts';
import type { DB } from './schema.ts';

export type Db = Kysely<DB>;

// bigint ids and counts stay strings (exact); dates (type 1082) stay 'YYYY-MM-DD' strings rather
// than becoming midnight in the server's time zone.
pg.types.setTypeParser(1082, (v) => v);

/** What /metrics reads of a Db (core/metrics.ts): its pool, and each query's duration once observed. */
interface Instruments {
  pool: pg.Pool;
  max: number;
  observe: ((seconds: number, failed: boolean) => void) | undefined;
}
const instruments = new WeakMap<Db, Instruments>();

/**
 * Settings of every connection Kenes opens, sent with the connection (no round trip). JIT off: Kenes's
 * statements are short, and PostgreSQL's JIT, on by default where it is built in (Debian's packages),
 * compiles any statement whose estimated cost passes jit_above_cost — measured at 270,000
 * recommendations (scripts/bench-recommendations.ts), a search's page spent longer compiling than running.
 */
export const CONNECTION_OPTIONS = '-c jit=off';

/**
 * Ends each statement of work done in the background, for no request (e.g. rebuilding what a process
 * keeps in memory): the count of a request's statements (tests, decision 0005) leaves them out.
 */
export const BACKGROUND = '/* kenes:background */';

/** Opens a Kysely instance over a pg pool on the given URL; `onQuery` sees every query run. */
export function createDb(connectionString: string, max = 10, onQuery?: (sql: string) => void): Db {
  const pool = new pg.Pool({
    connectionString,
    max,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    options: CONNECTION_OPTIONS,
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const seen: Instruments = { pool, max, observe: undefined };
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      onQuery?.(event.query.sql);
      seen.observe?.(event.queryDurationMillis / 1000, event.level === 'error');
    },
  });
  instruments.set(db, seen);
  return db;
}

/** The pool's connections now: open, idle, callers waiting for one, and the most it opens. */
export function poolUse(db: Db): { total: number; idle: number; waiting: number; max: number } | undefined {
  const seen = instruments.get(db);
  if (!seen) return undefined;
  return { total: seen.pool.totalCount, idle: seen.pool.idleCount, waiting: seen.pool.waitingCount, max: seen.max };
}

/** Tells `observe` the duration of every query `db` runs from now on (one observer per Db). */
export function observeQueries(db: Db, observe: (seconds: number, failed: boolean) => void): void {
  const seen = instruments.get(db);
  if (seen) seen.observe = observe;
}

export interface DatabaseHandle {
  db: Db;
  /** The run-time role's connection (what `db` uses). */
  url: string;
  /** The owner's connection, for migrations and grants; the same as `url` when no owner is configured. */
  ownerUrl: string;
  mode: 'embedded' | 'external';
  embedded: EmbeddedPostgres | undefined;
  sessionSecret: string;
  /** Closes the pool, then stops the embedded PostgreSQL if Kenes started one. */
  close(): Promise<void>;
}

type Log = (level: 'info' | 'warn' | 'debug', msg: string) => void;

export interface OpenOptions {
  /**
   * `server` (`kenes start`) owns the embedded PostgreSQL of DATA_DIR and refuses to share it with
   * another server; a `command` connects to the one a running Kenes published, or starts it for
   * itself when none runs (decision 0019).
   */
  as?: 'server' | 'command';
}

/**
 * The one code path to a database: DATABASE_URL when set (Kenes starts nothing), otherwise the
 * embedded PostgreSQL under DATA_DIR, initialised on first use.
 */
export async function openDatabase(config: Config, log: Log, options: OpenOptions = {}): Promise<DatabaseHandle> {
  // The audit chain's keys are in DATA_DIR or AUDIT_KEY, never in the database (decision 0013).
  const dataDir = config.dataDir;
  configureAudit({
    keyring: readOrCreateAuditKeys(dataDir, config.auditKey),
    reloadKeys: () => readOrCreateAuditKeys(dataDir, config.auditKey),
    checkpointFile: path.join(dataDir, 'audit-checkpoints'),
    checkpointEmail: config.auditCheckpointEmail,
  });
  if (config.databaseUrl) {
    const db = createDb(config.databaseUrl, config.databasePoolSize);
    return {
      db,
      url: config.databaseUrl,
      ownerUrl: config.databaseOwnerUrl ?? config.databaseUrl,
      mode: 'external',
      embedded: undefined,
      // Production requires SESSION_SECRET (config.ts); a developer's external database may use the local one.
      sessionSecret: config.sessionSecret ?? readOrCreateLocalSecrets(config.dataDir).sessionSecret,
      close: () => db.destroy(),
    };
  }
  const secrets = readOrCreateLocalSecrets(config.dataDir);
  const embeddedOptions = { dataDir: config.dataDir, password: secrets.postgresPassword, database: 'kenes', log };
  const embedded =
    options.as === 'command'
      ? await openEmbeddedPostgres(embeddedOptions)
      : await startEmbeddedPostgres({ ...embeddedOptions, by: 'server' });
  // Kenes serves as a role that is neither a superuser nor the owner; the superuser migrates. Its
  // password is derived from the superuser's, so nothing new has to be stored or agreed on.
  const runtimePassword = createHmac('sha256', secrets.postgresPassword)
    .update(EMBEDDED_RUNTIME_ROLE)
    .digest('base64url');
  try {
    await ensureLoginRole(embedded.url, EMBEDDED_RUNTIME_ROLE, runtimePassword);
  } catch (err) {
    await embedded.stop();
    throw err;
  }
  const runtimeUrl = new URL(embedded.url);
  runtimeUrl.username = EMBEDDED_RUNTIME_ROLE;
  runtimeUrl.password = runtimePassword;
  const db = createDb(runtimeUrl.toString(), config.databasePoolSize);
  return {
    db,
    url: runtimeUrl.toString(),
    ownerUrl: embedded.url,
    mode: 'embedded',
    embedded,
    sessionSecret: config.sessionSecret ?? secrets.sessionSecret,
    close: async () => {
      await db.destroy();
      await embedded.stop();
    },
  };
}
