import type pg from 'pg';

/*
 * What a backup holds is read from PostgreSQL's catalogue, never from a hand-kept list (decision
 * 0020): every table of the schema, every column but the generated ones, every sequence. A table a
 * later migration adds is in the next backup without anyone remembering it.
 */

export interface TableInfo {
  name: string;
  /** The stored columns, in table order (generated columns are computed again on restore). */
  columns: string[];
}

export interface SequenceValue {
  name: string;
  value: string;
  called: boolean;
}

/** The schema Kenes's migrations create its tables in. */
export const SCHEMA = 'public';

/**
 * Every table of the schema with its stored columns, parents before the tables that reference them
 * (so rows can be loaded with the foreign keys checked). A cycle of foreign keys between tables is
 * broken arbitrarily: it loads only if one of its keys is DEFERRABLE (the restore defers them all).
 */
export async function listTables(client: pg.ClientBase): Promise<TableInfo[]> {
  const { rows } = await client.query<{ name: string; columns: string[] }>(
    `SELECT c.relname AS name,
            array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE c.relnamespace = $1::regnamespace AND c.relkind = 'r'
      GROUP BY c.relname
      ORDER BY c.relname`,
    [SCHEMA],
  );
  const edges = await client.query<{ child: string; parent: string }>(
    `SELECT DISTINCT ch.relname AS child, pa.relname AS parent
       FROM pg_constraint k
       JOIN pg_class ch ON ch.oid = k.conrelid
       JOIN pg_class pa ON pa.oid = k.confrelid
      WHERE k.contype = 'f' AND k.conrelid <> k.confrelid AND ch.relnamespace = $1::regnamespace`,
    [SCHEMA],
  );
  const parents = new Map<string, string[]>();
  for (const e of edges.rows) parents.set(e.child, [...(parents.get(e.child) ?? []), e.parent]);
  const byName = new Map(rows.map((r) => [r.name, r]));
  const ordered: TableInfo[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string) => {
    if (state.get(name)) return; // done, or on the current path (a cycle: broken here)
    state.set(name, 'visiting');
    for (const p of parents.get(name) ?? []) visit(p);
    state.set(name, 'done');
    const t = byName.get(name);
    if (t) ordered.push({ name: t.name, columns: t.columns });
  };
  for (const r of rows) visit(r.name);
  return ordered;
}

/** The schema's relations that hold data but are not plain tables (partitioned tables, materialized views, foreign tables). */
export async function otherDataRelations(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT relname AS name FROM pg_class
      WHERE relnamespace = $1::regnamespace AND relkind IN ('p', 'm', 'f') ORDER BY relname`,
    [SCHEMA],
  );
  return rows.map((r) => r.name);
}

/** The number of large objects in the database (Kenes keeps files in tables; a backup refuses any). */
export async function largeObjectCount(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM pg_largeobject_metadata');
  return Number(rows[0]?.n ?? 0);
}

/** Every sequence of the schema (identity columns' too) with its current value. */
export async function readSequences(client: pg.ClientBase): Promise<SequenceValue[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT relname AS name FROM pg_class WHERE relnamespace = $1::regnamespace AND relkind = 'S' ORDER BY relname`,
    [SCHEMA],
  );
  const out: SequenceValue[] = [];
  for (const { name } of rows) {
    const r = await client.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value::text, is_called FROM ${client.escapeIdentifier(SCHEMA)}.${client.escapeIdentifier(name)}`,
    );
    const row = r.rows[0];
    if (row) out.push({ name, value: row.last_value, called: row.is_called });
  }
  return out;
}

/** A quoted, schema-qualified name. */
export function qualified(client: pg.ClientBase, name: string): string {
  return `${client.escapeIdentifier(SCHEMA)}.${client.escapeIdentifier(name)}`;
}

/** The COPY column list of a table. */
export function columnList(client: pg.ClientBase, t: TableInfo): string {
  return t.columns.map((c) => client.escapeIdentifier(c)).join(', ');
}
