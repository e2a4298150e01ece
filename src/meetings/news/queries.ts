import type { Db } from '../../core/db/database.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { type Reader, visibleCondition } from '../visibility.ts';

/** Published communiqués the reader may see, their meeting joined (`c` and `m`). */
export function visibleNews(db: Db, reader: Reader) {
  return db
    .selectFrom('communiques as c')
    .innerJoin('meetings as m', 'm.id', 'c.meeting_id')
    .where('c.published_at', 'is not', null)
    .where(visibleCondition(reader, 'communique'));
}

/** Published communiqués the reader may see, with their meeting. */
function publishedNews(db: Db, reader: Reader) {
  return visibleNews(db, reader).select([
    'c.id',
    'c.title',
    'c.body',
    'c.published_at as publishedAt',
    'm.id as meetingId',
    'm.number as meetingNumber',
  ]);
}

/**
 * Published communiqués the reader may see, newest first (keyset by publication time). The Atom feed
 * asks as a visitor (null): feed readers carry no session.
 */
export function news(db: Db, reader: Reader, opts: { before?: Date | undefined; limit: number }) {
  let q = publishedNews(db, reader);
  if (opts.before) q = q.where('c.published_at', '<', opts.before);
  return q.orderBy('c.published_at', 'desc').limit(opts.limit).execute() as Promise<
    { id: string; title: Translated; body: Translated; publishedAt: Date; meetingId: string; meetingNumber: number }[]
  >;
}

export function newsItem(db: Db, reader: Reader, id: string) {
  return publishedNews(db, reader).where('c.id', '=', id).executeTakeFirst();
}
