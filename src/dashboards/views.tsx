import { ChartFigure, type DrawnChart } from '../core/charts/figure.tsx';
import type { PageContext } from '../core/html/context.ts';
import { Layout } from '../core/html/layout.tsx';

/** /{lang}/dashboards: every chart, by section. */
export function DashboardsPage({
  ctx,
  sections,
}: {
  ctx: PageContext;
  sections: { heading: string; charts: DrawnChart[] }[];
}) {
  const { i18n } = ctx;
  return (
    <Layout ctx={ctx} title={i18n.t('dashboards.title')}>
      <h1>{i18n.t('dashboards.title')}</h1>
      <p class="lead">{i18n.t('dashboards.intro')}</p>
      {sections.map((section) => (
        <section>
          <h2>{section.heading}</h2>
          {section.charts.map((chart) => (
            <ChartFigure chart={chart} i18n={i18n} level={3} />
          ))}
        </section>
      ))}
    </Layout>
  );
}
