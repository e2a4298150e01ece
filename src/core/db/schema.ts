import type { ColumnType, Generated } from 'kysely';
import type { Translated } from '../i18n/translated.ts';

/** jsonb holding {kk?, ru?, en?}; written as a JSON string, read as an object. */
export type TranslatedColumn = ColumnType<Translated, string, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type OrganisationCategory =
  | 'state_body'
  | 'parliament'
  | 'judiciary'
  | 'constitutional_review'
  | 'nhri'
  | 'ngo'
  | 'international'
  | 'media'
  | 'other';

export const ORGANISATION_CATEGORIES: readonly OrganisationCategory[] = [
  'state_body',
  'parliament',
  'judiciary',
  'constitutional_review',
  'nhri',
  'ngo',
  'international',
  'media',
  'other',
];

export interface OrganisationsTable {
  id: Generated<string>;
  slug: string;
  category: OrganisationCategory;
  name: TranslatedColumn;
  short_name: ColumnType<Translated, string | undefined, string>;
  website: string | null;
  parent_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BodiesTable {
  id: Generated<string>;
  slug: string;
  name: TranslatedColumn;
  short_name: ColumnType<Translated, string | undefined, string>;
  description: ColumnType<Translated, string | undefined, string>;
  host_organisation_id: string | null;
  parent_id: string | null;
  created_at: Timestamp;
}

export interface BodyMembershipsTable {
  id: Generated<string>;
  body_id: string;
  organisation_id: string;
  status: 'member' | 'observer' | 'guest';
  since: ColumnType<string, string, string>;
  until: ColumnType<string | null, string | null | undefined, string | null>;
}

export type MeetingStatus =
  | 'draft'
  | 'announced'
  | 'held'
  | 'minutes_review'
  | 'minutes_approved'
  | 'published'
  | 'postponed'
  | 'cancelled';

export interface MeetingsTable {
  id: Generated<string>;
  body_id: string;
  number: number;
  title: TranslatedColumn;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  ends_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  time_zone: ColumnType<string, string | undefined, string>;
  venue: ColumnType<Translated, string | undefined, string>;
  online_url: string | null;
  format: 'in_person' | 'online' | 'hybrid';
  visibility: ColumnType<'public' | 'members', 'public' | 'members' | undefined>;
  status: ColumnType<MeetingStatus, MeetingStatus | undefined, MeetingStatus>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AgendaItemsTable {
  id: Generated<string>;
  meeting_id: string;
  position: number;
  title: TranslatedColumn;
  description: ColumnType<Translated, string | undefined, string>;
  planned_minutes: number | null;
}

export type PresenterRole = 'report' | 'co_report' | 'proposals' | 'comment';

export interface AgendaPresentersTable {
  id: Generated<string>;
  agenda_item_id: string;
  organisation_id: string;
  role: PresenterRole;
  position: number;
}

export interface RateLimitsTable {
  key: string;
  hits: number;
  reset_at: Date;
}

/** The whole schema as Kysely sees it; each migration that adds a table adds it here. */
export interface DB {
  organisations: OrganisationsTable;
  bodies: BodiesTable;
  body_memberships: BodyMembershipsTable;
  meetings: MeetingsTable;
  agenda_items: AgendaItemsTable;
  agenda_presenters: AgendaPresentersTable;
  rate_limits: RateLimitsTable;
}
