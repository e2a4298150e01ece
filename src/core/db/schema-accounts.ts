import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, RequiredTimestamp, Timestamp, TranslatedColumn } from './schema-columns.ts';

/** Users, roles, invitations, password resets, sign-in limits, e-mail confirmations, the legal texts and consents (accounts domain). */

export type Role = 'platform_admin' | 'secretariat' | 'chair' | 'representative' | 'observer' | 'citizen';
export const ROLES: readonly Role[] = [
  'platform_admin',
  'secretariat',
  'chair',
  'representative',
  'observer',
  'citizen',
];

export interface UsersTable {
  id: Generated<string>;
  email: string;
  password_hash: string;
  display_name: string;
  role: Role;
  organisation_id: string | null;
  person_id: string | null;
  locale: ColumnType<'kk' | 'ru' | 'en', 'kk' | 'ru' | 'en' | undefined>;
  /** Kazakh in the Latin script (decision 0018): e-mails and the personal calendar in the /kk-latn/ edition. */
  latin_script: ColumnType<boolean, boolean | undefined, boolean>;
  disabled_at: NullableTimestamp;
  created_at: Timestamp;
  last_sign_in_at: NullableTimestamp;
  calendar_token_hash: string | null;
  notify: ColumnType<NotifyPreference, NotifyPreference | undefined, NotifyPreference>;
  digest_sent_at: NullableTimestamp;
  /** Set by a trigger when the name, e-mail, role, organisation or state changes (for search). */
  updated_at: Timestamp;
  /** When the owner confirmed the address; null for a signed-up account until then (decision 0021). */
  email_confirmed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** When the owner deleted the account (its personal data cleared, decision 0021). */
  deleted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Moderates comments whatever the role (decision 0025); given by an administrator. */
  moderator: ColumnType<boolean, boolean | undefined, boolean>;
}

export type NotifyPreference = 'immediately' | 'daily' | 'weekly' | 'never';

export interface InvitationsTable {
  id: Generated<string>;
  token_hash: string;
  email: string;
  display_name: string;
  role: Role;
  organisation_id: string | null;
  locale: 'kk' | 'ru' | 'en';
  latin_script: ColumnType<boolean, boolean | undefined, boolean>;
  invited_by: string | null;
  created_at: Timestamp;
  expires_at: RequiredTimestamp;
  accepted_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface PasswordResetsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: RequiredTimestamp;
  used_at: NullableTimestamp;
}

export interface SignInFailuresTable {
  id: Generated<string>;
  email: string;
  ip: string;
  at: Timestamp;
}

export interface EmailConfirmationsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export type LegalTextKind = 'terms' | 'privacy';

/** The terms of use and the privacy notice, every version kept (an edit adds the next). */
export interface LegalTextsTable {
  kind: LegalTextKind;
  version: number;
  body: TranslatedColumn;
  created_at: Timestamp;
  created_by: string | null;
}

/** Who consented to which version of which text, when. */
export interface ConsentsTable {
  user_id: string;
  kind: LegalTextKind;
  version: number;
  accepted_at: Timestamp;
}

/** The tables of this part, as Kysely sees them (merged into DB in schema.ts). */
export interface AccountsDB {
  users: UsersTable;
  invitations: InvitationsTable;
  password_resets: PasswordResetsTable;
  sign_in_failures: SignInFailuresTable;
  email_confirmations: EmailConfirmationsTable;
  legal_texts: LegalTextsTable;
  consents: ConsentsTable;
}
