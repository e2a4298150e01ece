import type { Db } from '../../core/db/database.ts';
import type { OrganisationCategory } from '../../core/db/schema.ts';
import type { Translated } from '../../core/i18n/translated.ts';

export interface AttendanceRow {
  id: string;
  personId: string;
  personName: Translated;
  organisationId: string;
  organisationName: Translated;
  organisationShortName: Translated;
  category: OrganisationCategory;
  role: 'member' | 'observer' | 'guest' | 'presenter';
  presence: 'expected' | 'present' | 'online' | 'absent';
}

/** The register of a meeting, in one query. */
export function attendanceOf(db: Db, meetingId: string): Promise<AttendanceRow[]> {
  return db
    .selectFrom('attendance as a')
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select([
      'a.id',
      'a.person_id as personId',
      'p.full_name as personName',
      'a.organisation_id as organisationId',
      'o.name as organisationName',
      'o.short_name as organisationShortName',
      'o.category',
      'a.role',
      'a.presence',
    ])
    .where('a.meeting_id', '=', meetingId)
    .orderBy('o.category')
    .orderBy('a.id')
    .execute();
}
