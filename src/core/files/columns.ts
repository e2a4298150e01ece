import { type Expression, type RawBuilder, sql } from 'kysely';
import type { FileContentType } from '../db/schema.ts';

/*
 * What domains read of core's file store (its files table) in their own one query: a file's name and
 * size beside the domain's record of it (decision 0016: the SQL over a table lives with its owner).
 */

export interface FileFields {
  id: string;
  filename: string;
  contentType: FileContentType;
  sizeBytes: string;
  /** When its text was read (PDF and DOCX, core/files/text.ts), or null: search indexes its record again then. */
  textReadAt: Date | null;
}
type FileField = keyof FileFields;

const FIELDS: Record<FileField, RawBuilder<unknown>> = {
  id: sql`f.id::text`,
  filename: sql`f.filename`,
  contentType: sql`f.content_type`,
  sizeBytes: sql`f.size_bytes`,
  textReadAt: sql`f.text_read_at`,
};

const ref = (id: string | Expression<unknown>) => (typeof id === 'string' ? sql.ref(id) : id);

/** One field of the file whose id is `id` (a column of the caller's query); null when there is none. */
export function fileColumn<F extends FileField>(id: string | Expression<unknown>, field: F): RawBuilder<FileFields[F]> {
  return sql<FileFields[F]>`(SELECT ${FIELDS[field]} FROM files f WHERE f.id = ${ref(id)})`;
}

/** The file whose id is `id` as a jsonb object of `fields` (null when there is none). */
export function fileJson<F extends FileField>(
  id: string | Expression<unknown>,
  fields: readonly F[],
): RawBuilder<Pick<FileFields, F>> {
  const pairs = sql.join(fields.map((f) => sql`${sql.lit(f)}::text, ${FIELDS[f]}`));
  return sql`(SELECT jsonb_build_object(${pairs}) FROM files f WHERE f.id = ${ref(id)})`;
}
