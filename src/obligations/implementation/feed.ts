import type { FastifyInstance } from 'fastify';
import { type AtomEntry, atomFeed } from '../../core/atom.ts';
import type { Db } from '../../core/db/database.ts';
import type { Feed } from '../../core/extensions.ts';
import { plain } from '../../core/html/text.tsx';
import { foundById } from '../../core/http/found.ts';
import { i18nFor, type MessageKey } from '../../core/i18n/i18n.ts';
import { LANGS, type Lang } from '../../core/i18n/locales.ts';
import { recommendationDetail } from '../explorer/queries.ts';
import { actionsOf } from './queries.ts';

/*
 * A recommendation's progress as an Atom feed: the progress reports on its actions (its own and its
 * cluster's) and the assessments of the State, civil society and the ombudsman, the latest first.
 * Recommendations and their implementation are public, as on the recommendation's page. Two queries.
 */

/** Advertised on the recommendation's page (core reads Feed.page). */
export const recommendationProgressFeed: Feed = {
  id: 'recommendation-progress',
  format: 'atom',
  title: 'obligations.progressFeed',
  page: /^\/recommendations\/(\d{1,18})$/,
  path: (lang, id) => `/${lang}/recommendations/${id}/progress.atom`,
};

/** A date (YYYY-MM-DD) as the instant an entry carries: noon UTC, the same day everywhere. */
const day = (d: string) => new Date(`${d.slice(0, 10)}T12:00:00Z`);

async function progressAtom(db: Db, publicUrl: string, lang: Lang, id: string): Promise<string> {
  const i18n = i18nFor(lang);
  const [r, actions] = await Promise.all([
    foundById('recommendation', id, (i) => recommendationDetail(db, i)),
    actionsOf(db, [id]).then((m) => m.get(id) ?? []),
  ]);
  const page = `${publicUrl}/${lang}/recommendations/${id}`;
  const reports: AtomEntry[] = actions.flatMap((a) =>
    a.progress.map((p) => ({
      id: `${publicUrl}/recommendations/${id}/progress/${p.id}`,
      title: `${i18n.t('obligations.progressEntry')}: ${plain(a.title, i18n)}`,
      link: `${page}#action-${a.id}`,
      published: day(p.reportedOn),
      updated: day(p.reportedOn),
      content: [plain(p.text, i18n), ...p.links].filter(Boolean).join('\n\n'),
    })),
  );
  const assessments: AtomEntry[] = r.assessments.map((s) => ({
    id: `${publicUrl}/recommendations/${id}/assessments/${s.side}/${s.organisation.slug}/${s.assessedOn}`,
    title: i18n.t('obligations.assessmentEntry', {
      organisation: plain(s.organisation.name, i18n),
      level: i18n.t(`obligations.level.${s.level}` as MessageKey),
    }),
    link: `${page}#assessments`,
    published: day(s.assessedOn),
    updated: day(s.assessedOn),
    content: plain(s.reasons, i18n),
  }));
  const entries = [...reports, ...assessments].sort((a, b) => b.updated.getTime() - a.updated.getTime());
  const text = plain(r.text, i18n);
  return atomFeed({
    id: page,
    title: `${i18n.t('obligations.progressFeed')}: ${text.length > 80 ? `${text.slice(0, 79)}…` : text}`,
    link: page,
    self: `${page}/progress.atom`,
    lang,
    author: i18n.t('site.name'),
    updated: entries[0]?.updated ?? new Date(r.updatedAt),
    entries,
  });
}

/** /{lang}/recommendations/:id/progress.atom. */
export function progressFeedRoutes(app: FastifyInstance, deps: { publicUrl: string }) {
  for (const lang of LANGS)
    app.get<{ Params: { id: string } }>(`/${lang}/recommendations/:id/progress.atom`, async (req, reply) => {
      const feed = await progressAtom(app.db, deps.publicUrl, lang, req.params.id);
      return reply.type('application/atom+xml; charset=utf-8').send(feed);
    });
}
