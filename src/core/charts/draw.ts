import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { ChartSpec, ChartSvg } from './figure.tsx';

// Dark enough on white for graphics (WCAG 1.4.11: ≥ 3:1), white text on each ≥ 4.5:1, and told apart
// by their labels, not only hue; grey for a stack's "Other".
const PALETTE = ['#1d4e89', '#b3541e', '#2e6b30', '#6a3d9a', '#8c2155', '#00656b'];
const MUTED = '#5c5c5c';
const ROW = 24;
const WIDTH = 480;
const FONT = 16;
const MARGIN = { marginLeft: 8, marginRight: 16, marginTop: 8, marginBottom: 48 };

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
 * series and value — or, for a stack, one bar of segments in the legend's order, each wide enough
 * segment numbered and the total after it. The SVG is role="img", named by its <title> and described
 * by its <desc>, which reads out the numbers; the data table beside it holds them too.
 */
export function chartSvg(spec: ChartSpec, lang: string): ChartSvg {
  const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  const svg = spec.stack ? stackedPlot(spec, number) : barsPlot(spec, number);
  return finish(svg, spec, number);
}

const colors = (spec: ChartSpec) => ({
  domain: spec.series.map((s) => s.key),
  range: spec.series.map((s, k) => (s.muted ? MUTED : (PALETTE[k % PALETTE.length] ?? MUTED))),
});

/** A category's label, in bold on a line of its own. */
const rowLabels = (labels: { y: string; text: string }[]) =>
  Plot.text(labels, {
    x: 0,
    y: 'y',
    text: 'text',
    textAnchor: 'start',
    fontWeight: 'bold',
    lineWidth: 25,
    textOverflow: 'ellipsis',
  });

function barsPlot(spec: ChartSpec, number: Intl.NumberFormat): Element {
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
  return Plot.plot({
    document: document(),
    width: WIDTH,
    height: Math.max(1, domain.length) * ROW + 60,
    ...MARGIN,
    x: {
      domain: [0, max * 1.8],
      grid: true,
      label: spec.unit,
      labelAnchor: 'left',
      ticks: 4,
      tickFormat: number.format,
    },
    y: { domain, axis: null, padding: 0.15 },
    color: colors(spec),
    marks: [
      Plot.barX(bars, { x: 'value', y: 'y', fill: 'series' }),
      Plot.text(bars, { x: 'value', y: 'y', text: 'text', textAnchor: 'start', dx: 4 }),
      rowLabels(labels),
      Plot.ruleX([0]),
    ],
  }) as unknown as Element;
}

/**
 * A stack: the legend first (a square of each series' colour and its name, in the order the
 * segments run), then each row's label and its one bar of segments parted by white lines. A segment
 * wide enough for its number carries it in white (class chart-inside: kenes.css keeps it readable in
 * forced colours); the row's total follows the bar.
 */
function stackedPlot(spec: ChartSpec, number: Intl.NumberFormat): Element {
  const legend = spec.series.map((s) => ({ y: slot(-1, s.key), series: s.key, text: s.label }));
  const totals = spec.rows.map((row, i) => ({
    y: slot(i, 'bar'),
    total: row.values.reduce<number>((sum, v) => sum + (v ?? 0), 0),
  }));
  const max = Math.max(1, ...totals.map((t) => t.total)) * 1.25;
  const px = (WIDTH - MARGIN.marginLeft - MARGIN.marginRight) / max;
  const segments = spec.rows.flatMap((row, i) =>
    spec.series.flatMap((s, k) => {
      const value = row.values[k] ?? 0;
      const text = number.format(value);
      // Roughly 10 px a digit at 16 px, and room either side.
      return value > 0
        ? [{ y: slot(i, 'bar'), series: s.key, value, text: value * px >= text.length * 10 + 8 ? text : '' }]
        : [];
    }),
  );
  const labels = spec.rows.map((row, i) => ({ y: slot(i, 'label'), text: row.label }));
  const domain = [...legend.map((l) => l.y), ...spec.rows.flatMap((_, i) => [slot(i, 'label'), slot(i, 'bar')])];
  return Plot.plot({
    document: document(),
    width: WIDTH,
    height: Math.max(1, domain.length) * ROW + 60,
    ...MARGIN,
    x: { domain: [0, max], grid: true, label: spec.unit, labelAnchor: 'left', ticks: 4, tickFormat: number.format },
    y: { domain, axis: null, padding: 0.15 },
    color: colors(spec),
    marks: [
      Plot.dot(legend, { x: 0, y: 'y', fill: 'series', symbol: 'square', r: 7, dx: 8 }),
      Plot.text(legend, {
        x: 0,
        y: 'y',
        text: 'text',
        textAnchor: 'start',
        dx: 22,
        lineWidth: 23,
        textOverflow: 'ellipsis',
      }),
      Plot.barX(segments, Plot.stackX({ x: 'value', y: 'y', fill: 'series', stroke: 'white', strokeWidth: 1 })),
      Plot.text(segments, Plot.stackX({ x: 'value', y: 'y', text: 'text', fill: 'white', className: 'chart-inside' })),
      Plot.text(totals, {
        x: 'total',
        y: 'y',
        text: (d: { total: number }) => number.format(d.total),
        textAnchor: 'start',
        dx: 4,
      }),
      rowLabels(labels),
      Plot.ruleX([0]),
    ],
  }) as unknown as Element;
}

/** Title, description and the attributes an accessible, style-free SVG needs; serialised. */
function finish(svg: Element, spec: ChartSpec, number: Intl.NumberFormat): ChartSvg {
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
  const value = (v: number | null | undefined) => (v === null ? '—' : number.format(v ?? 0));
  const rows = spec.rows.map((row) => {
    // A stack reads out the series it holds, each row's total first.
    const parts = spec.series
      .map((s, k) => ({ s, v: row.values[k] }))
      .filter(({ v }) => !spec.stack || (v ?? 0) > 0)
      .map(({ s, v }) => `${spec.series.length > 1 ? `${s.label} ` : ''}${value(v)}`);
    const total = spec.stack
      ? `${value(row.values.reduce<number>((n, v) => n + (v ?? 0), 0))}${parts.length ? ' — ' : ''}`
      : '';
    return `${row.label}: ${total}${parts.join(', ')}`;
  });
  return [spec.description.replace(/\.$/, ''), ...rows].join('. ');
}
