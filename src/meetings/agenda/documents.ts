import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { insertAudited } from '../../core/audited-writes.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { StoredFile } from '../../core/files/files.ts';
import { receiveUpload, type UploadResult } from '../../core/files/upload.ts';
import { collectTranslated, parseForm } from '../../core/http/forms.ts';
import { HttpError } from '../../core/http/http-error.ts';
import type { I18n } from '../../core/i18n/i18n.ts';
import type { MeetingDetail } from '../queries.ts';
import { DocumentFields } from '../schema.ts';
import { isAgendaItemOf } from '../use-case.ts';
import { agendaOpen } from '../workflow.ts';

/**
 * Adds a document to a meeting (to one of its agenda items, if the form names one): the file is
 * streamed into core's file store, and in the same transaction the document row and its audit entry
 * are written, so a refusal leaves nothing behind. Only while the agenda is open (else 409).
 */
export async function uploadDocument(
  app: FastifyInstance,
  req: FastifyRequest,
  reply: FastifyReply,
  opts: { db: Db; user: CurrentUser; meeting: MeetingDetail; i18n: I18n },
): Promise<UploadResult> {
  const { db, user, meeting, i18n } = opts;
  if (!agendaOpen(meeting.status)) throw new HttpError(409, 'documents closed', 'agenda.locked');
  return receiveUpload(app, req, reply, {
    db,
    i18n,
    uploadedBy: user.id,
    validate: (fields) => {
      const form = parseForm(DocumentFields, fields, i18n);
      return form.ok ? undefined : form.errors;
    },
    attach: (trx, file, fields) => attachDocument(trx, user, meeting.id, file, fields),
  });
}

async function attachDocument(
  trx: Db,
  user: CurrentUser,
  meetingId: string,
  file: StoredFile,
  fields: Record<string, string>,
) {
  const form = DocumentFields.parse(fields);
  if (form.agendaItemId && !(await isAgendaItemOf(trx, meetingId, form.agendaItemId))) {
    throw new HttpError(422, 'agenda item of another meeting');
  }
  await insertAudited(trx, user, {
    table: 'meeting_documents',
    values: {
      meeting_id: meetingId,
      agenda_item_id: form.agendaItemId ?? null,
      file_id: file.id,
      title: JSON.stringify(collectTranslated(form, 'title')),
    },
    entity: 'meeting_document',
    after: { meetingId, file },
  });
}
