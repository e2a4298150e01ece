import { type Commentable, documentsPage, moderators, type Searchable } from '../core/extensions.ts';
import { publicProposals, reachOf, visibleProposals } from './visibility.ts';

/*
 * What proposals lend to search and comments (decision 0016), visible as visibility.ts decides:
 * public once submitted; drafts and unsubmitted ones only to their authors (and invited co-authors).
 */

export const proposalSearch: Searchable = {
  kind: 'proposal',
  async documents(db, page) {
    const q = db
      .selectFrom('proposals as p')
      .select(['p.id', 'p.title', 'p.body', 'p.status', 'p.submitted_at as submittedAt', 'p.updated_at as updatedAt']);
    const rows = await documentsPage(q, page, { id: 'p.id', changed: 'p.updated_at' })
      .orderBy('p.id')
      .limit(page.limit)
      .execute();
    return rows.map((p) => ({
      kind: 'proposal',
      id: p.id,
      title: p.title,
      body: p.body,
      path: `/proposals/${p.id}`,
      visibility: reachOf(p) === 'public' ? 'public' : 'restricted',
      updatedAt: p.updatedAt,
    }));
  },
  async visibleTo(db, reader, ids) {
    if (ids.length === 0) return new Set();
    const rows = await db
      .selectFrom('proposals as p')
      .select('p.id')
      .where('p.id', 'in', ids)
      .where(visibleProposals(reader))
      .execute();
    return new Set(rows.map((r) => r.id));
  },
};

/** Only a public proposal takes comments (a draft is its authors' work in progress). */
export const proposalComments: Commentable = {
  kind: 'proposal',
  async target(db, _reader, id) {
    const row = await db
      .selectFrom('proposals as p')
      .select('p.title')
      .where('p.id', '=', id)
      .where(publicProposals())
      .executeTakeFirst();
    return row ? { title: row.title, path: `/proposals/${id}`, open: true } : null;
  },
  mayModerate: moderators,
};
