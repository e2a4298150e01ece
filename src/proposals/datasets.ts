import { sql } from 'kysely';
import type { Db } from '../core/db/database.ts';
import type { Dataset } from '../core/extensions.ts';
import type { Translated } from '../core/i18n/translated.ts';
import {
  codeFields,
  type DatasetField,
  defineDataset,
  organisationFields,
  refField,
  rowVersions,
  text,
  textField,
  timeField,
  updatedField,
  urlField,
} from '../core/open-data/dataset.ts';
import { organisationColumn, organisationsJson } from '../organisations/index.ts';
import { publicProposals } from './visibility.ts';

/*
 * Proposals' open data (decision 0028): the proposals, the answers of the state bodies they are
 * addressed to (deadlines, answers, the authors' assessments) and their stages — of the proposals a
 * visitor sees (`publicProposals`, visibility.ts: submitted ones, never a draft).
 */

type Named = { id: string; name: Translated }[];

/** Two columns of a list of organisations: their ids and their names in the file's language, each joined by "; ". */
function organisationList<R>(name: string, get: (r: R) => Named): DatasetField<R>[] {
  return [
    {
      name: `${name}_ids`,
      type: 'string',
      description: `proposals.data.col.${name}Ids` as 'proposals.data.col.authorsIds',
      value: (r) =>
        get(r)
          .map((o) => o.id)
          .join('; '),
    },
    {
      name,
      type: 'string',
      description: `proposals.data.col.${name}` as 'proposals.data.col.authors',
      value: (r, i18n) =>
        get(r)
          .map((o) => text(i18n, o.name) ?? '')
          .join('; '),
    },
  ];
}

function visible(db: Db) {
  return db.selectFrom('proposals as p').where(publicProposals('p'));
}

const proposals = defineDataset({
  id: 'proposals',
  key: 'proposals.data.proposals',
  from: visible,
  select: (q) =>
    q
      .selectAll('p')
      .select([
        organisationsJson(sql`ARRAY(SELECT a.organisation_id FROM proposal_authors a WHERE a.proposal_id = p.id)`, [
          'id',
          'name',
        ]).as('authors'),
        organisationsJson(sql`ARRAY(SELECT d.organisation_id FROM proposal_addressees d WHERE d.proposal_id = p.id)`, [
          'id',
          'name',
        ]).as('addressees'),
      ]),
  changed: 'p.updated_at',
  tables: ['p', rowVersions('proposal_authors a', sql<boolean>`a.proposal_id = p.id`)],
}).columns([
  textField('title', 'openData.col.title', (r) => r.title),
  codeFields('kind', 'openData.col.kind', 'proposal.kind.', (r) => r.kind),
  codeFields('status', 'openData.col.status', 'proposal.status.', (r) => r.status),
  timeField('submitted_at', 'datetime', 'proposals.data.col.submittedAt', (r) => r.submitted_at),
  organisationList('authors', (r) => r.authors),
  organisationList('addressees', (r) => r.addressees),
  refField('meeting_id', 'proposals.data.col.meetingId', (r) => r.meeting_id),
  urlField((r) => `/proposals/${r.id}`),
  updatedField(),
]);

function answersOf(db: Db) {
  return db
    .selectFrom('proposal_addressees as d')
    .innerJoin('proposals as p', 'p.id', 'd.proposal_id')
    .where(publicProposals('p'));
}

const answers = defineDataset({
  id: 'proposal-answers',
  key: 'proposals.data.answers',
  from: answersOf,
  select: (q) => q.selectAll('d').select(organisationColumn('d.organisation_id', 'name').as('organisation')),
  changed: sql`greatest(d.answered_at, d.assessed_at, p.submitted_at)`,
  tables: ['d', 'p'],
}).columns([
  refField('proposal_id', 'openData.col.proposalId', (r) => r.proposal_id),
  organisationFields(),
  timeField('deadline', 'date', 'proposals.data.col.deadline', (r) => r.deadline),
  codeFields('answer', 'proposals.data.col.answer', 'proposal.answer.', (r) => r.answer),
  textField('reasons', 'openData.col.reasons', (r) => r.reasons),
  timeField('answered_at', 'datetime', 'proposals.data.col.answeredAt', (r) => r.answered_at),
  codeFields('assessment', 'proposals.data.col.assessment', 'proposal.assessment.', (r) => r.assessment),
  {
    name: 'assessment_comment',
    type: 'string',
    description: 'proposals.data.col.assessmentComment',
    value: (r) => r.assessment_comment,
  },
  timeField('assessed_at', 'datetime', 'proposals.data.col.assessedAt', (r) => r.assessed_at),
]);

function stagesOf(db: Db) {
  return db
    .selectFrom('proposal_stages as s')
    .innerJoin('proposals as p', 'p.id', 's.proposal_id')
    .where(publicProposals('p'));
}

const stages = defineDataset({
  id: 'proposal-stages',
  key: 'proposals.data.stages',
  from: stagesOf,
  select: (q) => q.selectAll('s'),
  changed: 's.created_at',
  tables: ['s', 'p'],
}).columns([
  refField('proposal_id', 'openData.col.proposalId', (r) => r.proposal_id),
  codeFields('stage', 'proposals.data.col.stage', 'proposal.stage.', (r) => r.stage),
  timeField('reached_on', 'date', 'proposals.data.col.reachedOn', (r) => r.reached_on),
  { name: 'source_url', type: 'string', description: 'proposals.data.col.sourceUrl', value: (r) => r.url },
]);

/** Proposals' datasets. */
export const proposalDatasets: Dataset[] = [proposals, answers, stages];
