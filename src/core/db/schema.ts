import type { ColumnType, Generated } from 'kysely';
import type { Translated } from '../i18n/translated.ts';
import type { ObligationsDB } from './schema-obligations.ts';

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
  chair_person_id: string | null;
  secretary_person_id: string | null;
  status_reason: ColumnType<Translated, string | undefined, string>;
  description: ColumnType<Translated, string | undefined, string>;
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
  cycle_id: ColumnType<string | null, string | null | undefined, string | null>;
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

export interface RateLimitsTable {
  key: string;
  hits: number;
  reset_at: Date;
}

export type Role = 'platform_admin' | 'secretariat' | 'chair' | 'representative' | 'observer' | 'citizen';
export const ROLES: readonly Role[] = [
  'platform_admin',
  'secretariat',
  'chair',
  'representative',
  'observer',
  'citizen',
];

export interface PeopleTable {
  id: Generated<string>;
  full_name: TranslatedColumn;
  created_at: Timestamp;
}

export interface PositionsTable {
  id: Generated<string>;
  person_id: string;
  organisation_id: string;
  title: ColumnType<Translated, string | undefined, string>;
  since: ColumnType<string, string | undefined, string>;
  until: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  password_hash: string;
  display_name: string;
  role: Role;
  organisation_id: string | null;
  person_id: string | null;
  locale: ColumnType<'kk' | 'ru' | 'en', 'kk' | 'ru' | 'en' | undefined>;
  disabled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
  last_sign_in_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  calendar_token_hash: string | null;
  notify: ColumnType<NotifyPreference, NotifyPreference | undefined, NotifyPreference>;
  digest_sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export type NotifyPreference = 'immediately' | 'daily' | 'weekly' | 'never';

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  remember: boolean;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  user_agent: string | null;
  ip: string | null;
}

