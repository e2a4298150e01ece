import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, OptionalTranslated, Timestamp, TranslatedColumn } from './schema-columns.ts';

/** Proposals, their authors, addressees, answers, stages, events, follows and notifications (proposals domain). */

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

export interface ProposalsTable {
  id: Generated<string>;
  title: TranslatedColumn;
  body: OptionalTranslated;
  kind: ProposalKind;
  status: ColumnType<ProposalStatus, ProposalStatus | undefined, ProposalStatus>;
  meeting_id: string | null;
  agenda_item_id: string | null;
  duplicate_of: string | null;
  created_by: string | null;
  created_at: Timestamp;
  submitted_at: NullableTimestamp;
  updated_at: Timestamp;
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
  answered_at: NullableTimestamp;
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
  reasons: OptionalTranslated;
  answered_at: NullableTimestamp;
  answered_by: string | null;
  assessment: Assessment | null;
  assessment_comment: string | null;
  assessed_at: NullableTimestamp;
}

export interface ProposalEndorsementsTable {
  proposal_id: string;
  organisation_id: string;
  endorsed_by: string | null;
  created_at: Timestamp;
}

/** Support for a public proposal: a citizen's own (user_id) or an organisation's (organisation_id). */
export interface ProposalSupportsTable {
  id: Generated<string>;
  proposal_id: string;
  user_id: string | null;
  organisation_id: string | null;
  given_by: string | null;
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
  /** Its kind ('proposal-assigned'): asked to act, or told of what one follows (core/notifications). */
  kind: string;
  created_at: Timestamp;
  read_at: NullableTimestamp;
  emailed_at: NullableTimestamp;
}

export interface ProposalAttachmentsTable {
  id: Generated<string>;
  proposal_id: string;
  file_id: string;
  title: TranslatedColumn;
  created_at: Timestamp;
}

/** A file sent with a state body's answer (the official letter). */
export interface ProposalAnswerFilesTable {
  id: Generated<string>;
  addressee_id: string;
  file_id: string;
  created_at: Timestamp;
}

/** The tables of this part, as Kysely sees them (merged into DB in schema.ts). */
export interface ProposalsDB {
  proposal_attachments: ProposalAttachmentsTable;
  proposal_answer_files: ProposalAnswerFilesTable;
  proposals: ProposalsTable;
  proposal_authors: ProposalAuthorsTable;
  proposal_coauthor_invitations: ProposalCoauthorInvitationsTable;
  proposal_themes: ProposalThemesTable;
  proposal_legal_acts: ProposalLegalActsTable;
  proposal_addressees: ProposalAddresseesTable;
  proposal_endorsements: ProposalEndorsementsTable;
  proposal_supports: ProposalSupportsTable;
  proposal_stages: ProposalStagesTable;
  proposal_events: ProposalEventsTable;
  follows: FollowsTable;
  notifications: NotificationsTable;
}
