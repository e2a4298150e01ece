import type { ColumnType } from 'kysely';
import type { Db } from '../../core/db/database.ts';

/** Tables of migration 202611290012 (the import's file and what was read from it). */
export type ImportFilesTable = {
  import_id: string;
  size_bytes: ColumnType<string, number, number>;
  encoding_by: string | null;
  delimiter: string | null;
  header: ColumnType<string[], string, string>;
  header_line: number;
  sample: ColumnType<{ line: number; cells: string[] }[], string, string>;
  /** Each column's distinct values when few enough to be a vocabulary (themes, States), else null (migration 202612070200). */
  column_values: ColumnType<(string[] | null)[] | null, string, string>;
};

/** State names people mapped to a State in an import's preview (migration 202612070200). */
export type StateNameAliasesTable = {
  name_key: string;
  name: string;
  state_code: string;
  created_by: string | null;
  created_at: ColumnType<Date, never, never>;
};

export type ImportChunksTable = {
  import_id: string;
  seq: number;
  data: Buffer;
};

export type ImportTables = {
  recommendation_import_files: ImportFilesTable;
  recommendation_import_chunks: ImportChunksTable;
  state_name_aliases: StateNameAliasesTable;
};

/** The database with the import's own tables added to its types. */
export function importDb(db: Db) {
  return db.withTables<ImportTables>();
}
export type ImportDb = ReturnType<typeof importDb>;
