import { type Commentable, documentsPage, idsFound, moderators, type Searchable } from '../core/extensions.ts';
import type { Translated } from '../core/i18n/translated.ts';
import { meetingsVisibleTo } from './search-records.ts';
import { maySee, visibleCondition } from './visibility.ts';

/*
 * What meetings lend to search and comments (decision 0016): meetings and the news (published
 * communiqués), each visible as visibility.ts decides — the same rule the pages use. The meeting's
 * other parts (agenda, minutes, decisions, tasks, documents) are in search-records.ts.
 */

/** Meetings: title and description; public when a visitor may see the meeting. */
export const meetingSearch: Searchable = {
  kind: 'meeting',
  async documents(db, page) {
    const q = db
      .selectFrom('meetings as m')
      .select(['m.id', 'm.title', 'm.description', 'm.status', 'm.visibility', 'm.updated_at as updatedAt']);
    const rows = await documentsPage(q, page, { id: 'm.id', changed: 'm.updated_at' });
    return rows.map((m) => ({
      kind: 'meeting',
      id: m.id,
      title: m.title,
      body: m.description,
      path: `/meetings/${m.id}`,
      visibility: maySee(null, 'meeting', m) ? 'public' : 'restricted',
      updatedAt: m.updatedAt,
    }));
  },
  visibleTo: meetingsVisibleTo((reader) => visibleCondition(reader, 'meeting')),
};

/** The news: published communiqués, visible as the communiqué of their meeting is. */
export const newsSearch: Searchable = {
  kind: 'news',
  async documents(db, page) {
    const q = db
      .selectFrom('communiques as c')
      .innerJoin('meetings as m', 'm.id', 'c.meeting_id')
      .select(['c.id', 'c.title', 'c.body', 'm.status', 'm.visibility', 'c.updated_at as updatedAt'])
      .where('c.published_at', 'is not', null);
    // Its meeting's changes too: the communiqué is visible as the meeting is (status, visibility).
    const rows = await documentsPage(q, page, { id: 'c.id', changed: ['c.updated_at', 'm.updated_at'] });
    return rows.map((c) => ({
      kind: 'news',
      id: c.id,
      title: c.title,
      body: c.body,
      path: `/news/${c.id}`,
      visibility: maySee(null, 'communique', c) ? 'public' : 'restricted',
      updatedAt: c.updatedAt,
    }));
  },
  async visibleTo(db, reader, ids) {
    return idsFound(ids, (some) =>
      db
        .selectFrom('communiques as c')
        .innerJoin('meetings as m', 'm.id', 'c.meeting_id')
        .select('c.id')
        .where('c.id', 'in', some)
        .where('c.published_at', 'is not', null)
        .where(visibleCondition(reader, 'communique'))
        .execute(),
    );
  },
};

/** A news item (a published communiqué) takes comments where the reader may see it. */
export const newsComments: Commentable = {
  kind: 'news',
  async target(db, reader, id) {
    const row = await db
      .selectFrom('communiques as c')
      .innerJoin('meetings as m', 'm.id', 'c.meeting_id')
      .select(['c.title', 'c.published_at'])
      .where('c.id', '=', id)
      .where('c.published_at', 'is not', null)
      .where(visibleCondition(reader, 'communique'))
      .executeTakeFirst();
    return row
      ? {
          title: row.title,
          path: `/news/${id}`,
          open: true,
          ...(row.published_at ? { publishedAt: row.published_at } : {}),
        }
      : null;
  },
  mayModerate: moderators,
};

/** A public meeting takes comments (a members-only or draft one does not, whoever reads it). */
export const meetingComments: Commentable = {
  kind: 'meeting',
  async target(db, reader, id) {
    const row = await db
      .selectFrom('meetings as m')
      .select(['m.title', 'm.status', 'm.visibility'])
      .where('m.id', '=', id)
      .where(visibleCondition(reader, 'meeting'))
      .executeTakeFirst();
    if (!row || !maySee(null, 'meeting', row)) return null;
    return { title: row.title as Translated, path: `/meetings/${id}`, open: true };
  },
  mayModerate: moderators,
};
