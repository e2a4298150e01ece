import type { FileOwner } from '../core/extensions.ts';
import { maySee } from './visibility.ts';

/** A meeting's documents: downloadable by whoever may see the meeting's documents (visibility.ts). */
export const meetingDocumentFiles: FileOwner = {
  kind: 'meeting-document',
  async mayDownload(db, reader, fileId) {
    const meetings = await db
      .selectFrom('meeting_documents as d')
      .innerJoin('meetings as m', 'm.id', 'd.meeting_id')
      .select(['m.status', 'm.visibility'])
      .where('d.file_id', '=', fileId)
      .execute();
    return meetings.some((m) => maySee(reader, 'documents', m));
  },
};
