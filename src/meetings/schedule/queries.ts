import { can } from '../../core/auth/policy.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import { ID_PATTERN } from '../../core/http/forms.ts';
import type { SharedReads } from '../../core/http/shared-reads.ts';
import { currentPeopleOf } from '../../organisations/index.ts';
import { proposalsOfMeeting } from '../../proposals/index.ts';
import { documentsOf } from '../agenda/queries.ts';
import { attendanceOf } from '../attendance/queries.ts';
import { communiqueOf } from '../communique/queries.ts';
import { decisionsOf } from '../decisions/queries.ts';
import { invitationsOf } from '../invitations/queries.ts';
import { latestMinutes } from '../minutes/queries.ts';
import { agendaOf, meetingById, tasksOfMeeting } from '../queries.ts';
import { type Audience, audienceOf, seenBy } from '../visibility.ts';
import { MANUAL, TRANSITIONS } from '../workflow.ts';
import type { MeetingPageData } from './meeting-page-data.ts';

/*
 * The meeting page's reads (issue 15, decision 0022): what every reader of one audience sees (the
 * meeting and its parts, as visibility.ts lets that audience see them) is read once per meeting and
 * audience while nothing changes, under a key naming both; what depends on the reader's organisation
 * (its invitation, its people) once per meeting and organisation. A fixed number of queries, whatever
 * the lists hold.
 */

/** What the meeting page shows to every reader of an audience. */
export type MeetingShared = Omit<MeetingPageData, 'myInvitation' | 'forms'>;

/** The meeting and what `audience` may see of it, or null when that audience may not see the meeting. */
async function meetingForAudience(db: Db, id: string, audience: Audience): Promise<MeetingShared | null> {
  const meeting = await meetingById(db, id);
  if (!meeting || !seenBy(audience, 'meeting', meeting)) return null;
  const [agenda, documents, attendance, invitations, decisions, tasks, minutes, communique, proposals] =
    await Promise.all([
      agendaOf(db, meeting.id),
      documentsOf(db, meeting.id),
      attendanceOf(db, meeting.id),
      audience === 'staff' ? invitationsOf(db, meeting.id) : Promise.resolve(undefined),
      decisionsOf(db, meeting.id),
      tasksOfMeeting(db, meeting.id),
      seenBy(audience, 'approvedMinutes', meeting) ? latestMinutes(db, meeting.id) : Promise.resolve(undefined),
      seenBy(audience, 'communique', meeting) ? communiqueOf(db, meeting.id) : Promise.resolve(undefined),
      proposalsOfMeeting(db, meeting.id),
    ]);
  return {
    meeting,
    agenda,
    documents,
    attendance,
    invitations,
    decisions,
    tasks,
    minutes,
    communique,
    transitions: TRANSITIONS[meeting.status].filter((s) => MANUAL.includes(s)),
    proposals,
  };
}

/** The meeting's page for this reader's audience (kept), or null when they may not see it (404). */
export function readableMeetingPage(
  shared: SharedReads,
  db: Db,
  user: CurrentUser | null,
  id: string,
): Promise<MeetingShared | null> {
  if (!ID_PATTERN.test(id)) return Promise.resolve(null);
  const audience = audienceOf(user);
  return shared.read(`meetings:page:${id}:${audience}`, () => meetingForAudience(db, id, audience));
}

/** The invitation of the organisation the user acts for, with its people and delegates (kept per organisation). */
export async function myInvitation(
  shared: SharedReads,
  db: Db,
  user: CurrentUser | null,
  page: MeetingShared,
): Promise<MeetingPageData['myInvitation']> {
  const orgId = user?.organisationId ?? null;
  if (!orgId || !can(user, 'act-for-organisation', { organisationId: orgId })) return undefined;
  const meetingId = page.meeting.id;
  const [invitation, people] = await shared.read(`meetings:page:${meetingId}:organisation:${orgId}`, () =>
    Promise.all([invitationsOf(db, meetingId, orgId).then((rows) => rows[0]), currentPeopleOf(db, orgId)]),
  );
  if (!invitation) return undefined;
  const delegates = page.attendance.filter((a) => a.organisationId === orgId).map((a) => a.personId);
  return { invitation, people, delegates };
}
