/**
 * How test/hostile-input.test.ts knows that a refused request wrote nothing: a trigger on every table
 * counts the committed row changes of each lane apart (by the application_name of the connection that
 * wrote), and the test reads a lane's count before and after each request.
 *
 * Reading the count is a statement of its own (a quarter of all the test's statements, one per
 * request), so it is read only when the request could have moved it. Each lane's Db reports every
 * statement it ran (createDb's onQuery; every statement of Kenes's goes through Kysely), and
 * `mayWrite` tells those that can change a row: a data-modifying command (INSERT, UPDATE, DELETE,
 * MERGE, COPY, TRUNCATE, CALL, DO) or a call of one of the database's own volatile functions (stable
 * and immutable functions cannot modify data, and PostgreSQL's built-in ones write no table). After a
 * request whose lane ran no such statement, the count last read stands for after it too.
 */
import { sql } from 'kysely';
import type { Db } from '../src/core/db/database.ts';

/** Commands that change rows; a statement that names one may write (FOR UPDATE or a word in a name too: a read more, never less). */
const COMMANDS = ['insert', 'update', 'delete', 'merge', 'copy', 'truncate', 'call', 'do'];

export type WriteCounter = {
  /** The lane's count of committed row changes now. */
  read(lane: string): Promise<number>;
  /** Whether a statement can change a row (when in doubt, yes). */
  mayWrite(statement: string): boolean;
};

/**
 * Installs the counting trigger on every table but those a refused request may legitimately touch (its
 * session, the rate-limit counters and the record of failed sign-ins, which refusals are about), as
 * the owner: the counter runs with the owner's rights whatever role Kenes serves as. Writes from a
 * connection whose name is no lane's count as the first lane's ('').
 */
export async function countWrites(owner: Db, reader: Db, laneNames: string[]): Promise<WriteCounter> {
  await sql
    .raw(`
    CREATE TABLE test_writes (lane text PRIMARY KEY, n bigint NOT NULL);
    INSERT INTO test_writes VALUES ${laneNames.map((name) => `('${name}', 0)`).join(', ')};
    GRANT SELECT ON test_writes TO PUBLIC;
    CREATE FUNCTION test_count_write() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
      BEGIN
        UPDATE test_writes SET n = n + 1 WHERE lane = current_setting('application_name');
        IF NOT FOUND THEN UPDATE test_writes SET n = n + 1 WHERE lane = ''; END IF;
        RETURN NULL;
      END $$;
    DO $$ DECLARE r record; BEGIN
      FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public'
        AND tablename NOT IN ('test_writes', 'sessions', 'rate_limits', 'sign_in_failures') LOOP
        EXECUTE format('CREATE TRIGGER test_count_write AFTER INSERT OR UPDATE OR DELETE ON %I
          FOR EACH ROW EXECUTE FUNCTION test_count_write()', r.tablename);
      END LOOP; END $$;`)
    .execute(owner);
  // The database's own functions that may modify data (volatile), whatever schema they are in.
  const { rows } = await sql<{ name: string }>`
    SELECT DISTINCT p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND p.provolatile = 'v'
      AND p.prorettype <> 'trigger'::regtype`.execute(owner);
  const writing = new RegExp(
    `\\b(${[...COMMANDS, ...rows.map((r) => r.name.replace(/[^A-Za-z0-9_]/g, '\\$&'))].join('|')})\\b`,
    'i',
  );
  return {
    async read(lane) {
      const { rows } = await sql<{ n: string }>`SELECT n FROM test_writes WHERE lane = ${lane}`.execute(reader);
      return Number(rows[0]?.n);
    },
    mayWrite: (statement) => writing.test(statement),
  };
}
