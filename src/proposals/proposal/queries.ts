import { sql } from 'kysely';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { Answer, Assessment, ProposalKind, ProposalStatus, Stage } from '../../core/db/schema.ts';
import { fileColumn } from '../../core/files/columns.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { setting } from '../../core/settings.ts';
import { themesJson } from '../../core/themes.ts';
import { type Reader, visibleMeetingNumber } from '../../meetings/index.ts';
import {
  organisationChoices,
  organisationColumn,
  organisationJson,
  organisationsJson,
} from '../../organisations/index.ts';
import { authorIds } from '../authors.ts';
import { PRIVATE_EVENTS } from '../events.ts';
import { supportCount, supportedBy } from '../support/supporter.ts';
import type { VisibilityFacts } from '../visibility.ts';

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
    /** The files sent with the answer (the official letter). */
    files: { fileId: string; filename: string; sizeBytes: number }[];
  }[];
  endorsements: { slug: string; name: Translated }[];
  /** How many citizens and organisations support it (decision 0021). */
  supportCount: number;
  /** Whether the reader (or the organisation they represent) supports it. */
  supported: boolean;
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
export async function proposalById(
  db: Db,
  id: string,
  reader: Reader,
  opts: { supported?: boolean } = {},
): Promise<ProposalDetail | undefined> {
  const row = await db
    .selectFrom('proposals as p')
    .select([
      'p.id',
      'p.title',
      'p.body',
      'p.kind',
      'p.status',
      'p.meeting_id as meetingId',
      visibleMeetingNumber(reader, 'p.meeting_id').as('meetingNumber'),
      'p.duplicate_of as duplicateOf',
      'p.submitted_at as submittedAt',
      'p.created_at as createdAt',
      organisationsJson(authorIds, ['id', 'slug', 'name']).as('authors'),
      organisationsJson(
        sql`ARRAY(SELECT i.organisation_id FROM proposal_coauthor_invitations i WHERE i.proposal_id = p.id AND i.answer IS NULL)`,
        ['id', 'slug', 'name'],
      ).as('invited'),
      sql<
        ProposalDetail['addressees']
      >`(SELECT coalesce(jsonb_agg(${organisationJson('d.organisation_id', ['slug', 'name'])} || jsonb_build_object(
            'id', d.id::text, 'organisationId', d.organisation_id::text, 'deadline', d.deadline, 'answer', d.answer,
            'reasons', d.reasons, 'answeredAt', d.answered_at, 'assessment', d.assessment, 'assessmentComment', d.assessment_comment,
            'overdue', coalesce(d.answer IS NULL AND d.deadline < current_date, false),
            'files', (SELECT coalesce(jsonb_agg(jsonb_build_object('fileId', af.file_id::text, 'filename', ${fileColumn('af.file_id', 'filename')}, 'sizeBytes', ${fileColumn('af.file_id', 'sizeBytes')}) ORDER BY af.id), '[]')
                        FROM proposal_answer_files af WHERE af.addressee_id = d.id)) ORDER BY d.organisation_id), '[]')
          FROM proposal_addressees d WHERE d.proposal_id = p.id)`.as('addressees'),
      sql<
        ProposalDetail['endorsements']
      >`(SELECT coalesce(jsonb_agg(${organisationJson('e.organisation_id', ['slug', 'name'])} ORDER BY e.created_at), '[]')
          FROM proposal_endorsements e WHERE e.proposal_id = p.id)`.as('endorsements'),
      supportCount('p.id').as('supportCount'),
      // Without it (`supported: false`, the page: the reader's relation is read on its own), false.
      (opts.supported === false ? sql<boolean>`false` : supportedBy(reader, 'p.id').$castTo<boolean>()).as('supported'),
      themesJson(sql`(SELECT pt.theme_id FROM proposal_themes pt WHERE pt.proposal_id = p.id)`, ['slug', 'name'], {
        subquery: true,
      }).as('themes'),
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
      >`(SELECT coalesce(jsonb_agg(jsonb_build_object('fileId', pa.file_id::text, 'title', pa.title, 'filename', ${fileColumn('pa.file_id', 'filename')}, 'sizeBytes', ${fileColumn('pa.file_id', 'sizeBytes')}) ORDER BY pa.id), '[]')
          FROM proposal_attachments pa WHERE pa.proposal_id = p.id)`.as('attachments'),
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
    .select([
      'e.id',
      'e.at',
      'e.actor_name as actorName',
      organisationColumn('e.organisation_id', 'name').$castTo<Translated | null>().as('organisationName'),
      'e.kind',
      'e.detail',
      'e.reason',
    ])
    .where('e.proposal_id', '=', id);
  if (!includePrivate) q = q.where('e.kind', 'not in', PRIVATE_EVENTS);
  return q.orderBy('e.at').orderBy('e.id').execute();
}

/** Does the user (or their organisation) support this proposal, and does the user follow it? One query (none for a visitor). */
export async function readerRelation(
  db: Db,
  user: CurrentUser | null,
  proposalId: string,
): Promise<{ supported: boolean; following: boolean }> {
  if (!user) return { supported: false, following: false };
  const row = await db
    .selectFrom('proposals as p')
    .select([
      supportedBy(user, 'p.id').$castTo<boolean>().as('supported'),
      sql<boolean>`EXISTS (SELECT 1 FROM follows f WHERE f.user_id = ${user.id} AND f.proposal_id = p.id)`.as(
        'following',
      ),
    ])
    .where('p.id', '=', proposalId)
    .executeTakeFirst();
  return { supported: row?.supported ?? false, following: row?.following ?? false };
}

/** The state bodies the secretariat may address a proposal to (one query). */
export async function stateBodies(db: Db) {
  return (await organisationChoices(db)).filter((o) => o.category === 'state_body');
}

/** The setting answer_deadline_days (30 by default): the answer deadline the assignment form proposes is today + it. */
export async function answerDeadlineDays(db: Db): Promise<number> {
  const days = Number((await setting(db, 'answer_deadline_days')) ?? 30);
  return Number.isFinite(days) ? days : 30;
}

/** Today + `days`, as the assignment form's date. */
export const deadlineAfter = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
