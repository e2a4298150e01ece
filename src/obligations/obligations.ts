import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { audit, userActor } from '../core/audit.ts';
import { type Action, can } from '../core/auth/policy.ts';
import type { CurrentUser } from '../core/auth/user.ts';
import type { Db } from '../core/db/database.ts';
import type { OrganisationCategory } from '../core/db/schema.ts';
import type {
  ActionStatus,
  AssessmentLevel,
  AssessmentSide,
  CycleDocumentKind,
  CycleStageKind,
  RecommendationResponse,
} from '../core/db/schema-obligations.ts';
import type { FieldErrors } from '../core/http/forms.ts';
import { HttpError } from '../core/http/http-error.ts';
import type { I18n } from '../core/i18n/i18n.ts';
import type { Translated } from '../core/i18n/translated.ts';
import { visiblePartExists } from '../meetings/index.ts';
import { isPublicProposal } from '../proposals/index.ts';

/** Use cases of cycles, recommendations and their implementation: policy, one transaction, audit. */

export type Outcome<T = undefined> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const json = (v: unknown) => JSON.stringify(v);

/** The use case refuses what the policy refuses, whatever the route checked. */
function authorizeUser(user: CurrentUser, action: Action, thing?: unknown): void {
  if (!can(user, action, thing)) throw new HttpError(403, `${user.email} may not ${action}`);
}

// ---- cycles -----------------------------------------------------------------------------------

export interface CycleData {
  mechanismId: string;
  stateCode: string;
  number: number | undefined;
  title: Translated;
  description: Translated;
}

async function checkCycle(db: Db, data: CycleData, i18n: I18n, exceptId?: string): Promise<FieldErrors | undefined> {
  const mechanism = await db
    .selectFrom('mechanisms')
    .select('id')
    .where('id', '=', data.mechanismId)
    .executeTakeFirst();
  if (!mechanism) return { mechanismId: i18n.t('validation.choice') };
  if (data.number !== undefined) {
    const clash = await db
      .selectFrom('reporting_cycles')
      .select('id')
      .where('mechanism_id', '=', data.mechanismId)
      .where('state_code', '=', data.stateCode)
      .where('number', '=', data.number)
      .$if(exceptId !== undefined, (q) => q.where('id', '!=', exceptId ?? ''))
      .executeTakeFirst();
    if (clash) return { number: i18n.t('obligations.cycleExists') };
  }
  return undefined;
}

export async function createCycle(db: Db, user: CurrentUser, data: CycleData, i18n: I18n): Promise<Outcome<string>> {
  authorizeUser(user, 'manage-obligations');
  const errors = await checkCycle(db, data, i18n);
  if (errors) return { ok: false, errors };
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('reporting_cycles')
      .values({
        mechanism_id: data.mechanismId,
        state_code: data.stateCode,
        number: data.number ?? null,
        title: json(data.title),
        description: json(data.description),
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, userActor(user), { entity: 'reporting_cycle', entityId: row.id, action: 'create', after: data });
    return { ok: true as const, value: row.id };
  });
}

export async function updateCycle(
  db: Db,
  user: CurrentUser,
  id: string,
  data: CycleData,
  i18n: I18n,
): Promise<Outcome> {
  authorizeUser(user, 'manage-obligations');
  const errors = await checkCycle(db, data, i18n, id);
  if (errors) return { ok: false, errors };
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('reporting_cycles')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new HttpError(404, `cycle ${id}`);
    await trx
      .updateTable('reporting_cycles')
      .set({
        mechanism_id: data.mechanismId,
        state_code: data.stateCode,
        number: data.number ?? null,
        title: json(data.title),
        description: json(data.description),
      })
      .where('id', '=', id)
      .execute();
    await audit(trx, userActor(user), {
      entity: 'reporting_cycle',
      entityId: id,
      action: 'update',
      before,
      after: data,
    });
    return { ok: true as const, value: undefined };
  });
}

