import { type Commentable, type CommentTarget, documentsPage, idsFound, moderators } from '../core/extensions.ts';
import type { Translated } from '../core/i18n/translated.ts';
import { visibleNews } from './news/queries.ts';
import { meetingSearchable, meetingsVisibleTo } from './search-records.ts';
import { maySee, visibleCondition } from './visibility.ts';

/*
 * What meetings lend to search and comments (decision 0016): meetings and the news (published
 * communiqués), each visible as visibility.ts decides — the same rule the pages use. The meeting's
 * other parts (agenda, minutes, decisions, tasks, documents) are in search-records.ts.
 */

/** Meetings: title and description; public when a visitor may see the meeting. */
export const meetingSearch = meetingSearchable({
  kind: 'meeting',
  part: 'meeting',
  read(db, page) {
    const q = db
      .selectFrom('meetings as m')
      .select(['m.id', 'm.title', 'm.description as body', 'm.status', 'm.visibility', 'm.updated_at as updatedAt']);
    return documentsPage(q, page, { id: 'm.id', changed: 'm.updated_at' });
  },
  path: (m) => `/meetings/${m.id}`,
  visibleTo: meetingsVisibleTo((reader) => visibleCondition(reader, 'meeting')),
});

/** The news: published communiqués, visible as the communiqué of their meeting is. */
export const newsSearch = meetingSearchable({
  kind: 'news',
  part: 'communique',
  read(db, page) {
    const q = db
      .selectFrom('communiques as c')
      .innerJoin('meetings as m', 'm.id', 'c.meeting_id')
      .select(['c.id', 'c.title', 'c.body', 'm.status', 'm.visibility', 'c.updated_at as updatedAt'])
      .where('c.published_at', 'is not', null);
    // Its meeting's changes too: the communiqué is visible as the meeting is (status, visibility).
    return documentsPage(q, page, { id: 'c.id', changed: ['c.updated_at', 'm.updated_at'] });
  },
  path: (c) => `/news/${c.id}`,
  visibleTo: (db, reader, ids) =>
    idsFound(ids, (some) => visibleNews(db, reader).select('c.id').where('c.id', 'in', some).execute()),
});

/** A news item (a published communiqué) takes comments where the reader may see it. */
export const newsComments: Commentable = {
  kind: 'news',
  label: 'news.title',
  async target(db, reader, id) {
    const row = await visibleNews(db, reader)
      .select(['c.title', 'c.published_at'])
      .where('c.id', '=', id)
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

/**
 * A meeting's comment target, for a reader already allowed to see it (the Commentable below, and the
 * meeting page, which read the meeting themselves): null unless the meeting is public to everyone.
 */
export function meetingTarget(m: {
  id: string;
  title: Translated;
  status: string;
  visibility: string;
  startsAt: Date;
}): CommentTarget | null {
  if (!maySee(null, 'meeting', m)) return null;
  return { title: m.title, path: `/meetings/${m.id}`, open: true, publishedAt: m.startsAt };
}

/**
 * A public meeting takes comments (a members-only or draft one does not, whoever reads it). A meeting
 * has no moment of publication of its own: its comments' closing days count from its start.
 */
export const meetingComments: Commentable = {
  kind: 'meeting',
  label: 'nav.meetings',
  async target(db, reader, id) {
    const row = await db
      .selectFrom('meetings as m')
      .select(['m.title', 'm.status', 'm.visibility', 'm.starts_at'])
      .where('m.id', '=', id)
      .where(visibleCondition(reader, 'meeting'))
      .executeTakeFirst();
    return row ? meetingTarget({ ...row, id, title: row.title as Translated, startsAt: row.starts_at }) : null;
  },
  mayModerate: moderators,
};
