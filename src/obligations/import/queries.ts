import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import type { ImportStatus } from '../../core/db/schema-obligations.ts';
import type { Reason } from './problem.ts';
import { STALE_AFTER_SECONDS } from './run.ts';
import { importDb } from './schema.ts';

/** An import as pages show it; `interrupted` is a running import whose process stopped beating. */
export type ShownStatus = ImportStatus | 'interrupted';

export interface ImportSummary {
  id: string;
  filename: string;
  format: string;
  status: ShownStatus;
  totalRows: number | null;
  processedRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  error: Reason | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface ImportDetail extends ImportSummary {
  encoding: string | null;
  mapping: unknown;
  skipBadRows: boolean;
  encodingBy: string | null;
  delimiter: string | null;
  header: string[];
  headerLine: number;
  sample: { line: number; cells: string[] }[];
  /** Each column's distinct values when few (column-values.ts); null for files read before they were kept. */
  columnValues: (string[] | null)[] | null;
  sizeBytes: number;
}

const shownStatus = sql<ShownStatus>`CASE WHEN i.status = 'running'
  AND i.heartbeat_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS}) THEN 'interrupted' ELSE i.status END`;

function summaryColumns() {
  return [
    'i.id',
    'i.filename',
    'i.format',
    shownStatus.as('status'),
    'i.total_rows as totalRows',
    'i.processed_rows as processedRows',
    'i.inserted',
    'i.updated',
    'i.unchanged',
    'i.rejected',
    'i.error',
    'i.created_at as createdAt',
    'i.finished_at as finishedAt',
  ] as const;
}

/** The latest imports, newest first (one query). */
export async function recentImports(db: Db, limit = 50): Promise<ImportSummary[]> {
  const rows = await db
    .selectFrom('recommendation_imports as i')
    .select(summaryColumns())
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(limit)
    .execute();
  return rows as ImportSummary[];
}

/** One import with what was read from its file (one query), or undefined. */
export async function importById(db: Db, id: string): Promise<ImportDetail | undefined> {
  const row = await importDb(db)
    .selectFrom('recommendation_imports as i')
    .innerJoin('recommendation_import_files as f', 'f.import_id', 'i.id')
    .select([
      ...summaryColumns(),
      'i.encoding',
      'i.mapping',
      'i.skip_bad_rows as skipBadRows',
      'f.encoding_by as encodingBy',
      'f.delimiter',
      'f.header',
      'f.header_line as headerLine',
      'f.sample',
      'f.column_values as columnValues',
      'f.size_bytes as sizeBytes',
    ])
    .where('i.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...row, sizeBytes: Number(row.sizeBytes) } as ImportDetail;
}

/** The first `limit` rejected rows of an import, by line (one query). */
export async function rejectionsOf(db: Db, id: string, limit = 1000): Promise<{ line: number; reason: Reason }[]> {
  return db
    .selectFrom('import_rejections')
    .select(['line', 'reason'])
    .where('import_id', '=', id)
    .orderBy('line')
    .limit(limit)
    .execute();
}

/** Mechanisms for the preview's "mechanism of every row" choice. */
export async function mechanismChoices(db: Db) {
  return db.selectFrom('mechanisms').select(['code', 'name']).orderBy('position').orderBy('code').execute();
}
