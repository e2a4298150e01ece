import type { DB } from './schema.ts';

/*
 * Who owns each table (issue 11, decision 0016). The SQL over a table lives only in its owner's
 * modules: a domain reads or writes another's data by asking that domain through its index.ts (a
 * fragment composed into the caller's one query, or a function over ids), and core's tables through
 * core's modules. `src/tables.test.ts` scans every domain's source (and core's) and fails on any other
 * use. The compiler keeps the map complete: every table Kysely knows has exactly one owner.
 */

export type TableOwner = 'core' | 'accounts' | 'organisations' | 'meetings' | 'proposals' | 'obligations';

/** Tables and views the migrations create that Kysely's DB does not type (read through raw SQL). */
type UntypedTable =
  | 'audit_chain_head'
  | 'recommendation_facet_counts'
  | 'recommendation_import_chunks'
  | 'recommendation_import_files'
  | 'search_posting_kinds'
  | 'search_postings'
  | 'search_vocabulary'
  | 'state_name_aliases';

export const TABLE_OWNERS: Readonly<Record<keyof DB | UntypedTable, TableOwner>> = {
  // core: the floor's own stores, and reference data every domain shares (themes, settings)
  audit_log: 'core',
  audit_chain_head: 'core',
  email_outbox: 'core',
  files: 'core',
  file_chunks: 'core',
  rate_limits: 'core',
  sessions: 'core',
  settings: 'core',
  themes: 'core',
  search_documents: 'core',
  search_texts: 'core',
  search_sync: 'core',
  search_vocabulary: 'core',
  search_postings: 'core',
  search_posting_kinds: 'core',
  comments: 'core',
  comment_flags: 'core',
  comment_blocks: 'core',
  comment_notifications: 'core',
  notices: 'core',
  notification_choices: 'core',
  notification_digests: 'core',
  // accounts
  users: 'accounts',
  invitations: 'accounts',
  password_resets: 'accounts',
  sign_in_failures: 'accounts',
  email_confirmations: 'accounts',
  legal_texts: 'accounts',
  consents: 'accounts',
  // organisations (and the bodies, people and positions within them)
  organisations: 'organisations',
  bodies: 'organisations',
  body_memberships: 'organisations',
  people: 'organisations',
  positions: 'organisations',
  // meetings
  meetings: 'meetings',
  agenda_items: 'meetings',
  agenda_presenters: 'meetings',
  meeting_documents: 'meetings',
  meeting_invitations: 'meetings',
  attendance: 'meetings',
  minutes_versions: 'meetings',
  minutes_corrections: 'meetings',
  decisions: 'meetings',
  tasks: 'meetings',
  communiques: 'meetings',
  // proposals
  proposals: 'proposals',
  proposal_attachments: 'proposals',
  proposal_answer_files: 'proposals',
  proposal_authors: 'proposals',
  proposal_coauthor_invitations: 'proposals',
  proposal_themes: 'proposals',
  proposal_legal_acts: 'proposals',
  proposal_addressees: 'proposals',
  proposal_endorsements: 'proposals',
  proposal_supports: 'proposals',
  proposal_stages: 'proposals',
  proposal_events: 'proposals',
  follows: 'proposals',
  notifications: 'proposals',
  // obligations
  mechanisms: 'obligations',
  reporting_cycles: 'obligations',
  cycle_stages: 'obligations',
  cycle_stages_effective: 'obligations',
  cycle_documents: 'obligations',
  affected_groups: 'obligations',
  sdg_goals: 'obligations',
  sdg_targets: 'obligations',
  recommendation_clusters: 'obligations',
  recommendation_imports: 'obligations',
  recommendation_import_files: 'obligations',
  recommendation_import_chunks: 'obligations',
  import_rejections: 'obligations',
  state_name_aliases: 'obligations',
  recommendations: 'obligations',
  recommendation_repeats: 'obligations',
  recommendation_facet_counts: 'obligations',
  implementation_actions: 'obligations',
  action_progress_reports: 'obligations',
  action_progress_files: 'obligations',
  recommendation_assessments: 'obligations',
  recommendation_proposals: 'obligations',
  recommendation_agenda_items: 'obligations',
  recommendation_tasks: 'obligations',
};

/**
 * Where core, the floor, still touches a domain's table (it may not import a domain): the signed-in
 * user's row behind a session, and the notification mail: each person's choice per kind depends on
 * their role, and the mail goes to their address in their language. They read accounts' `users`; an
 * identity extension point filled in by accounts would end them.
 */
export const CORE_READS_OF_DOMAIN_TABLES: Readonly<Record<string, readonly (keyof DB)[]>> = {
  'src/core/auth/sessions.ts': ['users'],
  'src/core/notifications/choices.ts': ['users'],
  'src/core/notifications/mail.ts': ['users'],
};
