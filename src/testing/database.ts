import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { configureAudit } from '../core/audit.ts';
import { parseAuditKeys } from '../core/audit-keys.ts';
import { createDb, type Db } from '../core/db/database.ts';

/** The audit key of every test process (a real installation's is in DATA_DIR or AUDIT_KEY). */
export const TEST_AUDIT_KEY = 'test-audit-key-test-audit-key-test-audit-key';
configureAudit({ keyring: parseAuditKeys(TEST_AUDIT_KEY, 'the test key') });

/**
 * The run-time role of the tests (decision 0013): `npm test` creates it and grants it on the
 * template, as `kenes start` does for kenes_app; a test database opened with `runtimeRole` serves
 * through it, so what the role may not do fails in the test as it would in production.
 */
export const TEST_RUNTIME_ROLE = 'kenes_test_app';
export const TEST_RUNTIME_PASSWORD = 'kenes-test-app-password';

export interface TestDatabase {
  db: Db;
  /** Every SQL statement run through `db`, in order (tests count them to catch N+1 queries). */
  queries: string[];
  url: string;
  /** The owner's (a superuser's) connection to the same database: what an attacker with the database has. */
  ownerUrl: string;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run tests with "npm test", which prepares the test database.`);
  return v;
}

/**
 * A fresh, migrated, empty database cloned from the template that `npm test` prepared; with
 * `demo`, a clone of its second template, where the demo is loaded (as seedDemo loads it, the audit
 * entries signed with TEST_AUDIT_KEY); with `unmigrated`, a database without any of Kenes's tables
 * (for migration tests).
 */
export async function createTestDatabase(
  opts: { unmigrated?: boolean; runtimeRole?: boolean; demo?: boolean } = {},
): Promise<TestDatabase> {
  const adminUrl = env('KENES_TEST_ADMIN_URL');
  const template = opts.unmigrated
    ? 'template0'
    : opts.demo
      ? env('KENES_TEST_DEMO_TEMPLATE')
      : env('KENES_TEST_TEMPLATE');
  const name = `kenes_t_${env('KENES_TEST_RUN')}_${randomBytes(5).toString('hex')}`;
  // FILE_COPY on `npm test`'s embedded cluster (scripts/test.ts): measured 28–34 ms a clone of the demo
  // against 50–68 ms with the WAL; an external server keeps its default.
  const strategy = process.env.KENES_TEST_CLONE_STRATEGY === 'FILE_COPY' ? ' STRATEGY FILE_COPY' : '';
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(
          `CREATE DATABASE ${admin.escapeIdentifier(name)} TEMPLATE ${admin.escapeIdentifier(template)}${strategy}`,
        );
        break;
      } catch (err) {
        // Two files cloning at the same instant: "source database is being accessed by other users".
        if ((err as { code?: string }).code !== '55006' || attempt > 50) throw err;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      }
    }
    // A test database is thrown away: its commits need not wait for the disk (an external
    // PostgreSQL's default; the embedded one of `npm test` runs without fsync already).
    if (process.env.KENES_TEST_SYNC_COMMIT !== '1')
      await admin.query(`ALTER DATABASE ${admin.escapeIdentifier(name)} SET synchronous_commit = off`);
  } finally {
    await admin.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const ownerUrl = u.toString();
  // KENES_TEST_RUNTIME_ROLE=1 runs every test database as the run-time role: a check that the
  // grants cover what the domains do (tests that tamper as the owner use ownerUrl).
  if (opts.runtimeRole ?? (process.env.KENES_TEST_RUNTIME_ROLE === '1' && !opts.unmigrated)) {
    u.username = TEST_RUNTIME_ROLE;
    u.password = TEST_RUNTIME_PASSWORD;
  }
  const url = u.toString();
  const queries: string[] = [];
  const db = createDb(url, 5, (q) => queries.push(q));
  return {
    db,
    queries,
    url,
    ownerUrl,
    drop: async () => {
      await db.destroy();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
      await c.end();
    },
  };
}
