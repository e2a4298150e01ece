import { can } from '../../core/auth/policy.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import { currentPeopleOf } from '../../organisations/index.ts';
import { proposalsOfMeeting } from '../../proposals/index.ts';
import { documentsOf } from '../agenda/queries.ts';
import { attendanceOf } from '../attendance/queries.ts';
import { communiqueOf } from '../communique/queries.ts';
import { decisionsOf } from '../decisions/queries.ts';
import { invitationsOf } from '../invitations/queries.ts';
import { latestMinutes } from '../minutes/queries.ts';
import { agendaOf, type MeetingDetail, tasksOfMeeting } from '../queries.ts';
import { maySee } from '../visibility.ts';
import { MANUAL, TRANSITIONS } from '../workflow.ts';
import type { MeetingPageData } from './meeting-page.tsx';

/** Everything the meeting page shows: a fixed number of queries whatever the lists hold. */
export async function meetingPageData(
  db: Db,
  user: CurrentUser | null,
  meeting: MeetingDetail,
  forms?: MeetingPageData['forms'],
): Promise<MeetingPageData> {
  const staff = can(user, 'run-meetings');
  const orgId = user?.organisationId ?? null;
  const actsForOrg = Boolean(orgId) && can(user, 'act-for-organisation', { organisationId: orgId });
  const [agenda, documents, attendance, invitations, decisions, tasks, minutes, communique, myPeople, proposals] =
    await Promise.all([
      agendaOf(db, meeting.id),
      documentsOf(db, meeting.id),
      attendanceOf(db, meeting.id),
      staff || actsForOrg ? invitationsOf(db, meeting.id) : Promise.resolve([]),
      decisionsOf(db, meeting.id),
      tasksOfMeeting(db, meeting.id),
      maySee(user, 'approvedMinutes', meeting) ? latestMinutes(db, meeting.id) : Promise.resolve(undefined),
      communiqueOf(db, meeting.id),
      orgId && actsForOrg ? currentPeopleOf(db, orgId) : Promise.resolve([]),
      proposalsOfMeeting(db, meeting.id),
    ]);
  const mine = orgId ? invitations.find((i) => i.organisationId === orgId) : undefined;
  return {
    meeting,
    agenda,
    documents,
    attendance,
    invitations: staff ? invitations : undefined,
    myInvitation:
      mine && can(user, 'act-for-organisation', { organisationId: orgId })
        ? {
            invitation: mine,
            people: myPeople,
            delegates: attendance.filter((a) => a.organisationId === orgId).map((a) => a.personId),
          }
        : undefined,
    decisions,
    tasks,
    minutes,
    communique: communique && maySee(user, 'communique', meeting) ? communique : undefined,
    transitions: TRANSITIONS[meeting.status].filter((s) => MANUAL.includes(s)),
    proposals,
    forms,
  };
}
