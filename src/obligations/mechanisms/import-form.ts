import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkedParts, formatSize } from '../../core/files/upload.ts';
import { HttpError } from '../../core/http/http-error.ts';
import type { I18n } from '../../core/i18n/i18n.ts';
import { decodeUtf8, MAX_RATIFICATION_BYTES } from './ratifications-csv.ts';

/** What an import form carried: the pasted table and/or the chosen file. */
export interface ImportForm {
  pasted: string;
  file: { filename: string; bytes: Buffer; tooLarge: boolean } | undefined;
}

/**
 * Reads the import form. A multipart body is streamed, so the global CSRF hook cannot see it: the
 * token must come first and is checked here before the file is read (the route is registered with
 * `csrfInHandler`). The file is kept in memory only up to the limit; the rest is drained.
 */
export async function readImportForm(
  app: FastifyInstance,
  req: FastifyRequest,
  reply: FastifyReply,
  lang: string,
): Promise<ImportForm | undefined> {
  if (!req.isMultipart()) {
    const body = (req.body ?? {}) as Record<string, unknown>;
    return { pasted: typeof body.csv === 'string' ? body.csv : '', file: undefined };
  }
  if (Number(req.headers['content-length'] ?? 0) > 4 * MAX_RATIFICATION_BYTES)
    throw new HttpError(413, 'ratification table too large', 'mechanisms.import.tooLarge', {
      size: formatSize(MAX_RATIFICATION_BYTES, lang),
    });
  const form: ImportForm = { pasted: '', file: undefined };
  let csrfChecked = false;
  for await (const part of checkedParts(app, req, reply)) {
    if (part.type === 'field') {
      if (part.fieldname === '_csrf') csrfChecked = true;
      else if (part.fieldname === 'csv') form.pasted = typeof part.value === 'string' ? part.value : '';
      continue;
    }
    form.file = await readLimited(part);
  }
  if (reply.sent) return undefined;
  if (!csrfChecked) throw new HttpError(403, 'no CSRF token', 'error.csrf');
  return form;
}

async function readLimited(part: MultipartFile) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of part.file as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_RATIFICATION_BYTES) chunks.push(chunk);
  }
  return {
    filename: part.filename,
    bytes: Buffer.concat(chunks),
    tooLarge: size > MAX_RATIFICATION_BYTES || part.file.truncated,
  };
}

/**
 * The table an import form asks to import, with its name and the field it came in (where a problem
 * of the whole table is shown), or why the form is refused and at which field. `pasted` is what the
 * form shows again.
 */
export type RatificationSource = { field: 'file' | 'csv'; pasted: string } & (
  | { ok: true; text: string; filename: string }
  | { ok: false; message: string }
);

/** The file, or else the pasted table; refused when too large, both were given, the file is not UTF-8 text, or nothing was. */
export function ratificationSource(form: ImportForm, i18n: I18n): RatificationSource {
  const pasted = form.pasted.length > MAX_RATIFICATION_BYTES ? '' : form.pasted;
  const refuse = (field: 'file' | 'csv', message: string): RatificationSource => ({
    ok: false,
    field,
    message,
    pasted,
  });
  const file = form.file && (form.file.filename !== '' || form.file.bytes.length > 0) ? form.file : undefined;
  if (form.pasted.length > MAX_RATIFICATION_BYTES || file?.tooLarge)
    return refuse(
      file ? 'file' : 'csv',
      i18n.t('mechanisms.import.tooLarge', { size: formatSize(MAX_RATIFICATION_BYTES, i18n.lang) }),
    );
  if (file && pasted.trim() !== '') return refuse('csv', i18n.t('mechanisms.import.both'));
  if (file) {
    const decoded = decodeUtf8(file.bytes);
    if (decoded === undefined) return refuse('file', i18n.t('mechanisms.import.notText'));
    return { ok: true, field: 'file', text: decoded, filename: file.filename || 'ratifications.csv', pasted };
  }
  if (pasted.trim() !== '') return { ok: true, field: 'csv', text: pasted, filename: '(pasted)', pasted };
  return refuse('file', i18n.t('mechanisms.import.nothing'));
}
