import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import type { RecommendationResponse, RecommendationStatus } from '../../core/db/schema-obligations.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { themeChoices, themesJson } from '../../core/themes.ts';
import { agendaItemsJson, type Reader, tasksJson } from '../../meetings/index.ts';
import { organisationJson, organisationsInCategories } from '../../organisations/index.ts';
import { publicProposalsJson } from '../../proposals/index.ts';
import { type ActionDetail, type AssessmentDetail, actionsOf } from '../implementation/queries.ts';
import { type MechanismRef, mechanismOptions, type RecommendationFields } from '../queries.ts';

/** Read side of recommendations: each page's data in a fixed number of queries. */

export interface RecommendationDetail extends RecommendationFields {
  mechanism: MechanismRef;
  cycle: { id: string; title: Translated } | null;
  themes: { id: string; name: Translated }[];
  groups: { id: string; name: Translated }[];
  sdgTargets: { code: string; text: Translated }[];
  cluster: {
    id: string;
    title: Translated;
    members: { id: string; text: Translated; symbol: string | null; paragraph: string | null }[];
  } | null;
  actions: ActionDetail[];
  assessments: AssessmentDetail[];
  repeats: {
    id: string;
    text: Translated;
    symbol: string | null;
    paragraph: string | null;
    mechanismCode: string;
    year: number | null;
    similarity: number;
    status: 'proposed' | 'confirmed' | 'dismissed';
    direction: 'earlier' | 'later';
  }[];
  proposals: { id: string; title: Translated; status: string }[];
  agendaItems: { id: string; meetingId: string; meetingNumber: number; title: Translated }[];
  tasks: { id: string; meetingId: string; description: Translated; deadline: string; done: boolean }[];
  /** When it entered Kenes (its comments' closing days count from it). */
  createdAt: Date;
}

/**
 * A recommendation's page: two queries (the recommendation with its lists as JSON, its actions). The
 * linked agenda items and tasks are only those the reader may see: the meetings domain gives the SQL.
 */
