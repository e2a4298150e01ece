import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import type { ProposalStatus } from '../../core/db/schema.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { publicProposals } from '../visibility.ts';

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

/**
 * For another domain's one query: the public proposals among `ids` (a subquery of the caller's, from its
 * own link table) as a JSON array of id, title and status, by id; '[]' when none.
 */
export function publicProposalsJson(ids: RawBuilder<unknown>) {
  return sql<{ id: string; title: Translated; status: string }[]>`(
    SELECT coalesce(jsonb_agg(jsonb_build_object('id', p.id::text, 'title', p.title, 'status', p.status) ORDER BY p.id), '[]')
      FROM proposals p WHERE p.id IN ${ids} AND ${publicProposals('p')})`;
}
