import type { FastifyInstance } from 'fastify';
import type { ChartSource } from '../core/charts/figure.tsx';
import { notFound } from '../core/http/http-error.ts';
import { getPage, langRoute } from '../core/http/pages.ts';
import { download, downloadName } from './downloads.ts';
import { CHART_IDS, chartSpec, dashboardData, drawChart, SECTIONS } from './figures.ts';
import { DashboardsPage } from './views.tsx';

/** /{lang}/dashboards and each chart's downloads: public aggregates only, three queries a request. */
export function dashboardRoutes(app: FastifyInstance) {
  // Other domains' pages show a chart through core (app.charts), never by importing this domain.
  app.decorate('charts', {
    figure: async (id, i18n) => {
      const chart = CHART_IDS.find((c) => c === id);
      return chart ? drawChart(chart, await dashboardData(app.db), i18n) : undefined;
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

  langRoute<{ file: string }>(app, 'GET', '/dashboards/:file', async (req, reply, ctx) => {
    const wanted = downloadName(req.params.file);
    if (!wanted) throw notFound();
    const spec = chartSpec(wanted.id, await dashboardData(app.db), ctx.i18n);
    const { i18n, latin } = ctx;
    const { type, body } = await download(spec, wanted.format, {
      lang: i18n.lang,
      latin: latin === true,
      codeLabel: i18n.t('dashboards.code'),
    });
    const name = `kenes-${spec.id}-${latin ? 'kk-latn' : i18n.lang}.${wanted.format}`;
    return reply
      .type(type)
      .header('cache-control', 'no-cache')
      .header('content-disposition', `${wanted.format === 'csv' ? 'attachment' : 'inline'}; filename="${name}"`)
      .send(body);
  });
}
