import type { FastifyInstance } from 'fastify';
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Logger } from 'pino';
import type { OidcSettings } from './auth/oidc.ts';
import { can } from './auth/policy.ts';
import type { CurrentUser } from './auth/user.ts';
import type { Db } from './db/database.ts';
import type { Role } from './db/schema-accounts.ts';
import type { MailChoice } from './db/schema-platform.ts';
import type { Catalogue, I18n, MessageKey } from './i18n/i18n.ts';
import type { Lang } from './i18n/locales.ts';
import type { Translated } from './i18n/translated.ts';
import type { PlatformSettings } from './settings.ts';

/*
 * The extension points of Kenes (decision 0016). Core offers each feature that crosses domains —
 * file downloads, feeds and calendars, scheduled jobs, notifications, search, comments — and each
 * domain fills it in with one `Domain` object (its domain.ts), listed once in src/domains.ts beside
 * app.ts. Core never imports a domain; a domain never reads another's tables for these features.
 * Every callback decides visibility with the domain's own policy module (the one place per domain).
 */

declare module 'fastify' {
  interface FastifyInstance {
    /** Every domain's public feeds (app.ts), for the pages' heads. */
    feeds: readonly Feed[];
    /** How many things wait for a person in every domain's WorkSource (core/work): one query. */
    workCount?: (user: CurrentUser) => Promise<number>;
  }
}

/** What the routes of a domain are given when the app is assembled. */
export interface RouteDeps {
  publicUrl: string;
  /** Every domain's part in deleting an account (accounts runs them when a person deletes theirs). */
  accountDeleted: readonly AccountDeletedHook[];
  /** Where the scheduled backups are (BACKUP_DIR), for the administrators' list. */
  backupDir?: string | undefined;
  /** How many of them are kept (BACKUP_KEEP). */
  backupKeep?: number | undefined;
  /** How people sign in (decision 0023); absent: passwords for every role, no single sign-on. */
  signIn?: { oidc: OidcSettings | undefined; passwordRoles: readonly Role[] };
  /** Every kind of notification the sources declare, for the e-mail settings (accounts). */
  notificationKinds?: readonly NotificationKind[];
}

/** A domain as the app assembles it. Every part but `name` is optional. */
export interface Domain {
  name: string;
  /** Interface texts in kk, ru and en (keys declared by augmenting DomainMessages). */
  messages?: Catalogue;
  /** Registers the domain's pages and API routes (parse → authorise → use case or query → render). */
  routes?: (app: FastifyInstance, deps: RouteDeps) => void;
  files?: FileOwner[];
  feeds?: Feed[];
  jobs?: Job[];
  notifications?: NotificationSource[];
  work?: WorkSource[];
  searchable?: Searchable[];
  commentable?: Commentable[];
  accountDeleted?: AccountDeletedHook[];
  datasets?: Dataset[];
}

/**
 * Files: the bytes of every upload live in core's file store (core/files: `files`, `file_chunks`),
 * served by core at /files/:id/*; the record a file is attached to belongs to a domain, which alone
 * says who may download it. Core asks every owner in parallel and serves the file if one says yes,
 * else answers 404 (as for an unknown id). An owner answers false for a file that is not its own.
 */
export interface FileOwner {
  /** e.g. 'meeting-document', 'proposal-attachment'. */
  kind: string;
  mayDownload(db: Db, reader: CurrentUser | null, fileId: string): Promise<boolean>;
}

/**
 * Feeds and calendars a domain publishes at its own URLs (Atom for news, iCalendar for meetings and
 * deadlines). Core advertises the public ones to feed readers and calendars (`<link rel="alternate">`
 * in every page's head); the domain renders them with core/atom.ts or ical-generator.
 */
export interface Feed {
  id: string;
  format: 'atom' | 'ical';
  title: MessageKey;
  /**
   * A record's feed (a proposal's timeline) is advertised only on its record's pages: those whose
   * path after the language (`/proposals/5`) this matches, the first group being the record's id.
   * Without it, the feed is the site's and every page advertises it.
   */
  page?: RegExp;
  /** The feed's path in a language, e.g. `/en/news.atom`; a record's feed is given the record's id. */
  path(lang: Lang, id?: string): string;
}

