import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { ChartSpec, ChartSvg } from '../core/charts/figure.tsx';

export type { ChartSpec, ChartSvg };

// Dark enough on white for graphics (WCAG 1.4.11: ≥ 3:1) and told apart by their labels, not only hue.
const PALETTE = ['#1d4e89', '#b3541e', '#2e6b30', '#6a3d9a'];
const ROW = 24;
const WIDTH = 480;
const FONT = 16;

/** The document Plot draws into: linkedom's, made once (Plot only creates detached elements in it). */
let doc: Document | undefined;
function document(): Document {
  doc ??= parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
  return doc;
}

/** Plot's slot for a row's label and for each of its series: the rows stack down the chart in order. */
const slot = (row: number, key: string) => `${row}|${key}`;

/**
 * Draws the chart with Observable Plot (decision 0029): each category is its label on a line of its
 * own (so long names of bodies fit a phone's width) and a bar per series, each bar labelled with its
 * series and value. The SVG is role="img", named by its <title> and described by its <desc>, which
 * reads out the numbers; the data table beside it holds them too.
 */
export function chartSvg(spec: ChartSpec, lang: string): ChartSvg {
  const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  const many = spec.series.length > 1;
  const bars = spec.rows.flatMap((row, i) =>
    spec.series.map((s, k) => ({
      y: slot(i, s.key),
      series: s.key,
      value: row.values[k] ?? 0,
      text: `${many ? `${s.label}: ` : ''}${row.values[k] === null ? '—' : number.format(row.values[k] ?? 0)}`,
    })),
  );
  const labels = spec.rows.map((row, i) => ({ y: slot(i, 'label'), text: row.label }));
  const domain = spec.rows.flatMap((_, i) => [slot(i, 'label'), ...spec.series.map((s) => slot(i, s.key))]);
  const max = Math.max(1, ...bars.map((b) => b.value));
  const svg = Plot.plot({
    document: document(),
    width: WIDTH,
    height: Math.max(1, domain.length) * ROW + 60,
    marginLeft: 8,
    marginRight: 16,
    marginTop: 8,
    marginBottom: 48,
    x: {
      domain: [0, max * 1.8],
      grid: true,
      label: spec.unit,
      labelAnchor: 'left',
      ticks: 4,
      tickFormat: number.format,
    },
    y: { domain, axis: null, padding: 0.15 },
    color: { domain: spec.series.map((s) => s.key), range: PALETTE },
    marks: [
      Plot.barX(bars, { x: 'value', y: 'y', fill: 'series' }),
      Plot.text(bars, { x: 'value', y: 'y', text: 'text', textAnchor: 'start', dx: 4 }),
      Plot.text(labels, {
        x: 0,
        y: 'y',
        text: 'text',
        textAnchor: 'start',
        fontWeight: 'bold',
        lineWidth: 25,
        textOverflow: 'ellipsis',
      }),
      Plot.ruleX([0]),
    ],
  }) as unknown as Element;
  const d = document();
  const title = d.createElement('title');
  title.setAttribute('id', `${spec.id}-title`);
  title.textContent = spec.title;
  const desc = d.createElement('desc');
  desc.setAttribute('id', `${spec.id}-desc`);
  desc.textContent = describe(spec, number);
  svg.prepend(title, desc);
  // The SVG is one image named by its title and description: Plot's labels of its inner groups
  // (aria-label on a <g> without a role) are not allowed there, and would repeat what <desc> says.
  for (const el of svg.querySelectorAll('[aria-label]')) el.removeAttribute('aria-label');
  svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', `${spec.id}-title ${spec.id}-desc`);
  // Presentation attributes, no <style> and no style attribute: the site's Content-Security-Policy
  // allows only its own stylesheet, which sizes the inline charts and gives them forced colours
  // (public/css/pages.css, .chart-drawing); a downloaded SVG reads the same without it.
  svg.querySelector('style')?.remove();
  svg.removeAttribute('class');
  svg.setAttribute('font-size', String(FONT));
  // Serialised by linkedom, which escapes every text node and attribute value: labels from the
  // database (names of bodies, themes) cannot become markup (tested with a hostile name).
  return svg.outerHTML as ChartSvg;
}

/** The chart's description and every number in it, for a screen reader (the <desc>). */
function describe(spec: ChartSpec, number: Intl.NumberFormat): string {
  const rows = spec.rows.map(
    (row) =>
      `${row.label}: ${spec.series
        .map(
          (s, k) =>
            `${spec.series.length > 1 ? `${s.label} ` : ''}${row.values[k] === null ? '—' : number.format(row.values[k] ?? 0)}`,
        )
        .join(', ')}`,
  );
  return [spec.description.replace(/\.$/, ''), ...rows].join('. ');
}
