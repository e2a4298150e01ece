import { type Commentable, documentsPage, everyoneSees, moderators, type Searchable } from '../core/extensions.ts';

/*
 * What international obligations lend to search and comments (decision 0016). Recommendations and
 * reporting cycles have no hidden states (decision 0015): every one is public.
 */

export const recommendationSearch: Searchable = {
  kind: 'recommendation',
  async documents(db, page) {
    const q = db
      .selectFrom('recommendations as r')
      .select(['r.id', 'r.symbol', 'r.paragraph', 'r.text', 'r.updated_at as updatedAt']);
    const rows = await documentsPage(q, page, { id: 'r.id', changed: 'r.updated_at' })
      .orderBy('r.id')
      .limit(page.limit)
      .execute();
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
  visibleTo: everyoneSees,
};

export const cycleSearch: Searchable = {
  kind: 'cycle',
  async documents(db, page) {
    const q = db
      .selectFrom('reporting_cycles as c')
      .select(['c.id', 'c.title', 'c.description', 'c.created_at as updatedAt']);
    // A cycle records when it was created, not when it changed: `since` reads the creation time.
    const rows = await documentsPage(q, page, { id: 'c.id', changed: 'c.created_at' })
      .orderBy('c.id')
      .limit(page.limit)
      .execute();
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
  visibleTo: everyoneSees,
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
  mayModerate: moderators,
};
