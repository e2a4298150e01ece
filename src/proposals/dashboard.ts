import { sql } from 'kysely';
import { BODY_TIME_ZONE } from '../core/dates.ts';
import type { Db } from '../core/db/database.ts';
import type { Answer, ProposalStatus } from '../core/db/schema.ts';
import type { Translated } from '../core/i18n/translated.ts';
import { organisationColumn } from '../organisations/index.ts';
import { publicProposals } from './visibility.ts';

/** A state body's record of answering the public proposals addressed to it. */
export interface BodyAnswers {
  organisationId: string;
  name: Translated;
  addressed: number;
  answered: number;
  accepted: number;
  /** Days from submission to the answer: the median and the 90th percentile (null when nothing is answered). */
  medianDays: number | null;
  p90Days: number | null;
}

/** What the public dashboards show of proposals: public proposals only (visibility.ts), in one query. */
export interface ProposalFigures {
  byStatus: { status: ProposalStatus; n: number }[];
  /** Proposals submitted per month ('YYYY-MM'), and how many of them are answered by now. */
  byMonth: { month: string; submitted: number; answered: number }[];
  byBody: BodyAnswers[];
  /** Proposals addressed to each body per month of submission ('YYYY-MM'); the bodies' names are in byBody. */
  byBodyMonth: { month: string; organisationId: string; n: number }[];
  answers: { answer: Answer; n: number }[];
}

/** The aggregates of the public proposals for the dashboards (decision 0029): one query, whatever their number. */
export async function proposalDashboard(db: Db): Promise<ProposalFigures> {
  const { rows } = await sql<ProposalFigures>`
    WITH pub AS (SELECT p.id, p.status, p.submitted_at FROM proposals p WHERE ${publicProposals('p')}),
    adr AS (
      SELECT a.organisation_id, a.answer, a.proposal_id,
             to_char(pub.submitted_at AT TIME ZONE ${BODY_TIME_ZONE}, 'YYYY-MM') AS month,
             extract(epoch FROM a.answered_at - pub.submitted_at) / 86400 AS days
        FROM proposal_addressees a JOIN pub ON pub.id = a.proposal_id)
    SELECT
      (SELECT coalesce(jsonb_agg(jsonb_build_object('status', status, 'n', n) ORDER BY n DESC, status), '[]')
         FROM (SELECT status, count(*)::int AS n FROM pub GROUP BY status) s) AS "byStatus",
      (SELECT coalesce(jsonb_agg(jsonb_build_object('month', month, 'submitted', submitted, 'answered', answered)
                                 ORDER BY month), '[]')
         FROM (SELECT to_char(submitted_at AT TIME ZONE ${BODY_TIME_ZONE}, 'YYYY-MM') AS month, count(*)::int AS submitted,
                      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM adr WHERE adr.proposal_id = pub.id
                                                      AND adr.answer IS NOT NULL))::int AS answered
                 FROM pub GROUP BY 1) m) AS "byMonth",
      (SELECT coalesce(jsonb_agg(jsonb_build_object(
                'organisationId', organisation_id::text, 'name', ${organisationColumn('b.organisation_id', 'name')},
                'addressed', addressed, 'answered', answered, 'accepted', accepted,
                'medianDays', median, 'p90Days', p90) ORDER BY addressed DESC, organisation_id), '[]')
         FROM (SELECT organisation_id, count(*)::int AS addressed,
                      count(answer)::int AS answered,
                      count(*) FILTER (WHERE answer = 'accepted')::int AS accepted,
                      round((percentile_cont(0.5) WITHIN GROUP (ORDER BY days))::numeric, 1)::float AS median,
                      round((percentile_cont(0.9) WITHIN GROUP (ORDER BY days))::numeric, 1)::float AS p90
                 FROM adr GROUP BY organisation_id) b) AS "byBody",
      (SELECT coalesce(jsonb_agg(jsonb_build_object('month', month, 'organisationId', organisation_id::text, 'n', n)
                                 ORDER BY month, organisation_id), '[]')
         FROM (SELECT month, organisation_id, count(*)::int AS n FROM adr GROUP BY 1, 2) bm) AS "byBodyMonth",
      (SELECT coalesce(jsonb_agg(jsonb_build_object('answer', answer, 'n', n) ORDER BY n DESC, answer), '[]')
         FROM (SELECT answer, count(*)::int AS n FROM adr WHERE answer IS NOT NULL GROUP BY answer) x) AS answers
  `.execute(db);
  const row = rows[0];
  if (!row) throw new Error('the figures query answers one row');
  return row;
}
