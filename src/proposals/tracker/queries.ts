import { sql } from 'kysely';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { Answer, ProposalKind, ProposalStatus } from '../../core/db/schema.ts';
import { changedSince } from '../../core/http/api-list.ts';
import type { SharedReads } from '../../core/http/shared-reads.ts';
import type { Lang } from '../../core/i18n/locales.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { correctQuery, textMatch } from '../../core/search/match.ts';
import type { Corrections } from '../../core/search/typos.ts';
import { themeChoices } from '../../core/themes.ts';
import { agendaItemOptions, meetingAudience, meetingOptions, type Reader } from '../../meetings/index.ts';
import {
  organisationChoices,
  organisationColumn,
  organisationJson,
  organisationsJson,
} from '../../organisations/index.ts';
import { authorIds } from '../authors.ts';
import { PRIVATE_EVENTS } from '../events.ts';
import { supportCount } from '../support/supporter.ts';
import { proposalsAudience, visibleProposals } from '../visibility.ts';

export const PAGE_SIZE = 50;

export interface TrackerFilter {
  status?: ProposalStatus | undefined;
  body?: string | undefined;
  author?: string | undefined;
  theme?: string | undefined;
  kind?: ProposalKind | undefined;
  meeting?: string | undefined;
  overdue?: boolean | undefined;
  q?: string | undefined;
  /** The typo corrections of `q` (`withCorrections`, once per request): its words are also looked for as them. */
  corrections?: Corrections | undefined;
  /** With `q` and the default order: by relevance, a match in the reader's language first. */
  sort: 'newest' | 'waiting' | 'support';
  page: number;
  /** The reader's language (a search ranks its matches first); English when not given. */
  lang?: Lang | undefined;
  /** The API's changes feed: proposals changed (or with a public timeline entry) at or after this. */
  updatedSince?: Date | undefined;
}

const TITLE_ALL = sql<string>`lower(translated_in(p.title, 'kk') || ' ' || translated_in(p.title, 'ru') || ' ' || translated_in(p.title, 'en'))`;

/** When a proposal last changed: itself, or an entry of its public timeline (an answer, a stage…). */
const lastChange = sql<Date>`greatest(p.updated_at, (SELECT max(e.at) FROM proposal_events e
  WHERE e.proposal_id = p.id AND e.kind NOT IN (${sql.join(PRIVATE_EVENTS)})))`;

/** The one search (core/search, decision 0018): the three languages, Kazakh in either script. */
function search(q: string, lang: Lang = 'en', corrections?: Corrections) {
  return textMatch({ kind: 'proposal', q, lang, id: 'p.id', corrections });
}

/**
 * The filter with its query's typo corrections (one lookup in the search vocabulary, as the search page
 * makes), for every statement of the request, and the query as searched when a word was corrected.
 */
export async function withCorrections<F extends TrackerFilter>(
  db: Db,
  f: F,
): Promise<{ filter: F; searchedFor: string | null }> {
  const { corrections, searchedFor } = await correctQuery(db, f.q);
  return { filter: { ...f, corrections }, searchedFor };
}

/** The filtered set, of what `user` may see (visibility.ts). */
function filtered(db: Db, f: TrackerFilter, user: CurrentUser | null) {
  let q = db.selectFrom('proposals as p').where(visibleProposals(user));
  if (f.status) q = q.where('p.status', '=', f.status);
  if (f.kind) q = q.where('p.kind', '=', f.kind);
  if (f.meeting) q = q.where('p.meeting_id', '=', f.meeting);
  if (f.body)
    q = q.where('p.id', 'in', (eb) =>
      eb
        .selectFrom('proposal_addressees')
        .select('proposal_id')
        .where('organisation_id', '=', f.body ?? ''),
    );
  if (f.author)
    q = q.where('p.id', 'in', (eb) =>
      eb
        .selectFrom('proposal_authors')
        .select('proposal_id')
        .where('organisation_id', '=', f.author ?? ''),
    );
  if (f.theme)
    q = q.where('p.id', 'in', (eb) =>
      eb
        .selectFrom('proposal_themes')
        .select('proposal_id')
        .where('theme_id', '=', f.theme ?? ''),
    );
  if (f.overdue) {
    q = q.where('p.id', 'in', (eb) =>
      eb
        .selectFrom('proposal_addressees')
        .select('proposal_id')
        .where('answer', 'is', null)
        .where('deadline', '<', sql<string>`current_date`),
    );
  }
  if (f.q) q = q.where(search(f.q, f.lang, f.corrections).where);
  if (f.updatedSince) q = q.where(changedSince(f.updatedSince, [lastChange]));
  return q;
}

