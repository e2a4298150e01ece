import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { readOrCreateLocalSecrets } from '../secrets.ts';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded.ts';
import type { DB } from './schema.ts';

export type Db = Kysely<DB>;

// bigint ids and counts stay strings (exact); dates (type 1082) stay 'YYYY-MM-DD' strings rather
// than becoming midnight in the server's time zone.
pg.types.setTypeParser(1082, (v) => v);

/** Opens a Kysely instance over a pg pool on the given URL; `onQuery` sees every query run. */
export function createDb(connectionString: string, max = 10, onQuery?: (sql: string) => void): Db {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 10_000 });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    ...(onQuery ? { log: (event) => onQuery(event.query.sql) } : {}),
  });
}

export interface DatabaseHandle {
  db: Db;
  url: string;
  mode: 'embedded' | 'external';
  embedded: EmbeddedPostgres | undefined;
  sessionSecret: string;
  /** Closes the pool, then stops the embedded PostgreSQL if Kenes started one. */
  close(): Promise<void>;
}

type Log = (level: 'info' | 'warn' | 'debug', msg: string) => void;

/**
 * The one code path to a database: DATABASE_URL when set (Kenes starts nothing), otherwise the
 * embedded PostgreSQL under DATA_DIR, initialised on first use.
 */
export async function openDatabase(config: Config, log: Log): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    const db = createDb(config.databaseUrl, config.databasePoolSize);
    return {
      db,
      url: config.databaseUrl,
      mode: 'external',
      embedded: undefined,
      // Production requires SESSION_SECRET (config.ts); a developer's external database may use the local one.
      sessionSecret: config.sessionSecret ?? readOrCreateLocalSecrets(config.dataDir).sessionSecret,
      close: () => db.destroy(),
    };
  }
  const secrets = readOrCreateLocalSecrets(config.dataDir);
  const embedded = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    password: secrets.postgresPassword,
    database: 'kenes',
    log,
  });
  const db = createDb(embedded.url, config.databasePoolSize);
  return {
    db,
    url: embedded.url,
    mode: 'embedded',
    embedded,
    sessionSecret: config.sessionSecret ?? secrets.sessionSecret,
    close: async () => {
      await db.destroy();
      await embedded.stop();
    },
  };
}
