import { everyoneSees } from '../core/extensions.ts';
import { recordSearch } from '../core/search/record-search.ts';

/** Organisations in search (decision 0016): the directory is public, so is every organisation. */
export const organisationSearch = recordSearch({
  kind: 'organisation',
  query: (db) =>
    db
      .selectFrom('organisations as o')
      .select(['o.id', 'o.slug', 'o.name', 'o.short_name as shortName', 'o.updated_at as updatedAt']),
  id: 'o.id',
  changed: 'o.updated_at',
  document: (o) => ({ title: o.name, body: o.shortName, path: `/organisations/${o.slug}`, visibility: 'public' }),
  visibleTo: everyoneSees,
});