export interface TrackerRow {
  id: string;
  title: Translated;
  kind: ProposalKind;
  status: ProposalStatus;
  submittedAt: Date | null;
  updatedAt: Date;
  supportCount: number;
  authors: { slug: string; name: Translated; shortName: Translated }[];
  addressees: {
    slug: string;
    name: Translated;
    shortName: Translated;
    answer: Answer | null;
    deadline: string | null;
    overdue: boolean;
  }[];
}

/** One page of the tracker, with authors and addressees folded in: one query. */
export function trackerPage(db: Db, f: TrackerFilter, user: CurrentUser | null): Promise<TrackerRow[]> {
  let q = filtered(db, f, user).select([
    'p.id',
    'p.title',
    'p.kind',
    'p.status',
    'p.submitted_at as submittedAt',
    lastChange.as('updatedAt'),
    supportCount('p.id').as('supportCount'),
    organisationsJson(authorIds, ['slug', 'name', 'shortName']).as('authors'),
    sql<
      TrackerRow['addressees']
    >`(SELECT coalesce(jsonb_agg(${organisationJson('d.organisation_id', ['slug', 'name', 'shortName'])} || jsonb_build_object(
          'answer', d.answer, 'deadline', d.deadline, 'overdue', coalesce(d.answer IS NULL AND d.deadline < current_date, false)) ORDER BY d.organisation_id), '[]')
        FROM proposal_addressees d WHERE d.proposal_id = p.id)`.as('addressees'),
  ]);
  if (f.q && f.sort === 'newest') q = q.orderBy(search(f.q, f.lang, f.corrections).rank, 'desc');
  if (f.sort === 'support') q = q.orderBy(supportCount('p.id'), 'desc').orderBy('p.id', 'desc');
  else if (f.sort === 'waiting')
    q = q
      .orderBy(
        sql`(SELECT min(deadline) FROM proposal_addressees d WHERE d.proposal_id = p.id AND d.answer IS NULL)`,
        (ob) => ob.asc().nullsLast(),
      )
      .orderBy('p.id');
  else q = q.orderBy(sql`p.submitted_at desc nulls last`).orderBy('p.id', 'desc');
  return q
    .limit(PAGE_SIZE)
    .offset((f.page - 1) * PAGE_SIZE)
    .execute() as Promise<TrackerRow[]>;
}

/** The figures above the tracker for the filtered set: count and accepted share (one query). */
export async function trackerFigures(
  db: Db,
  f: TrackerFilter,
  user: CurrentUser | null,
): Promise<{ total: number; answered: number; accepted: number }> {
  const row = await filtered(db, f, user)
    .select([
      sql<string>`count(*)`.as('total'),
      sql<string>`count(*) FILTER (WHERE EXISTS (SELECT 1 FROM proposal_addressees d WHERE d.proposal_id = p.id AND d.answer IS NOT NULL))`.as(
        'answered',
      ),
      sql<string>`count(*) FILTER (WHERE EXISTS (SELECT 1 FROM proposal_addressees d WHERE d.proposal_id = p.id AND d.answer IN ('accepted', 'partly_accepted')))`.as(
        'accepted',
      ),
    ])
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), answered: Number(row.answered), accepted: Number(row.accepted) };
}

