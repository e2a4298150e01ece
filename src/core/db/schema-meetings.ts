import type { ColumnType, Generated } from 'kysely';
import type { Translated } from '../i18n/translated.ts';
import type {
  NullableTimestamp,
  OptionalTranslated,
  RequiredTimestamp,
  Timestamp,
  TranslatedColumn,
} from './schema-columns.ts';

/** Meetings, their agendas, documents, invitations, attendance, minutes, decisions, tasks and communiqués (meetings domain). */

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
  starts_at: RequiredTimestamp;
  ends_at: NullableTimestamp;
  time_zone: ColumnType<string, string | undefined, string>;
  venue: OptionalTranslated;
  online_url: string | null;
  format: 'in_person' | 'online' | 'hybrid';
  visibility: ColumnType<'public' | 'members', 'public' | 'members' | undefined>;
  status: ColumnType<MeetingStatus, MeetingStatus | undefined, MeetingStatus>;
  chair_person_id: string | null;
  secretary_person_id: string | null;
  status_reason: OptionalTranslated;
  description: OptionalTranslated;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AgendaItemsTable {
  id: Generated<string>;
  meeting_id: string;
  position: number;
  title: TranslatedColumn;
  description: OptionalTranslated;
  planned_minutes: number | null;
  cycle_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Set by a trigger when the title or description changes (for search). */
  updated_at: Timestamp;
}

export type PresenterRole = 'report' | 'co_report' | 'proposals' | 'comment';

export interface AgendaPresentersTable {
  id: Generated<string>;
  agenda_item_id: string;
  organisation_id: string;
  role: PresenterRole;
  position: number;
  person_id: string | null;
}

export interface MeetingDocumentsTable {
  id: Generated<string>;
  meeting_id: string;
  agenda_item_id: string | null;
  file_id: string;
  title: TranslatedColumn;
  created_at: Timestamp;
}

export type InvitationResponse = 'pending' | 'confirmed' | 'declined';

export interface MeetingInvitationsTable {
  id: Generated<string>;
  meeting_id: string;
  organisation_id: string;
  role: 'member' | 'observer' | 'guest';
  response: ColumnType<InvitationResponse, InvitationResponse | undefined, InvitationResponse>;
  responded_by: string | null;
  responded_at: NullableTimestamp;
  reminded_at: NullableTimestamp;
  created_at: Timestamp;
}

export type AttendanceRole = 'member' | 'observer' | 'guest' | 'presenter';
export type Presence = 'expected' | 'present' | 'online' | 'absent';

export interface AttendanceTable {
  id: Generated<string>;
  meeting_id: string;
  person_id: string;
  organisation_id: string;
  role: AttendanceRole;
  presence: ColumnType<Presence, Presence | undefined, Presence>;
}

export interface MinutesVersionsTable {
  id: Generated<string>;
  meeting_id: string;
  version: number;
  content: ColumnType<MinutesContent, string, string>;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

/** Minutes per agenda item: four sections, each a translated text. */
export interface MinutesContent {
  items: Record<
    string,
    { summary?: Translated; proposals?: Translated; discussion?: Translated; decisions?: Translated }
  >;
}

export interface MinutesCorrectionsTable {
  id: Generated<string>;
  meeting_id: string;
  version_id: string;
  agenda_item_id: string | null;
  author_id: string | null;
  text: string;
  status: ColumnType<'open' | 'accepted' | 'rejected', 'open' | 'accepted' | 'rejected' | undefined>;
  created_at: Timestamp;
}

export interface DecisionsTable {
  id: Generated<string>;
  meeting_id: string;
  agenda_item_id: string | null;
  text: TranslatedColumn;
  created_at: Timestamp;
}

export interface TasksTable {
  id: Generated<string>;
  decision_id: string;
  meeting_id: string;
  description: TranslatedColumn;
  organisation_id: string;
  deadline: string;
  done_at: NullableTimestamp;
  reminded_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface CommuniquesTable {
  id: Generated<string>;
  meeting_id: string;
  title: TranslatedColumn;
  body: TranslatedColumn;
  published_at: NullableTimestamp;
  updated_at: Timestamp;
}

/** The tables of this part, as Kysely sees them (merged into DB in schema.ts). */
export interface MeetingsDB {
  meeting_documents: MeetingDocumentsTable;
  meeting_invitations: MeetingInvitationsTable;
  attendance: AttendanceTable;
  minutes_versions: MinutesVersionsTable;
  minutes_corrections: MinutesCorrectionsTable;
  decisions: DecisionsTable;
  tasks: TasksTable;
  communiques: CommuniquesTable;
  meetings: MeetingsTable;
  agenda_items: AgendaItemsTable;
  agenda_presenters: AgendaPresentersTable;
}
