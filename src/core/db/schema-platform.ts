import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, RequiredTimestamp, Timestamp, TranslatedColumn } from './schema-columns.ts';

/** What core itself keeps: the audit log, the file store, the e-mail outbox, the sessions (core/auth), the settings and the themes. */

export interface EmailOutboxTable {
  id: Generated<string>;
  to_address: string;
  subject: string;
  body_text: string;
  created_at: Timestamp;
  sent_at: NullableTimestamp;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  locked_until: NullableTimestamp;
  claimed_by: ColumnType<string | null, string | null | undefined, string | null>;
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
  /** The text of a PDF or DOCX, once read (core/files/text.ts). */
  text: ColumnType<string | null, string | null | undefined, string | null>;
  text_state: ColumnType<
    'none' | 'pending' | 'reading' | 'done' | 'failed',
    'none' | 'pending' | undefined,
    'none' | 'pending' | 'reading' | 'done' | 'failed'
  >;
  text_claimed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** When the text was read (or found unreadable): the record the file belongs to is indexed again. */
  text_read_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface FileChunksTable {
  file_id: string;
  seq: number;
  data: Buffer;
}

/** The themes proposals and recommendations are filed under: reference data shared by the domains (core/themes.ts). */
export interface ThemesTable {
  id: Generated<string>;
  slug: string;
  name: TranslatedColumn;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  remember: boolean;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: RequiredTimestamp;
  user_agent: string | null;
  ip: string | null;
}

export interface SettingsTable {
  key: string;
  value: ColumnType<unknown, string, string>;
}

/** Request counters of the rate limiter (core/http). */
export interface RateLimitsTable {
  key: string;
  hits: number;
  reset_at: Date;
}

/** The tables of this part, as Kysely sees them (merged into DB in schema.ts). */
/** One record in one language, as search stores it (decision 0018); written only by core/search. */
export interface SearchDocumentsTable {
  kind: string;
  id: string;
  lang: string;
  path: string;
  visibility: string;
  updated_at: Date;
  /** A tsvector, written as SQL (core/search/indexer.ts). */
  terms: ColumnType<string, unknown, unknown>;
  indexed_at: ColumnType<Date, Date | undefined, Date>;
}

/** A search document's texts, read for the page's hits only (migration 202612070600: narrow rows). */
export interface SearchTextsTable {
  kind: string;
  id: string;
  lang: string;
  title: string;
  body: string;
}

export interface SearchSyncTable {
  kind: string;
  synced_until: Date | null;
  locked_until: Date | null;
}

export type CommentState = 'pending' | 'published' | 'hidden' | 'deleted';
export type CommentHideReason = 'insults' | 'spam' | 'off-topic' | 'personal-data' | 'unlawful';

/** A comment on a record of any Commentable kind (core/comments). */
export interface CommentsTable {
  id: Generated<string>;
  kind: string;
  record_id: string;
  parent_id: string | null;
  author_id: string | null;
  organisation_id: string | null;
  lang: 'kk' | 'ru' | 'en';
  body: string;
  state: CommentState;
  held_for: 'pre-moderation' | 'words' | null;
  hidden_reason: CommentHideReason | null;
  created_at: Timestamp;
  edited_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  moderated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface CommentFlagsTable {
  comment_id: string;
  user_id: string;
  reason: string;
  created_at: Timestamp;
  resolved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface CommentBlocksTable {
  user_id: string;
  until: ColumnType<Date, Date | string, Date | string>;
  reason: CommentHideReason;
  created_at: Timestamp;
}

export interface CommentNotificationsTable {
  id: Generated<string>;
  user_id: string;
  comment_id: string;
  event: 'reply' | 'new' | 'approved' | 'hidden';
  created_at: Timestamp;
  read_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Null until e-mailed (at once, or in the digest, as the person chose). */
  emailed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The record's title and path when it happened (for the digest). */
  title: ColumnType<TranslatedColumn['__select__'] | null, string | null | undefined, string | null>;
  path: string | null;
}

/** A notification of what asks someone to act (core/notifications/notices.ts; migration 202612061280). */
export interface NoticesTable {
  id: Generated<string>;
  user_id: string;
  /** The thing told of, `kind:id` ('meeting:5'): its changes within minutes share one e-mail. */
  record: string;
  path: string;
  title: ColumnType<Record<string, string>, string | undefined, string>;
  /** A message key, rendered with `params` in the reader's language. */
  message: string;
  params: ColumnType<Record<string, unknown>, string | undefined, string>;
  /** Its kind ('minutes-circulated'), declared by the domain's notice source: the reader's choice for it decides its e-mail. */
  kind: string;
  /** A reminder's sent-marker, unique per user. */
  once_key: string | null;
  created_at: Timestamp;
  read_at: NullableTimestamp;
  emailed_at: NullableTimestamp;
}

/** A person's choice of e-mail for a kind of notification ('*': every kind not chosen for; migration 202612070300). */
export interface NotificationChoicesTable {
  user_id: string;
  kind: string;
  choice: MailChoice;
}

/** When a person's last daily or weekly digest went. */
export interface NotificationDigestsTable {
  user_id: string;
  cadence: 'daily' | 'weekly';
  sent_at: Date;
}

/** How a person wants to hear of a kind of notification by e-mail: at once, in a digest, or never (in Kenes only). */
export type MailChoice = 'immediately' | 'daily' | 'weekly' | 'never';

export interface PlatformDB {
  notices: NoticesTable;
  notification_choices: NotificationChoicesTable;
  notification_digests: NotificationDigestsTable;
  comments: CommentsTable;
  comment_flags: CommentFlagsTable;
  comment_blocks: CommentBlocksTable;
  comment_notifications: CommentNotificationsTable;
  search_documents: SearchDocumentsTable;
  search_texts: SearchTextsTable;
  search_sync: SearchSyncTable;
  rate_limits: RateLimitsTable;
  sessions: SessionsTable;
  settings: SettingsTable;
  themes: ThemesTable;
  files: FilesTable;
  file_chunks: FileChunksTable;
  email_outbox: EmailOutboxTable;
  audit_log: AuditLogTable;
}
