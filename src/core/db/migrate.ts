import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));

const NAME = /^\d{12}_[a-z0-9_]+\.sql$/;
// Any constant both sides agree on: every Kenes process that starts migrates under this lock.
export const MIGRATION_LOCK_KEY = 4_205_197_301;

export interface MigrationResult {
  applied: string[];
  total: number;
}

/** Lists migration files in the order they apply (their names start with a timestamp). */
export function listMigrations(dir = MIGRATIONS_DIR): { name: string; sql: string; checksum: string }[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => {
      if (!NAME.test(name)) throw new Error(`Migration file name ${name} must look like 202611290001_what_it_does.sql`);
      const sql = fs.readFileSync(path.join(dir, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * Applies the migrations not yet applied, each in its own transaction, forward only. Several
 * processes starting at once serialise on an advisory lock, so each file runs exactly once.
 * An applied file that was edited afterwards stops the start: history is not rewritten.
 * `upTo` stops after that migration (a restore recreates the schema its backup was taken with).
 */
export async function migrate(connectionString: string, dir = MIGRATIONS_DIR, upTo?: string): Promise<MigrationResult> {
  const all = listMigrations(dir);
  const migrations = upTo === undefined ? all : all.slice(0, all.findIndex((m) => m.name === upTo) + 1);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query('SET client_min_messages = warning');
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    // Created only when missing: a run-time role without the right to create tables (decision 0013)
    // can then still check that an up-to-date database needs nothing.
    const { rows } = await client.query<{ found: boolean }>(
      "SELECT to_regclass('schema_migrations') IS NOT NULL AS found",
    );
    if (!rows[0]?.found) {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    }
    const done = new Map(
      (await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations')).rows.map(
        (r) => [r.name, r.checksum],
      ),
    );
    for (const name of done.keys()) {
      if (!all.some((m) => m.name === name)) {
        throw new Error(
          `The database has migration ${name}, which this version of Kenes does not know: is it older than the database?`,
        );
      }
    }
    const applied: string[] = [];
    for (const m of migrations) {
      const known = done.get(m.name);
      if (known !== undefined) {
        if (known !== m.checksum) {
          throw new Error(
            `Migration ${m.name} was changed after it was applied. Migrations are forward-only: add a new file instead.`,
          );
        }
        continue;
      }
      try {
        await client.query('BEGIN');
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [m.name, m.checksum]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`);
      }
      applied.push(m.name);
    }
    return { applied, total: migrations.length };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
