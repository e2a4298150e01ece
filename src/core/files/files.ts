/**
 * Documents attached to meetings, kept in PostgreSQL (`files` + `file_chunks` of at most 1 MiB) so
 * that every Kenes process serves them. The type is decided by the content (file-type), never by
 * the name or the browser's content-type; uploads are read chunk by chunk and never held whole.
 */
import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { fileTypeFromBuffer, fileTypeFromTokenizer } from 'file-type';
import { fromStream as tokenizerFromStream } from 'strtok3';
import type { Db } from '../db/database.ts';
import type { FileContentType } from '../db/schema.ts';
import { withoutInvisible } from '../http/forms.ts';
import { notFound } from '../http/http-error.ts';
import { TEXT_TYPES } from './text.ts';

/** The largest file accepted: 20 MiB. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** Size of a stored chunk, the most `file_chunks.data` may hold. */
export const CHUNK_BYTES = 1024 * 1024;
// file-type's own "reasonable" sample: every allowed non-zip format is decided within it.
const SNIFF_BYTES = 4100;

/** Registers @fastify/multipart (already a dependency, v10.1.9) with limits: fileSize MAX_UPLOAD_BYTES, files 1, fields 20, fieldSize 100 kB. */
export async function registerUploads(app: FastifyInstance): Promise<void> {
  await app.register(fastifyMultipart, {
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20, fieldSize: 100_000 },
    // storeFile sees the truncated stream and answers "too large" with the form, rather than an exception.
    throwFileSizeLimit: false,
  });
}

/** A file as stored: its id, cleaned name, type found in its content, size in bytes and SHA-256 (hex). */
export type StoredFile = { id: string; filename: string; contentType: FileContentType; size: number; sha256: string };
/** Why an upload was refused. `no_file` is the caller's: the request carried no file part. */
export type UploadProblem = 'empty' | 'too_large' | 'type_not_allowed' | 'no_file';

// Extensions per type; the first is the one added when a name lacks a fitting one.
const EXTENSIONS: Record<FileContentType, readonly string[]> = {
  'application/pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/webp': ['webp'],
  'image/gif': ['gif'],
};

// Only types a browser renders itself, without running anything of ours, may be shown inline.
const INLINE = new Set<FileContentType>(['application/pdf', 'image/png', 'image/jpeg', 'image/webp', 'image/gif']);

/** The allowed type file-type's answer stands for, or null. */
function allowedType(mime: string | undefined): FileContentType | null {
  if (mime === undefined) return null;
  // An animated PNG is a valid PNG (browsers show it as image/png); file-type names it apart.
  if (mime === 'image/apng') return 'image/png';
  return Object.hasOwn(EXTENSIONS, mime) ? (mime as FileContentType) : null;
}

const ZIP_LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Control characters, and the bidirectional controls that make "фото‮fdp.exe" read as "фотоexe.pdf".
const UNWANTED = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** A name safe to store and send back: no path or control characters, Unicode kept, ≤255 characters, an extension matching `type`. */
export function safeFilename(name: string, type: FileContentType): string {
  let base = name.replace(LONE_SURROGATE, '\uFFFD').normalize('NFC');
  base = base.slice(Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\')) + 1);
  // Leading dots would make a hidden file (or "..") on the user's disk.
  base = withoutInvisible(base.replace(UNWANTED, ''), { joiners: true })
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^\.+/, '')
    .trim();
  const extensions = EXTENSIONS[type];
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1) : '';
  // The extension decides what the user's system opens the download with, so it must match the content.
  const [stem, suffix] = extensions.includes(ext.toLowerCase())
    ? [base.slice(0, dot), `.${ext}`]
    : [base, `.${extensions[0]}`];
  // Counted in code points, as PostgreSQL's length() counts them; a surrogate pair is never split.
  const cut = Array.from(stem)
    .slice(0, 255 - suffix.length)
    .join('')
    .trim();
  return `${cut || 'file'}${suffix}`;
}

