import type { Db } from '../../core/db/database.ts';
import type { OrganisationCategory } from '../../core/db/schema.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { memberOrganisationIds, organisationChoices, organisationColumn } from '../../organisations/index.ts';

export interface InvitationRow {
  id: string;
  organisationId: string;
  organisationName: Translated;
  category: OrganisationCategory;
  role: 'member' | 'observer' | 'guest';
  response: 'pending' | 'confirmed' | 'declined';
  respondedAt: Date | null;
}

/** A meeting's invitations (only the one of `organisationId`, when given). */
export function invitationsOf(db: Db, meetingId: string, organisationId?: string): Promise<InvitationRow[]> {
  let q = db
    .selectFrom('meeting_invitations as i')
    .select([
      'i.id',
      'i.organisation_id as organisationId',
      organisationColumn('i.organisation_id', 'name').as('organisationName'),
      organisationColumn('i.organisation_id', 'category').as('category'),
      'i.role',
      'i.response',
      'i.responded_at as respondedAt',
    ])
    .where('i.meeting_id', '=', meetingId);
  if (organisationId !== undefined) q = q.where('i.organisation_id', '=', organisationId);
  return q.orderBy(organisationColumn('i.organisation_id', 'category')).orderBy('i.id').execute();
}

/** The invitations page's lists: the meeting's invitations, the organisations to invite, the body's members. */
export async function invitationsPageData(db: Db, meeting: { id: string; bodyId: string }) {
  const [invitations, organisations, memberIds] = await Promise.all([
    invitationsOf(db, meeting.id),
    organisationChoices(db),
    memberOrganisationIds(db, meeting.bodyId),
  ]);
  return { invitations, organisations, memberIds };
}
