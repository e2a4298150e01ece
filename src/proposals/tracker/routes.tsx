import type { FastifyInstance } from 'fastify';
import { langRoute } from '../../core/http/pages.ts';
import { LANGS } from '../../core/i18n/locales.ts';
import { TrackerQuery } from '../schema.ts';
import { trackerCsv } from './csv.ts';
import { type TrackerFilter, trackerView } from './queries.ts';
import { TrackerPage } from './views/tracker-page.tsx';

/** The filter of a tracker URL, and the query string that keeps it across pages (without defaults). */
function trackerFilter(query: unknown): { filter: TrackerFilter; query: URLSearchParams } {
  const f = TrackerQuery.parse(query ?? {});
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f))
    if (v !== undefined && v !== false && k !== 'page' && !(k === 'sort' && v === 'newest'))
      q.set(k, v === true ? '1' : String(v));
  return { filter: f, query: q };
}

/** The tracker: the filtered list and its CSV (similar titles for the form are in the API, api.ts). */
export function trackerRoutes(app: FastifyInstance) {
  const db = app.db;

  langRoute(app, 'GET', '/proposals', async (req, _reply, ctx) => {
    const { filter, query } = trackerFilter(req.query);
    const view = await trackerView(db, { ...filter, lang: ctx.i18n.lang }, req.user, app.shared);
    const [comments, chart] = await Promise.all([
      app.comments.counts(
        'proposal',
        view.rows.map((r) => r.id),
      ),
      // The dashboards' chart of days to answer, over all public proposals (decision 0029).
      app.charts?.figure('answer-days', ctx.i18n),
    ]);
    return <TrackerPage ctx={ctx} filter={filter} query={query} {...view} comments={comments} chart={chart} />;
  });

  app.get<{ Params: { lang: string } }>('/:lang/proposals.csv', async (req, reply) => {
    const { filter } = trackerFilter(req.query);
    const lang = LANGS.find((l) => l === req.params.lang);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="kenes-proposals.csv"')
      .send(trackerCsv(db, { ...filter, lang }, req.user));
  });
}
