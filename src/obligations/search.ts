import { can } from '../core/auth/policy.ts';
import type { Commentable, Searchable } from '../core/extensions.ts';

/*
 * What international obligations lend to search and comments (decision 0016). Recommendations and
 * reporting cycles have no hidden states (decision 0015): every one is public.
 */

export const recommendationSearch: Searchable = {
  kind: 'recommendation',
  async documents(db, { since, afterId, limit }) {
    let q = db
      .selectFrom('recommendations as r')
      .select(['r.id', 'r.symbol', 'r.paragraph', 'r.text', 'r.updated_at as updatedAt']);
    if (since) q = q.where('r.updated_at', '>=', since);
    if (afterId) q = q.where('r.id', '>', afterId);
    const rows = await q.orderBy('r.id').limit(limit).execute();
    return rows.map((r) => {
      const reference = [r.symbol, r.paragraph].filter(Boolean).join(', ');
      return {
        kind: 'recommendation',
        id: r.id,
        // A recommendation has no title of its own: its reference, the same in every language.
        title: reference ? { kk: reference, ru: reference, en: reference } : {},
        body: r.text,
        path: `/recommendations/${r.id}`,
        visibility: 'public' as const,
        updatedAt: r.updatedAt,
      };
    });
  },
  visibleTo: async (_db, _reader, ids) => new Set(ids),
};

export const cycleSearch: Searchable = {
  kind: 'cycle',
  async documents(db, { since, afterId, limit }) {
    let q = db
      .selectFrom('reporting_cycles as c')
      .select(['c.id', 'c.title', 'c.description', 'c.created_at as updatedAt']);
    if (since) q = q.where('c.created_at', '>=', since);
    if (afterId) q = q.where('c.id', '>', afterId);
    const rows = await q.orderBy('c.id').limit(limit).execute();
    return rows.map((c) => ({
      kind: 'cycle',
      id: c.id,
      title: c.title,
      body: c.description ?? {},
      path: `/cycles/${c.id}`,
      visibility: 'public' as const,
      updatedAt: c.updatedAt,
    }));
  },
  visibleTo: async (_db, _reader, ids) => new Set(ids),
};

/** Every recommendation takes comments. */
export const recommendationComments: Commentable = {
  kind: 'recommendation',
  async target(db, _reader, id) {
    const row = await db
      .selectFrom('recommendations as r')
      .select(['r.symbol', 'r.paragraph', 'r.text'])
      .where('r.id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    const reference = [row.symbol, row.paragraph].filter(Boolean).join(', ');
    return {
      title: reference ? { kk: reference, ru: reference, en: reference } : row.text,
      path: `/recommendations/${id}`,
      open: true,
    };
  },
  mayModerate: (reader) => can(reader, 'moderate'),
};