/**
 * Lets file-type read a whole zip while it is being stored: an OOXML package is recognised by its
 * `[Content_Types].xml`, which LibreOffice writes last, so a prefix alone cannot tell DOCX from ZIP.
 * file-type skips entries' data as it goes, so this holds little more than its stream buffers.
 */
class ZipProbe {
  private readonly input = new PassThrough({ highWaterMark: 256 * 1024 });
  /** Undefined while file-type is still reading. */
  verdict: FileContentType | null | undefined;
  readonly result: Promise<FileContentType | null>;

  constructor() {
    // Writing after file-type has finished is expected, not an error.
    this.input.on('error', () => {});
    // On a stream of unknown size file-type gives up at any zip entry over 1 MiB (an image in a
    // document) and after 16 MiB; the upload limit is a true upper bound on the size, and with a
    // size it reads on to the end.
    this.result = tokenizerFromStream(this.input, { fileInfo: { size: MAX_UPLOAD_BYTES } })
      .then((tokenizer) => fileTypeFromTokenizer(tokenizer))
      .then(
        (found) => allowedType(found?.mime),
        () => null,
      )
      .then((verdict) => {
        this.verdict = verdict;
        this.input.destroy();
        return verdict;
      });
  }

  /** Passes a chunk on; waits while file-type lags so that chunks do not pile up in memory. */
  async feed(chunk: Buffer): Promise<void> {
    if (this.verdict !== undefined || this.input.destroyed) return;
    if (!this.input.write(chunk)) {
      await Promise.race([new Promise((resolve) => this.input.once('drain', resolve)), this.result]);
    }
  }

  /** The end of the upload: file-type's last word. */
  async end(): Promise<FileContentType | null> {
    if (!this.input.destroyed) this.input.end();
    return this.result;
  }

  abort(): void {
    this.input.destroy();
  }
}

type Sniffed = { type: FileContentType } | { zip: true } | { refuse: true };

/** Decides on the first bytes; `complete` when they are the whole file. */
async function sniff(head: Buffer, complete: boolean): Promise<Sniffed> {
  const found = await fileTypeFromBuffer(head);
  const type = allowedType(found?.mime);
  if (type) return { type };
  // A zip cut short reads as "unknown" or as a plain zip; only the rest of it can tell.
  const zipSoFar = found === undefined || found.mime === 'application/zip';
  if (!complete && zipSoFar && head.subarray(0, 4).equals(ZIP_LOCAL_HEADER)) return { zip: true };
  return { refuse: true };
}

// Placeholders for a row inserted before the end of the upload; the last statement sets the truth.
const PROVISIONAL_TYPE: FileContentType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const PROVISIONAL_SHA256 = '0'.repeat(64);

/**
 * Stores one uploaded file inside the caller's transaction `trx` (a Kysely Db or Transaction),
 * reading the stream chunk by chunk: sniffs the first bytes, refuses a type not allowed before
 * reading further, writes ≤1 MiB chunks as they come, refuses when the multipart limit truncates the
 * stream. On refusal it throws nothing and writes nothing (the caller's transaction may continue).
 */