export interface StageData {
  kind: CycleStageKind;
  dueOn: string | undefined;
  doneOn: string | undefined;
  endsOn: string | undefined;
  /** The note in the language it was typed in; other languages of a stored note are kept. */
  note: { lang: keyof Translated; text: string | undefined };
}

/** Records all stages of a cycle at once: a stage with neither date is removed. */
export async function setStages(
  db: Db,
  user: CurrentUser,
  cycleId: string,
  stages: StageData[],
  i18n: I18n,
): Promise<Outcome> {
  authorizeUser(user, 'manage-obligations');
  const errors: FieldErrors = {};
  for (const s of stages) {
    const start = s.doneOn ?? s.dueOn;
    if (s.endsOn && (!start || s.endsOn < start)) errors[`${s.kind}_ends`] = i18n.t('validation.dateOrder');
    if (!s.dueOn && !s.doneOn && (s.endsOn || s.note.text))
      errors[`${s.kind}_due`] = i18n.t('obligations.stageNeedsDate');
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return db.transaction().execute(async (trx) => {
    const cycle = await trx
      .selectFrom('reporting_cycles')
      .select('id')
      .where('id', '=', cycleId)
      .forUpdate()
      .executeTakeFirst();
    if (!cycle) throw new HttpError(404, `cycle ${cycleId}`);
    const before = await trx.selectFrom('cycle_stages').selectAll().where('cycle_id', '=', cycleId).execute();
    for (const s of stages) {
      const old = before.find((b) => b.kind === s.kind);
      if (!s.dueOn && !s.doneOn) {
        if (old) await trx.deleteFrom('cycle_stages').where('id', '=', old.id).execute();
        continue;
      }
      const note: Translated = { ...(old?.note ?? {}) };
      if (s.note.text) note[s.note.lang] = s.note.text;
      else delete note[s.note.lang];
      const values = {
        due_on: s.dueOn ?? null,
        done_on: s.doneOn ?? null,
        ends_on: s.endsOn ?? null,
        note: json(note),
      };
      if (old) {
        const changedDue = old.due_on !== values.due_on;
        await trx
          .updateTable('cycle_stages')
          // A moved deadline deserves a new reminder.
          .set({ ...values, ...(changedDue ? { reminded_at: null } : {}) })
          .where('id', '=', old.id)
          .execute();
      } else {
        await trx
          .insertInto('cycle_stages')
          .values({ cycle_id: cycleId, kind: s.kind, ...values })
          .execute();
      }
    }
    await audit(trx, userActor(user), {
      entity: 'reporting_cycle',
      entityId: cycleId,
      action: 'stages',
      before,
      after: stages,
    });
    return { ok: true as const, value: undefined };
  });
}

export interface DocumentData {
  kind: CycleDocumentKind;
  symbol: string | undefined;
  title: Translated;
  issuedOn: string | undefined;
  url: string | undefined;
  organisationId: string | undefined;
}

/** Adds a document to a cycle, by link or with a stored file (inside the caller's transaction). */
export async function addCycleDocument(
  trx: Db,
  user: CurrentUser,
  cycleId: string,
  data: DocumentData,
  fileId: string | null,
): Promise<string> {
  authorizeUser(user, 'manage-obligations');
  const row = await trx
    .insertInto('cycle_documents')
    .values({
      cycle_id: cycleId,
      kind: data.kind,
      symbol: data.symbol ?? null,
      title: json(data.title),
      issued_on: data.issuedOn ?? null,
      url: data.url ?? null,
      file_id: fileId,
      organisation_id: data.organisationId ?? null,
      created_by: user.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The recommendations of this document (same symbol, State and mechanism) join the cycle.
  let attached = 0;
  if (data.symbol) {
    const result = await sql`
      UPDATE recommendations r SET cycle_id = c.id, updated_at = now()
        FROM reporting_cycles c
       WHERE c.id = ${cycleId} AND r.cycle_id IS NULL AND r.symbol = ${data.symbol}
         AND r.state_code = c.state_code AND r.mechanism_id = c.mechanism_id`.execute(trx);
    attached = Number(result.numAffectedRows ?? 0);
  }
  await audit(trx, userActor(user), {
    entity: 'cycle_document',
    entityId: row.id,
    action: 'create',
    after: { cycleId, ...data, fileId, recommendationsAttached: attached },
  });
  return row.id;
}

export async function removeCycleDocument(db: Db, user: CurrentUser, cycleId: string, id: string): Promise<void> {
  authorizeUser(user, 'manage-obligations');
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .deleteFrom('cycle_documents')
      .where('id', '=', id)
      .where('cycle_id', '=', cycleId)
      .returningAll()
      .executeTakeFirst();
    if (!before) throw new HttpError(404, `document ${id}`);
    await audit(trx, userActor(user), { entity: 'cycle_document', entityId: id, action: 'delete', before });
  });
}

// ---- recommendations ----------------------------------------------------------------------------

export interface RecommendationData {
  stateCode: string;
  mechanismId: string;
  cycleId: string | undefined;
  symbol: string | undefined;
  paragraph: string | undefined;
  adoptedOn: string | undefined;
  session: string | undefined;
  text: Translated;
  recommendingState: string | undefined;
  response: RecommendationResponse | undefined;
  themeIds: string[];
  groupIds: string[];
  sdgTargets: string[];
  priority: boolean;
}

/**
 * The identity of a recommendation for idempotent imports: what identifies it in its source. The
 * import uses the same function, so a recommendation typed by hand and then imported is not doubled.
 */
export function recommendationKey(r: {
  stateCode: string;
  mechanismCode: string;
  symbol?: string | undefined;
  session?: string | undefined;
  paragraph?: string | undefined;
  recommendingState?: string | undefined;
  text: string;
}): string {
  const norm = (s: string | undefined) => (s ?? '').normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  return createHash('sha256')
    .update(
      [
        r.stateCode,
        r.mechanismCode,
        norm(r.symbol || r.session),
        norm(r.paragraph),
        r.recommendingState ?? '',
        norm(r.text),
      ].join('\u001f'),
    )
    .digest('hex');
}

async function checkRecommendation(db: Db, d: RecommendationData, i18n: I18n): Promise<FieldErrors | undefined> {
  const errors: FieldErrors = {};
  const [mechanism, cycle, themes, groups, sdg] = await Promise.all([
    db.selectFrom('mechanisms').select(['id', 'code', 'kind']).where('id', '=', d.mechanismId).executeTakeFirst(),
    d.cycleId
      ? db
          .selectFrom('reporting_cycles')
          .select(['id', 'mechanism_id', 'state_code'])
          .where('id', '=', d.cycleId)
          .executeTakeFirst()
      : undefined,
    d.themeIds.length ? db.selectFrom('themes').select('id').where('id', 'in', d.themeIds).execute() : [],
    d.groupIds.length ? db.selectFrom('affected_groups').select('id').where('id', 'in', d.groupIds).execute() : [],
    d.sdgTargets.length ? db.selectFrom('sdg_targets').select('code').where('code', 'in', d.sdgTargets).execute() : [],
  ]);
  if (!mechanism) errors.mechanismId = i18n.t('validation.choice');
  if (d.cycleId && (!cycle || cycle.mechanism_id !== d.mechanismId || cycle.state_code !== d.stateCode))
    errors.cycleId = i18n.t('obligations.cycleMismatch');
  if (themes.length !== new Set(d.themeIds).size) errors.themeIds = i18n.t('validation.choice');
  if (groups.length !== new Set(d.groupIds).size) errors.groupIds = i18n.t('validation.choice');
  if (sdg.length !== new Set(d.sdgTargets).size) errors.sdgTargets = i18n.t('validation.choice');
  if (d.recommendingState && mechanism?.kind !== 'upr')
    errors.recommendingState = i18n.t('obligations.recommendingOnlyUpr');
  return Object.keys(errors).length ? errors : undefined;
}

function recommendationValues(d: RecommendationData, mechanismCode: string) {
  return {
    source_key: `manual:${recommendationKey({
      stateCode: d.stateCode,
      mechanismCode,
      symbol: d.symbol,
      session: d.session,
      paragraph: d.paragraph,
      recommendingState: d.recommendingState,
      text: d.text.en ?? d.text.ru ?? d.text.kk ?? '',
    })}`.slice(0, 100),
    state_code: d.stateCode,
    mechanism_id: d.mechanismId,
    cycle_id: d.cycleId ?? null,
    symbol: d.symbol ?? null,
    paragraph: d.paragraph ?? null,
    adopted_on: d.adoptedOn ?? null,
    session: d.session ?? null,
    text: json(d.text),
    recommending_state: d.recommendingState ?? null,
    response: d.response ?? null,
    theme_ids: [...new Set(d.themeIds)],
    affected_group_ids: [...new Set(d.groupIds)],
    sdg_targets: [...new Set(d.sdgTargets)],
    priority: d.priority,
  };
}

export async function createRecommendation(
  db: Db,
  user: CurrentUser,
  d: RecommendationData,
  i18n: I18n,
): Promise<Outcome<string>> {
  authorizeUser(user, 'manage-obligations');
  const errors = await checkRecommendation(db, d, i18n);
  if (errors) return { ok: false, errors };
  return db.transaction().execute(async (trx) => {
    const m = await trx
      .selectFrom('mechanisms')
      .select('code')
      .where('id', '=', d.mechanismId)
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('recommendations')
      .values({ ...recommendationValues(d, m.code), created_by: user.id })
      .onConflict((oc) => oc.column('source_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) return { ok: false as const, errors: { text_kk: i18n.t('obligations.recommendationExists') } };
    await audit(trx, userActor(user), { entity: 'recommendation', entityId: row.id, action: 'create', after: d });
    return { ok: true as const, value: row.id };
  });
}

export async function updateRecommendation(
  db: Db,
  user: CurrentUser,
  id: string,
  d: RecommendationData,
  i18n: I18n,
): Promise<Outcome> {
  authorizeUser(user, 'manage-obligations');
  const errors = await checkRecommendation(db, d, i18n);
  if (errors) return { ok: false, errors };
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('recommendations')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new HttpError(404, `recommendation ${id}`);
    const { source_key: _key, ...values } = recommendationValues(d, '');
    await trx
      .updateTable('recommendations')
      .set({ ...values, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    const { search_en: _e, search_ru: _r, search_kk: _k, ...plainBefore } = before;
    await audit(trx, userActor(user), {
      entity: 'recommendation',
      entityId: id,
      action: 'update',
      before: plainBefore,
      after: d,
    });
    return { ok: true as const, value: undefined };
  });
}

/** Puts a recommendation into an existing cluster, a new one (by title), or none. */
export async function setCluster(
  db: Db,
  user: CurrentUser,
  id: string,
  choice: { clusterId: string | undefined; newTitle: Translated },
  i18n: I18n,
): Promise<Outcome> {
  authorizeUser(user, 'manage-obligations');
  return db.transaction().execute(async (trx) => {
    const rec = await trx
      .selectFrom('recommendations')
      .select(['id', 'cluster_id'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!rec) throw new HttpError(404, `recommendation ${id}`);
    let clusterId: string | null = choice.clusterId ?? null;
    if (!clusterId && Object.keys(choice.newTitle).length) {
      const c = await trx
        .insertInto('recommendation_clusters')
        .values({ title: json(choice.newTitle), created_by: user.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      clusterId = c.id;
      await audit(trx, userActor(user), {
        entity: 'recommendation_cluster',
        entityId: c.id,
        action: 'create',
        after: choice.newTitle,
      });
    } else if (clusterId) {
      const exists = await trx
        .selectFrom('recommendation_clusters')
        .select('id')
        .where('id', '=', clusterId)
        .executeTakeFirst();
      if (!exists) return { ok: false as const, errors: { clusterId: i18n.t('validation.choice') } };
    }
    await trx.updateTable('recommendations').set({ cluster_id: clusterId }).where('id', '=', id).execute();
    await audit(trx, userActor(user), {
      entity: 'recommendation',
      entityId: id,
      action: 'cluster',
      before: { clusterId: rec.cluster_id },
      after: { clusterId },
    });
    return { ok: true as const, value: undefined };
  });
}

/** Confirms or dismisses a likely repeat that Kenes proposed. */
export async function decideRepeat(
  db: Db,
  user: CurrentUser,
  id: string,
  earlierId: string,
  decision: 'confirmed' | 'dismissed',
  similarity: number,
): Promise<void> {
  authorizeUser(user, 'manage-obligations');
  if (id === earlierId) throw new HttpError(400, 'a recommendation cannot repeat itself');
  await db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom('recommendations').select('id').where('id', 'in', [id, earlierId]).execute();
    if (found.length !== 2) throw new HttpError(404, 'recommendation');
    await trx
      .insertInto('recommendation_repeats')
      .values({
        recommendation_id: id,
        earlier_id: earlierId,
        similarity: Math.min(1, Math.max(0, similarity)),
        status: decision,
        decided_by: user.id,
        decided_at: sql`now()`,
      })
      .onConflict((oc) =>
        oc
          .columns(['recommendation_id', 'earlier_id'])
          .doUpdateSet({ status: decision, decided_by: user.id, decided_at: sql`now()` }),
      )
      .execute();
    await audit(trx, userActor(user), {
      entity: 'recommendation',
      entityId: id,
      action: `repeat_${decision}`,
      after: { earlierId },
    });
  });
}

// ---- implementation ---------------------------------------------------------------------------

export interface ActionData {
  title: Translated;
  description: Translated;
  indicator: Translated;
  responsibleId: string;
  deadline: string | undefined;
  status: ActionStatus;
}

const STATE_CATEGORIES: readonly OrganisationCategory[] = [
  'state_body',
  'parliament',
  'judiciary',
  'constitutional_review',
];

/** Adds an action to a recommendation or to its cluster (`forCluster`). */
export async function addAction(
  db: Db,
  user: CurrentUser,
  recommendationId: string,
  d: ActionData,
  forCluster: boolean,
  i18n: I18n,
): Promise<Outcome<string>> {
  authorizeUser(user, 'manage-obligations');
  const [rec, body] = await Promise.all([
    db.selectFrom('recommendations').select(['id', 'cluster_id']).where('id', '=', recommendationId).executeTakeFirst(),
    db.selectFrom('organisations').select(['id', 'category']).where('id', '=', d.responsibleId).executeTakeFirst(),
  ]);
  if (!rec) throw new HttpError(404, `recommendation ${recommendationId}`);
  if (!body || !STATE_CATEGORIES.includes(body.category))
    return { ok: false, errors: { responsibleId: i18n.t('obligations.responsibleStateBody') } };
  if (forCluster && !rec.cluster_id) return { ok: false, errors: { forCluster: i18n.t('obligations.noCluster') } };
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('implementation_actions')
      .values({
        recommendation_id: forCluster ? null : recommendationId,
        cluster_id: forCluster ? rec.cluster_id : null,
        title: json(d.title),
        description: json(d.description),
        indicator: json(d.indicator),
        responsible_id: d.responsibleId,
        deadline: d.deadline ?? null,
        status: d.status,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, userActor(user), {
      entity: 'implementation_action',
      entityId: row.id,
      action: 'create',
      after: { recommendationId, forCluster, ...d },
    });
    return { ok: true as const, value: row.id };
  });
}

async function lockAction(trx: Db, actionId: string) {
  const a = await trx
    .selectFrom('implementation_actions')
    .select(['id', 'status', 'responsible_id'])
    .where('id', '=', actionId)
    .forUpdate()
    .executeTakeFirst();
  if (!a) throw new HttpError(404, `action ${actionId}`);
  return a;
}

/** Changes an action's status: staff, or the responsible body's representative. */
export async function setActionStatus(
  db: Db,
  user: CurrentUser,
  actionId: string,
  status: ActionStatus,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const a = await lockAction(trx, actionId);
    authorizeUser(user, 'report-progress', { organisationId: a.responsible_id });
    await trx
      .updateTable('implementation_actions')
      .set({ status, updated_at: sql`now()` })
      .where('id', '=', actionId)
      .execute();
    await audit(trx, userActor(user), {
      entity: 'implementation_action',
      entityId: actionId,
      action: 'status',
      before: { status: a.status },
      after: { status },
    });
  });
}

export interface ProgressData {
  reportedOn: string;
  text: Translated;
  links: string[];
}

/** A dated progress report on an action, with evidence (links; files attached in the same transaction). */
export async function addProgress(
  trx: Db,
  user: CurrentUser,
  actionId: string,
  d: ProgressData,
  fileIds: string[],
): Promise<string> {
  const a = await lockAction(trx, actionId);
  authorizeUser(user, 'report-progress', { organisationId: a.responsible_id });
  const row = await trx
    .insertInto('action_progress_reports')
    .values({
      action_id: actionId,
      reported_on: d.reportedOn,
      text: json(d.text),
      links: d.links,
      organisation_id: user.role === 'representative' ? user.organisationId : a.responsible_id,
      created_by: user.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (fileIds.length)
    await trx
      .insertInto('action_progress_files')
      .values(fileIds.map((file_id) => ({ report_id: row.id, file_id })))
      .execute();
  await audit(trx, userActor(user), {
    entity: 'action_progress',
    entityId: row.id,
    action: 'create',
    after: { actionId, ...d, fileIds },
  });
  return row.id;
}

/** Which side an organisation's assessment stands for, from its category; null: it cannot assess. */
export function sideOf(category: OrganisationCategory): AssessmentSide | null {
  if (STATE_CATEGORIES.includes(category)) return 'state';
  if (category === 'nhri') return 'nhri';
  if (category === 'ngo' || category === 'media') return 'civil_society';
  return null;
}

export interface AssessmentData {
  level: AssessmentLevel;
  reasons: Translated;
}

/**
 * A representative assesses a recommendation for their organisation (one current assessment per
 * organisation; a new one replaces it). State bodies may assess only what they are responsible for.
 */
export async function assessRecommendation(
  db: Db,
  user: CurrentUser,
  recommendationId: string,
  d: AssessmentData,
): Promise<void> {
  const organisationId = user.organisationId;
  if (!organisationId || !(user.role === 'representative'))
    throw new HttpError(403, 'assess', 'obligations.onlyRepresentatives');
  authorizeUser(user, 'act-for-organisation', { organisationId });
  await db.transaction().execute(async (trx) => {
    const [rec, org] = await Promise.all([
      trx
        .selectFrom('recommendations')
        .select(['id', 'responsible_ids'])
        .where('id', '=', recommendationId)
        .executeTakeFirst(),
      trx
        .selectFrom('organisations')
        .select(['id', 'category'])
        .where('id', '=', organisationId)
        .executeTakeFirstOrThrow(),
    ]);
    if (!rec) throw new HttpError(404, `recommendation ${recommendationId}`);
    const side = sideOf(org.category);
    if (!side) throw new HttpError(403, 'this organisation cannot assess', 'obligations.cannotAssess');
    if (side === 'state' && !rec.responsible_ids.includes(organisationId))
      throw new HttpError(403, 'not responsible', 'obligations.notResponsible');
    const before = await trx
      .selectFrom('recommendation_assessments')
      .select(['level', 'reasons', 'assessed_on'])
      .where('recommendation_id', '=', recommendationId)
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    const row = await trx
      .insertInto('recommendation_assessments')
      .values({
        recommendation_id: recommendationId,
        organisation_id: organisationId,
        side,
        level: d.level,
        reasons: json(d.reasons),
        created_by: user.id,
      })
      .onConflict((oc) =>
        oc.columns(['recommendation_id', 'organisation_id']).doUpdateSet({
          side,
          level: d.level,
          reasons: json(d.reasons),
          assessed_on: sql`current_date`,
          created_by: user.id,
          updated_at: sql`now()`,
        }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, userActor(user), {
      entity: 'recommendation_assessment',
      entityId: row.id,
      action: before ? 'update' : 'create',
      before,
      after: { recommendationId, side, ...d },
    });
  });
}

export type LinkKind = 'proposal' | 'agenda_item' | 'task';

/** Links a recommendation to a proposal, an agenda item or a task (or removes the link). */
export async function setLink(
  db: Db,
  user: CurrentUser,
  recommendationId: string,
  kind: LinkKind,
  targetId: string,
  remove: boolean,
  i18n: I18n,
): Promise<Outcome> {
  authorizeUser(user, 'manage-obligations');
  return db.transaction().execute(async (trx) => {
    const rec = await trx
      .selectFrom('recommendations')
      .select('id')
      .where('id', '=', recommendationId)
      .executeTakeFirst();
    if (!rec) throw new HttpError(404, `recommendation ${recommendationId}`);
    if (remove) {
      const q =
        kind === 'proposal'
          ? trx.deleteFrom('recommendation_proposals').where('proposal_id', '=', targetId)
          : kind === 'agenda_item'
            ? trx.deleteFrom('recommendation_agenda_items').where('agenda_item_id', '=', targetId)
            : trx.deleteFrom('recommendation_tasks').where('task_id', '=', targetId);
      await q.where('recommendation_id', '=', recommendationId).execute();
    } else {
      const exists =
        kind === 'proposal'
          ? await isPublicProposal(trx, targetId)
          : // The meetings domain decides what of its records the user may link to.
            await visiblePartExists(trx, user, kind, targetId);
      if (!exists) return { ok: false as const, errors: { targetId: i18n.t('obligations.linkNotFound') } };
      if (kind === 'proposal')
        await trx
          .insertInto('recommendation_proposals')
          .values({ recommendation_id: recommendationId, proposal_id: targetId })
          .onConflict((oc) => oc.doNothing())
          .execute();
      else if (kind === 'agenda_item')
        await trx
          .insertInto('recommendation_agenda_items')
          .values({ recommendation_id: recommendationId, agenda_item_id: targetId })
          .onConflict((oc) => oc.doNothing())
          .execute();
      else
        await trx
          .insertInto('recommendation_tasks')
          .values({ recommendation_id: recommendationId, task_id: targetId })
          .onConflict((oc) => oc.doNothing())
          .execute();
    }
    await audit(trx, userActor(user), {
      entity: 'recommendation',
      entityId: recommendationId,
      action: remove ? 'unlink' : 'link',
      after: { kind, targetId },
    });
    return { ok: true as const, value: undefined };
  });
}

/** Links an agenda item to a reporting cycle (or unlinks it). */
export async function setAgendaItemCycle(
  db: Db,
  user: CurrentUser,
  agendaItemId: string,
  cycleId: string | null,
): Promise<void> {
  authorizeUser(user, 'run-meetings');
  await db.transaction().execute(async (trx) => {
    const item = await trx
      .selectFrom('agenda_items')
      .select(['id', 'cycle_id'])
      .where('id', '=', agendaItemId)
      .forUpdate()
      .executeTakeFirst();
    if (!item) throw new HttpError(404, `agenda item ${agendaItemId}`);
    if (
      cycleId &&
      !(await trx.selectFrom('reporting_cycles').select('id').where('id', '=', cycleId).executeTakeFirst())
    )
      throw new HttpError(422, 'unknown cycle');
    await trx.updateTable('agenda_items').set({ cycle_id: cycleId }).where('id', '=', agendaItemId).execute();
    await audit(trx, userActor(user), {
      entity: 'agenda_item',
      entityId: agendaItemId,
      action: 'cycle',
      before: { cycleId: item.cycle_id },
      after: { cycleId },
    });
  });
}
