import type { FastifyInstance } from 'fastify';
import { chartFile, sendChart } from '../core/charts/downloads.ts';
import type { ChartSource } from '../core/charts/figure.tsx';
import { notFound } from '../core/http/http-error.ts';
import { getPage, langRoute } from '../core/http/pages.ts';
import { CHART_IDS, chartSpec, dashboardData, drawChart, SECTIONS } from './figures.ts';
import { DashboardsPage } from './views.tsx';

/** /{lang}/dashboards and each chart's downloads: public aggregates only, three queries a request. */
export function dashboardRoutes(app: FastifyInstance) {
  // Other domains' pages show a chart through core (app.charts), never by importing this domain.
  app.decorate('charts', {
    figure: async (id, i18n) => {
      const chart = CHART_IDS.find((c) => c === id);
      if (!chart) return undefined;
      // Public aggregates, the same for every reader: drawn once per language and change (app.shared).
      return app.shared.read(`chart:${chart}:${i18n.lang}`, async () =>
        drawChart(chart, await dashboardData(app.db), i18n),
      );
    },
  } satisfies ChartSource);
  getPage(app, '/dashboards', async (_req, ctx) => {
    const data = await dashboardData(app.db);
    const sections = await Promise.all(
      Object.entries(SECTIONS).map(async ([key, ids]) => ({
        heading: ctx.i18n.t(`dashboards.${key as keyof typeof SECTIONS}`),
        charts: await Promise.all(ids.map((id) => drawChart(id, data, ctx.i18n))),
      })),
    );
    return <DashboardsPage ctx={ctx} sections={sections} />;
  });

  // Each download carries an ETag of its data (304 when unchanged); images are drawn once per content.
  langRoute<{ file: string }>(app, 'GET', '/dashboards/:file', async (req, reply, ctx) => {
    const wanted = chartFile(req.params.file, CHART_IDS);
    if (!wanted) throw notFound();
    const spec = chartSpec(wanted.id, await dashboardData(app.db), ctx.i18n);
    return sendChart(req, reply, spec, wanted.format, { i18n: ctx.i18n, latin: ctx.latin === true, name: spec.id });
  });
}
