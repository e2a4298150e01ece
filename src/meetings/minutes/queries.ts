import { userDisplayName } from '../../accounts/index.ts';
import type { Db } from '../../core/db/database.ts';

/** Organisations with someone present or online: they may correct the minutes. */
export async function attendingOrganisationIds(db: Db, meetingId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('attendance')
    .select('organisation_id')
    .distinct()
    .where('meeting_id', '=', meetingId)
    .where('presence', 'in', ['present', 'online'])
    .execute();
  return rows.map((r) => r.organisation_id);
}

/** The latest version of the minutes, if any (the meeting page; the next version builds on it). */
export function latestMinutes(db: Db, meetingId: string) {
  return db
    .selectFrom('minutes_versions')
    .select(['version', 'content'])
    .where('meeting_id', '=', meetingId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function minutesVersions(db: Db, meetingId: string) {
  return db
    .selectFrom('minutes_versions as v')
    .select([
      'v.id',
      'v.version',
      'v.content',
      'v.note',
      'v.created_at as createdAt',
      userDisplayName('v.created_by').as('author'),
    ])
    .where('v.meeting_id', '=', meetingId)
    .orderBy('v.version', 'desc')
    .execute();
}

export function correctionsOf(db: Db, meetingId: string) {
  return db
    .selectFrom('minutes_corrections as c')
    .innerJoin('minutes_versions as v', 'v.id', 'c.version_id')

    .select([
      'c.id',
      'c.agenda_item_id as agendaItemId',
      'c.text',
      'c.status',
      'c.created_at as createdAt',
      'v.version',
      userDisplayName('c.author_id').as('author'),
    ])
    .where('c.meeting_id', '=', meetingId)
    .orderBy('c.id')
    .execute();
}