export async function recommendationById(
  db: Db,
  reader: Reader,
  id: string,
): Promise<RecommendationDetail | undefined> {
  const r = (
    await sql<Record<string, unknown>>`
    SELECT r.id, r.state_code, r.symbol, r.paragraph, r.adopted_on::text AS adopted_on, r.session, r.text,
           r.recommending_state, r.response, r.priority, r.status, r.cluster_id, r.created_at,
           json_build_object('id', m.id, 'code', m.code, 'kind', m.kind, 'name', m.name) AS mechanism,
           CASE WHEN c.id IS NULL THEN NULL ELSE json_build_object('id', c.id::text, 'title', c.title) END AS cycle,
           ${themesJson(sql.ref('r.theme_ids'), ['id', 'name'], { orderBy: 'slug' })} AS themes,
           (SELECT coalesce(json_agg(json_build_object('id', g.id::text, 'name', g.name) ORDER BY g.slug), '[]')
              FROM affected_groups g WHERE g.id = ANY (r.affected_group_ids)) AS groups,
           (SELECT coalesce(json_agg(json_build_object('code', x.code, 'text', coalesce(s.text, '{}'::jsonb)) ORDER BY x.code), '[]')
              FROM unnest(r.sdg_targets) AS x(code) LEFT JOIN sdg_targets s ON s.code = x.code) AS sdg,
           CASE WHEN cl.id IS NULL THEN NULL ELSE json_build_object('id', cl.id::text, 'title', cl.title, 'members',
             (SELECT coalesce(json_agg(json_build_object('id', o.id::text, 'text', o.text, 'symbol', o.symbol,
                       'paragraph', o.paragraph) ORDER BY o.id), '[]')
                FROM recommendations o WHERE o.cluster_id = cl.id AND o.id <> r.id)) END AS cluster,
           (SELECT coalesce(json_agg(json_build_object('id', a.id::text, 'side', a.side, 'level', a.level,
                     'reasons', a.reasons, 'assessedOn', a.assessed_on, 'organisation',
                     ${organisationJson('a.organisation_id', ['id', 'slug', 'name', 'category'])})
                     ORDER BY a.side, a.assessed_on DESC), '[]')
              FROM recommendation_assessments a
             WHERE a.recommendation_id = r.id) AS assessments,
           (SELECT coalesce(json_agg(x ORDER BY x.similarity DESC), '[]') FROM (
              SELECT o.id::text AS id, o.text, o.symbol, o.paragraph, om.code AS "mechanismCode", o.year,
                     rp.similarity, rp.status,
                     CASE WHEN rp.recommendation_id = r.id THEN 'earlier' ELSE 'later' END AS direction
                FROM recommendation_repeats rp
                JOIN recommendations o ON o.id = CASE WHEN rp.recommendation_id = r.id THEN rp.earlier_id ELSE rp.recommendation_id END
                JOIN mechanisms om ON om.id = o.mechanism_id
               WHERE (rp.recommendation_id = r.id OR (rp.earlier_id = r.id AND rp.status = 'confirmed'))
                 AND rp.status <> 'dismissed') x) AS repeats,
           ${publicProposalsJson(sql`(SELECT rp.proposal_id FROM recommendation_proposals rp WHERE rp.recommendation_id = r.id)`)} AS proposals,
           ${agendaItemsJson(reader, sql`(SELECT ra.agenda_item_id FROM recommendation_agenda_items ra WHERE ra.recommendation_id = r.id)`)} AS "agendaItems",
           ${tasksJson(reader, sql`(SELECT rt.task_id FROM recommendation_tasks rt WHERE rt.recommendation_id = r.id)`)} AS tasks
      FROM recommendations r
      JOIN mechanisms m ON m.id = r.mechanism_id
      LEFT JOIN reporting_cycles c ON c.id = r.cycle_id
      LEFT JOIN recommendation_clusters cl ON cl.id = r.cluster_id
     WHERE r.id = ${id}`.execute(db)
  ).rows[0];
  if (!r) return undefined;
  const actions = await actionsOf(db, [id]);
  return {
    id: String(r.id),
    stateCode: r.state_code as string,
    mechanism: { ...(r.mechanism as MechanismRef), id: String((r.mechanism as MechanismRef).id) },
    cycle: r.cycle as RecommendationDetail['cycle'],
    symbol: r.symbol as string | null,
    paragraph: r.paragraph as string | null,
    adoptedOn: r.adopted_on as string | null,
    session: r.session as string | null,
    text: r.text as Translated,
    recommendingState: r.recommending_state as string | null,
    response: r.response as RecommendationResponse | null,
    themes: r.themes as RecommendationDetail['themes'],
    groups: r.groups as RecommendationDetail['groups'],
    sdgTargets: r.sdg as RecommendationDetail['sdgTargets'],
    priority: r.priority as boolean,
    status: r.status as RecommendationStatus,
    cluster: r.cluster as RecommendationDetail['cluster'],
    actions: actions.get(id) ?? [],
    assessments: r.assessments as AssessmentDetail[],
    repeats: r.repeats as RecommendationDetail['repeats'],
    proposals: r.proposals as RecommendationDetail['proposals'],
    agendaItems: r.agendaItems as RecommendationDetail['agendaItems'],
    tasks: r.tasks as RecommendationDetail['tasks'],
    createdAt: r.created_at as Date,
  };
}

