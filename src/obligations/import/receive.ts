import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Db } from '../../core/db/database.ts';
import { recogniseColumns } from './columns.ts';
import type { Encoding } from './decode.ts';
import { MAX_FILE_BYTES } from './limits.ts';
import { ImportProblem } from './problem.ts';
import { importDb } from './schema.ts';
import { analyseTable, type OpenBytes, type TableAnalysis } from './table.ts';

/*
 * Receiving a file of recommendations: its bytes stored in chunks in PostgreSQL, read as a table,
 * and recorded as a pending import (run.ts claims and runs it).
 */

const CHUNK_BYTES = 1024 * 1024;

/** The stored chunks of an import's file, one query per chunk, as a byte stream. */
export function storedFile(db: Db, importId: string): OpenBytes {
  return () =>
    Readable.from(
      (async function* () {
        for (let seq = 0; ; seq++) {
          const row = await importDb(db)
            .selectFrom('recommendation_import_chunks')
            .select('data')
            .where('import_id', '=', importId)
            .where('seq', '=', seq)
            .executeTakeFirst();
          if (!row) return;
          yield row.data;
        }
      })(),
      { objectMode: false },
    );
}

export interface NewImport {
  filename: string;
  userId: string | null;
  /** The bytes, read once and stored (web), or left where they are (command line: a path re-read). */
  bytes: AsyncIterable<Buffer> | Iterable<Buffer>;
  store: boolean;
  encoding?: Encoding;
}

/**
 * Reads a new file: stores it in chunks (when `store`), hashes it, analyses it as a table and
 * records the import as pending with the recognised mapping. The file is refused whole with an
 * ImportProblem — nothing written — when it is too large or not a table. `reopen` gives the bytes
 * again for the analysis when they are not stored.
 */
export async function receiveImportFile(
  db: Db,
  file: NewImport & { reopen?: OpenBytes },
): Promise<{ id: string; analysis: TableAnalysis }> {
  return importDb(db)
    .transaction()
    .execute(async (trx) => {
      const row = await trx
        .insertInto('recommendation_imports')
        .values({
          filename: cleanFilename(file.filename),
          // Placeholders until the file is read to its end (the row must exist for the chunks' key).
          sha256: '0'.repeat(64),
          format: 'csv',
          created_by: file.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const hash = createHash('sha256');
      let size = 0;
      let seq = 0;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const flush = async (bytes: number) => {
        const all = Buffer.concat(pending, pendingBytes);
        pending = all.length > bytes ? [Buffer.from(all.subarray(bytes))] : [];
        pendingBytes -= bytes;
        if (file.store) {
          await trx
            .insertInto('recommendation_import_chunks')
            .values({ import_id: row.id, seq: seq++, data: all.subarray(0, bytes) })
            .execute();
        }
      };
      for await (const chunk of file.bytes) {
        size += chunk.length;
        if (size > MAX_FILE_BYTES) throw new ImportProblem('import.error.tooLarge', { size: MAX_FILE_BYTES });
        hash.update(chunk);
        pending.push(chunk);
        pendingBytes += chunk.length;
        while (pendingBytes >= CHUNK_BYTES) await flush(CHUNK_BYTES);
      }
      if (pendingBytes > 0) await flush(pendingBytes);
      if (size === 0) throw new ImportProblem('import.error.empty');
      const open = file.store ? storedFile(trx as unknown as Db, row.id) : file.reopen;
      if (!open) throw new Error('receiveImportFile: a file not stored needs reopen');
      const analysis = await analyseTable(open, file.encoding ? { encoding: file.encoding } : {});
      await trx
        .updateTable('recommendation_imports')
        .set({
          sha256: hash.digest('hex'),
          format: analysis.format,
          encoding: analysis.encoding,
          total_rows: analysis.totalRows,
          mapping: JSON.stringify(recogniseColumns(analysis.header)),
        })
        .where('id', '=', row.id)
        .execute();
      await trx
        .insertInto('recommendation_import_files')
        .values({ import_id: row.id, size_bytes: size, ...analysisColumns(analysis) })
        .execute();
      return { id: row.id, analysis };
    });
}

function analysisColumns(a: TableAnalysis) {
  return {
    encoding_by: a.encodingBy,
    delimiter: a.delimiter,
    header: JSON.stringify(a.header),
    header_line: a.headerLine,
    sample: JSON.stringify(a.sample),
    column_values: JSON.stringify(a.columnValues),
  };
}

function cleanFilename(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const clean = base.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  return Array.from(clean || 'file')
    .slice(0, 255)
    .join('');
}

/**
 * Reads a stored file again in another encoding (the user's choice in the preview); the mapping
 * is recognised anew when the header changed. Throws ImportProblem when the file does not read as
 * a table in that encoding; nothing changes then.
 */
export async function rereadImport(db: Db, importId: string, encoding: Encoding): Promise<TableAnalysis> {
  const analysis = await analyseTable(storedFile(db, importId), { encoding });
  await importDb(db)
    .transaction()
    .execute(async (trx) => {
      const before = await trx
        .selectFrom('recommendation_import_files')
        .select('header')
        .where('import_id', '=', importId)
        .executeTakeFirstOrThrow();
      const headerChanged = JSON.stringify(before.header) !== JSON.stringify(analysis.header);
      await trx
        .updateTable('recommendation_imports')
        .set({
          encoding: analysis.encoding,
          total_rows: analysis.totalRows,
          ...(headerChanged ? { mapping: JSON.stringify(recogniseColumns(analysis.header)) } : {}),
        })
        .where('id', '=', importId)
        .where('status', 'in', ['pending', 'failed'])
        .execute();
      await trx
        .updateTable('recommendation_import_files')
        .set(analysisColumns(analysis))
        .where('import_id', '=', importId)
        .execute();
    });
  return analysis;
}
