import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import type { ActionStatus, AssessmentLevel, AssessmentSide } from '../../core/db/schema-obligations.ts';
import { fileJson } from '../../core/files/columns.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { organisationById, organisationJson } from '../../organisations/index.ts';
import type { OrgRef } from '../queries.ts';

/** Read side of implementation: actions with their progress reports, assessments. */

export interface ActionDetail {
  id: string;
  viaCluster: boolean;
  title: Translated;
  description: Translated;
  indicator: Translated;
  responsible: OrgRef;
  deadline: string | null;
  status: ActionStatus;
  progress: {
    id: string;
    reportedOn: string;
    text: Translated;
    links: string[];
    organisation: { slug: string; name: Translated } | null;
    files: { id: string; filename: string }[];
  }[];
}

export interface AssessmentDetail {
  id: string;
  side: AssessmentSide;
  level: AssessmentLevel;
  reasons: Translated;
  assessedOn: string;
  organisation: OrgRef;
}

/**
 * The actions of some recommendations (their own and their clusters'), with progress reports: one
 * query whatever their number. Keyed by recommendation id.
 */
export async function actionsOf(db: Db, recommendationIds: string[]): Promise<Map<string, ActionDetail[]>> {
  const out = new Map<string, ActionDetail[]>();
  if (recommendationIds.length === 0) return out;
  const rows = await sql<ActionDetail & { recommendationId: string }>`
    SELECT r.id::text AS "recommendationId", a.id::text AS id, a.cluster_id IS NOT NULL AS "viaCluster",
           a.title, a.description, a.indicator, a.deadline::text AS deadline, a.status,
           ${organisationJson('a.responsible_id', ['id', 'slug', 'name', 'category'])} AS responsible,
           (SELECT coalesce(json_agg(json_build_object('id', p.id::text, 'reportedOn', p.reported_on, 'text', p.text,
                     'links', p.links,
                     'organisation', ${organisationJson('p.organisation_id', ['slug', 'name'])},
                     'files', (SELECT coalesce(json_agg(${fileJson('pf.file_id', ['id', 'filename'])} ORDER BY pf.file_id), '[]')
                                 FROM action_progress_files pf WHERE pf.report_id = p.id))
                     ORDER BY p.reported_on, p.id), '[]')
              FROM action_progress_reports p
             WHERE p.action_id = a.id) AS progress
      FROM recommendations r
      JOIN implementation_actions a
        ON a.recommendation_id = r.id OR (r.cluster_id IS NOT NULL AND a.cluster_id = r.cluster_id)
     WHERE r.id = ANY (${recommendationIds}::bigint[])
     ORDER BY a.deadline NULLS LAST, a.id`.execute(db);
  for (const { recommendationId, ...a } of rows.rows) {
    const list = out.get(recommendationId) ?? [];
    list.push(a);
    out.set(recommendationId, list);
  }
  return out;
}

/** A progress report with the organisation responsible for its action (who may add evidence); undefined if none. */
export async function progressReportOwner(db: Db, reportId: string) {
  return db
    .selectFrom('action_progress_reports as p')
    .innerJoin('implementation_actions as a', 'a.id', 'p.action_id')
    .select(['p.id', 'a.responsible_id'])
    .where('p.id', '=', reportId)
    .executeTakeFirst();
}

/** An organisation's name and category (a representative's, to know which side they assess for). */
export async function organisationOf(db: Db, id: string) {
  return organisationById(db, id);
}
