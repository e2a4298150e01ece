import type { Db } from '../../core/db/database.ts';

export function communiqueOf(db: Db, meetingId: string) {
  return db
    .selectFrom('communiques')
    .select(['id', 'title', 'body', 'published_at as publishedAt', 'updated_at as updatedAt'])
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
}
