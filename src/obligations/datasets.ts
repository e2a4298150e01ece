import type { Db } from '../core/db/database.ts';
import type { Dataset } from '../core/extensions.ts';
import {
  codeFields,
  defineDataset,
  organisationFields,
  refField,
  textField,
  timeField,
  updatedField,
  urlField,
} from '../core/open-data/dataset.ts';
import { organisationColumn } from '../organisations/index.ts';

/*
 * Obligations' open data (decision 0028): reporting cycles and their stages, recommendations,
 * implementation actions, progress reports and assessments. Obligations have no hidden states
 * (decision 0015): every row is public, the import's staging tables are not offered.
 */

function cyclesOf(db: Db) {
  return db.selectFrom('reporting_cycles as c').innerJoin('mechanisms as me', 'me.id', 'c.mechanism_id');
}

const cycles = defineDataset({
  id: 'cycles',
  key: 'obligations.data.cycles',
  from: cyclesOf,
  select: (q) => q.selectAll('c').select(['me.code as mechanism', 'me.name as mechanismName']),
  changed: 'c.updated_at',
  tables: ['c', 'me'],
}).columns([
  { name: 'mechanism', type: 'string', description: 'obligations.data.col.mechanism', value: (r) => r.mechanism },
  textField('mechanism_name', 'obligations.data.col.mechanismName', (r) => r.mechanismName),
  { name: 'state_code', type: 'string', description: 'obligations.data.col.stateCode', value: (r) => r.state_code },
  { name: 'number', type: 'integer', description: 'obligations.data.col.cycleNumber', value: (r) => r.number },
  textField('title', 'openData.col.title', (r) => r.title),
  textField('description', 'openData.col.description', (r) => r.description),
  urlField((r) => `/cycles/${r.id}`),
  updatedField(),
]);

function stagesOf(db: Db) {
  return db.selectFrom('cycle_stages as s').innerJoin('reporting_cycles as c', 'c.id', 's.cycle_id');
}

const cycleStages = defineDataset({
  id: 'cycle-stages',
  key: 'obligations.data.stages',
  from: stagesOf,
  select: (q) => q.selectAll('s'),
  changed: 'c.updated_at',
  tables: ['s', 'c'],
}).columns([
  refField('cycle_id', 'openData.col.cycleId', (r) => r.cycle_id),
  codeFields('stage', 'obligations.data.col.stage', 'obligations.stage.', (r) => r.kind),
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
  key: 'obligations.data.recommendations',
  from: recommendationsOf,
  select: (q) => q.selectAll('r').select('me.code as mechanism'),
  changed: 'r.updated_at',
  tables: ['r', 'me'],
}).columns([
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
  codeFields('response', 'obligations.data.col.response', 'obligations.response.', (r) => r.response),
  codeFields('status', 'obligations.data.col.level', 'obligations.level.', (r) => r.status),
  { name: 'priority', type: 'boolean', description: 'obligations.data.col.priority', value: (r) => r.priority },
  {
    name: 'sdg_targets',
    type: 'string',
    description: 'obligations.data.col.sdgTargets',
    value: (r) => r.sdg_targets.join('; '),
  },
  urlField((r) => `/recommendations/${r.id}`),
  updatedField(),
]);

const actions = defineDataset({
  id: 'actions',
  key: 'obligations.data.actions',
  from: (db) => db.selectFrom('implementation_actions as a'),
  select: (q) => q.selectAll('a').select(organisationColumn('a.responsible_id', 'name').as('responsible')),
  changed: 'a.updated_at',
  tables: ['a'],
}).columns([
  refField('recommendation_id', 'openData.col.recommendationId', (r) => r.recommendation_id),
  refField('cluster_id', 'obligations.data.col.clusterId', (r) => r.cluster_id),
  textField('title', 'openData.col.title', (r) => r.title),
  textField('description', 'openData.col.description', (r) => r.description),
  refField('responsible_id', 'openData.col.organisationId', (r) => r.responsible_id),
  textField('responsible', 'obligations.data.col.responsible', (r) => r.responsible),
  timeField('deadline', 'date', 'openData.col.deadline', (r) => r.deadline),
  textField('indicator', 'obligations.data.col.indicator', (r) => r.indicator),
  codeFields('status', 'openData.col.status', 'obligations.actionStatus.', (r) => r.status),
  updatedField(),
]);

const progress = defineDataset({
  id: 'progress-reports',
  key: 'obligations.data.progress',
  from: (db) => db.selectFrom('action_progress_reports as p'),
  select: (q) => q.selectAll('p').select(organisationColumn('p.organisation_id', 'name').as('organisation')),
  changed: 'p.created_at',
  tables: ['p'],
}).columns([
  refField('action_id', 'openData.col.actionId', (r) => r.action_id),
  timeField('reported_on', 'date', 'obligations.data.col.reportedOn', (r) => r.reported_on),
  textField('text', 'openData.col.text', (r) => r.text),
  organisationFields(),
  { name: 'links', type: 'string', description: 'obligations.data.col.links', value: (r) => r.links.join('; ') },
  timeField('created_at', 'datetime', 'obligations.data.col.createdAt', (r) => r.created_at),
]);

const assessments = defineDataset({
  id: 'assessments',
  key: 'obligations.data.assessments',
  from: (db) => db.selectFrom('recommendation_assessments as x'),
  select: (q) => q.selectAll('x').select(organisationColumn('x.organisation_id', 'name').as('organisation')),
  changed: 'x.updated_at',
  tables: ['x'],
}).columns([
  refField('recommendation_id', 'openData.col.recommendationId', (r) => r.recommendation_id),
  organisationFields(),
  codeFields('side', 'obligations.data.col.side', 'obligations.side.', (r) => r.side),
  codeFields('level', 'obligations.data.col.level', 'obligations.level.', (r) => r.level),
  textField('reasons', 'openData.col.reasons', (r) => r.reasons),
  timeField('assessed_on', 'date', 'obligations.data.col.assessedOn', (r) => r.assessed_on),
  updatedField(),
]);

/** Obligations' datasets. */
export const obligationDatasets: Dataset[] = [cycles, cycleStages, recommendations, actions, progress, assessments];
