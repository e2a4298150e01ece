import { type Expression, type SqlBool, sql } from 'kysely';
import type { CurrentUser } from '../core/auth/user.ts';
import type { Db } from '../core/db/database.ts';
import type { Answer, Assessment, ProposalKind, ProposalStatus, Stage } from '../core/db/schema.ts';
import type { Translated } from '../core/i18n/translated.ts';
import { agendaItemOptions, meetingOptions, type Reader, visibleCondition } from '../meetings/index.ts';
import { PRIVATE_EVENTS } from './events.ts';
import { publicProposals, type VisibilityFacts, visibleProposals } from './visibility.ts';

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
  sort: 'newest' | 'waiting';
  page: number;
}

const TITLE_ALL = sql<string>`lower(translated_in(p.title, 'kk') || ' ' || translated_in(p.title, 'ru') || ' ' || translated_in(p.title, 'en'))`;

/** Full text in the three languages, or a close spelling of a title word (inflected Kazakh, typos). */
function matches(q: string): Expression<SqlBool> {
  return sql<SqlBool>`(p.search_ru @@ websearch_to_tsquery('russian', ${q})
      OR p.search_en @@ websearch_to_tsquery('english', ${q})
      OR p.search_kk @@ websearch_to_tsquery('simple', ${q})
      OR lower(${q}) <% ${TITLE_ALL})`;
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
  if (f.q) q = q.where(matches(f.q));
  return q;
}

export interface TrackerRow {
  id: string;
  title: Translated;
  kind: ProposalKind;
  status: ProposalStatus;
  submittedAt: Date | null;
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
    sql<
      TrackerRow['authors']
    >`(SELECT coalesce(jsonb_agg(jsonb_build_object('slug', o.slug, 'name', o.name, 'shortName', o.short_name) ORDER BY o.id), '[]')
        FROM proposal_authors a JOIN organisations o ON o.id = a.organisation_id WHERE a.proposal_id = p.id)`.as(
      'authors',
    ),
    sql<
      TrackerRow['addressees']
    >`(SELECT coalesce(jsonb_agg(jsonb_build_object('slug', o.slug, 'name', o.name, 'shortName', o.short_name,
          'answer', d.answer, 'deadline', d.deadline, 'overdue', d.answer IS NULL AND d.deadline < current_date) ORDER BY o.id), '[]')
        FROM proposal_addressees d JOIN organisations o ON o.id = d.organisation_id WHERE d.proposal_id = p.id)`.as(
      'addressees',
    ),
  ]);
  q =
    f.sort === 'waiting'
      ? q
          .orderBy(
            sql`(SELECT min(deadline) FROM proposal_addressees d WHERE d.proposal_id = p.id AND d.answer IS NULL)`,
            (ob) => ob.asc().nullsLast(),
          )
          .orderBy('p.id')
      : q.orderBy(sql`p.submitted_at desc nulls last`).orderBy('p.id', 'desc');
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
    SELECT o.slug, o.name,
           round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.answered_at - p.submitted_at) / 86400))::int AS median,
           count(*)::int AS answers
      FROM proposal_addressees d
      JOIN proposals p ON p.id = d.proposal_id
      JOIN organisations o ON o.id = d.organisation_id
     WHERE d.answered_at IS NOT NULL AND p.submitted_at IS NOT NULL
     GROUP BY o.id
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
    .where((eb) => eb.or([eb(sql<number>`word_similarity(lower(${text}), ${TITLE_ALL})`, '>', 0.45), matches(text)]));
  if (exceptId) q = q.where('p.id', '!=', exceptId);
  return q.orderBy('score', 'desc').limit(5).execute();
}

export interface ProposalDetail {
  id: string;
  title: Translated;
  body: Translated;
  kind: ProposalKind;
  status: ProposalStatus;
  meetingId: string | null;
  meetingNumber: number | null;
  duplicateOf: string | null;
  submittedAt: Date | null;
  createdAt: Date;
  authors: { id: string; slug: string; name: Translated }[];
  /** Organisations invited as co-authors, answer pending (shown to the authors and the invited only). */
  invited: { id: string; slug: string; name: Translated }[];
  addressees: {
    id: string;
    organisationId: string;
    slug: string;
    name: Translated;
    deadline: string | null;
    answer: Answer | null;
    reasons: Translated;
    answeredAt: Date | null;
    assessment: Assessment | null;
    assessmentComment: string | null;
    overdue: boolean;
  }[];
  endorsements: { slug: string; name: Translated }[];
  themes: { slug: string; name: Translated }[];
  legalActs: { name: Translated; number: string | null; article: string | null; url: string | null }[];
  stages: { stage: Stage; reachedOn: string; url: string | null }[];
  duplicates: { id: string; title: Translated }[];
  attachments: { fileId: string; title: Translated; filename: string; sizeBytes: number }[];
}

