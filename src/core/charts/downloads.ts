import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { safeCell } from '../http/csv.ts';
import { latinDocument, latinText } from '../http/latin-edition.ts';
import type { I18n } from '../i18n/i18n.ts';
import type { ChartSpec, ChartSvg, DrawnChart } from './figure.tsx';

export type ChartFormat = 'svg' | 'png' | 'csv';

/** "answers.png" → the chart (one of `ids`) and the format asked for; undefined for any other name (a 404). */
export function chartFile<Id extends string>(
  file: string,
  ids: readonly Id[],
): { id: Id; format: ChartFormat } | undefined {
  const m = /^([a-z-]+)\.(svg|png|csv)$/.exec(file);
  const id = ids.find((c) => c === m?.[1]);
  return id && m ? { id, format: m[2] as ChartFormat } : undefined;
}

/**
 * A chart drawn for a page in the reader's language. The drawing library (Observable Plot on a
 * linkedom document) is loaded with the first chart, not with every process: it is a quarter of what
 * importing Kenes costs, and most processes never draw.
 */
export async function drawChart(spec: ChartSpec, lang: string): Promise<DrawnChart> {
  const { chartSvg } = await import('./draw.ts');
  return { spec, svg: chartSvg(spec, lang) };
}

/**
 * The chart's data as CSV: UTF-8 with a BOM, a stable code beside each label, the numbers as numbers
 * (a dot for decimals, whatever the language), every cell neutralised against formulas. A stack
 * (series that are a second category) has a line per row and series, with both codes.
 */
export function chartCsv(spec: ChartSpec, i18n: I18n): string {
  const code = i18n.t('charts.code');
  const cell = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const lines = spec.stack
    ? [
        [code, spec.categoryLabel, i18n.t('charts.codeOf', { name: spec.stack.label }), spec.stack.label, spec.unit],
        ...spec.rows.flatMap((r) => spec.series.map((s, k) => [r.code, r.label, s.key, s.label, cell(r.values[k])])),
      ]
    : [
        [code, spec.categoryLabel, ...spec.series.map((s) => `${s.label} (${spec.unit})`)],
        ...spec.rows.map((r) => [r.code, r.label, ...r.values.map(cell)]),
      ];
  return stringify(
    lines.map((row) => row.map(safeCell)),
    { bom: true },
  );
}

/** Bumped when the drawing changes, so that no browser keeps an image drawn by older code. */
const DRAWING = '2';

/**
 * The download's ETag: a hash of everything it is made from (the chart's labels and numbers, the
 * language, the script, the format and the drawing's version), so the same data give the same ETag
 * in every process and any change of the data gives another.
 */
export function chartEtag(spec: ChartSpec, format: ChartFormat, lang: string, latin: boolean): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([DRAWING, format, lang, latin, spec]))
    .digest('base64url');
  return `"${hash.slice(0, 27)}"`;
}

/** Drawn images by their ETag, the oldest forgotten first beyond the bound (decision 0029). */
const KEPT_BYTES = 16 * 1024 * 1024;
const kept = new Map<string, Buffer | string>();
let keptBytes = 0;

function keep(etag: string, body: Buffer | string) {
  const size = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  if (size > KEPT_BYTES / 4) return;
  kept.set(etag, body);
  keptBytes += size;
  for (const [key, old] of kept) {
    if (keptBytes <= KEPT_BYTES) break;
    kept.delete(key);
    keptBytes -= typeof old === 'string' ? Buffer.byteLength(old) : old.length;
  }
}

/** The image, from memory when the same one was drawn before (a hit moves it to the newest end). */
async function image(spec: ChartSpec, format: 'svg' | 'png', lang: string, latin: boolean, etag: string) {
  const hit = kept.get(etag);
  if (hit !== undefined) {
    kept.delete(etag);
    kept.set(etag, hit);
    return hit;
  }
  const { svg: drawn } = await drawChart(spec, lang);
  const svg = latin ? (latinDocument(drawn) as ChartSvg) : drawn;
  const body = format === 'svg' ? svg : (await import('./png.ts')).chartPng(svg);
  keep(etag, body);
  return body;
}

/** Whether the request's If-None-Match names this ETag (a list, weak or not, or "*"). */
function matches(req: FastifyRequest, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === etag || t === '*');
}

/**
 * Sends a chart as SVG, PNG or CSV, with an ETag of its data: 304 when the browser has it already,
 * an image drawn once per content and kept (bounded, in this process's memory). In the Latin-script
 * Kazakh edition (/kk-latn/) the text is transliterated as the pages are.
 */
export async function sendChart(
  req: FastifyRequest,
  reply: FastifyReply,
  spec: ChartSpec,
  format: ChartFormat,
  opts: { i18n: I18n; latin: boolean; name: string },
) {
  const { i18n, latin } = opts;
  const etag = chartEtag(spec, format, i18n.lang, latin);
  const file = `kenes-${opts.name}-${latin ? 'kk-latn' : i18n.lang}.${format}`;
  reply
    .header('etag', etag)
    .header('cache-control', 'no-cache')
    .header('content-disposition', `${format === 'csv' ? 'attachment' : 'inline'}; filename="${file}"`);
  if (matches(req, etag)) return reply.code(304).send();
  if (format === 'csv') {
    const csv = chartCsv(spec, i18n);
    return reply.type('text/csv; charset=utf-8').send(latin ? latinText(csv) : csv);
  }
  const body = await image(spec, format, i18n.lang, latin, etag);
  return reply.type(format === 'svg' ? 'image/svg+xml; charset=utf-8' : 'image/png').send(body);
}

/** For tests: how many images are kept. */
export const keptImages = () => kept.size;
