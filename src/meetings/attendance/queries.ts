import type { Db } from '../../core/db/database.ts';
import type { OrganisationCategory } from '../../core/db/schema.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { organisationColumn, personName } from '../../organisations/index.ts';

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
    .select([
      'a.id',
      'a.person_id as personId',
      personName('a.person_id').$castTo<Translated>().as('personName'),
      'a.organisation_id as organisationId',
      organisationColumn('a.organisation_id', 'name').as('organisationName'),
      organisationColumn('a.organisation_id', 'shortName').as('organisationShortName'),
      organisationColumn('a.organisation_id', 'category').as('category'),
      'a.role',
      'a.presence',
    ])
    .where('a.meeting_id', '=', meetingId)
    .orderBy(organisationColumn('a.organisation_id', 'category'))
    .orderBy('a.id')
    .execute();
}
