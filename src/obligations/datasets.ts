import type { Db } from '../core/db/database.ts';
import type { Dataset } from '../core/extensions.ts';
import {
  afterId,
  codeFields,
  defineDataset,
  idField,
  refField,
  summaryColumns,
  textField,
  timeField,
  urlField,
} from '../core/open-data/dataset.ts';
import { organisationColumn } from '../organisations/index.ts';

/*
 * Obligations' open data (decision 0028): reporting cycles and their stages, recommendations,
 * implementation actions, progress reports and assessments. Obligations have no hidden states
 * (decision 0015): every row is public, the import's staging tables are not offered.
 */

const CODE = ['openData.col.status', 'openData.col.statusLabel'] as const;

function cyclesOf(db: Db) {
  return db.selectFrom('reporting_cycles as c').innerJoin('mechanisms as me', 'me.id', 'c.mechanism_id');
}

const cycles = defineDataset({
  id: 'cycles',
  title: 'obligations.data.cycles',
  description: 'obligations.data.cycles.about',
  summary: (db) =>
    cyclesOf(db)
      .select(summaryColumns('c.updated_at', ['c', 'me']))
      .executeTakeFirst(),
  page: (db, after, limit) =>
    cyclesOf(db)
      .selectAll('c')
      .select(['me.code as mechanism', 'me.name as mechanismName'])
      .where(afterId('c.id', after))
      .orderBy('c.id')
      .limit(limit)
      .execute(),
}).columns([
  idField(),
  { name: 'mechanism', type: 'string', description: 'obligations.data.col.mechanism', value: (r) => r.mechanism },
  textField('mechanism_name', 'obligations.data.col.mechanismName', (r) => r.mechanismName),
  { name: 'state_code', type: 'string', description: 'obligations.data.col.stateCode', value: (r) => r.state_code },
  { name: 'number', type: 'integer', description: 'obligations.data.col.cycleNumber', value: (r) => r.number },
  textField('title', 'openData.col.title', (r) => r.title),
  textField('description', 'openData.col.description', (r) => r.description),
  urlField((r) => `/cycles/${r.id}`),
  timeField('updated_at', 'datetime', 'openData.col.updatedAt', (r) => r.updated_at),
]);

function stagesOf(db: Db) {
  return db.selectFrom('cycle_stages as s').innerJoin('reporting_cycles as c', 'c.id', 's.cycle_id');
}

const cycleStages = defineDataset({
  id: 'cycle-stages',
  title: 'obligations.data.stages',
  description: 'obligations.data.stages.about',
  summary: (db) =>
    stagesOf(db)
      .select(summaryColumns('c.updated_at', ['s', 'c']))
      .executeTakeFirst(),
  page: (db, after, limit) =>
    stagesOf(db).selectAll('s').where(afterId('s.id', after)).orderBy('s.id').limit(limit).execute(),
}).columns([
  idField(),
  refField('cycle_id', 'openData.col.cycleId', (r) => r.cycle_id),
  codeFields(
    'stage',
    ['obligations.data.col.stage', 'obligations.data.col.stageLabel'],
    'obligations.stage.',
    (r) => r.kind,
  ),
  timeField('due_on', 'date', 'obligations.data.col.dueOn', (r) => r.due_on),
  timeField('done_on', 'date', 'obligations.data.col.doneOn', (r) => r.done_on),
  timeField('ends_on', 'date', 'obligations.data.col.endsOn', (r) => r.ends_on),
  textField('note', 'obligations.data.col.note', (r) => r.note),
]);

function recommendationsOf(db: Db) {
  return db.selectFrom('recommendations as r').innerJoin('mechanisms as me', 'me.id', 'r.mechanism_id');
}

const recommendations = defineDataset({
  id: 'recommendations',
  title: 'obligations.data.recommendations',
  description: 'obligations.data.recommendations.about',
  summary: (db) =>
    recommendationsOf(db)
      .select(summaryColumns('r.updated_at', ['r', 'me']))
      .executeTakeFirst(),
  page: (db, after, limit) =>
    recommendationsOf(db)
      .selectAll('r')
      .select('me.code as mechanism')
      .where(afterId('r.id', after))
      .orderBy('r.id')
      .limit(limit)
      .execute(),
}).columns([
  idField(),
  refField('cycle_id', 'openData.col.cycleId', (r) => r.cycle_id),
  { name: 'mechanism', type: 'string', description: 'obligations.data.col.mechanism', value: (r) => r.mechanism },
  { name: 'state_code', type: 'string', description: 'obligations.data.col.stateCode', value: (r) => r.state_code },
  { name: 'symbol', type: 'string', description: 'obligations.data.col.symbol', value: (r) => r.symbol },
  { name: 'paragraph', type: 'string', description: 'obligations.data.col.paragraph', value: (r) => r.paragraph },
  timeField('adopted_on', 'date', 'obligations.data.col.adoptedOn', (r) => r.adopted_on),
  { name: 'session', type: 'string', description: 'obligations.data.col.session', value: (r) => r.session },
  {
    name: 'recommending_state',
    type: 'string',
    description: 'obligations.data.col.recommendingState',
    value: (r) => r.recommending_state,
  },
  textField('text', 'openData.col.text', (r) => r.text),
  codeFields(
    'response',
    ['obligations.data.col.response', 'obligations.data.col.responseLabel'],
    'obligations.response.',
    (r) => r.response,
  ),
  codeFields(
    'status',
    ['obligations.data.col.level', 'obligations.data.col.levelLabel'],
    'obligations.level.',
    (r) => r.status,
  ),
  { name: 'priority', type: 'boolean', description: 'obligations.data.col.priority', value: (r) => r.priority },
  {
    name: 'sdg_targets',
    type: 'string',
    description: 'obligations.data.col.sdgTargets',
    value: (r) => r.sdg_targets.join('; '),
  },
  urlField((r) => `/recommendations/${r.id}`),
  timeField('updated_at', 'datetime', 'openData.col.updatedAt', (r) => r.updated_at),
]);

