import { stringify } from 'csv-stringify/sync';
import { safeCell } from '../core/http/csv.ts';
import { latinDocument, latinText } from '../core/http/latin-edition.ts';
import type { Lang } from '../core/i18n/locales.ts';
import type { ChartSpec, ChartSvg } from './chart.ts';
import { CHART_IDS, type ChartId } from './figures.ts';

export type DownloadFormat = 'svg' | 'png' | 'csv';

/** "answers.png" → the chart and the format asked for; undefined for any other name (a 404). */
export function downloadName(file: string): { id: ChartId; format: DownloadFormat } | undefined {
  const m = /^([a-z-]+)\.(svg|png|csv)$/.exec(file);
  const id = CHART_IDS.find((c) => c === m?.[1]);
  return id && m ? { id, format: m[2] as DownloadFormat } : undefined;
}

/**
 * The chart's data as CSV: UTF-8 with a BOM, a stable code beside each label, the numbers as numbers
 * (a dot for decimals, whatever the language), every cell neutralised against formulas.
 */
export function chartCsv(spec: ChartSpec, codeLabel: string): string {
  const header = [codeLabel, spec.categoryLabel, ...spec.series.map((s) => `${s.label} (${spec.unit})`)];
  const rows = spec.rows.map((r) => [r.code, r.label, ...r.values.map((v) => (v === null ? '' : String(v)))]);
  return stringify(
    [header, ...rows].map((row) => row.map(safeCell)),
    { bom: true },
  );
}

/**
 * The body and content type of a download; in the Latin-script Kazakh edition (/kk-latn/) its text
 * is transliterated as the pages are (the edition's own rewriting knows pages, feeds and calendars).
 */
export async function download(
  spec: ChartSpec,
  format: DownloadFormat,
  opts: { lang: Lang; latin: boolean; codeLabel: string },
) {
  if (format === 'csv') {
    const csv = chartCsv(spec, opts.codeLabel);
    return { type: 'text/csv; charset=utf-8', body: opts.latin ? latinText(csv) : csv };
  }
  // Drawing and rasterising are loaded when first asked for (as in figures.ts).
  const { chartSvg } = await import('./chart.ts');
  const drawn = chartSvg(spec, opts.lang);
  const svg = opts.latin ? (latinDocument(drawn) as ChartSvg) : drawn;
  if (format === 'svg') return { type: 'image/svg+xml; charset=utf-8', body: svg };
  const { chartPng } = await import('./png.ts');
  return { type: 'image/png', body: chartPng(svg) };
}
