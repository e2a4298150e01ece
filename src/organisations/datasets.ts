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

/*
 * Organisations' open data (decision 0028): the organisations and their membership of the bodies,
 * public as their pages are (people are not: their names are for members).
 */

const organisations = defineDataset({
  id: 'organisations',
  key: 'organisations.data.organisations',
  from: (db) => db.selectFrom('organisations as o'),
  select: (q) => q.selectAll('o'),
  changed: 'o.updated_at',
  tables: ['o'],
}).columns([
  { name: 'slug', type: 'string', description: 'organisations.data.col.slug', value: (r) => r.slug },
  textField('name', 'organisations.data.col.name', (r) => r.name),
  textField('short_name', 'organisations.data.col.shortName', (r) => r.short_name),
  codeFields('category', 'organisations.data.col.category', 'category.', (r) => r.category),
  refField('parent_id', 'organisations.data.col.parentId', (r) => r.parent_id),
  { name: 'website', type: 'string', description: 'organisations.data.col.website', value: (r) => r.website },
  urlField((r) => `/organisations/${r.slug}`),
  updatedField(),
]);

function memberships(db: Db) {
  return db
    .selectFrom('body_memberships as bm')
    .innerJoin('bodies as b', 'b.id', 'bm.body_id')
    .innerJoin('organisations as o', 'o.id', 'bm.organisation_id');
}

const membership = defineDataset({
  id: 'memberships',
  key: 'organisations.data.memberships',
  from: memberships,
  select: (q) =>
    q
      .select(['bm.id', 'bm.body_id', 'b.name as body', 'bm.organisation_id', 'o.name as organisation'])
      .select(['bm.status', 'bm.since', 'bm.until']),
  changed: 'bm.since',
  tables: ['bm', 'b', 'o'],
}).columns([
  refField('body_id', 'organisations.data.col.bodyId', (r) => r.body_id),
  textField('body', 'organisations.data.col.body', (r) => r.body),
  organisationFields(),
  codeFields('status', 'organisations.data.col.membership', 'membership.status.', (r) => r.status),
  timeField('since', 'date', 'organisations.data.col.since', (r) => r.since),
  timeField('until', 'date', 'organisations.data.col.until', (r) => r.until),
]);

/** Organisations' datasets. */
export const organisationDatasets: Dataset[] = [organisations, membership];