const actions = defineDataset({
  id: 'actions',
  title: 'obligations.data.actions',
  description: 'obligations.data.actions.about',
  summary: (db) =>
    db
      .selectFrom('implementation_actions as a')
      .select(summaryColumns('a.updated_at', ['a']))
      .executeTakeFirst(),
  page: (db, after, limit) =>
    db
      .selectFrom('implementation_actions as a')
      .selectAll('a')
      .select(organisationColumn('a.responsible_id', 'name').as('responsible'))
      .where(afterId('a.id', after))
      .orderBy('a.id')
      .limit(limit)
      .execute(),
}).columns([
  idField(),
  refField('recommendation_id', 'openData.col.recommendationId', (r) => r.recommendation_id),
  refField('cluster_id', 'obligations.data.col.clusterId', (r) => r.cluster_id),
  textField('title', 'openData.col.title', (r) => r.title),
  textField('description', 'openData.col.description', (r) => r.description),
  refField('responsible_id', 'openData.col.organisationId', (r) => r.responsible_id),
  textField('responsible', 'obligations.data.col.responsible', (r) => r.responsible),
  timeField('deadline', 'date', 'openData.col.deadline', (r) => r.deadline),
  textField('indicator', 'obligations.data.col.indicator', (r) => r.indicator),
  codeFields('status', CODE, 'obligations.actionStatus.', (r) => r.status),
  timeField('updated_at', 'datetime', 'openData.col.updatedAt', (r) => r.updated_at),
]);

const progress = defineDataset({
  id: 'progress-reports',
  title: 'obligations.data.progress',
  description: 'obligations.data.progress.about',
  summary: (db) =>
    db
      .selectFrom('action_progress_reports as p')
      .select(summaryColumns('p.created_at', ['p']))
      .executeTakeFirst(),
  page: (db, after, limit) =>
    db
      .selectFrom('action_progress_reports as p')
      .selectAll('p')
      .select(organisationColumn('p.organisation_id', 'name').as('organisation'))
      .where(afterId('p.id', after))
      .orderBy('p.id')
      .limit(limit)
      .execute(),
}).columns([
  idField(),
  refField('action_id', 'openData.col.actionId', (r) => r.action_id),
  timeField('reported_on', 'date', 'obligations.data.col.reportedOn', (r) => r.reported_on),
  textField('text', 'openData.col.text', (r) => r.text),
  refField('organisation_id', 'openData.col.organisationId', (r) => r.organisation_id),
  textField('organisation', 'openData.col.organisation', (r) => r.organisation),
  { name: 'links', type: 'string', description: 'obligations.data.col.links', value: (r) => r.links.join('; ') },
  timeField('created_at', 'datetime', 'obligations.data.col.createdAt', (r) => r.created_at),
]);

const assessments = defineDataset({
  id: 'assessments',
  title: 'obligations.data.assessments',
  description: 'obligations.data.assessments.about',
  summary: (db) =>
    db
      .selectFrom('recommendation_assessments as x')
      .select(summaryColumns('x.updated_at', ['x']))
      .executeTakeFirst(),
  page: (db, after, limit) =>
    db
      .selectFrom('recommendation_assessments as x')
      .selectAll('x')
      .select(organisationColumn('x.organisation_id', 'name').as('organisation'))
      .where(afterId('x.id', after))
      .orderBy('x.id')
      .limit(limit)
      .execute(),
}).columns([
  idField(),
  refField('recommendation_id', 'openData.col.recommendationId', (r) => r.recommendation_id),
  refField('organisation_id', 'openData.col.organisationId', (r) => r.organisation_id),
  textField('organisation', 'openData.col.organisation', (r) => r.organisation),
  codeFields(
    'side',
    ['obligations.data.col.side', 'obligations.data.col.sideLabel'],
    'obligations.side.',
    (r) => r.side,
  ),
  codeFields(
    'level',
    ['obligations.data.col.level', 'obligations.data.col.levelLabel'],
    'obligations.level.',
    (r) => r.level,
  ),
  textField('reasons', 'openData.col.reasons', (r) => r.reasons),
  timeField('assessed_on', 'date', 'obligations.data.col.assessedOn', (r) => r.assessed_on),
  timeField('updated_at', 'datetime', 'openData.col.updatedAt', (r) => r.updated_at),
]);

/** Obligations' datasets. */
export const obligationDatasets: Dataset[] = [cycles, cycleStages, recommendations, actions, progress, assessments];
