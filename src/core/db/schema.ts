import type { AccountsDB } from './schema-accounts.ts';
import type { MeetingsDB } from './schema-meetings.ts';
import type { ObligationsDB } from './schema-obligations.ts';
import type { OrganisationsDB } from './schema-organisations.ts';
import type { PlatformDB } from './schema-platform.ts';
import type { ProposalsDB } from './schema-proposals.ts';

/*
 * The database schema as Kysely sees it, one file per area (the tables of each domain, and core's
 * own), re-exported here so that every import of schema.ts keeps working.
 */

export * from './schema-accounts.ts';
export type { TranslatedColumn } from './schema-columns.ts';
export * from './schema-meetings.ts';
export * from './schema-organisations.ts';
export * from './schema-platform.ts';
export * from './schema-proposals.ts';

/** The whole schema as Kysely sees it; each migration that adds a table adds it to its area's interface. */
export interface DB extends PlatformDB, AccountsDB, OrganisationsDB, MeetingsDB, ProposalsDB, ObligationsDB {}
