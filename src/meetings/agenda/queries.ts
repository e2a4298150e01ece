import type { Db } from '../../core/db/database.ts';
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
    .innerJoin('files as f', 'f.id', 'd.file_id')
    .select([
      'd.id',
      'd.agenda_item_id as agendaItemId',
      'd.file_id as fileId',
      'd.title',
      'f.filename',
      'f.content_type as contentType',
      'f.size_bytes as sizeBytes',
    ])
    .where('d.meeting_id', '=', meetingId)
    .orderBy('d.id')
    .execute();
}
