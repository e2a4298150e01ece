import { sql } from 'kysely';
import type { Db } from '../core/db/database.ts';
import type { OrganisationCategory } from '../core/db/schema.ts';
import { organisationColumn } from '../organisations/index.ts';
import { visibleCondition } from './visibility.ts';

/** What the public dashboards show of meetings: attendance where everyone may see its summary (visibility.ts). */
export interface MeetingFigures {
  /** Meetings whose attendance summary is public. */
  meetings: number;
  /** People who attended (in the room or online) and who were absent, by their organisation's category. */
  byCategory: { category: OrganisationCategory; attended: number; absent: number }[];
}

/** The attendance of public meetings by category of institution for the dashboards (decision 0029): one query. */
export async function meetingDashboard(db: Db): Promise<MeetingFigures> {
  const { rows } = await sql<MeetingFigures>`
    WITH seen AS (SELECT m.id FROM meetings m WHERE ${visibleCondition(null, 'attendanceSummary', 'm')}),
    rows AS (
      SELECT ${organisationColumn('a.organisation_id', 'category')} AS category, a.presence
        FROM attendance a JOIN seen ON seen.id = a.meeting_id)
    SELECT (SELECT count(*)::int FROM seen) AS meetings,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('category', category, 'attended', attended, 'absent', absent)
                                 ORDER BY attended DESC, category), '[]')
         FROM (SELECT category, count(*) FILTER (WHERE presence IN ('present', 'online'))::int AS attended,
                      count(*) FILTER (WHERE presence = 'absent')::int AS absent
                 FROM rows GROUP BY category) x) AS "byCategory"
  `.execute(db);
  const row = rows[0];
  if (!row) throw new Error('the figures query answers one row');
  return row;
}
