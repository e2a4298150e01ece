import type { Db } from '../../core/db/database.ts';
import { organisationChoices, peopleWithPositions } from '../../organisations/index.ts';
import { invitationsOf } from '../invitations/queries.ts';
import { registerLines } from './prefill.ts';
import { attendanceOf } from './queries.ts';

/**
 * What the register page shows: its lines (for staff, pre-filled from the invitations), and for the
 * add form the organisations and, once one is chosen, only its people. Four queries at most.
 */
export async function attendancePageData(db: Db, meetingId: string, staff: boolean, organisationId?: string) {
  const [rows, invitations, organisations, people] = await Promise.all([
    attendanceOf(db, meetingId),
    staff ? invitationsOf(db, meetingId) : Promise.resolve([]),
    staff ? organisationChoices(db) : Promise.resolve([]),
    staff ? peopleWithPositions(db) : Promise.resolve([]),
  ]);
  const chosen = organisations.find((o) => o.id === organisationId);
  return {
    lines: staff
      ? registerLines(rows, invitations, people)
      : rows.map((row) => ({ kind: 'registered' as const, row, answer: undefined })),
    organisations,
    chosen,
    people: chosen ? people.filter((p) => p.organisationId === chosen.id) : [],
  };
}
