import type { Searchable } from '../core/extensions.ts';

/** Organisations in search (decision 0016): the directory is public, so is every organisation. */
export const organisationSearch: Searchable = {
  kind: 'organisation',
  async documents(db, { since, afterId, limit }) {
    let q = db
      .selectFrom('organisations as o')
      .select(['o.id', 'o.slug', 'o.name', 'o.short_name as shortName', 'o.updated_at as updatedAt']);
    if (since) q = q.where('o.updated_at', '>=', since);
    if (afterId) q = q.where('o.id', '>', afterId);
    const rows = await q.orderBy('o.id').limit(limit).execute();
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
  visibleTo: async (_db, _reader, ids) => new Set(ids),
};
