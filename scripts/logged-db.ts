/**
 * A database handle that records every statement it sends, for the scripts that explain them
 * (explain-explorer.ts, explain-search.ts, bench-first-search.ts): `take()` hands over what was
 * recorded since it was last called, and starts again; `seen()` shows it without taking it.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { CONNECTION_OPTIONS, type Db } from '../src/core/db/database.ts';
import type { DB } from '../src/core/db/schema.ts';

export interface Logged {
  sql: string;
  parameters: readonly unknown[];
  /** How long the statement took, as Kysely measured it. */
  ms: number;
}

export function loggedDb(
  url: string,
  opts: { max?: number } = {},
): { db: Db; pool: pg.Pool; take(): Logged[]; seen(): readonly Logged[] } {
  let logged: Logged[] = [];
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 4, options: CONNECTION_OPTIONS });
  const db: Db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      logged.push({ sql: event.query.sql, parameters: event.query.parameters, ms: event.queryDurationMillis });
    },
  });
  return {
    db,
    pool,
    seen: () => logged,
    take() {
      const out = logged;
      logged = [];
      return out;
    },
  };
}

/** A statement's pages (shared buffers hit and read) and time, as EXPLAIN (ANALYZE, BUFFERS) measures it. */
export interface Explained {
  hit: number;
  read: number;
  pages: number;
  ms: number;
}

export async function explained(client: pg.Pool | pg.PoolClient, s: Logged): Promise<Explained> {
  const json = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${s.sql}`, [...s.parameters]);
  type Top = { Plan: { 'Shared Hit Blocks': number; 'Shared Read Blocks': number }; 'Execution Time': number };
  const top = (json.rows[0] as { 'QUERY PLAN': [Top] })['QUERY PLAN'][0];
  const hit = top.Plan['Shared Hit Blocks'];
  const read = top.Plan['Shared Read Blocks'];
  return { hit, read, pages: hit + read, ms: top['Execution Time'] };
}

/** The queries of the search benchmark (bench-search.ts) and of its explanation (explain-search.ts). */
export const SEARCH_QUERIES: [string, 'kk' | 'ru' | 'en', string][] = [
  ['en one word, common', 'en', 'rights'],
  ['en one word', 'en', 'torture'],
  ['en several words', 'en', 'children detention torture'],
  ['en phrase', 'en', '"human rights"'],
  ['en commonest word', 'en', 'state'],
  ['ru one word, common', 'ru', 'права'],
  ['ru one word', 'ru', 'выборы'],
  ['ru several words', 'ru', 'люди город полиция'],
  ['ru phrase', 'ru', '"Соединённых Штатах"'],
  ['kk one word, common', 'kk', 'адам'],
  ['kk one word', 'kk', 'балалар'],
  ['kk several words', 'kk', 'адам құқықтары бостандық'],
  ['kk phrase', 'kk', '"адам құқықтары"'],
  ['kk in Latin', 'kk', 'adam quqyqtary'],
];
