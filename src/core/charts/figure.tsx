import { Table } from '../html/table.tsx';
import { numberFormat } from '../i18n/formats.ts';
import type { I18n } from '../i18n/i18n.ts';

/**
 * One chart of the dashboards (decision 0029): what it shows (title, description), the categories
 * down its side and one or more series of numbers for each. The same object is drawn (SVG, PNG),
 * tabled beside the drawing and downloaded as CSV, so the three cannot disagree.
 */
export interface ChartSpec {
  /** Stable, URL-safe: /{lang}/dashboards/{id}.svg */
  id: string;
  title: string;
  description: string;
  /** The heading of the categories' column (and the CSV's). */
  categoryLabel: string;
  /** `key`: a stable code (CSV). `muted`: drawn in grey (the "Other" of a stack). */
  series: readonly { key: string; label: string; muted?: boolean }[];
  /**
   * `code`: a stable code beside the label (CSV). `values`: one per series, null when there is none.
   * `href`: where the row's label links to in the data table (a filtered list), if anywhere.
   */
  rows: readonly { code: string; label: string; values: readonly (number | null)[]; href?: string }[];
  /** What the numbers count, for the axis ("proposals", "days"). */
  unit: string;
  /**
   * The series are a second category (state bodies), stacked into one bar per row and named in a
   * legend; `label` heads them. The CSV then has a line per row and series, each with both codes.
   */
  stack?: { label: string };
}

/** An SVG drawn by core/charts/draw.ts, every text in it escaped when serialised. */
declare const drawn: unique symbol;
export type ChartSvg = string & { readonly [drawn]: true };

/** What pages of other domains may show of the dashboards: a chart by its id, drawn in the reader's language. */
export interface ChartSource {
  figure(id: string, i18n: I18n): Promise<DrawnChart | undefined>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The dashboards' charts for other pages (the proposals tracker): set by the dashboards domain. */
    charts?: ChartSource;
  }
}

/** A chart ready for a page: its spec and its drawing. */
export interface DrawnChart {
  spec: ChartSpec;
  svg: ChartSvg;
}

/**
 * One chart as a figure: the drawing (an SVG named and described inside itself), its data as a table
 * beside it, and the downloads. Other pages (the proposals tracker, a cycle) may show one too.
 */
export function ChartFigure({
  chart,
  i18n,
  level = 2,
  files,
}: {
  chart: DrawnChart;
  i18n: I18n;
  level?: 2 | 3;
  /** Where its downloads are, without the extension: the dashboards' by default. */
  files?: string;
}) {
  const { spec } = chart;
  const Heading = level === 2 ? 'h2' : 'h3';
  const base = files ?? `/${i18n.lang}/dashboards/${spec.id}`;
  // Made once per language (numberFormat): making an Intl.NumberFormat costs 0.05–0.17 ms, on every page with a chart.
  const number = numberFormat(i18n.lang, { maximumFractionDigits: 1 });
  return (
    <figure class="chart" id={spec.id} aria-labelledby={`${spec.id}-heading`}>
      <Heading id={`${spec.id}-heading`}>{spec.title}</Heading>
      <p>{spec.description}</p>
      {spec.rows.length === 0 ? (
        <p class="empty">{i18n.t('charts.empty')}</p>
      ) : (
        <>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: Plot's SVG, every text escaped when serialised (chart.ts) */}
          <div class="chart-drawing" dangerouslySetInnerHTML={{ __html: chart.svg }} />
          <details class="chart-data" open>
            <summary>{i18n.t('charts.table')}</summary>
            <Table caption={spec.title} columns={[spec.categoryLabel, ...spec.series.map((s) => s.label)]}>
              {spec.rows.map((row) => (
                <tr>
                  <th scope="row">{row.href ? <a href={row.href}>{row.label}</a> : row.label}</th>
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
        {i18n.t('charts.downloads')}:{' '}
        <a href={`${base}.svg`} download={`${spec.id}.svg`}>
          {i18n.t('charts.svg')}
        </a>
        {' · '}
        <a href={`${base}.png`} download={`${spec.id}.png`}>
          {i18n.t('charts.png')}
        </a>
        {' · '}
        <a href={`${base}.csv`} download={`${spec.id}.csv`}>
          {i18n.t('charts.csv')}
        </a>
      </figcaption>
    </figure>
  );
}