/** Median days from submission to answer, per state body (one query over all answers). */
export function medianDaysToAnswer(
  db: Db,
): Promise<{ slug: string; name: Translated; median: number; answers: number }[]> {
  return sql<{ slug: string; name: Translated; median: number; answers: number }>`
    SELECT ${organisationColumn('d.organisation_id', 'slug')} AS slug, ${organisationColumn('d.organisation_id', 'name')} AS name,
           round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.answered_at - p.submitted_at) / 86400))::int AS median,
           count(*)::int AS answers
      FROM proposal_addressees d
      JOIN proposals p ON p.id = d.proposal_id
     WHERE d.answered_at IS NOT NULL AND p.submitted_at IS NOT NULL
     GROUP BY d.organisation_id
     ORDER BY median DESC
     LIMIT 30`
    .execute(db)
    .then((r) => r.rows);
}

/** Titles that look like the one being written (trigram similarity, and full text), among what `user` may see. */
export function similarProposals(db: Db, text: string, user: CurrentUser | null, exceptId?: string) {
  let q = db
    .selectFrom('proposals as p')
    .select(['p.id', 'p.title', 'p.status', sql<number>`word_similarity(lower(${text}), ${TITLE_ALL})`.as('score')])
    .where(visibleProposals(user))
    .where('p.status', 'not in', ['withdrawn', 'merged'])
    .where((eb) =>
      eb.or([eb(sql<number>`word_similarity(lower(${text}), ${TITLE_ALL})`, '>', 0.45), search(text).where]),
    );
  if (exceptId) q = q.where('p.id', '!=', exceptId);
  return q.orderBy('score', 'desc').limit(5).execute();
}

/**
 * Organisations offered in the tracker's "Author" filter: those that author a proposal `user` may see,
 * so the list never names the author of a draft one may not see (one query).
 */
export function authorOptions(db: Db, user: CurrentUser | null) {
  return organisationChoices(
    db,
    db
      .selectFrom('proposal_authors as a')
      .innerJoin('proposals as p', 'p.id', 'a.proposal_id')
      .select('a.organisation_id')
      .where(visibleProposals(user)),
  );
}
/**
 * Reads kept while nothing changes (app.shared), or none: each value below is the same for every
 * reader, or for every reader of an audience its key names (proposals: visibility.ts; meetings: theirs).
 */
type Kept = Pick<SharedReads, 'read'> | undefined;
const read = <T>(kept: Kept, key: string, load: () => Promise<T>) => (kept ? kept.read(key, load) : load());

/**
 * Options of the tracker's filters: a fixed few queries. Meetings and agenda items are only those the
 * reader may see (the meetings domain decides: a members-only meeting's title is not public); themes
 * and organisations are everyone's, kept between changes when `kept` is given.
 */
export async function filterOptions(db: Db, reader: Reader, kept?: Kept) {
  const [themes, organisations, meetings, agendaItems] = await Promise.all([
    read(kept, 'themes:choices', () => themeChoices(db)),
    read(kept, 'organisations:choices', () => organisationChoices(db)),
    read(kept, `meetings:options:${meetingAudience(reader)}`, () => meetingOptions(db, reader, { limit: 200 })),
    read(kept, `agenda-items:options:${meetingAudience(reader)}`, () => agendaItemOptions(db, reader, { limit: 500 })),
  ]);
  return { themes, organisations, meetings, agendaItems };
}

/** Everything the tracker page shows: the page of rows, the figures, the medians and the filters' options. */
export async function trackerView(db: Db, filter: TrackerFilter, user: CurrentUser | null, kept?: Kept) {
  // The rows, figures and authors depend on the reader only through the proposals they may see.
  const audience = proposalsAudience(user);
  const matching = read(kept, `tracker:${audience}:${JSON.stringify(filter)}`, () =>
    withCorrections(db, filter).then(async ({ filter: f, searchedFor }) => {
      const [rows, figures] = await Promise.all([trackerPage(db, f, user), trackerFigures(db, f, user)]);
      return { rows, figures, searchedFor };
    }),
  );
  const [{ rows, figures, searchedFor }, medians, options, authors] = await Promise.all([
    matching,
    read(kept, 'proposals:median-days', () => medianDaysToAnswer(db)),
    filterOptions(db, user, kept),
    read(kept, `tracker:authors:${audience}`, () => authorOptions(db, user)),
  ]);
  return { rows, figures, searchedFor, medians, options: { ...options, authors } };
}