/** The facts visibility needs, from the page's query (no second lookup). */
export const factsOf = (p: ProposalDetail): VisibilityFacts => ({
  status: p.status,
  submittedAt: p.submittedAt,
  authorIds: p.authors.map((a) => a.id),
  invitedIds: p.invited.map((a) => a.id),
});

/**
 * One proposal with everything its page shows, folded into one query. The meeting it was presented at
 * is named only to a reader who may see that meeting (the meetings domain decides).
 */
export async function proposalById(db: Db, id: string, reader: Reader): Promise<ProposalDetail | undefined> {
  const row = await db
    .selectFrom('proposals as p')
    .leftJoin('meetings as m', (join) => join.onRef('m.id', '=', 'p.meeting_id').on(visibleCondition(reader)))
    .select([
      'p.id',
      'p.title',
      'p.body',
      'p.kind',
      'p.status',
      'p.meeting_id as meetingId',
      'm.number as meetingNumber',
      'p.duplicate_of as duplicateOf',
      'p.submitted_at as submittedAt',
      'p.created_at as createdAt',
      sql<
        ProposalDetail['authors']
      >`(SELECT coalesce(jsonb_agg(jsonb_build_object('id', o.id::text, 'slug', o.slug, 'name', o.name) ORDER BY o.id), '[]')
          FROM proposal_authors a JOIN organisations o ON o.id = a.organisation_id WHERE a.proposal_id = p.id)`.as(
        'authors',
      ),
      sql<
        ProposalDetail['invited']
      >`(SELECT coalesce(jsonb_agg(jsonb_build_object('id', o.id::text, 'slug', o.slug, 'name', o.name) ORDER BY o.id), '[]')
          FROM proposal_coauthor_invitations i JOIN organisations o ON o.id = i.organisation_id
         WHERE i.proposal_id = p.id AND i.answer IS NULL)`.as('invited'),
      sql<ProposalDetail['addressees']>`(SELECT coalesce(jsonb_agg(jsonb_build_object(
            'id', d.id::text, 'organisationId', o.id::text, 'slug', o.slug, 'name', o.name, 'deadline', d.deadline, 'answer', d.answer,
            'reasons', d.reasons, 'answeredAt', d.answered_at, 'assessment', d.assessment, 'assessmentComment', d.assessment_comment,
            'overdue', d.answer IS NULL AND d.deadline < current_date) ORDER BY o.id), '[]')
          FROM proposal_addressees d JOIN organisations o ON o.id = d.organisation_id WHERE d.proposal_id = p.id)`.as(
        'addressees',
      ),
      sql<
        ProposalDetail['endorsements']
      >`(SELECT coalesce(jsonb_agg(jsonb_build_object('slug', o.slug, 'name', o.name) ORDER BY e.created_at), '[]')
          FROM proposal_endorsements e JOIN organisations o ON o.id = e.organisation_id WHERE e.proposal_id = p.id)`.as(
        'endorsements',
      ),
      sql<
        ProposalDetail['themes']
      >`(SELECT coalesce(jsonb_agg(jsonb_build_object('slug', t.slug, 'name', t.name) ORDER BY t.id), '[]')
          FROM proposal_themes pt JOIN themes t ON t.id = pt.theme_id WHERE pt.proposal_id = p.id)`.as('themes'),
      sql<
        ProposalDetail['legalActs']
      >`(SELECT coalesce(jsonb_agg(jsonb_build_object('name', l.name, 'number', l.number, 'article', l.article, 'url', l.url) ORDER BY l.id), '[]')
          FROM proposal_legal_acts l WHERE l.proposal_id = p.id)`.as('legalActs'),
      sql<
        ProposalDetail['stages']
      >`(SELECT coalesce(jsonb_agg(jsonb_build_object('stage', s.stage, 'reachedOn', s.reached_on, 'url', s.url) ORDER BY s.id), '[]')
          FROM proposal_stages s WHERE s.proposal_id = p.id)`.as('stages'),
      sql<
        ProposalDetail['duplicates']
      >`(SELECT coalesce(jsonb_agg(jsonb_build_object('id', x.id::text, 'title', x.title) ORDER BY x.id), '[]')
          FROM proposals x WHERE x.duplicate_of = p.id)`.as('duplicates'),
      sql<
        ProposalDetail['attachments']
      >`(SELECT coalesce(jsonb_agg(jsonb_build_object('fileId', f.id::text, 'title', pa.title, 'filename', f.filename, 'sizeBytes', f.size_bytes) ORDER BY pa.id), '[]')
          FROM proposal_attachments pa JOIN files f ON f.id = pa.file_id WHERE pa.proposal_id = p.id)`.as(
        'attachments',
      ),
    ])
    .where('p.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    ...row,
    addressees: row.addressees.map((a) => ({ ...a, answeredAt: a.answeredAt ? new Date(a.answeredAt) : null })),
  } as ProposalDetail;
}