export interface InvitationsTable {
  id: Generated<string>;
  token_hash: string;
  email: string;
  display_name: string;
  role: Role;
  organisation_id: string | null;
  locale: 'kk' | 'ru' | 'en';
  invited_by: string | null;
  created_at: Timestamp;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  accepted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface PasswordResetsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface EmailOutboxTable {
  id: Generated<string>;
  to_address: string;
  subject: string;
  body_text: string;
  created_at: Timestamp;
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  claimed_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SignInFailuresTable {
  id: Generated<string>;
  email: string;
  ip: string;
  at: Timestamp;
}

/** Written only by core/audit.ts, which computes every column there (ids, time, hashes, key id: decision 0013). */
export interface AuditLogTable {
  id: ColumnType<string, never, never>;
  at: ColumnType<Date, never, never>;
  actor_user_id: string | null;
  actor_label: string;
  actor_organisation_id: string | null;
  entity: string;
  entity_id: string;
  action: string;
  before: ColumnType<unknown, string | null, never>;
  after: ColumnType<unknown, string | null, never>;
  prev_hash: ColumnType<string, never, never>;
  hash: ColumnType<string, never, never>;
  /** Which key signed the entry; null for entries from before the keyed chain (decision 0013). */
  key_id: ColumnType<string | null, never, never>;
}

export type FileContentType =
  | 'application/pdf'
  | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
  | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  | 'image/png'
  | 'image/jpeg'
  | 'image/webp'
  | 'image/gif';

export interface FilesTable {
  id: Generated<string>;
  filename: string;
  content_type: FileContentType;
  size_bytes: ColumnType<string, number | string, number | string>;
  sha256: string;
  uploaded_by: string | null;
  created_at: Timestamp;
}

export interface FileChunksTable {
  file_id: string;
  seq: number;
  data: Buffer;
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
  responded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  reminded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
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
  done_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  reminded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
}

export interface CommuniquesTable {
  id: Generated<string>;
  meeting_id: string;
  title: TranslatedColumn;
  body: TranslatedColumn;
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  updated_at: Timestamp;
}

export type ProposalKind = 'amend_law' | 'new_law' | 'bylaw' | 'practice' | 'other';
export type ProposalStatus =
  | 'draft'
  | 'submitted'
  | 'registered'
  | 'assigned'
  | 'answered'
  | 'in_implementation'
  | 'implemented'
  | 'withdrawn'
  | 'merged';
export type Answer = 'accepted' | 'partly_accepted' | 'rejected' | 'needs_study' | 'not_competent';
export type Assessment = 'satisfied' | 'partly_satisfied' | 'not_satisfied';
export type Stage =
  | 'drafted'
  | 'government'
  | 'mazhilis'
  | 'senate'
  | 'signed'
  | 'in_force'
  | 'planned'
  | 'in_progress'
  | 'implemented';

export interface ThemesTable {
  id: Generated<string>;
  slug: string;
  name: TranslatedColumn;
}

export interface ProposalsTable {
  id: Generated<string>;
  title: TranslatedColumn;
  body: ColumnType<Translated, string | undefined, string>;
  kind: ProposalKind;
  status: ColumnType<ProposalStatus, ProposalStatus | undefined, ProposalStatus>;
  meeting_id: string | null;
  agenda_item_id: string | null;
  duplicate_of: string | null;
  created_by: string | null;
  created_at: Timestamp;
  submitted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  updated_at: Timestamp;
  search_ru: ColumnType<string, never, never>;
  search_en: ColumnType<string, never, never>;
  search_kk: ColumnType<string, never, never>;
}

export interface ProposalAuthorsTable {
  proposal_id: string;
  organisation_id: string;
}

/** An organisation offered co-authorship; it counts as an author only once accepted (then in proposal_authors). */
export interface ProposalCoauthorInvitationsTable {
  id: Generated<string>;
  proposal_id: string;
  organisation_id: string;
  invited_by: string | null;
  invited_at: Timestamp;
  answer: ColumnType<
    'accepted' | 'declined' | null,
    'accepted' | 'declined' | null | undefined,
    'accepted' | 'declined' | null
  >;
  answered_by: ColumnType<string | null, string | null | undefined, string | null>;
  answered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface ProposalThemesTable {
  proposal_id: string;
  theme_id: string;
}

export interface ProposalLegalActsTable {
  id: Generated<string>;
  proposal_id: string;
  name: TranslatedColumn;
  number: string | null;
  article: string | null;
  url: string | null;
}

export interface ProposalAddresseesTable {
  id: Generated<string>;
  proposal_id: string;
  organisation_id: string;
  deadline: string | null;
  answer: Answer | null;
  reasons: ColumnType<Translated, string | undefined, string>;
  answered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  answered_by: string | null;
  assessment: Assessment | null;
  assessment_comment: string | null;
  assessed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface ProposalEndorsementsTable {
  proposal_id: string;
  organisation_id: string;
  endorsed_by: string | null;
  created_at: Timestamp;
}

export interface ProposalStagesTable {
  id: Generated<string>;
  proposal_id: string;
  stage: Stage;
  reached_on: string;
  url: string | null;
  recorded_by: string | null;
  created_at: Timestamp;
}

export interface ProposalEventsTable {
  id: Generated<string>;
  proposal_id: string;
  at: Timestamp;
  actor_user_id: string | null;
  actor_name: string;
  organisation_id: string | null;
  kind: string;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
  reason: string | null;
}

export interface FollowsTable {
  user_id: string;
  proposal_id: string;
  created_at: Timestamp;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  event_id: string;
  created_at: Timestamp;
  read_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  emailed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface SettingsTable {
  key: string;
  value: ColumnType<unknown, string, string>;
}

export interface ProposalAttachmentsTable {
  id: Generated<string>;
  proposal_id: string;
  file_id: string;
  title: TranslatedColumn;
  created_at: Timestamp;
}

/** The whole schema as Kysely sees it; each migration that adds a table adds it here. */
export interface DB extends ObligationsDB {
  proposal_attachments: ProposalAttachmentsTable;
  themes: ThemesTable;
  proposals: ProposalsTable;
  proposal_authors: ProposalAuthorsTable;
  proposal_coauthor_invitations: ProposalCoauthorInvitationsTable;
  proposal_themes: ProposalThemesTable;
  proposal_legal_acts: ProposalLegalActsTable;
  proposal_addressees: ProposalAddresseesTable;
  proposal_endorsements: ProposalEndorsementsTable;
  proposal_stages: ProposalStagesTable;
  proposal_events: ProposalEventsTable;
  follows: FollowsTable;
  notifications: NotificationsTable;
  settings: SettingsTable;
  files: FilesTable;
  file_chunks: FileChunksTable;
  meeting_documents: MeetingDocumentsTable;
  meeting_invitations: MeetingInvitationsTable;
  attendance: AttendanceTable;
  minutes_versions: MinutesVersionsTable;
  minutes_corrections: MinutesCorrectionsTable;
  decisions: DecisionsTable;
  tasks: TasksTable;
  communiques: CommuniquesTable;
  people: PeopleTable;
  positions: PositionsTable;
  users: UsersTable;
  sessions: SessionsTable;
  invitations: InvitationsTable;
  password_resets: PasswordResetsTable;
  email_outbox: EmailOutboxTable;
  sign_in_failures: SignInFailuresTable;
  audit_log: AuditLogTable;
  organisations: OrganisationsTable;
  bodies: BodiesTable;
  body_memberships: BodyMembershipsTable;
  meetings: MeetingsTable;
  agenda_items: AgendaItemsTable;
  agenda_presenters: AgendaPresentersTable;
  rate_limits: RateLimitsTable;
}
