import type { Db } from '../../core/db/database.ts';
import { fileColumn } from '../../core/files/columns.ts';
import type { Translated } from '../../core/i18n/translated.ts';

export interface DocumentRow {
  id: string;
  agendaItemId: string | null;
  fileId: string;
  title: Translated;
  filename: string;
  contentType: string;
  sizeBytes: string;
}

export function documentsOf(db: Db, meetingId: string): Promise<DocumentRow[]> {
  return db
    .selectFrom('meeting_documents as d')
    .select([
      'd.id',
      'd.agenda_item_id as agendaItemId',
      'd.file_id as fileId',
      'd.title',
      fileColumn('d.file_id', 'filename').as('filename'),
      fileColumn('d.file_id', 'contentType').as('contentType'),
      fileColumn('d.file_id', 'sizeBytes').as('sizeBytes'),
    ])
    .where('d.meeting_id', '=', meetingId)
    .orderBy('d.id')
    .execute();
}