export async function storeFile(
  trx: Db,
  upload: { filename: string; file: NodeJS.ReadableStream & { truncated?: boolean } },
  uploadedBy: string | null,
): Promise<{ ok: true; file: StoredFile } | { ok: false; problem: UploadProblem }> {
  const source = upload.file;
  const readable = source instanceof Readable ? source : new Readable().wrap(source);
  const hash = createHash('sha256');
  let size = 0;
  let type: FileContentType | undefined;
  let probe: ZipProbe | undefined;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let fileId: string | undefined;
  let seq = 0;

  // A refusal removes what this call wrote (the chunks go with the row: ON DELETE CASCADE) and lets
  // the rest of the upload flow to nowhere, so the request completes and the caller can answer.
  // Called only once the loop below has let go of the stream: resume() does nothing while the
  // loop's iterator still listens for 'readable'.
  const refuse = async (problem: UploadProblem) => {
    probe?.abort();
    readable.resume();
    if (fileId !== undefined) await trx.deleteFrom('files').where('id', '=', fileId).execute();
    return { ok: false as const, problem };
  };

  const flush = async (bytes: number) => {
    const all = pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending, pendingBytes);
    const data = all.subarray(0, bytes);
    // Copied, so the 1 MiB just written is not kept alive by a small remainder.
    pending = all.length > bytes ? [Buffer.from(all.subarray(bytes))] : [];
    pendingBytes -= bytes;
    if (fileId === undefined) {
      // The row first, for the chunks' foreign key; size, digest (and a zip's type) are set at the end.
      const provisional = type ?? PROVISIONAL_TYPE;
      const row = await trx
        .insertInto('files')
        .values({
          filename: safeFilename(upload.filename, provisional),
          content_type: provisional,
          size_bytes: size,
          sha256: PROVISIONAL_SHA256,
          uploaded_by: uploadedBy,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      fileId = row.id;
    }
    await trx.insertInto('file_chunks').values({ file_id: fileId, seq: seq++, data }).execute();
  };

  // destroyOnReturn: false — leaving the loop early must not destroy the part, or the multipart
  // parser would stop reading the request and it would never complete.
  let problem: UploadProblem | undefined;
  try {
    for await (const piece of readable.iterator({ destroyOnReturn: false })) {
      const chunk: Buffer = Buffer.isBuffer(piece) ? piece : Buffer.from(piece);
      size += chunk.length;
      if (source.truncated || size > MAX_UPLOAD_BYTES) {
        problem = 'too_large';
        break;
      }
      hash.update(chunk);
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (type === undefined && probe === undefined) {
        if (pendingBytes < SNIFF_BYTES) continue;
        const sniffed = await sniff(Buffer.concat(pending, pendingBytes), false);
        if ('refuse' in sniffed) {
          problem = 'type_not_allowed';
          break;
        }
        if ('type' in sniffed) type = sniffed.type;
        else {
          probe = new ZipProbe();
          for (const b of pending) await probe.feed(b);
        }
      } else if (probe !== undefined) await probe.feed(chunk);
      if (probe?.verdict !== undefined) {
        if (probe.verdict === null) {
          problem = 'type_not_allowed';
          break;
        }
        type = probe.verdict;
        probe = undefined;
      }
      while (pendingBytes >= CHUNK_BYTES) await flush(CHUNK_BYTES);
    }
  } catch (err) {
    // An upload cut off, or a failed query. Inside a transaction the caller's rollback undoes
    // everything (and this delete fails harmlessly); on a bare Db it removes the partial file.
    probe?.abort();
    readable.resume();
    if (fileId !== undefined) {
      await trx
        .deleteFrom('files')
        .where('id', '=', fileId)
        .execute()
        .catch(() => {});
    }
    throw err;
  }
  if (problem !== undefined) return refuse(problem);

  // busboy may set `truncated` without a last chunk to deliver.
  if (source.truncated) return refuse('too_large');
  if (size === 0) return refuse('empty');
  if (type === undefined && probe === undefined) {
    // Shorter than the sample: the whole file is at hand and the answer is final.
    const sniffed = await sniff(Buffer.concat(pending, pendingBytes), true);
    if (!('type' in sniffed)) return refuse('type_not_allowed');
    type = sniffed.type;
  }
  if (probe !== undefined) {
    const verdict = await probe.end();
    if (verdict === null) return refuse('type_not_allowed');
    type = verdict;
  }
  if (type === undefined) throw new Error('unreachable: type undecided at the end of the upload');

  const contentType = type;
  const sha256 = hash.digest('hex');
  const filename = safeFilename(upload.filename, contentType);
  // A PDF or DOCX waits for the job that reads its text for search (text.ts).
  const text_state = (TEXT_TYPES as readonly string[]).includes(contentType) ? ('pending' as const) : ('none' as const);
  if (fileId === undefined) {
    // Within the first chunk: one row with the final values, then its one chunk.
    const row = await trx
      .insertInto('files')
      .values({ filename, content_type: contentType, size_bytes: size, sha256, uploaded_by: uploadedBy, text_state })
      .returning('id')
      .executeTakeFirstOrThrow();
    fileId = row.id;
  } else {
    await trx
      .updateTable('files')
      .set({ filename, content_type: contentType, size_bytes: size, sha256, text_state })
      .where('id', '=', fileId)
      .execute();
  }
  if (pendingBytes > 0) await flush(pendingBytes);
  return { ok: true, file: { id: fileId, filename, contentType, size, sha256 } };
}

/** `filename="…"` (ASCII, for old clients) and `filename*=UTF-8''…` (RFC 6266 / RFC 5987). */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  // '%' too: some clients percent-decode the plain parameter.
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  // encodeURIComponent leaves ' ( ) * as they are, which RFC 5987's attr-char does not allow.
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

// Nothing in a served file may run, load anything, or act as our origin.
const FILE_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox";

/** Chunks in order, one query each, only as fast as the client takes them. */
async function* chunksOf(db: Db, fileId: string, size: number): AsyncGenerator<Buffer> {
  let next = 0;
  let sent = 0;
  for (;;) {
    const row = await db
      .selectFrom('file_chunks')
      .select(['seq', 'data'])
      .where('file_id', '=', fileId)
      .where('seq', '>=', next)
      .orderBy('seq')
      .limit(1)
      .executeTakeFirst();
    if (!row) break;
    next = row.seq + 1;
    sent += row.data.length;
    yield row.data;
  }
  // Content-Length is already sent: a short file must break the connection, not end it cleanly.
  if (sent !== size) throw new Error(`file ${fileId}: chunks hold ${sent} bytes, the row says ${size}`);
}

const BIGINT_MAX = 9223372036854775807n;

/** Sends a stored file: streams its chunks one query at a time; Content-Disposition with an RFC 6266/5987 filename (non-ASCII names like «Баяндама.pdf» must work), X-Content-Type-Options: nosniff, a restrictive Content-Security-Policy (sandbox), Content-Length, ETag = sha256; 404 when unknown. `download` true → attachment, false → inline (only for images and PDF). */
export async function sendStoredFile(
  reply: FastifyReply,
  db: Db,
  fileId: string,
  opts: { download: boolean },
): Promise<FastifyReply> {
  // Anything but a bigint would make PostgreSQL fail the query (a 500) instead of finding nothing.
  if (!/^[1-9][0-9]{0,18}$/.test(fileId) || BigInt(fileId) > BIGINT_MAX) throw notFound(`file ${fileId}`);
  const file = await db
    .selectFrom('files')
    .select(['id', 'filename', 'content_type', 'size_bytes', 'sha256'])
    .where('id', '=', fileId)
    .executeTakeFirst();
  if (!file) throw notFound(`file ${fileId}`);

  const etag = `"${file.sha256}"`;
  const inline = !opts.download && INLINE.has(file.content_type);
  reply
    .header('content-type', file.content_type)
    .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', file.filename))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', FILE_CSP)
    .header('etag', etag)
    // Files may be restricted to members: no shared cache keeps them; the ETag makes revalidation cheap.
    .header('cache-control', 'private, no-cache');

  const ifNoneMatch = reply.request.headers['if-none-match'];
  if (ifNoneMatch?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
    return reply.code(304).send();
  }
  reply.header('content-length', file.size_bytes);
  // Fastify's HEAD route would read a real stream to its end (every chunk from the database), and
  // with no payload at all it would say Content-Length: 0; an empty stream keeps ours.
  if (reply.request.method === 'HEAD') return reply.send(Readable.from([]));
  return reply.send(Readable.from(chunksOf(db, file.id, Number(file.size_bytes)), { objectMode: false }));
}
