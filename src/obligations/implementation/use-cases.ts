import { sql } from 'kysely';
import { audit, userActor } from '../../core/audit.ts';
import { insertAudited, lockedRow, updateAudited } from '../../core/audited-writes.ts';
import { authorizeUser } from '../../core/auth/policy.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { OrganisationCategory } from '../../core/db/schema.ts';
import type { ActionStatus, AssessmentLevel, AssessmentSide } from '../../core/db/schema-obligations.ts';
import type { StoredFile } from '../../core/files/files.ts';
import type { Outcome } from '../../core/http/forms.ts';
import { HttpError } from '../../core/http/http-error.ts';
import type { I18n } from '../../core/i18n/i18n.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { organisationById } from '../../organisations/index.ts';
import { recommendationRow } from '../recommendations/use-cases.ts';

/** Use cases of implementation (actions, progress reports and their evidence, assessments): policy, one transaction, audit. */

const json = (v: unknown) => JSON.stringify(v);

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
    recommendationRow(db, recommendationId),
    organisationById(db, d.responsibleId),
  ]);
  if (!body || !STATE_CATEGORIES.includes(body.category))
    return { ok: false, errors: { responsibleId: i18n.t('obligations.responsibleStateBody') } };
  if (forCluster && !rec.cluster_id) return { ok: false, errors: { forCluster: i18n.t('obligations.noCluster') } };
  return db.transaction().execute(async (trx) => {
    const id = await insertAudited(trx, user, {
      table: 'implementation_actions',
      values: {
        recommendation_id: forCluster ? null : recommendationId,
        cluster_id: forCluster ? rec.cluster_id : null,
        title: json(d.title),
        description: json(d.description),
        indicator: json(d.indicator),
        responsible_id: d.responsibleId,
        deadline: d.deadline ?? null,
        status: d.status,
        created_by: user.id,
      },
      entity: 'implementation_action',
      after: { recommendationId, forCluster, ...d },
    });
    return { ok: true as const, value: id };
  });
}

function lockAction(trx: Db, actionId: string) {
  return lockedRow(trx, 'implementation_actions', actionId, ['id', 'status', 'responsible_id'], 'action');
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
    await updateAudited(trx, user, {
      table: 'implementation_actions',
      id: actionId,
      set: { status, updated_at: sql<Date>`now()` },
      entity: 'implementation_action',
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

/** A progress report with links only: its own transaction. */
export async function reportProgress(db: Db, user: CurrentUser, actionId: string, d: ProgressData): Promise<string> {
  return db.transaction().execute((trx) => addProgress(trx, user, actionId, d, []));
}

/** Attaches an uploaded file to a progress report as evidence (inside the upload's transaction). */
export async function attachEvidence(
  trx: Db,
  user: CurrentUser,
  report: { id: string; responsible_id: string },
  file: StoredFile,
): Promise<void> {
  authorizeUser(user, 'report-progress', { organisationId: report.responsible_id });
  await trx.insertInto('action_progress_files').values({ report_id: report.id, file_id: file.id }).execute();
  await audit(trx, userActor(user), {
    entity: 'action_progress',
    entityId: report.id,
    action: 'attach',
    after: { file },
  });
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
      recommendationRow(trx, recommendationId),
      organisationById(trx, organisationId),
    ]);
    if (!org) throw new Error(`organisation ${organisationId}`);
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
