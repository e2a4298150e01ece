import { sql } from 'kysely';
import type { Db } from '../core/db/database.ts';
import type { RecommendationStatus } from '../core/db/schema-obligations.ts';
import type { Translated } from '../core/i18n/translated.ts';
import { themeColumn } from '../core/themes.ts';

/** How the state's latest assessment of a recommendation compares with civil society's latest. */
export type AssessmentComparison = 'same' | 'state_higher' | 'civil_society_higher' | 'not_comparable';
/** What became of a reporting deadline: met on time, met late, passed without it, or still ahead. */
export type DeadlineOutcome = 'on_time' | 'late' | 'overdue' | 'upcoming';

/** What the public dashboards show of international obligations (all public: decision 0015), in one query. */
export interface ObligationFigures {
  byMechanism: { code: string; name: Translated; n: number }[];
  byTheme: { slug: string; name: Translated; n: number }[];
  bySdg: { goal: number; name: Translated; n: number }[];
  byStatus: { status: RecommendationStatus; n: number }[];
  assessments: { comparison: AssessmentComparison; n: number }[];
  deadlines: { outcome: DeadlineOutcome; n: number }[];
}

const COMPARISONS: AssessmentComparison[] = ['same', 'state_higher', 'civil_society_higher', 'not_comparable'];
const OUTCOMES: DeadlineOutcome[] = ['on_time', 'late', 'overdue', 'upcoming'];

/*
 * Implementation levels in order, for comparing the two sides; 'not_applicable' has no place on the
 * scale, so a pair with it on one side only is "not comparable".
 */
const RANK = sql`CASE level WHEN 'not_started' THEN 0 WHEN 'in_progress' THEN 1
                            WHEN 'partly_implemented' THEN 2 WHEN 'implemented' THEN 3 END`;

/** The aggregates of recommendations, assessments and deadlines for the dashboards (decision 0029): one query. */
export async function obligationFigures(db: Db, today: string): Promise<ObligationFigures> {
  const { rows } = await sql<ObligationFigures>`
    WITH latest AS (
      SELECT DISTINCT ON (recommendation_id, side) recommendation_id, side, level, ${RANK} AS rank
        FROM recommendation_assessments WHERE side IN ('state', 'civil_society')
       ORDER BY recommendation_id, side, assessed_on DESC, updated_at DESC, id DESC),
    pairs AS (
      SELECT CASE WHEN s.level = c.level THEN 'same'
                  WHEN s.rank IS NULL OR c.rank IS NULL THEN 'not_comparable'
                  WHEN s.rank > c.rank THEN 'state_higher' ELSE 'civil_society_higher' END AS comparison
        FROM latest s JOIN latest c ON c.recommendation_id = s.recommendation_id AND c.side = 'civil_society'
       WHERE s.side = 'state'),
    due AS (
      SELECT CASE WHEN done_on IS NULL AND due_on < ${today}::date THEN 'overdue'
                  WHEN done_on IS NULL THEN 'upcoming'
                  WHEN done_on <= due_on THEN 'on_time' ELSE 'late' END AS outcome
        FROM cycle_stages_effective
       WHERE kind IN ('report_due', 'follow_up_due', 'next_report_due') AND due_on IS NOT NULL)
    SELECT
      (SELECT coalesce(jsonb_agg(jsonb_build_object('code', m.code, 'name', m.name, 'n', x.n)
                                 ORDER BY x.n DESC, m.position, m.code), '[]')
         FROM (SELECT mechanism_id, count(*)::int AS n FROM recommendations GROUP BY mechanism_id) x
         JOIN mechanisms m ON m.id = x.mechanism_id) AS "byMechanism",
      (SELECT coalesce(jsonb_agg(jsonb_build_object('slug', ${themeColumn(sql.ref('x.theme_id'), 'slug')},
                                                   'name', ${themeColumn(sql.ref('x.theme_id'), 'name')}, 'n', x.n)
                                 ORDER BY x.n DESC, x.theme_id), '[]')
         FROM (SELECT t.theme_id, count(*)::int AS n
                 FROM recommendations r CROSS JOIN LATERAL unnest(r.theme_ids) AS t(theme_id)
                GROUP BY t.theme_id) x) AS "byTheme",
      (SELECT coalesce(jsonb_agg(jsonb_build_object('goal', g.number, 'name', g.name, 'n', x.n) ORDER BY g.number), '[]')
         FROM (SELECT st.goal, count(DISTINCT r.id)::int AS n
                 FROM recommendations r CROSS JOIN LATERAL unnest(r.sdg_targets) AS t(code)
                 JOIN sdg_targets st ON st.code = t.code GROUP BY st.goal) x
         JOIN sdg_goals g ON g.number = x.goal) AS "bySdg",
      (SELECT coalesce(jsonb_agg(jsonb_build_object('status', status, 'n', n) ORDER BY n DESC, status), '[]')
         FROM (SELECT status, count(*)::int AS n FROM recommendations GROUP BY status) x) AS "byStatus",
      (SELECT coalesce(jsonb_agg(jsonb_build_object('comparison', comparison, 'n', n)
                                 ORDER BY array_position(${COMPARISONS}::text[], comparison)), '[]')
         FROM (SELECT comparison, count(*)::int AS n FROM pairs GROUP BY comparison) x) AS assessments,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('outcome', outcome, 'n', n)
                                 ORDER BY array_position(${OUTCOMES}::text[], outcome)), '[]')
         FROM (SELECT outcome, count(*)::int AS n FROM due GROUP BY outcome) x) AS deadlines
  `.execute(db);
  const row = rows[0];
  if (!row) throw new Error('the figures query answers one row');
  return row;
}
