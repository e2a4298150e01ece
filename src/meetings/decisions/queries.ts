import type { Db } from '../../core/db/database.ts';

export function decisionsOf(db: Db, meetingId: string) {
  return db
    .selectFrom('decisions')
    .select(['id', 'agenda_item_id as agendaItemId', 'text'])
    .where('meeting_id', '=', meetingId)
    .orderBy('id')
    .execute();
}
