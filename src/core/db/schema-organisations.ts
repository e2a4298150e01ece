import type { ColumnType, Generated } from 'kysely';
import type { OptionalTranslated, Timestamp, TranslatedColumn } from './schema-columns.ts';

/** Organisations, bodies and the people who hold positions in them (organisations domain). */

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
  short_name: OptionalTranslated;
  website: string | null;
  parent_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BodiesTable {
  id: Generated<string>;
  slug: string;
  name: TranslatedColumn;
  short_name: OptionalTranslated;
  description: OptionalTranslated;
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

export interface PeopleTable {
  id: Generated<string>;
  full_name: TranslatedColumn;
  created_at: Timestamp;
}

export interface PositionsTable {
  id: Generated<string>;
  person_id: string;
  organisation_id: string;
  title: OptionalTranslated;
  since: ColumnType<string, string | undefined, string>;
  until: ColumnType<string | null, string | null | undefined, string | null>;
}

/** The tables of this part, as Kysely sees them (merged into DB in schema.ts). */
export interface OrganisationsDB {
  people: PeopleTable;
  positions: PositionsTable;
  organisations: OrganisationsTable;
  bodies: BodiesTable;
  body_memberships: BodyMembershipsTable;
}
