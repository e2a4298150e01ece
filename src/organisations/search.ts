import { documentsPage, everyoneSees, type Searchable } from '../core/extensions.ts';

/** Organisations in search (decision 0016): the directory is public, so is every organisation. */
export const organisationSearch: Searchable = {
  kind: 'organisation',
  async documents(db, page) {
    const q = db
      .selectFrom('organisations as o')
      .select(['o.id', 'o.slug', 'o.name', 'o.short_name as shortName', 'o.updated_at as updatedAt']);
    const rows = await documentsPage(q, page, { id: 'o.id', changed: 'o.updated_at' });
    return rows.map((o) => ({
      kind: 'organisation',
      id: o.id,
      title: o.name,
      body: o.shortName,
      path: `/organisations/${o.slug}`,
      visibility: 'public' as const,
      updatedAt: o.updatedAt,
    }));
  },
  visibleTo: everyoneSees,
};
