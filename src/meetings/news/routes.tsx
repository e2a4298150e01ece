import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../core/extensions.ts';
import { ID_PATTERN } from '../../core/http/forms.ts';
import { notFound } from '../../core/http/http-error.ts';
import { langRoute } from '../../core/http/pages.ts';
import { LANGS } from '../../core/i18n/locales.ts';
import { olderPage, pageBefore } from '../route-support.ts';
import { newsAtom } from './feed.ts';
import { news, newsItem } from './queries.ts';
import { NewsItemPage, NewsPage } from './views.tsx';

/** The News: published communiqués, as pages and as an Atom feed per language. */
export function newsRoutes(app: FastifyInstance, deps: RouteDeps) {
  const db = app.db;

  langRoute(app, 'GET', '/news', async (req, _reply, ctx) => {
    const before = pageBefore(req.query.before);
    const items = await news(db, ctx.user, { before, limit: 21 });
    const { shown, olderHref } = olderPage(items, 20, `/${ctx.i18n.lang}/news`, (n) => n.publishedAt);
    const comments = await app.comments.counts(
      'news',
      shown.map((n) => n.id),
    );
    return <NewsPage ctx={ctx} items={shown} olderHref={olderHref} comments={comments} />;
  });

  langRoute<{ id: string }>(app, 'GET', '/news/:id', async (req, _reply, ctx) => {
    const item = ID_PATTERN.test(req.params.id) ? await newsItem(db, ctx.user, req.params.id) : undefined;
    if (!item?.publishedAt) throw notFound();
    const comments = await app.comments.section(ctx.user, 'news', req.params.id);
    return <NewsItemPage ctx={ctx} item={{ ...item, publishedAt: item.publishedAt }} comments={comments} />;
  });

  for (const lang of LANGS) {
    app.get(`/${lang}/news.atom`, async (_req, reply) =>
      reply.type('application/atom+xml; charset=utf-8').send(await newsAtom(db, lang, deps.publicUrl)),
    );
  }
}
