import type { PageContext } from '../core/html/context.ts';
import { Layout } from '../core/html/layout.tsx';
import { Table } from '../core/html/table.tsx';
import type { I18n } from '../core/i18n/i18n.ts';
import type { ChartSpec, ChartSvg } from './chart.ts';

/** A chart ready for a page: its spec and its drawing. */
export interface DrawnChart {
  spec: ChartSpec;
  svg: ChartSvg;
}

/**
 * One chart as a figure: the drawing (an SVG named and described inside itself), its data as a table
 * beside it, and the downloads. Other pages (the proposals tracker, a cycle) may show one too.
 */
export function ChartFigure({ chart, i18n, level = 2 }: { chart: DrawnChart; i18n: I18n; level?: 2 | 3 }) {
  const { spec } = chart;
  const Heading = level === 2 ? 'h2' : 'h3';
  const base = `/${i18n.lang}/dashboards/${spec.id}`;
  const number = new Intl.NumberFormat(i18n.lang, { maximumFractionDigits: 1 });
  return (
    <figure class="chart" id={spec.id} aria-labelledby={`${spec.id}-heading`}>
      <Heading id={`${spec.id}-heading`}>{spec.title}</Heading>
      <p>{spec.description}</p>
      {spec.rows.length === 0 ? (
        <p class="empty">{i18n.t('dashboards.empty')}</p>
      ) : (
        <>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: Plot's SVG, every text escaped when serialised (chart.ts) */}
          <div class="chart-drawing" dangerouslySetInnerHTML={{ __html: chart.svg }} />
          <details class="chart-data" open>
            <summary>{i18n.t('dashboards.table')}</summary>
            <Table caption={spec.title} columns={[spec.categoryLabel, ...spec.series.map((s) => s.label)]}>
              {spec.rows.map((row) => (
                <tr>
                  <th scope="row">{row.label}</th>
                  {row.values.map((v) => (
                    <td class="number">{v === null ? '—' : number.format(v)}</td>
                  ))}
                </tr>
              ))}
            </Table>
          </details>
        </>
      )}
      <figcaption>
        {i18n.t('dashboards.downloads')}:{' '}
        <a href={`${base}.svg`} download={`${spec.id}.svg`}>
          {i18n.t('dashboards.svg')}
        </a>
        {' · '}
        <a href={`${base}.png`} download={`${spec.id}.png`}>
          {i18n.t('dashboards.png')}
        </a>
        {' · '}
        <a href={`${base}.csv`} download={`${spec.id}.csv`}>
          {i18n.t('dashboards.csv')}
        </a>
      </figcaption>
    </figure>
  );
}

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
