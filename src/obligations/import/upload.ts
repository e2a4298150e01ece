import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkedParts, formatSize } from '../../core/files/upload.ts';
import { HttpError } from '../../core/http/http-error.ts';
import type { I18n } from '../../core/i18n/i18n.ts';
import { isEncoding } from './decode.ts';
import { MAX_FILE_BYTES } from './limits.ts';
import { ImportProblem } from './problem.ts';
import { reasonText } from './reason-text.ts';
import { receiveImportFile } from './receive.ts';

/** A new import, or the reason the file was refused (for the form's `file` field). */
export type UploadOutcome = { id: string } | { error: string };

/** Refuses what cannot be an upload before any of the body is read: not multipart (415) or too large (413). */
export function refuseUnlessUpload(req: FastifyRequest, i18n: I18n): void {
  if (!req.isMultipart()) throw new HttpError(415);
  if (Number(req.headers['content-length'] ?? 0) > MAX_FILE_BYTES + 1024 * 1024) {
    throw new HttpError(413, 'import too large', 'import.error.tooLarge', {
      size: formatSize(MAX_FILE_BYTES, i18n.lang),
    });
  }
}

/**
 * The upload: streamed into PostgreSQL as it arrives (receiveImportFile); the CSRF token is checked
 * from the form's first field before any of the file is read (the global hook cannot see a streamed
 * body). Undefined when the CSRF check has already answered.
 */
export async function receiveUploadedImport(
  app: FastifyInstance,
  req: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  i18n: I18n,
): Promise<UploadOutcome | undefined> {
  const fields: Record<string, string> = {};
  let outcome: UploadOutcome | undefined;
  for await (const part of checkedParts(app, req, reply, { fileSize: MAX_FILE_BYTES, files: 1 })) {
    if (part.type === 'field') {
      if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      continue;
    }
    if (outcome || part.filename === '') {
      part.file.resume();
      continue;
    }
    const file = part.file;
    const bytes = (async function* () {
      for await (const chunk of file) yield chunk as Buffer;
      // busboy stops at the limit and marks the stream, rather than failing it.
      if (file.truncated) throw new ImportProblem('import.error.tooLarge', { size: MAX_FILE_BYTES });
    })();
    try {
      const encoding = isEncoding(fields.encoding) ? fields.encoding : undefined;
      const received = await receiveImportFile(app.db, {
        filename: part.filename,
        userId,
        bytes,
        store: true,
        ...(encoding ? { encoding } : {}),
      });
      outcome = { id: received.id };
    } catch (err) {
      if (!(err instanceof ImportProblem)) throw err;
      // Let the rest of the upload flow to nowhere, so the request completes and we can answer.
      file.resume();
      outcome = { error: reasonText(i18n, err.reason) };
    }
  }
  if (reply.sent) return undefined;
  return outcome ?? { error: i18n.t('import.error.noFile') };
}
