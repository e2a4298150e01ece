import type { Multipart } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import type { FieldErrors } from '../http/forms.ts';
import { HttpError } from '../http/http-error.ts';
import { assertStorablePart } from '../http/input-guard.ts';
import { numberFormat } from '../i18n/formats.ts';
import type { I18n } from '../i18n/i18n.ts';
import { MAX_UPLOAD_BYTES, type StoredFile, storeFile } from './files.ts';

/** "20 MB" in the reader's language. */
export function formatSize(bytes: number, lang: string): string {
  return numberFormat(lang, {
    style: 'unit',
    unit: bytes >= 1048576 ? 'megabyte' : 'kilobyte',
    maximumFractionDigits: 1,
  }).format(bytes >= 1048576 ? bytes / 1048576 : Math.max(1, Math.round(bytes / 1024)));
}

export type UploadResult =
  | { ok: true }
  | { ok: false; errors: FieldErrors; fields: Record<string, string> }
  | { sent: true };

/**
 * The parts of a streamed multipart form, checked as the global hooks check every other form (they
 * cannot see a streamed body): text PostgreSQL cannot store is refused (assertStorablePart), and the
 * CSRF token is read from the `_csrf` field, which must come before any file — so nothing of a file is
 * read for a forged request. Routes that use this are registered with `csrfInHandler`. Every part is
 * yielded, `_csrf` included; if the CSRF check answered the request itself, the parts stop and
 * `reply.sent` is true.
 */
export async function* checkedParts(
  app: FastifyInstance,
  req: FastifyRequest,
  reply: FastifyReply,
  limits?: { fileSize: number; files: number },
): AsyncGenerator<Multipart> {
  let csrfChecked = false;
  for await (const part of limits ? req.parts({ limits }) : req.parts()) {
    assertStorablePart(part);
    if (part.type === 'field' && part.fieldname === '_csrf') {
      (req as unknown as { body: unknown }).body = { _csrf: part.value };
      await new Promise<void>((resolve, reject) =>
        app.csrfProtection(req, reply, (err?: Error) => (err ? reject(err) : resolve())),
      );
      if (reply.sent) return;
      csrfChecked = true;
    } else if (part.type === 'file' && !csrfChecked) {
      throw new HttpError(403, 'no CSRF token before the file', 'error.csrf');
    }
    yield part;
  }
}

/** What `attach` answers: nothing when the file is linked, or the form's errors (the upload is then undone). */
type Attached = Promise<FieldErrors | undefined> | Promise<void>;

/** What `receiveUpload` needs besides the request: who uploads, the other fields' check and the owner's link. */
export type UploadOptions = {
  db: Db;
  i18n: I18n;
  uploadedBy: string;
  validate: (fields: Record<string, string>) => FieldErrors | undefined;
} & (
  | {
      optional?: false;
      /** Links the file to its owner; errors it returns undo the upload and come back with the form. */
      attach: (trx: Db, file: StoredFile, fields: Record<string, string>) => Attached;
    }
  | {
      /** The form may come without a file (its file field left empty): `attach` then gets null. */
      optional: true;
      attach: (trx: Db, file: StoredFile | null, fields: Record<string, string>) => Attached;
    }
);

/** Errors `attach` returned: thrown to roll the upload's transaction back. */
class Refused extends Error {
  constructor(readonly errors: FieldErrors) {
    super('refused');
  }
}

/** `attach` in one transaction: a refusal rolls the stored file back and comes back as the form's errors. */
async function attachInTransaction(
  db: Db,
  fields: Record<string, string>,
  // The file's refusal (an UploadResult), attach's errors (FieldErrors) or nothing (linked).
  run: (trx: Db) => Promise<unknown>,
): Promise<UploadResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      const outcome = await run(trx);
      if (!outcome || typeof outcome !== 'object') return { ok: true } as const;
      if ('ok' in outcome) return outcome as UploadResult;
      throw new Refused(outcome as FieldErrors);
    });
  } catch (err) {
    if (err instanceof Refused) return { ok: false, errors: err.errors, fields };
    throw err;
  }
}

/**
 * Receives a form with one file, streamed. The global CSRF hook cannot see a streamed body, so the
 * token is checked here from the form's first field, before the file is read (routes that use this
 * are registered with `csrfInHandler`). `validate` checks the other fields; `attach` links the stored
 * file to its owner inside the same transaction, so a refusal leaves nothing behind (`optional`: the
 * file may be left out).
 */
export async function receiveUpload(
  app: FastifyInstance,
  req: FastifyRequest,
  reply: FastifyReply,
  opts: UploadOptions,
): Promise<UploadResult> {
  const { i18n } = opts;
  if (!req.isMultipart()) throw new HttpError(415);
  // Far over the limit: refused before a byte of the body is read.
  if (Number(req.headers['content-length'] ?? 0) > MAX_UPLOAD_BYTES + 1024 * 1024) {
    throw new HttpError(413, 'upload too large', 'documents.tooLarge', {
      size: formatSize(MAX_UPLOAD_BYTES, i18n.lang),
    });
  }
  const fields: Record<string, string> = {};
  let result: UploadResult | undefined;
  for await (const part of checkedParts(app, req, reply)) {
    if (part.type === 'field') {
      if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      continue;
    }
    const errors = opts.validate(fields);
    if (errors) {
      part.file.resume();
      result = { ok: false, errors, fields };
      continue;
    }
    // A file field left empty: the browser sends a part without a name or content.
    if (opts.optional && part.filename === '') {
      part.file.resume();
      continue;
    }
    result = await attachInTransaction(opts.db, fields, async (trx) => {
      const stored = await storeFile(trx, { filename: part.filename, file: part.file }, opts.uploadedBy);
      if (!stored.ok) {
        const key = (
          {
            too_large: 'documents.tooLarge',
            type_not_allowed: 'documents.typeNotAllowed',
            empty: 'documents.empty',
            no_file: 'documents.noFile',
          } as const
        )[stored.problem];
        return { ok: false, errors: { file: i18n.t(key, { size: formatSize(MAX_UPLOAD_BYTES, i18n.lang) }) }, fields };
      }
      return opts.attach(trx, stored.file, fields);
    });
  }
  if (reply.sent) return { sent: true };
  if (result) return result;
  if (!opts.optional) return { ok: false, errors: { file: i18n.t('documents.noFile') }, fields };
  const errors = opts.validate(fields);
  if (errors) return { ok: false, errors, fields };
  const { attach } = opts;
  return attachInTransaction(opts.db, fields, (trx) => attach(trx, null, fields));
}
