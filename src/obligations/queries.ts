import { sql } from 'kysely';
import type { Db } from '../core/db/database.ts';
import type { OrganisationCategory } from '../core/db/schema.ts';
import {
  type ActionStatus,
  type AssessmentLevel,
  type AssessmentSide,
  CYCLE_STAGE_KINDS,
  type CycleDocumentKind,
  type CycleStageKind,
  type MechanismKind,
  type RecommendationResponse,
  type RecommendationStatus,
} from '../core/db/schema-obligations.ts';
import type { Translated } from '../core/i18n/translated.ts';
import { agendaItemsJson, agendaItemsOfCycle, type Reader, tasksJson } from '../meetings/index.ts';
import { publicProposals } from '../proposals/index.ts';

/** Read side of cycles and recommendations: each page's data in a fixed number of queries. */

export interface MechanismRef {
  id: string;
  code: string;
  kind: MechanismKind;
  name: Translated;
}

export async function mechanismOptions(db: Db): Promise<MechanismRef[]> {
  return db.selectFrom('mechanisms').select(['id', 'code', 'kind', 'name']).orderBy('position').orderBy('id').execute();
}

export async function homeState(db: Db): Promise<string> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'home_state').executeTakeFirst();
  return typeof row?.value === 'string' && /^[A-Z]{2}$/.test(row.value) ? row.value : 'KZ';
}

export type StageState = 'done' | 'late' | 'next' | 'upcoming' | 'unplanned';

export interface Stage {
  kind: CycleStageKind;
  dueOn: string | null;
  doneOn: string | null;
  endsOn: string | null;
  note: Translated;
  state: StageState;
}

/**
 * Every stage kind in the cycle's order, recorded or not, from cycle_stages_effective (where a
 * deadline counts as done when what it asked for was submitted). Done: it happened. Late: its date
 * has passed and it has not. Next: the earliest open dated stage. Upcoming: later open ones.
 */
export function stagesInOrder(
  rows: {
    kind: CycleStageKind;
    due_on: string | null;
    done_on: string | null;
    ends_on: string | null;
    note: Translated;
  }[],
  today: string,
): Stage[] {
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  const open = rows
    .filter((r) => !r.done_on && r.due_on && r.due_on >= today)
    .sort((a, b) => (a.due_on ?? '').localeCompare(b.due_on ?? ''));
  const next = open[0]?.kind;
  return CYCLE_STAGE_KINDS.map((kind) => {
    const r = byKind.get(kind);
    const state: StageState = !r
      ? 'unplanned'
      : r.done_on
        ? 'done'
        : r.due_on && r.due_on < today
          ? 'late'
          : kind === next
            ? 'next'
            : r.due_on
              ? 'upcoming'
              : 'unplanned';
    return {
      kind,
      dueOn: r?.due_on ?? null,
      doneOn: r?.done_on ?? null,
      endsOn: r?.ends_on ?? null,
      note: r?.note ?? {},
      state,
    };
  });
}

export const today = () => new Date().toISOString().slice(0, 10);

export interface CycleRow {
  id: string;
  title: Translated;
  number: number | null;
  stateCode: string;
  mechanism: MechanismRef;
  late: number;
  next: { kind: CycleStageKind; dueOn: string } | null;
  recommendations: number;
}

/** All cycles with their next open stage, late stages and recommendation counts: one query. */
export async function cycleList(db: Db, opts: { mechanismId?: string | undefined } = {}): Promise<CycleRow[]> {
  const rows = await sql<{
    id: string;
    title: Translated;
    number: number | null;
    state_code: string;
    m_id: string;
    m_code: string;
    m_kind: MechanismKind;
    m_name: Translated;
    late: number;
    next_kind: CycleStageKind | null;
    next_due: string | null;
    recommendations: number;
  }>`
    SELECT c.id, c.title, c.number, c.state_code,
           m.id AS m_id, m.code AS m_code, m.kind AS m_kind, m.name AS m_name,
           (SELECT count(*)::int FROM cycle_stages_effective s
             WHERE s.cycle_id = c.id AND s.done_on IS NULL AND s.due_on < current_date) AS late,
           n.kind AS next_kind, n.due_on::text AS next_due,
           (SELECT count(*)::int FROM recommendations r WHERE r.cycle_id = c.id) AS recommendations
      FROM reporting_cycles c
      JOIN mechanisms m ON m.id = c.mechanism_id
      LEFT JOIN LATERAL (
        SELECT s.kind, s.due_on FROM cycle_stages_effective s
         WHERE s.cycle_id = c.id AND s.done_on IS NULL AND s.due_on >= current_date
         ORDER BY s.due_on LIMIT 1) n ON true
     WHERE (${opts.mechanismId ?? null}::bigint IS NULL OR c.mechanism_id = ${opts.mechanismId ?? null}::bigint)
     ORDER BY m.position, c.number DESC NULLS LAST, c.id DESC`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    title: r.title,
    number: r.number,
    stateCode: r.state_code,
    mechanism: { id: r.m_id, code: r.m_code, kind: r.m_kind, name: r.m_name },
    late: r.late,
    next: r.next_kind && r.next_due ? { kind: r.next_kind, dueOn: r.next_due } : null,
    recommendations: r.recommendations,
  }));
}

