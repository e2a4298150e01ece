import type { Db } from '../core/db/database.ts';
import type { MeetingStatus, OrganisationCategory, PresenterRole } from '../core/db/schema.ts';
import type { Translated } from '../core/i18n/translated.ts';

export interface MeetingSummary {
  id: string;
  number: number;
  title: Translated;
  startsAt: Date;
  endsAt: Date | null;
  timeZone: string;
  venue: Translated;
  format: 'in_person' | 'online' | 'hybrid';
  status: MeetingStatus;
}

export interface AgendaItemView {
  id: string;
  position: number;
  title: Translated;
  description: Translated;
  presenters: {
    role: PresenterRole;
    organisation: { slug: string; name: Translated; shortName: Translated; category: OrganisationCategory };
  }[];
}

/** The most recent public meeting of a body that is past its draft, or undefined. */
export function latestPublicMeeting(db: Db, bodyId: string): Promise<MeetingSummary | undefined> {
  return db
    .selectFrom('meetings')
    .select([
      'id',
      'number',
      'title',
      'starts_at as startsAt',
      'ends_at as endsAt',
      'time_zone as timeZone',
      'venue',
      'format',
      'status',
    ])
    .where('body_id', '=', bodyId)
    .where('visibility', '=', 'public')
    .where('status', 'not in', ['draft', 'cancelled'])
    .orderBy('starts_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** A meeting's agenda with its presenters: two queries whatever the number of items. */
export async function agendaOf(db: Db, meetingId: string): Promise<AgendaItemView[]> {
  const items = await db
    .selectFrom('agenda_items')
    .select(['id', 'position', 'title', 'description'])
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .execute();
  if (items.length === 0) return [];
  const presenters = await db
    .selectFrom('agenda_presenters as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['p.agenda_item_id', 'p.role', 'o.slug', 'o.name', 'o.short_name', 'o.category'])
    .where(
      'p.agenda_item_id',
      'in',
      items.map((i) => i.id),
    )
    .orderBy('p.agenda_item_id')
    .orderBy('p.position')
    .execute();
  return items.map((item) => ({
    ...item,
    presenters: presenters
      .filter((p) => p.agenda_item_id === item.id)
      .map((p) => ({
        role: p.role,
        organisation: { slug: p.slug, name: p.name, shortName: p.short_name, category: p.category },
      })),
  }));
}

export interface Presentation {
  meetingNumber: number;
  meetingStartsAt: Date;
  itemTitle: Translated;
  role: PresenterRole;
}

/** What an organisation presented at public meetings, newest first. */
export function presentationsBy(db: Db, organisationId: string): Promise<Presentation[]> {
  return db
    .selectFrom('agenda_presenters as p')
    .innerJoin('agenda_items as i', 'i.id', 'p.agenda_item_id')
    .innerJoin('meetings as m', 'm.id', 'i.meeting_id')
    .select(['m.number as meetingNumber', 'm.starts_at as meetingStartsAt', 'i.title as itemTitle', 'p.role'])
    .where('p.organisation_id', '=', organisationId)
    .where('m.visibility', '=', 'public')
    .where('m.status', '!=', 'draft')
    .orderBy('m.starts_at', 'desc')
    .orderBy('i.position')
    .execute();
}

export interface BodySummary {
  id: string;
  slug: string;
  name: Translated;
  shortName: Translated;
  description: Translated;
}

/** The platform's main body (the one without a parent; working groups have one). */
export function mainBody(db: Db): Promise<BodySummary | undefined> {
  return db
    .selectFrom('bodies')
    .select(['id', 'slug', 'name', 'short_name as shortName', 'description'])
    .where('parent_id', 'is', null)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}
