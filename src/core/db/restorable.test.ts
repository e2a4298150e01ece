import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { createTestDatabase } from '../../testing/database.ts';

/**
 * pg_restore loads every row with an empty search_path, and the CHECK constraints (and generated
 * columns) are evaluated then: a function they call that names another object without its schema
 * makes the restore of a Kenes dump fail (docs/deploy.md, upgrading PostgreSQL). Every row of the
 * demo is written again here under those conditions, triggers off as during a restore.
 */
test('every row of the demo passes its table’s CHECK constraints with the empty search_path of pg_restore', async () => {
  const d = await createTestDatabase({ demo: true });
  const owner = new pg.Client({ connectionString: d.ownerUrl });
  await owner.connect();
  try {
    const { rows: tables } = await owner.query<{ table: string; column: string }>(`
      SELECT c.relname AS table,
             (SELECT a.attname FROM pg_attribute a
               WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                 AND a.attidentity = '' AND a.attgenerated = ''
               ORDER BY a.attnum LIMIT 1) AS column
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r'
         AND EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'c')
       ORDER BY 1`);
    assert.ok(tables.some((t) => t.table === 'organisations'));
    let rewritten = 0;
    for (const { table, column } of tables) {
      await owner.query('BEGIN');
      try {
        await owner.query("SET LOCAL session_replication_role = 'replica'");
        await owner.query("SET LOCAL search_path = ''");
        const id = (s: string) => owner.escapeIdentifier(s);
        const result = await owner.query(`UPDATE public.${id(table)} SET ${id(column)} = ${id(column)}`);
        rewritten += result.rowCount ?? 0;
      } catch (err) {
        assert.fail(`${table}: ${(err as Error).message}`);
      } finally {
        await owner.query('ROLLBACK');
      }
    }
    assert.ok(rewritten > 100, `${rewritten} rows`);
  } finally {
    await owner.end();
    await d.drop();
  }
});