export interface CycleDocument {
  id: string;
  kind: CycleDocumentKind;
  symbol: string | null;
  title: Translated;
  issuedOn: string | null;
  url: string | null;
  file: { id: string; filename: string; sizeBytes: number } | null;
  organisation: { slug: string; name: Translated } | null;
}

export interface CycleDetail {
  id: string;
  title: Translated;
  description: Translated;
  number: number | null;
  stateCode: string;
  mechanism: MechanismRef;
  stages: Stage[];
  documents: CycleDocument[];
  meetings: {
    meetingId: string;
    itemId: string;
    number: number;
    title: Translated;
    startsAt: Date;
    itemTitle: Translated;
  }[];
  recommendationsByStatus: { status: RecommendationStatus; count: number }[];
}

/**
 * A cycle's page: four queries whatever it holds. Its meetings are those the reader may see (the
 * meetings domain decides).
 */
export async function cycleById(db: Db, reader: Reader, id: string): Promise<CycleDetail | undefined> {
  const c = await db
    .selectFrom('reporting_cycles as c')
    .innerJoin('mechanisms as m', 'm.id', 'c.mechanism_id')
    .select([
      'c.id',
      'c.title',
      'c.description',
      'c.number',
      'c.state_code',
      'm.id as m_id',
      'm.code as m_code',
      'm.kind as m_kind',
      'm.name as m_name',
      sql<
        {
          kind: CycleStageKind;
          due_on: string | null;
          done_on: string | null;
          ends_on: string | null;
          note: Translated;
        }[]
      >`(SELECT coalesce(json_agg(json_build_object('kind', s.kind, 'due_on', s.due_on, 'done_on', s.done_on,
              'ends_on', s.ends_on, 'note', s.note)), '[]') FROM cycle_stages_effective s WHERE s.cycle_id = c.id)`.as(
        'stages',
      ),
    ])
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!c) return undefined;
  const [documents, meetings, statuses] = await Promise.all([
    db
      .selectFrom('cycle_documents as d')
      .leftJoin('files as f', 'f.id', 'd.file_id')
      .leftJoin('organisations as o', 'o.id', 'd.organisation_id')
      .select([
        'd.id',
        'd.kind',
        'd.symbol',
        'd.title',
        'd.issued_on',
        'd.url',
        'f.id as file_id',
        'f.filename',
        'f.size_bytes',
        'o.slug as org_slug',
        'o.name as org_name',
      ])
      .where('d.cycle_id', '=', id)
      .orderBy(sql`d.issued_on DESC NULLS LAST`)
      .orderBy('d.id')
      .execute(),
    agendaItemsOfCycle(db, reader, id),
    db
      .selectFrom('recommendations')
      .select(['status', sql<number>`count(*)::int`.as('count')])
      .where('cycle_id', '=', id)
      .groupBy('status')
      .execute(),
  ]);
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    number: c.number,
    stateCode: c.state_code,
    mechanism: { id: c.m_id, code: c.m_code, kind: c.m_kind, name: c.m_name },
    stages: stagesInOrder(c.stages, today()),
    documents: documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      symbol: d.symbol,
      title: d.title,
      issuedOn: d.issued_on,
      url: d.url,
      file: d.file_id && d.filename ? { id: d.file_id, filename: d.filename, sizeBytes: Number(d.size_bytes) } : null,
      organisation: d.org_slug && d.org_name ? { slug: d.org_slug, name: d.org_name } : null,
    })),
    meetings: meetings.map((m) => ({
      meetingId: m.meetingId,
      itemId: m.itemId,
      number: m.number,
      title: m.title,
      startsAt: m.starts_at,
      itemTitle: m.itemTitle,
    })),
    recommendationsByStatus: statuses.map((s) => ({ status: s.status, count: Number(s.count) })),
  };
}

