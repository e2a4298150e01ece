import { sql } from 'kysely';
import pg from 'pg';
import type { Db } from './database.ts';
import { MIGRATION_LOCK_KEY } from './migrate.ts';

/**
 * Two roles (decision 0013): the owner, who migrates and so owns every table, and the run-time role
 * Kenes serves with. The run-time role reads and writes the application's tables but may only
 * SELECT and INSERT on the audit log: it cannot UPDATE, DELETE, TRUNCATE or ALTER it, nor disable
 * its triggers (only an owner or a superuser may). A bug or an SQL injection in Kenes therefore
 * cannot rewrite the log.
 */

/** The run-time role of the embedded PostgreSQL. */
export const EMBEDDED_RUNTIME_ROLE = 'kenes_app';

/**
 * Creates the login role with its password if it is missing (idempotent; safe when two processes
 * race: the password is given in the CREATE, so the role never exists without it).
 */
export async function ensureLoginRole(ownerUrl: string, role: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const name = client.escapeIdentifier(role);
    const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    if (!exists.rowCount) {
      try {
        await client.query(
          `CREATE ROLE ${name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${client.escapeLiteral(password)}`,
        );
      } catch (err) {
        // Another process created it between our look and our CREATE.
        if (!['42710', '23505'].includes((err as { code?: string }).code ?? '')) throw err;
      }
    }
  } finally {
    await client.end();
  }
}

/**
 * Grants the run-time role what Kenes needs, run by the owner after every migration (so tables a
 * migration added are covered; default privileges cover tables created later by the owner too).
 */
export async function grantRuntimeRole(ownerUrl: string, role: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const r = client.escapeIdentifier(role);
    // Two processes granting at once (a command beside a starting Kenes) would update the same
    // catalogue rows and one would fail ("tuple concurrently updated"): they take turns, and wait
    // for a migration in progress, under the migrations' lock.
    await client.query(`
      BEGIN;
      SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY});
      GRANT USAGE ON SCHEMA public TO ${r};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r};
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r};
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r};
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${r};
      REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM ${r};
      REVOKE INSERT, DELETE, TRUNCATE ON audit_chain_head FROM ${r};
      REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM ${r};
      COMMIT;
    `);
  } finally {
    await client.end();
  }
}

/** The role a pool connects as. */
export async function currentRole(db: Db): Promise<string> {
  const { rows } = await sql<{ role: string }>`SELECT current_user AS role`.execute(db);
  return rows[0]?.role ?? '';
}

/**
 * What is wrong with the run-time role, in sentences for the start log: a superuser, or a role that
 * owns the audit log (or is a member of its owner), can disable the log's triggers and rewrite it.
 */
export async function runtimeRoleWarnings(db: Db): Promise<string[]> {
  const { rows } = await sql<{ role: string; superuser: boolean; owns_log: boolean }>`
    SELECT current_user AS role,
           (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
           pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'audit_log'::regclass), 'USAGE') AS owns_log
  `.execute(db);
  const row = rows[0];
  if (!row) return [];
  const warnings: string[] = [];
  if (row.superuser) {
    warnings.push(
      `Kenes connects to PostgreSQL as "${row.role}", a superuser: it could rewrite the audit log. Set DATABASE_URL to a role that is not a superuser and DATABASE_OWNER_URL to the owner (see README, "Database roles").`,
    );
  } else if (row.owns_log) {
    warnings.push(
      `Kenes connects to PostgreSQL as "${row.role}", which owns the audit log: it could disable its triggers and rewrite it. Set DATABASE_OWNER_URL to the owner and DATABASE_URL to a run-time role (see README, "Database roles").`,
    );
  }
  return warnings;
}