/** The timeline; without `includePrivate` (the authors' and invitees' view) the PRIVATE_EVENTS are left out. */
export function timelineOf(db: Db, id: string, includePrivate: boolean) {
  let q = db
    .selectFrom('proposal_events as e')
    .leftJoin('organisations as o', 'o.id', 'e.organisation_id')
    .select([
      'e.id',
      'e.at',
      'e.actor_name as actorName',
      'o.name as organisationName',
      'e.kind',
      'e.detail',
      'e.reason',
    ])
    .where('e.proposal_id', '=', id);
  if (!includePrivate) q = q.where('e.kind', 'not in', PRIVATE_EVENTS);
  return q.orderBy('e.at').orderBy('e.id').execute();
}

/**
 * Organisations offered in the tracker's "Author" filter: those that author a proposal `user` may see,
 * so the list never names the author of a draft one may not see (one query).
 */
export function authorOptions(db: Db, user: CurrentUser | null) {
  return db
    .selectFrom('organisations as o')
    .select(['o.id', 'o.name', 'o.category'])
    .where('o.id', 'in', (eb) =>
      eb
        .selectFrom('proposal_authors as a')
        .innerJoin('proposals as p', 'p.id', 'a.proposal_id')
        .select('a.organisation_id')
        .where(visibleProposals(user)),
    )
    .execute();
}

/** Proposals that staff may link to a recommendation: public ones only (one query). */
export function linkableProposals(db: Db) {
  return db
    .selectFrom('proposals as p')
    .select(['p.id', 'p.title'])
    .where(publicProposals('p'))
    .orderBy('p.id', 'desc')
    .limit(500)
    .execute();
}

/** Is there a public proposal with this id? */
export async function isPublicProposal(db: Db, id: string): Promise<boolean> {
  return (
    (await db
      .selectFrom('proposals as p')
      .select('p.id')
      .where('p.id', '=', id)
      .where(publicProposals('p'))
      .executeTakeFirst()) !== undefined
  );
}

/**
 * Options of the tracker's filters: a fixed few queries. Meetings and agenda items are only those the
 * reader may see (the meetings domain decides: a members-only meeting's title is not public).
 */
export async function filterOptions(db: Db, reader: Reader) {
  const [themes, organisations, meetings, agendaItems] = await Promise.all([
    db.selectFrom('themes').select(['id', 'name']).orderBy('id').execute(),
    db.selectFrom('organisations').select(['id', 'name', 'category']).execute(),
    meetingOptions(db, reader, { limit: 200 }),
    agendaItemOptions(db, reader, { limit: 500 }),
  ]);
  return { themes, organisations, meetings, agendaItems };
}

export interface ProposalLink {
  id: string;
  title: Translated;
  status: ProposalStatus;
  agendaItemId: string | null;
  role: 'author' | 'addressee' | 'presented';
  overdue: boolean;
}

/** Proposals an organisation wrote or must answer (with overdue answers flagged): one query. */
export function proposalsOfOrganisation(db: Db, organisationId: string): Promise<ProposalLink[]> {
  return sql<ProposalLink>`
    SELECT p.id::text, p.title, p.status, p.agenda_item_id::text AS "agendaItemId", 'author' AS role, false AS overdue
      FROM proposals p JOIN proposal_authors a ON a.proposal_id = p.id
     WHERE a.organisation_id = ${organisationId} AND ${publicProposals('p')}
    UNION ALL
    SELECT p.id::text, p.title, p.status, p.agenda_item_id::text, 'addressee', d.answer IS NULL AND d.deadline < current_date
      FROM proposals p JOIN proposal_addressees d ON d.proposal_id = p.id
     WHERE d.organisation_id = ${organisationId} AND ${publicProposals('p')}
     ORDER BY overdue DESC, id DESC
     LIMIT 200`
    .execute(db)
    .then((r) => r.rows);
}

/** Proposals presented at a meeting (by agenda item): one query. */
export function proposalsOfMeeting(db: Db, meetingId: string): Promise<ProposalLink[]> {
  return db
    .selectFrom('proposals as p')
    .select([
      'p.id',
      'p.title',
      'p.status',
      'p.agenda_item_id as agendaItemId',
      sql<'presented'>`'presented'`.as('role'),
      sql<boolean>`EXISTS (SELECT 1 FROM proposal_addressees d WHERE d.proposal_id = p.id AND d.answer IS NULL AND d.deadline < current_date)`.as(
        'overdue',
      ),
    ])
    .where('p.meeting_id', '=', meetingId)
    .where(publicProposals('p'))
    .orderBy('p.id')
    .execute();
}