/** The feeds a page advertises: the site's, and those of the record the page shows (Feed.page). */
export function feedsOfPage(feeds: readonly Feed[], lang: Lang, pathInLang: string) {
  const path = pathInLang.split(/[?#]/, 1)[0] ?? '';
  return feeds.flatMap((f) => {
    if (!f.page) return [{ feed: f, href: f.path(lang) }];
    const id = f.page.exec(path)?.[1];
    return id ? [{ feed: f, href: f.path(lang, id) }] : [];
  });
}

/** What a job runs with. */
export interface JobContext {
  db: Db;
  publicUrl: string;
  log: Logger;
}

/**
 * Scheduled work (reminders, digests, checkpoints). One scheduler in core (core/jobs.ts) runs every
 * job of every domain in each process, every `everyMs`, never two runs of one job at once in a
 * process; an error is logged and the next run comes as planned — a job never ends the process.
 * Many processes run the same jobs: a job must be safe to run concurrently (claim its rows with
 * FOR UPDATE SKIP LOCKED or a unique key, as the reminders do), since nothing is agreed in memory.
 */
export interface Job {
  name: string;
  everyMs: number;
  run(ctx: JobContext): Promise<unknown>;
}

/** One notification as the person's notifications page shows it. */
export interface NotificationItem {
  /** Unique across sources, e.g. `proposal:123`. */
  key: string;
  at: Date;
  read: boolean;
  /** What happened, in the reader's language. */
  text(i18n: I18n): string;
  /** The record's title, if any. */
  title?: Translated;
  /** Where the record is, without the language prefix (e.g. `/proposals/5`). */
  path: string;
}

/**
 * A kind of notification (issue 13): each person chooses, per kind, e-mail at once (batched within
 * minutes), in a daily or weekly digest, or never (in Kenes only). A source declares the kinds it
 * writes; core offers them on the settings page and its mail job honours the choice.
 */
export interface NotificationKind {
  /** Unique across sources, e.g. 'proposal-assigned'. */
  key: string;
  /** What it tells of, as the settings page names it ("A proposal is assigned to your organisation"). */
  label: MessageKey;
  /** The choice of whoever has not made one, unless `byRole` says otherwise for their role. */
  default: MailChoice;
  byRole?: Partial<Record<Role, MailChoice>>;
  /** The roles it can reach (the settings page offers it only to them); every role when absent. */
  roles?: readonly Role[];
}

/** Of these people, those due an e-mail of these kinds now (core's mail job decides it). */
export interface MailDue {
  userIds: readonly string[];
  /** Parallel to userIds: one (person, kind) pair per index. */
  kinds: readonly string[];
}

/**
 * Notifications: a domain writes its own when something happens (in the same transaction as the
 * change) and lists them for a person — only about records that person may still see. Core's page
 * (/{lang}/notifications) merges every source, newest first, and marks them read.
 */
export interface NotificationSource {
  kind: string;
  /** The kinds of notification it writes (each row is of one). */
  kinds: readonly NotificationKind[];
  list(db: Db, user: CurrentUser, limit: number): Promise<NotificationItem[]>;
  markAllRead(db: Db, user: CurrentUser): Promise<void>;
  /**
   * For e-mail (core/notifications/mail.ts, issue 13): the notifications no e-mail has carried yet,
   * as SQL of (user_id, at, kind) rows. Core's one mail job reads every source's, so a person gets
   * one e-mail for what happened in every domain, by their choice per kind.
   */
  unmailed?(): RawBuilder<{ user_id: string; at: Date; kind: string }>;
  /** Marks the unmailed notifications of these (person, kind) pairs e-mailed (in the mail's transaction) and returns them. */
  takeUnmailed?(trx: Db, due: MailDue): Promise<MailItem[]>;
}

/** One notification as an e-mail carries it. */
export interface MailItem {
  userId: string;
  /** Its kind (NotificationKind.key). */
  kind: string;
  /** The thing told of ('proposal:5'): its changes are told together. */
  record: string;
  at: Date;
  text(i18n: I18n): string;
  title?: Translated;
  path: string;
}

/** One thing waiting for a person, as a WorkSource's query returns it (one row per thing). */
export interface WorkRow {
  /** Unique across sources, e.g. `proposal-answer:12`. */
  key: string;
  /** The record's title. */
  title: Translated;
  /** Where to act, without the language prefix (e.g. `/proposals/5`). */
  path: string;
  /** What to do, as a message key ("Answer the proposal"). */
  kind: MessageKey;
  /** The day it is due (YYYY-MM-DD), or null when nothing sets one. */
  deadline: string | null;
}

/**
 * "My work" (core/work, issue 13): what waits for a person to act in a domain — proposals to answer,
 * minutes to approve, tasks and actions due. The domain returns ONE query of WorkRow columns (key,
 * title, path, kind, deadline), written with its own visibility module, or null when nothing of its
 * kind can wait for this person; core runs it for the page and counts it for the header (the same
 * query, so the count and the list cannot disagree), adds the overdue flag and sorts by deadline.
 */
export interface WorkSource {
  kind: string;
  waiting(user: CurrentUser): RawBuilder<WorkRow> | null;
}

/** Who may read a searchable document: everyone, or only readers the domain's policy admits. */
export type SearchVisibility = 'public' | 'restricted';

/** One record as search sees it: its text per language (kk, ru, en; any may be missing). */
export interface SearchDocument {
  kind: string;
  id: string;
  title: Translated;
  body: Translated;
  /** Where the record is, without the language prefix. */
  path: string;
  visibility: SearchVisibility;
  updatedAt: Date;
}

/**
 * Search: a domain contributes its records as documents. Core's search (the search issue) indexes
 * them in every language and, for a 'restricted' document, asks the domain which of the hits a
 * reader may see — with the domain's own visibility policy, the same one its pages use.
 */
export interface Searchable {
  kind: string;
  /** Every document of this kind (changed since `since`, when given), in pages of at most `limit`. */
  documents(db: Db, opts: { since?: Date; afterId?: string; limit: number }): Promise<SearchDocument[]>;
  /** Of these ids, the ones the reader may see. */
  visibleTo(db: Db, reader: CurrentUser | null, ids: string[]): Promise<Set<string>>;
}

/** A record that may carry comments, as the comments feature needs to know it. */
export interface CommentTarget {
  title: Translated;
  /** Where the record is, without the language prefix. */
  path: string;
  /** Whether the domain takes comments on the record now (core also closes them N days after `publishedAt`). */
  open: boolean;
  /** When the record was published, if the body may close its comments some days later (the setting). */
  publishedAt?: Date;
}

/**
 * Comments: a domain lets a kind of record carry comments (the comments issue). Comments live in
 * core's tables, keyed by (kind, id); the domain says whether the record exists for a reader (else
 * its comments are not shown either) and who moderates them.
 */
export interface Commentable {
  kind: string;
  /** What the body calls this kind of record (the comment settings name it). */
  label: MessageKey;
  /** The form of this kind's ids (numeric, ID_PATTERN, when not said): any other id is an unknown record. */
  idPattern?: RegExp;
  /** The record if the reader may see it, else null (404, as for an unknown id). */
  target(db: Db, reader: CurrentUser | null, id: string): Promise<CommentTarget | null>;
  mayModerate(reader: CurrentUser | null): boolean;
  /** The ids of the users following the record, told of its new comments (a kind without follows omits it). */
  followers?(db: Db, id: string): Promise<string[]>;
}

/** What becomes of a deleted account's comments: the platform setting `comments_on_account_deletion`. */
export type CommentsOnAccountDeletion = PlatformSettings['comments_on_account_deletion'];

/** One account being deleted by its owner, as the hooks are told of it. */
export interface AccountDeletion {
  userId: string;
  /** The body's choice for the person's comments (core/settings.ts), read once for every hook. */
  comments: CommentsOnAccountDeletion;
}

/**
 * Deleting one's own account (decision 0021): accounts clears the person's data of its own tables
 * (name, e-mail, password, sessions) and, in the same transaction and before that, calls every
 * domain's hook with the person's id, so each domain does what deletion means for its records —
 * comments kept as "deleted user" or removed as `comments` says, follows and notifications dropped.
 * A hook must not fail for a person it knows nothing of; if it throws, nothing is deleted. The user
 * row itself stays (its id keeps what others wrote about it attributed), its `deleted_at` set.
 */
export interface AccountDeletedHook {
  name: string;
  run(trx: Db, deletion: AccountDeletion): Promise<void>;
}

/** The paging options of Searchable.documents. */
export type DocumentsPage = Parameters<Searchable['documents']>[1];

/** What documentsPage needs of a Kysely select query. */
export interface PageableQuery<Q, R> {
  where(e: Expression<SqlBool>): Q;
  orderBy(e: Expression<unknown>): Q;
  limit(n: number): Q;
  execute(): Promise<R[]>;
}

/** A condition "this changed at or after `since`" that a time column cannot say (e.g. another domain's record renamed). */
export type ChangedSince = (since: Date) => Expression<SqlBool>;

/** The columns documentsPage pages by: the id, and what says a record changed. */
export interface DocumentsPageColumns {
  id: string;
  changed: string | readonly (string | Expression<unknown> | ChangedSince)[];
}

/**
 * One page of a domain's records for Searchable.documents: changed since `since`, after `afterId`,
 * by id, at most `limit`. `id` names the id column (e.g. 'm.id'); `changed` the column or columns (or
 * expressions) whose time says the document changed — any of them since `since` brings the record
 * back, e.g. an agenda item's own time and its meeting's (whose visibility it follows) — or
 * conditions of `since` (e.g. the organisation whose name the document shows was renamed since).
 */
export function documentsPage<Q extends PageableQuery<Q, R>, R>(
  q: Q & PageableQuery<Q, R>,
  page: DocumentsPage,
  columns: DocumentsPageColumns,
): Promise<R[]> {
  let out: Q = q;
  const { since } = page;
  if (since) {
    const changed = typeof columns.changed === 'string' ? [columns.changed] : columns.changed;
    const after = changed.map((c) =>
      typeof c === 'function' ? c(since) : sql<SqlBool>`${typeof c === 'string' ? sql.ref(c) : c} >= ${since}`,
    );
    out = out.where(sql<SqlBool>`(${sql.join(after, sql` OR `)})`);
  }
  if (page.afterId) out = out.where(sql<SqlBool>`${sql.ref(columns.id)} > ${page.afterId}`);
  return out.orderBy(sql.ref(columns.id)).limit(page.limit).execute();
}

/** visibleTo's answer: of `ids`, those `find` returns (a query of the domain's, with its visibility rule). */
export async function idsFound(
  ids: string[],
  find: (ids: string[]) => Promise<{ id: string }[]>,
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  return new Set((await find(ids)).map((r) => r.id));
}

/** visibleTo of a kind of record everyone may see (no hidden states). */
export const everyoneSees: Searchable['visibleTo'] = async (_db, _reader, ids) => new Set(ids);

/** mayModerate as the policy says: the secretariat and moderators (`moderate`). */
export const moderators: Commentable['mayModerate'] = (reader) => can(reader, 'moderate');

/** A column of a dataset as its data dictionary describes it (decision 0028). */
export interface DatasetColumn {
  /** Stable, snake_case: the CSV header and the JSON key. */
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime';
  /** What the column holds, in kk, ru and en. */
  description: MessageKey;
}

/** How many public rows a dataset has, when they last changed, and a stamp that any change of them changes. */
export interface DatasetSummary {
  rows: number;
  lastChange: Date | null;
  stamp: string;
}

/** One row: a value per column, in the columns' order. */
export type DatasetCell = string | number | boolean | null;

/**
 * Open data (decision 0028): a kind of public record offered for download on /{lang}/open-data as
 * CSV, JSON and in one zip, and described in the DCAT catalogue. Only what a visitor may see, as the
 * domain's visibility module decides; labels in the page's language with their stable codes beside.
 */
export interface Dataset {
  /** Stable, kebab-case: the file's name (`meetings.csv`). */
  id: string;
  title: MessageKey;
  description: MessageKey;
  columns: readonly DatasetColumn[];
  /** One query over the same public rows as `rows` (`datasetSummary` builds its columns). */
  summary(db: Db): Promise<DatasetSummary>;
  /** The public rows in batches (`keysetBatches`), labels in `i18n`'s language. */
  rows(db: Db, i18n: I18n): AsyncIterable<readonly (readonly DatasetCell[])[]>;
}