/** What the recommendation form and the link forms offer: one round of parallel queries. */
export async function recommendationFormOptions(db: Db) {
  const [mechanisms, cycles, themes, groups, sdg, bodies] = await Promise.all([
    mechanismOptions(db),
    db
      .selectFrom('reporting_cycles as c')
      .innerJoin('mechanisms as m', 'm.id', 'c.mechanism_id')
      .select(['c.id', 'c.title', 'm.code'])
      .orderBy('m.position')
      .orderBy('c.number', 'desc')
      .execute(),
    themeChoices(db, 'slug'),
    db.selectFrom('affected_groups').select(['id', 'name']).orderBy('slug').execute(),
    db
      .selectFrom('sdg_targets')
      .select(['code', 'text'])
      .orderBy('goal')
      .orderBy(sql`length(code)`)
      .orderBy('code')
      .execute(),
    organisationsInCategories(db, ['state_body', 'parliament', 'judiciary', 'constitutional_review']),
  ]);
  return { mechanisms, cycles, themes, groups, sdg, bodies };
}
export type RecommendationFormOptions = Awaited<ReturnType<typeof recommendationFormOptions>>;

/** A recommendation's text in all its languages, lower-cased: what trigram similarity compares. */
const allText = (alias: string) =>
  sql`lower(translated_in(${sql.ref(`${alias}.text`)}, 'en') || ' ' || translated_in(${sql.ref(`${alias}.text`)}, 'ru') || ' ' || translated_in(${sql.ref(`${alias}.text`)}, 'kk'))`;

/** Trigram similarity of two recommendations' texts (0 if either is missing). */
export async function textSimilarity(db: Db, a: string, b: string): Promise<number> {
  const row = await sql<{ s: number }>`
    SELECT similarity(${allText('a')}, ${allText('b')}) AS s
      FROM recommendations a, recommendations b WHERE a.id = ${a} AND b.id = ${b}`.execute(db);
  return Number(row.rows[0]?.s ?? 0);
}

/**
 * Likely repeats: earlier recommendations to the same State, from another cycle or mechanism, whose
 * text is similar (trigram similarity ≥ 0.35), not yet decided by a person; with what the page shows.
 */
export async function similarEarlier(db: Db, id: string, limit = 10) {
  const rows = await sql<{
    id: string;
    similarity: number;
    text: Translated;
    symbol: string | null;
    paragraph: string | null;
    mechanismCode: string;
  }>`
    WITH me AS (
      SELECT r.id, r.state_code, r.mechanism_id, r.cycle_id, r.adopted_on, r.created_at, ${allText('r')} AS t
        FROM recommendations r WHERE r.id = ${id}),
    scored AS (
      SELECT o.id, o.text, o.symbol, o.paragraph, o.mechanism_id, similarity(${allText('o')}, me.t) AS similarity
        FROM recommendations o, me
       WHERE o.id <> me.id AND o.state_code = me.state_code
         AND (o.mechanism_id <> me.mechanism_id OR o.cycle_id IS DISTINCT FROM me.cycle_id)
         AND coalesce(o.adopted_on, o.created_at::date) <= coalesce(me.adopted_on, me.created_at::date)
         AND NOT EXISTS (SELECT 1 FROM recommendation_repeats x WHERE x.recommendation_id = me.id AND x.earlier_id = o.id))
    SELECT s.id::text AS id, s.similarity, s.text, s.symbol, s.paragraph, m.code AS "mechanismCode"
      FROM scored s JOIN mechanisms m ON m.id = s.mechanism_id
     WHERE s.similarity >= 0.35
     ORDER BY s.similarity DESC
     LIMIT ${limit}`.execute(db);
  return rows.rows;
}

/** A recommendation's stored row, to fill its edit form; undefined if there is none. */
export async function recommendationForEdit(db: Db, id: string) {
  return db.selectFrom('recommendations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The cycle a new recommendation is recorded in (its mechanism and State fill the form); undefined if none. */
export async function cycleOfNewRecommendation(db: Db, cycleId: string) {
  return db
    .selectFrom('reporting_cycles')
    .select(['id', 'mechanism_id', 'state_code'])
    .where('id', '=', cycleId)
    .executeTakeFirst();
}

/** The clusters a recommendation may join, newest first. */
export async function clusterOptions(db: Db) {
  return db.selectFrom('recommendation_clusters').select(['id', 'title']).orderBy('id', 'desc').limit(500).execute();
}
