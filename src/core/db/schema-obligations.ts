import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, OptionalTranslated, Timestamp, TranslatedColumn } from './schema-columns.ts';

/** Tables of international obligations (migration 202611290010); merged into DB in schema.ts. */

/** A date column read as 'YYYY-MM-DD' (the pg type parser is set so). */
type DateColumn = ColumnType<string | null, string | null | undefined, string | null>;

export type MechanismKind = 'treaty_body' | 'upr' | 'special_procedure';
export type RatificationStatus = 'not_signed' | 'signed' | 'ratified' | 'acceded' | 'succeeded';
export const CYCLE_STAGE_KINDS = [
  'report_due',
  'list_of_issues',
  'report_submitted',
  'alternative_reports',
  'constructive_dialogue',
  'concluding_observations',
  'follow_up_due',
  'follow_up_submitted',
  'follow_up_assessment',
  'next_report_due',
] as const;
export type CycleStageKind = (typeof CYCLE_STAGE_KINDS)[number];
export const CYCLE_DOCUMENT_KINDS = [
  'state_report',
  'list_of_issues',
  'replies',
  'alternative_report',
  'nhri_report',
  'concluding_observations',
  'follow_up',
  'committee_assessment',
  'other',
] as const;
export type CycleDocumentKind = (typeof CYCLE_DOCUMENT_KINDS)[number];
export const RESPONSES = ['supported', 'noted', 'not_applicable'] as const;
export type RecommendationResponse = (typeof RESPONSES)[number];
/** The common scale of assessments. */
export const ASSESSMENT_LEVELS = [
  'not_started',
  'in_progress',
  'partly_implemented',
  'implemented',
  'not_applicable',
] as const;
export type AssessmentLevel = (typeof ASSESSMENT_LEVELS)[number];
export type RecommendationStatus = 'not_assessed' | AssessmentLevel;
export type AssessmentSide = 'state' | 'civil_society' | 'nhri';
export const ACTION_STATUSES = ['planned', 'in_progress', 'completed', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export type ImportStatus = 'pending' | 'running' | 'done' | 'failed';
export type ImportFormat = 'csv' | 'xlsx' | 'json';

export interface MechanismsTable {
  id: Generated<string>;
  code: string;
  kind: MechanismKind;
  position: ColumnType<number, number | undefined, number>;
  name: TranslatedColumn;
  treaty: OptionalTranslated;
  ratification_status: RatificationStatus | null;
  signed_on: DateColumn;
  ratified_on: DateColumn;
  ratification_note: OptionalTranslated;
}

export interface ReportingCyclesTable {
  id: Generated<string>;
  mechanism_id: string;
  state_code: string;
  title: TranslatedColumn;
  number: number | null;
  /** The mechanism's session at which the State was reviewed (imports join rows to the cycle by it). */
  session: number | null;
  description: OptionalTranslated;
  created_by: string | null;
  created_at: Timestamp;
  /** Set by a trigger when the title or description changes (for search). */
  updated_at: Timestamp;
}

export interface CycleStagesTable {
  id: Generated<string>;
  cycle_id: string;
  kind: CycleStageKind;
  due_on: DateColumn;
  done_on: DateColumn;
  ends_on: DateColumn;
  note: OptionalTranslated;
  reminded_at: NullableTimestamp;
}

export interface CycleDocumentsTable {
  id: Generated<string>;
  cycle_id: string;
  kind: CycleDocumentKind;
  symbol: string | null;
  title: TranslatedColumn;
  issued_on: DateColumn;
  url: string | null;
  file_id: string | null;
  organisation_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface AffectedGroupsTable {
  id: Generated<string>;
  slug: string;
  name: TranslatedColumn;
}

export interface SdgGoalsTable {
  number: number;
  name: TranslatedColumn;
}

export interface SdgTargetsTable {
  code: string;
  goal: number;
  text: TranslatedColumn;
}

export interface RecommendationClustersTable {
  id: Generated<string>;
  title: TranslatedColumn;
  created_by: string | null;
  created_at: Timestamp;
}

export interface RecommendationImportsTable {
  id: Generated<string>;
  file_id: string | null;
  filename: string;
  sha256: string;
  format: ImportFormat;
  encoding: string | null;
  mapping: ColumnType<Record<string, unknown>, string | undefined, string>;
  skip_bad_rows: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<ImportStatus, ImportStatus | undefined, ImportStatus>;
  total_rows: number | null;
  processed_rows: ColumnType<number, number | undefined, number>;
  inserted: ColumnType<number, number | undefined, number>;
  updated: ColumnType<number, number | undefined, number>;
  unchanged: ColumnType<number, number | undefined, number>;
  rejected: ColumnType<number, number | undefined, number>;
  error: ColumnType<{ key: string; params?: Record<string, unknown> } | null, string | null | undefined, string | null>;
  created_by: string | null;
  created_at: Timestamp;
  heartbeat_at: NullableTimestamp;
  finished_at: NullableTimestamp;
}

export interface ImportRejectionsTable {
  import_id: string;
  line: number;
  reason: ColumnType<{ key: string; params?: Record<string, unknown> }, string, string>;
}

export interface RecommendationsTable {
  id: Generated<string>;
  source_key: string;
  state_code: string;
  mechanism_id: string;
  cycle_id: string | null;
  symbol: string | null;
  paragraph: string | null;
  adopted_on: DateColumn;
  session: string | null;
  text: TranslatedColumn;
  recommending_state: string | null;
  response: RecommendationResponse | null;
  theme_ids: ColumnType<string[], string[] | undefined, string[]>;
  affected_group_ids: ColumnType<string[], string[] | undefined, string[]>;
  sdg_targets: ColumnType<string[], string[] | undefined, string[]>;
  priority: ColumnType<boolean, boolean | undefined, boolean>;
  cluster_id: string | null;
  status: ColumnType<RecommendationStatus, never, never>;
  responsible_ids: ColumnType<string[], never, never>;
  year: ColumnType<number | null, never, never>;
  import_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RecommendationRepeatsTable {
  recommendation_id: string;
  earlier_id: string;
  similarity: number;
  status: ColumnType<'proposed' | 'confirmed' | 'dismissed', 'proposed' | 'confirmed' | 'dismissed' | undefined>;
  decided_by: string | null;
  decided_at: NullableTimestamp;
}

export interface ImplementationActionsTable {
  id: Generated<string>;
  recommendation_id: string | null;
  cluster_id: string | null;
  title: TranslatedColumn;
  description: OptionalTranslated;
  responsible_id: string;
  deadline: DateColumn;
  indicator: OptionalTranslated;
  status: ColumnType<ActionStatus, ActionStatus | undefined, ActionStatus>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ActionProgressReportsTable {
  id: Generated<string>;
  action_id: string;
  reported_on: string;
  text: TranslatedColumn;
  links: ColumnType<string[], string[] | undefined, string[]>;
  organisation_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface ActionProgressFilesTable {
  report_id: string;
  file_id: string;
}

export interface RecommendationAssessmentsTable {
  id: Generated<string>;
  recommendation_id: string;
  organisation_id: string;
  side: AssessmentSide;
  level: AssessmentLevel;
  reasons: TranslatedColumn;
  assessed_on: ColumnType<string, string | undefined, string>;
  created_by: string | null;
  updated_at: Timestamp;
}

export interface RecommendationProposalsTable {
  recommendation_id: string;
  proposal_id: string;
}
export interface RecommendationAgendaItemsTable {
  recommendation_id: string;
  agenda_item_id: string;
}
export interface RecommendationTasksTable {
  recommendation_id: string;
  task_id: string;
}

export interface ObligationsDB {
  mechanisms: MechanismsTable;
  reporting_cycles: ReportingCyclesTable;
  cycle_stages: CycleStagesTable;
  /** A view (migration 202611290015): done_on counts a deadline met by its submission. Read only. */
  cycle_stages_effective: CycleStagesTable;
  cycle_documents: CycleDocumentsTable;
  affected_groups: AffectedGroupsTable;
  sdg_goals: SdgGoalsTable;
  sdg_targets: SdgTargetsTable;
  recommendation_clusters: RecommendationClustersTable;
  recommendation_imports: RecommendationImportsTable;
  import_rejections: ImportRejectionsTable;
  recommendations: RecommendationsTable;
  recommendation_repeats: RecommendationRepeatsTable;
  implementation_actions: ImplementationActionsTable;
  action_progress_reports: ActionProgressReportsTable;
  action_progress_files: ActionProgressFilesTable;
  recommendation_assessments: RecommendationAssessmentsTable;
  recommendation_proposals: RecommendationProposalsTable;
  recommendation_agenda_items: RecommendationAgendaItemsTable;
  recommendation_tasks: RecommendationTasksTable;
}
