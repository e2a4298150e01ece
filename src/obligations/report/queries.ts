import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db } from '../../core/db/database.ts';
import { organisationColumn } from '../../organisations/index.ts';

/* The four queries of a report (compile.ts), whatever the number of recommendations, actions, progress reports and assessments. */

const ofCycle = (db: Db, cycleId: string) =>
  db.selectFrom('recommendations').select('id').where('cycle_id', '=', cycleId);

/** The cycle with its mechanism. */
function cycleRow(db: Db, cycleId: string) {
  return db
    .selectFrom('reporting_cycles as c')
    .innerJoin('mechanisms as m', 'm.id', 'c.mechanism_id')
    .select([
      'c.id',
      'c.title',
      'c.number',
      'c.description',
      'c.state_code as stateCode',
      'm.code as mechanismCode',
      'm.kind as mechanismKind',
      'm.name as mechanismName',
      // A later cycle of the same mechanism and State: then this one is the previous cycle.
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('reporting_cycles as later')
              .select('later.id')
              .whereRef('later.mechanism_id', '=', 'c.mechanism_id')
              .whereRef('later.state_code', '=', 'c.state_code')
              .where((w) =>
                w.or([
                  w('later.number', '>', w.ref('c.number')),
                  w.and([
                    w.or([w('later.number', 'is', null), w('c.number', 'is', null)]),
                    w('later.id', '>', w.ref('c.id')),
                  ]),
                ]),
              ),
          )
          .as('hasLaterCycle'),
    ])
    .where('c.id', '=', cycleId)
    .executeTakeFirst();
}

/** The cycle's recommendations with their cluster's title. */
function recommendationRows(db: Db, cycleId: string) {
  return db
    .selectFrom('recommendations as r')
    .leftJoin('recommendation_clusters as cl', 'cl.id', 'r.cluster_id')
    .select([
      'r.id',
      'r.symbol',
      'r.paragraph',
      'r.text',
      'r.response',
      'r.recommending_state as recommendingState',
      'r.adopted_on as adoptedOn',
      'r.cluster_id as clusterId',
      'cl.title as clusterTitle',
    ])
    .where('r.cycle_id', '=', cycleId)
    .execute();
}

/** The actions on the cycle's recommendations and clusters, with their responsible body and progress reports, by deadline. */
function actionRows(db: Db, cycleId: string) {
  return db
    .selectFrom('implementation_actions as a')
    .select((eb) => [
      'a.id',
      'a.recommendation_id as recommendationId',
      'a.cluster_id as clusterId',
      'a.title',
      'a.description',
      'a.deadline',
      'a.indicator',
      'a.status',
      organisationColumn('a.responsible_id', 'name').as('responsible'),
      jsonArrayFrom(
        eb
          .selectFrom('action_progress_reports as p')
          .select(['p.reported_on as reportedOn', 'p.text', 'p.links'])
          .whereRef('p.action_id', '=', 'a.id')
          .orderBy('p.reported_on')
          .orderBy('p.id'),
      ).as('progress'),
    ])
    .where((eb) =>
      eb.or([
        eb('a.recommendation_id', 'in', ofCycle(db, cycleId)),
        eb(
          'a.cluster_id',
          'in',
          db
            .selectFrom('recommendations')
            .select('cluster_id')
            .where('cycle_id', '=', cycleId)
            .where('cluster_id', 'is not', null),
        ),
      ]),
    )
    .orderBy(
      (eb) => eb.ref('a.deadline'),
      (ob) => ob.asc().nullsLast(),
    )
    .orderBy('a.id')
    .execute();
}

/** The assessments of the cycle's recommendations, oldest first. */
function assessmentRows(db: Db, cycleId: string) {
  return db
    .selectFrom('recommendation_assessments as a')
    .select([
      'a.recommendation_id as recommendationId',
      'a.organisation_id as organisationId',
      'a.side',
      'a.level',
      'a.reasons',
      'a.assessed_on as assessedOn',
      organisationColumn('a.organisation_id', 'name').as('organisation'),
    ])
    .where('a.recommendation_id', 'in', ofCycle(db, cycleId))
    .orderBy('a.assessed_on')
    .orderBy('a.id')
    .execute();
}

/** The rows of one cycle's report, in four queries side by side. */
export async function reportRows(db: Db, cycleId: string) {
  const [cycle, recommendations, actions, assessments] = await Promise.all([
    cycleRow(db, cycleId),
    recommendationRows(db, cycleId),
    actionRows(db, cycleId),
    assessmentRows(db, cycleId),
  ]);
  return { cycle, recommendations, actions, assessments };
}

export type ReportRows = Awaited<ReturnType<typeof reportRows>>;
