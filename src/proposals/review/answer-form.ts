import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { UploadResult } from '../../core/files/upload.ts';
import { receiveUpload } from '../../core/files/upload.ts';
import { formValues, parseForm, withTranslated } from '../../core/http/forms.ts';
import type { I18n } from '../../core/i18n/i18n.ts';
import { AnswerInput } from '../schema.ts';
import { answerProposal, recordAnswer } from './use-cases.ts';

type AnswerForm = ReturnType<typeof AnswerInput.parse>;
const answerData = (d: AnswerForm) => withTranslated(d, ['reasons']);

/**
 * A state body's answer as the page sends it: a multipart form with the official letter (optional,
 * streamed into core's file store and linked to the answer in the answer's transaction), or a plain
 * form without one. Either way the answer of `answerProposal`, as an upload's result.
 */
export async function receiveAnswer(
  app: FastifyInstance,
  req: FastifyRequest<{ Params: { id: string } }>,
  reply: FastifyReply,
  user: CurrentUser,
  i18n: I18n,
  publicUrl: string,
): Promise<UploadResult> {
  const id = req.params.id;
  if (req.isMultipart())
    return receiveUpload(app, req, reply, {
      db: app.db,
      i18n,
      uploadedBy: user.id,
      optional: true,
      validate: (fields) => {
        const form = parseForm(AnswerInput, fields, i18n);
        return form.ok ? undefined : form.errors;
      },
      attach: async (trx, letter, fields) => {
        const outcome = await recordAnswer(
          trx,
          user,
          id,
          { ...answerData(AnswerInput.parse(fields)), letter },
          i18n,
          publicUrl,
        );
        return outcome.ok ? undefined : outcome.errors;
      },
    });
  const fields = formValues(req.body);
  const form = parseForm(AnswerInput, req.body, i18n);
  const outcome = form.ok ? await answerProposal(app.db, user, id, answerData(form.data), i18n, publicUrl) : form;
  return outcome.ok ? { ok: true } : { ok: false, errors: outcome.errors, fields };
}
