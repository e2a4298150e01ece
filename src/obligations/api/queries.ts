import { sql } from 'kysely';
import type { z } from 'zod';
import type { Db } from '../../core/db/database.ts';
import { fileJson } from '../../core/files/columns.ts';
import { listPage } from '../../core/http/api-list.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { organisationIdBySlug, organisationJson } from '../../organisations/index.ts';
import type { ActionsApiQuery, AssessmentsApiQuery, ProgressApiQuery } from './schema.ts';

/*
 * The implementation records as lists for the API: actions, progress reports and assessments, each
 * page in two queries (the rows and their count). Recommendations and their implementation are
 * public (read-public), as on their pages.
 */

type Org = { slug: string; name: Translated };

const bySlug = (slug: string) => organisationIdBySlug(sql.val(slug));

/** Actions on recommendations (or their clusters), nearest deadline first. */
export async function apiActions(db: Db, q: z.output<typeof ActionsApiQuery>) {
  let base = db.selectFrom('implementation_actions as a');
  if (q.recommendation) base = base.where('a.recommendation_id', '=', q.recommendation);
  if (q.body) base = base.where('a.responsible_id', '=', bySlug(q.body));
  if (q.status) base = base.where('a.status', '=', q.status);
  return listPage(
    base,
    {
      changed: ['a.updated_at'],
      select: (b) =>
        b
          .select([
            'a.id',
            'a.recommendation_id as recommendationId',
            'a.cluster_id as clusterId',
            'a.title',
            'a.description',
            'a.indicator',
            sql<Org>`${organisationJson('a.responsible_id', ['slug', 'name'])}`.as('responsible'),
            sql<string | null>`a.deadline::text`.as('deadline'),
            'a.status',
            'a.created_at as createdAt',
            'a.updated_at as updatedAt',
            sql<number>`(SELECT count(*)::int FROM action_progress_reports p WHERE p.action_id = a.id)`.as(
              'progressReports',
            ),
          ])
          .orderBy(sql`a.deadline NULLS LAST`)
          .orderBy('a.id'),
    },
    q,
  );
}

/** Progress reports on actions, the latest first, with their evidence files. */
export async function apiProgress(db: Db, q: z.output<typeof ProgressApiQuery>) {
  let base = db
    .selectFrom('action_progress_reports as p')
    .innerJoin('implementation_actions as a', 'a.id', 'p.action_id');
  if (q.action) base = base.where('p.action_id', '=', q.action);
  if (q.recommendation) base = base.where('a.recommendation_id', '=', q.recommendation);
  if (q.body) base = base.where('a.responsible_id', '=', bySlug(q.body));
  return listPage(
    base,
    {
      changed: ['p.created_at'],
      select: (b) =>
        b
          .select([
            'p.id',
            'p.action_id as actionId',
            'a.recommendation_id as recommendationId',
            sql<string>`p.reported_on::text`.as('reportedOn'),
            'p.text',
            'p.links',
            sql<Org | null>`${organisationJson('p.organisation_id', ['slug', 'name'])}`.as('organisation'),
            sql<
              { id: string; filename: string }[]
            >`(SELECT coalesce(json_agg(${fileJson('pf.file_id', ['id', 'filename'])}
          ORDER BY pf.file_id), '[]') FROM action_progress_files pf WHERE pf.report_id = p.id)`.as('files'),
            'p.created_at as createdAt',
          ])
          .orderBy('p.reported_on', 'desc')
          .orderBy('p.id', 'desc'),
    },
    q,
  );
}

/** Assessments of recommendations by the State, civil society and the ombudsman, the latest first. */
export async function apiAssessments(db: Db, q: z.output<typeof AssessmentsApiQuery>) {
  let base = db.selectFrom('recommendation_assessments as s');
  if (q.recommendation) base = base.where('s.recommendation_id', '=', q.recommendation);
  if (q.side) base = base.where('s.side', '=', q.side);
  if (q.level) base = base.where('s.level', '=', q.level);
  if (q.organisation) base = base.where('s.organisation_id', '=', bySlug(q.organisation));
  return listPage(
    base,
    {
      changed: ['s.updated_at'],
      select: (b) =>
        b
          .select([
            's.id',
            's.recommendation_id as recommendationId',
            's.side',
            's.level',
            sql<Org>`${organisationJson('s.organisation_id', ['slug', 'name'])}`.as('organisation'),
            's.reasons',
            sql<string>`s.assessed_on::text`.as('assessedOn'),
            's.updated_at as updatedAt',
          ])
          .orderBy('s.assessed_on', 'desc')
          .orderBy('s.id', 'desc'),
    },
    q,
  );
}
