import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Job } from '../extensions.ts';

/*
 * The text of uploaded PDF and DOCX files, for search (decision 0018): read once, after the upload, by
 * a job in any process (each file claimed on its own), on a worker thread, within a time limit. A
 * domain's Searchable reads it with fileTexts() for the files attached to its records.
 */

export const TEXT_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
] as const;
const TIMEOUT_MS = 60_000;

/** The text of one document, read on a worker thread; rejects on a parser error or after the time limit. */
export function extractText(bytes: Buffer, contentType: string, timeoutMs = TIMEOUT_MS): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./text-extract.mjs', import.meta.url), {
      workerData: { bytes: new Uint8Array(bytes), contentType },
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`reading the text took more than ${timeoutMs} ms`));
    }, timeoutMs);
    worker.once('message', (m: { text?: string; error?: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      if (typeof m.text === 'string') resolve(m.text);
      else reject(new Error(m.error ?? 'the text could not be read'));
    });
    worker.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** Reads the text of the next waiting file, if any; returns whether there was one. */
export async function extractNextText(db: Db): Promise<boolean> {
  const file = await db.transaction().execute(async (trx) => {
    const next = await trx
      .selectFrom('files')
      .select(['id', 'content_type'])
      .where('text_state', '=', 'pending')
      .orderBy('id')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!next) return undefined;
    // Claimed: another process moves on to the next file. A process that dies here leaves the file
    // 'reading'; the job gives such files another try after ten minutes.
    await trx
      .updateTable('files')
      .set({ text_state: 'reading', text_claimed_at: sql<Date>`now()` })
      .where('id', '=', next.id)
      .execute();
    return next;
  });
  if (!file) return false;
  const chunks = await db
    .selectFrom('file_chunks')
    .select('data')
    .where('file_id', '=', file.id)
    .orderBy('seq')
    .execute();
  try {
    const text = await extractText(Buffer.concat(chunks.map((c) => c.data)), file.content_type);
    await db
      .updateTable('files')
      .set({ text, text_state: 'done', text_read_at: sql<Date>`now()` })
      .where('id', '=', file.id)
      .execute();
  } catch {
    await db
      .updateTable('files')
      .set({ text: null, text_state: 'failed', text_read_at: sql<Date>`now()` })
      .where('id', '=', file.id)
      .execute();
  }
  return true;
}

/** The job: every few seconds, the files waiting for their text (and those whose reader died). */
export const fileTextJob: Job = {
  name: 'file-text',
  everyMs: 3_000,
  async run({ db }) {
    await db
      .updateTable('files')
      .set({ text_state: 'pending' })
      .where('text_state', '=', 'reading')
      .where('text_claimed_at', '<', sql<Date>`now() - interval '10 minutes'`)
      .execute();
    for (let i = 0; i < 20 && (await extractNextText(db)); i++);
  },
};

/** The texts of these files that have been read (files without text are left out). */
export async function fileTexts(db: Db, fileIds: string[]): Promise<Map<string, string>> {
  if (fileIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('files')
    .select(['id', 'text'])
    .where('id', 'in', fileIds)
    .where('text_state', '=', 'done')
    .execute();
  return new Map(rows.map((r) => [r.id, r.text ?? '']));
}
