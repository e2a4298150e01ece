import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Db } from '../db/database.ts';
import { type FieldErrors, parseForm } from '../http/forms.ts';
import { langRoute } from '../http/pages.ts';
import type { StoredFile } from './files.ts';
import { receiveUpload, type UploadOptions, type UploadResult } from './upload.ts';

/**
 * `receiveUpload` for a form whose other fields a schema checks: their errors come in the user's
 * language, and `attach` gets them parsed.
 */
export function receiveFormUpload<S extends z.ZodType>(
  app: FastifyInstance,
  req: FastifyRequest,
  reply: FastifyReply,
  opts: Pick<UploadOptions, 'db' | 'i18n' | 'uploadedBy'> & {
    schema: S;
    attach: (trx: Db, file: StoredFile, data: z.output<S>) => Promise<unknown>;
  },
): Promise<UploadResult> {
  const { schema, attach, ...rest } = opts;
  return receiveUpload(app, req, reply, {
    ...rest,
    validate: (fields) => {
      const form = parseForm(schema, fields, opts.i18n);
      return form.ok ? undefined : form.errors;
    },
    attach: async (trx, file, fields) => {
      await attach(trx, file, schema.parse(fields));
      return undefined;
    },
  });
}

/**
 * The answer to an upload: none more if the CSRF check gave it; the page again (422) with what was
 * typed and what is wrong; else `done` (a message and a redirect, as a rule).
 */
export function answerUpload<Invalid, Done>(
  reply: FastifyReply,
  result: UploadResult,
  invalid: (form: { values: Record<string, string>; errors: FieldErrors }) => Invalid,
  done: () => Done,
): Invalid | Done | FastifyReply {
  if ('sent' in result) return reply;
  if (!result.ok) {
    reply.code(422);
    return invalid({ values: result.fields, errors: result.errors });
  }
  return done();
}

/**
 * A POST that receives a streamed upload, under every language. The global CSRF hook cannot see a
 * streamed body, so `receiveUpload` checks the token itself (`csrfInHandler`).
 */
export function uploadRoute<P>(app: FastifyInstance, path: string, handler: Parameters<typeof langRoute<P>>[3]) {
  langRoute<P>(app, 'POST', path, handler, { csrfInHandler: true });
}
