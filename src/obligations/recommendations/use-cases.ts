import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { audit, userActor } from '../../core/audit.ts';
import { insertAudited, updateAudited } from '../../core/audited-writes.ts';
import { authorizeUser } from '../../core/auth/policy.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { RecommendationResponse } from '../../core/db/schema-obligations.ts';
import type { FieldErrors, Outcome } from '../../core/http/forms.ts';
import { HttpError } from '../../core/http/http-error.ts';
import type { I18n } from '../../core/i18n/i18n.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { existingThemeIds } from '../../core/themes.ts';
import { visiblePartExists } from '../../meetings/index.ts';
import { isPublicProposal } from '../../proposals/index.ts';
import { textSimilarity } from './queries.ts';

/** Use cases of recommendations (by hand, clusters, repeats, links): policy, one transaction, audit. */

const json = (v: unknown) => JSON.stringify(v);

/** A recommendation's row, or a 404; `lock` holds it until the caller's transaction ends. */
export async function recommendationRow(db: Db, id: string, lock = false) {
  const row = await db
    .selectFrom('recommendations')
    .selectAll()
    .where('id', '=', id)
    .$if(lock, (q) => q.forUpdate())
    .executeTakeFirst();
  if (!row) throw new HttpError(404, `recommendation ${id}`);
  return row;
}

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
    existingThemeIds(db, d.themeIds),
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

/** Staff write a recommendation: what it refers to is checked first (field errors), then `write` runs in one transaction. */
async function writeRecommendation<T>(
  db: Db,
  user: CurrentUser,
  d: RecommendationData,
  i18n: I18n,
  write: (trx: Db) => Promise<Outcome<T>>,
): Promise<Outcome<T>> {
  authorizeUser(user, 'manage-obligations');
  const errors = await checkRecommendation(db, d, i18n);
  if (errors) return { ok: false, errors };
  return db.transaction().execute(write);
}

export async function createRecommendation(
  db: Db,
  user: CurrentUser,
  d: RecommendationData,
  i18n: I18n,
): Promise<Outcome<string>> {
  return writeRecommendation(db, user, d, i18n, async (trx) => {
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
  return writeRecommendation(db, user, d, i18n, async (trx) => {
    const before = await recommendationRow(trx, id, true);
    const { source_key: _key, ...values } = recommendationValues(d, '');
    await updateAudited(trx, user, {
      table: 'recommendations',
      id,
      set: { ...values, updated_at: sql<Date>`now()` },
      entity: 'recommendation',
      action: 'update',
      before,
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
    const rec = await recommendationRow(trx, id, true);
    let clusterId: string | null = choice.clusterId ?? null;
    if (!clusterId && Object.keys(choice.newTitle).length) {
      clusterId = await insertAudited(trx, user, {
        table: 'recommendation_clusters',
        values: { title: json(choice.newTitle), created_by: user.id },
        entity: 'recommendation_cluster',
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
    await updateAudited(trx, user, {
      table: 'recommendations',
      id,
      set: { cluster_id: clusterId },
      entity: 'recommendation',
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
): Promise<void> {
  authorizeUser(user, 'manage-obligations');
  if (id === earlierId) throw new HttpError(400, 'a recommendation cannot repeat itself');
  const similarity = await textSimilarity(db, id, earlierId);
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
    await recommendationRow(trx, recommendationId);
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
