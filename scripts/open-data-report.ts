/**
 * Open data on the demo (issue 17, decision 0028): a Markdown table of every dataset (its rows, and the
 * bytes of its CSV and JSON as /en/open-data serves them, the zip's too), then of every GET /api/v1 route
 * of the OpenAPI document with the `total` of its answer for a visitor (a route with an {id} or {slug}
 * asks for the first of its list). Builds the app on a new database with the demo — on DATABASE_URL's
 * server when set, else a throw-away embedded PostgreSQL — and drops it afterwards.
 * Run: node --import tsx scripts/open-data-report.ts
 */
import { configureAudit } from '../src/core/audit.ts';
import { newAuditKey, parseAuditKeys } from '../src/core/audit-keys.ts';
import { createDb } from '../src/core/db/database.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { DOMAINS } from '../src/domains.ts';
import { benchApp, benchDatabase } from './bench-database.ts';

/** What a route needs in its query to answer at all (a required parameter); `{id}` is filled in below. */
const QUERIES: Record<string, string> = {
  '/api/v1/proposals/similar': 'q=torture',
  '/api/v1/search': 'q=torture',
  '/api/v1/comments': 'kind=news&id={news}',
};

type Operation = { parameters?: { name: string; in: string; required?: boolean }[] };
type Doc = { paths: Record<string, { get?: Operation }> };

const bench = await benchDatabase('open-data-report', { unsafeFast: true });
configureAudit({ keyring: parseAuditKeys(newAuditKey(), 'report') });
const db = createDb(bench.url);
try {
  await seedDemo(db);
  const app = await benchApp(db);
  const get = (url: string) => app.inject({ method: 'GET', url });

  // ---- datasets ------------------------------------------------------------------------------
  const datasets = DOMAINS.flatMap((d) => d.datasets ?? []);
  const lines = ['| dataset | rows | CSV bytes | JSON bytes |', '|---|--:|--:|--:|'];
  let totalRows = 0;
  for (const dataset of datasets) {
    const { rows } = await dataset.summary(db);
    const csv = await get(`/en/open-data/${dataset.id}.csv`);
    const json = await get(`/en/open-data/${dataset.id}.json`);
    if (csv.statusCode !== 200 || json.statusCode !== 200) throw new Error(`${dataset.id}: ${csv.statusCode}`);
    const jsonRows = (json.json() as { rows: unknown[] }).rows.length;
    if (jsonRows !== rows) throw new Error(`${dataset.id}: ${jsonRows} rows in the JSON, ${rows} counted`);
    totalRows += rows;
    lines.push(`| ${dataset.id} | ${rows} | ${csv.rawPayload.length} | ${json.rawPayload.length} |`);
  }
  const zip = await get('/en/open-data/kenes-open-data.zip');
  lines.push(`| **all (kenes-open-data.zip)** | ${totalRows} | | ${zip.rawPayload.length} (zip) |`);
  console.log(`## Datasets of the demo (${datasets.length}; /en/open-data)\n\n${lines.join('\n')}\n`);

  // ---- API routes ----------------------------------------------------------------------------
  const doc = (await get('/api/openapi.json')).json() as Doc;
  const paths = Object.keys(doc.paths)
    .filter((p) => p.startsWith('/api/v1/') && doc.paths[p]?.get)
    .sort();
  const firstOf = new Map<string, string>();
  /** The first id (or slug) of the list a one-record path belongs to: /api/v1/meetings/{id} → /api/v1/meetings. */
  async function first(list: string, key: string): Promise<string> {
    const known = firstOf.get(`${list} ${key}`);
    if (known) return known;
    const body = (await get(list)).json() as { items?: Record<string, unknown>[] };
    const value = body.items?.[0]?.[key];
    if (value === undefined) throw new Error(`${list} lists nothing in the demo`);
    firstOf.set(`${list} ${key}`, String(value));
    return String(value);
  }
  const routes = ['| route (GET) | asked | status | total | items | bytes |', '|---|---|--:|--:|--:|--:|'];
  for (const path of paths) {
    let url = path;
    for (const m of path.matchAll(/\{(\w+)\}/g))
      url = url.replace(m[0], await first(path.slice(0, path.indexOf(`/${m[0]}`)), m[1] as string));
    const query = (QUERIES[path] ?? '').replace('{news}', QUERIES[path] ? await first('/api/v1/news', 'id') : '');
    const required = (doc.paths[path]?.get?.parameters ?? []).filter((p) => p.in === 'query' && p.required);
    for (const p of required)
      if (!new URLSearchParams(query).has(p.name)) throw new Error(`${path} requires ${p.name}: add it to QUERIES`);
    const asked = query ? `${url}?${query}` : url;
    const res = await get(asked);
    const body = res.headers['content-type']?.toString().startsWith('application/json')
      ? (res.json() as Record<string, unknown>)
      : {};
    const total = typeof body.total === 'number' ? body.total : '—';
    // A list's first array (items, results, comments…); one record's arrays are its parts, not counted.
    const list = path.includes('{') ? undefined : Object.values(body).find(Array.isArray);
    const items = list ? list.length : '—';
    routes.push(`| ${path} | ${asked} | ${res.statusCode} | ${total} | ${items} | ${res.rawPayload.length} |`);
  }
  console.log(`## GET /api/v1 routes of the OpenAPI document (${paths.length}), as a visitor\n\n${routes.join('\n')}`);
  console.log('\n`total`: the rows the list holds for a visitor (every page); `items`: those on the first page.');
  await app.close();
} finally {
  await db.destroy();
  await bench.done();
}