export interface OrgRef {
  id: string;
  slug: string;
  name: Translated;
  category: OrganisationCategory;
}

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

export interface RecommendationDetail {
  id: string;
  stateCode: string;
  mechanism: MechanismRef;
  cycle: { id: string; title: Translated } | null;
  symbol: string | null;
  paragraph: string | null;
  adoptedOn: string | null;
  session: string | null;
  text: Translated;
  recommendingState: string | null;
  response: RecommendationResponse | null;
  themes: { id: string; name: Translated }[];
  groups: { id: string; name: Translated }[];
  sdgTargets: { code: string; text: Translated }[];
  priority: boolean;
  status: RecommendationStatus;
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
           r.recommending_state, r.response, r.priority, r.status, r.cluster_id,
           json_build_object('id', m.id, 'code', m.code, 'kind', m.kind, 'name', m.name) AS mechanism,
           CASE WHEN c.id IS NULL THEN NULL ELSE json_build_object('id', c.id::text, 'title', c.title) END AS cycle,
           (SELECT coalesce(json_agg(json_build_object('id', t.id::text, 'name', t.name) ORDER BY t.slug), '[]')
              FROM themes t WHERE t.id = ANY (r.theme_ids)) AS themes,
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
                     json_build_object('id', o.id::text, 'slug', o.slug, 'name', o.name, 'category', o.category))
                     ORDER BY a.side, a.assessed_on DESC), '[]')
              FROM recommendation_assessments a JOIN organisations o ON o.id = a.organisation_id
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
           (SELECT coalesce(json_agg(json_build_object('id', p.id::text, 'title', p.title, 'status', p.status) ORDER BY p.id), '[]')
              FROM recommendation_proposals rp JOIN proposals p ON p.id = rp.proposal_id
             WHERE rp.recommendation_id = r.id AND ${publicProposals('p')}) AS proposals,
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
  };
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
           json_build_object('id', o.id::text, 'slug', o.slug, 'name', o.name, 'category', o.category) AS responsible,
           (SELECT coalesce(json_agg(json_build_object('id', p.id::text, 'reportedOn', p.reported_on, 'text', p.text,
                     'links', p.links,
                     'organisation', CASE WHEN po.id IS NULL THEN NULL ELSE json_build_object('slug', po.slug, 'name', po.name) END,
                     'files', (SELECT coalesce(json_agg(json_build_object('id', f.id::text, 'filename', f.filename) ORDER BY f.id), '[]')
                                 FROM action_progress_files pf JOIN files f ON f.id = pf.file_id WHERE pf.report_id = p.id))
                     ORDER BY p.reported_on, p.id), '[]')
              FROM action_progress_reports p LEFT JOIN organisations po ON po.id = p.organisation_id
             WHERE p.action_id = a.id) AS progress
      FROM recommendations r
      JOIN implementation_actions a
        ON a.recommendation_id = r.id OR (r.cluster_id IS NOT NULL AND a.cluster_id = r.cluster_id)
      JOIN organisations o ON o.id = a.responsible_id
     WHERE r.id = ANY (${recommendationIds}::bigint[])
     ORDER BY a.deadline NULLS LAST, a.id`.execute(db);
  for (const { recommendationId, ...a } of rows.rows) {
    const list = out.get(recommendationId) ?? [];
    list.push(a);
    out.set(recommendationId, list);
  }
  return out;
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
    db.selectFrom('themes').select(['id', 'name']).orderBy('slug').execute(),
    db.selectFrom('affected_groups').select(['id', 'name']).orderBy('slug').execute(),
    db
      .selectFrom('sdg_targets')
      .select(['code', 'text'])
      .orderBy('goal')
      .orderBy(sql`length(code)`)
      .orderBy('code')
      .execute(),
    db
      .selectFrom('organisations')
      .select(['id', 'slug', 'name', 'category'])
      .where('category', 'in', ['state_body', 'parliament', 'judiciary', 'constitutional_review'])
      .execute(),
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
