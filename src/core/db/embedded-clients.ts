import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

/* What the embedded PostgreSQL's owner asks of it as a client: its database, and who else is connected. */

/** How long a command that started PostgreSQL waits, at most, for the commands that connected to it. */
const WAIT_FOR_OTHERS_MS = 15 * 60_000;

/** Waits until no other client is connected (the commands that joined this PostgreSQL have ended). */
export async function waitForOtherClients(
  conn: pg.ClientConfig,
  log: (level: 'info', msg: string) => void,
): Promise<void> {
  const client = new pg.Client({ ...conn, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    const deadline = Date.now() + WAIT_FOR_OTHERS_MS;
    let told = false;
    for (;;) {
      const { rows } = await client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()",
      );
      const others = rows[0]?.n ?? 0;
      if (others === 0 || Date.now() > deadline) return;
      if (!told) {
        log('info', `Waiting for ${others} connection(s) of other kenes commands to end before stopping PostgreSQL`);
        told = true;
      }
      await sleep(200);
    }
  } catch {
    // PostgreSQL is going away anyway: nothing to wait for.
  } finally {
    await client.end().catch(() => {});
  }
}

/** Creates the database when missing; true when this call created it. */
export async function ensureDatabase(conn: pg.ClientConfig, name: string): Promise<boolean> {
  const client = new pg.Client(conn);
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    return true;
  } finally {
    await client.end();
  }
}
