import type { FastifyInstance } from 'fastify';
import { listPageFeed } from '../../core/atom.ts';
import type { Db } from '../../core/db/database.ts';
import { plain } from '../../core/html/text.tsx';
import { i18nFor } from '../../core/i18n/i18n.ts';
import { LANGS, type Lang } from '../../core/i18n/locales.ts';
import { visibleCondition } from '../visibility.ts';

/*
 * The meetings as an Atom feed: the 30 most recently announced or changed public meetings (a new
 * date, a postponement, a cancellation with its reason, minutes approved). Read as a visitor, with
 * the meetings' own visibility rule (visibility.ts): a draft or a members-only meeting never appears.
 */

function recentlyChanged(db: Db) {
  return db
    .selectFrom('meetings as m')
    .select([
      'm.id',
      'm.number',
      'm.title',
      'm.description',
      'm.starts_at as startsAt',
      'm.time_zone as timeZone',
      'm.venue',
      'm.status',
      'm.status_reason as statusReason',
      'm.created_at as createdAt',
      'm.updated_at as updatedAt',
    ])
    .where(visibleCondition(null))
    .orderBy('m.updated_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(30)
    .execute();
}

/** The meetings' feed in a language. */
export async function meetingsAtom(db: Db, lang: Lang, publicUrl: string): Promise<string> {
  const i18n = i18nFor(lang);
  const meetings = await recentlyChanged(db);
  const entries = meetings.map((m) => ({
    id: `${publicUrl}/meetings/${m.id}`,
    title: `${i18n.t('meeting.number', { number: m.number })}: ${plain(m.title, i18n)}`,
    link: `${publicUrl}/${lang}/meetings/${m.id}`,
    published: m.createdAt,
    updated: m.updatedAt,
    content: [
      `${i18n.dateTime(m.startsAt, m.timeZone)} · ${plain(m.venue, i18n)}`,
      `${i18n.t(`meeting.status.${m.status}`)}${plain(m.statusReason, i18n) ? ` — ${plain(m.statusReason, i18n)}` : ''}`,
      plain(m.description, i18n),
    ]
      .filter(Boolean)
      .join('\n\n'),
  }));
  return listPageFeed(i18n, publicUrl, 'meetings', i18n.t('meetings.feed'), entries);
}

/** /{lang}/meetings.atom. */
export function meetingsFeedRoutes(app: FastifyInstance, deps: { publicUrl: string }) {
  for (const lang of LANGS)
    app.get(`/${lang}/meetings.atom`, async (_req, reply) =>
      reply.type('application/atom+xml; charset=utf-8').send(await meetingsAtom(app.db, lang, deps.publicUrl)),
    );
}
