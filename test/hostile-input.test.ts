/**
 * Every route of the app, derived from the app itself (no hand-written list), receives hostile values
 * in every parameter and field it takes — path parameters, query parameters found in its links and
 * GET forms, the fields of its forms (urlencoded, multipart, and the same as JSON) — as a visitor and
 * as staff. No answer may be a 5xx, a refused request may write nothing, nothing may be logged as a
 * failure, and /healthz answers at the end. A route added later is covered without touching this file.
 *
 * Routes are registered once per language with the same handler; they are exercised under /en/.
 * Fields are found by crawling the pages as four signed-in people and then a visitor (a few pages of
 * each kind each), so a field a crawled form offers is a field this test fills; the API's query
 * parameters come from the app's own OpenAPI document. Before the crawl, records are put in the states
 * whose forms the demo never shows (hostile-input-states.ts: a draft proposal, minutes in review, an
 * open reset link…) and each person's crawl starts from their pages. Every route that takes a body
 * must have had its form found (or be in NO_FORM with the reason): a new form no crawl reaches fails.
 *
 * The hostile requests run in a few lanes at once (a lane: the routes under some first path segments,
 * in their order, one request at a time), each lane its own instance of the app on the same database
 * with its own visitor and signed-in people. A lane's connections carry its name (application_name),
 * so the trigger counts each lane's writes apart and "a refused request wrote nothing" stays exact.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { HTMLElement } from 'node-html-parser';
import { pino } from 'pino';
import { buildApp } from '../src/app.ts';
import { createDb, type Db } from '../src/core/db/database.ts';
import { afterResponseIdle } from '../src/core/http/after-response.ts';
import { createTestApp, type TestApp } from '../src/testing/app.ts';
import { TestClient } from '../src/testing/client.ts';
import { parseHtml } from '../src/testing/html.ts';
import { prepareStates } from './hostile-input-states.ts';
import { countWrites, type WriteCounter } from './hostile-input-writes.ts';

type Field = { type: string; valid: string };
type Actor = { name: string; email?: string; client: TestClient; lane?: Lane };
/** An instance of the app whose database connections are told apart by their application_name. */
type Lane = {
  name: string;
  app: FastifyInstance;
  db: Db;
  logs: string[];
  visitor: Actor;
  /** Signed in as SIGNED_IN, in its order. */
  actors: Actor[];
  routes: Route[];
  /** The lane's write count as last read, while nothing else can have changed it. */
  written: number | undefined;
  /** From now on, watches the statements the lane's app runs: whether one could change a row (hostile-input-writes.ts). */
  watch(): () => boolean;
};
type Route = {
  /** The signed-in person whose pages offer this route's form (the administrator sees most). */
  actor?: Actor;
  method: string;
  pattern: string;
  regex: RegExp;
  params: string[];
  /** Concrete URLs seen for it (real ids), the first used as the base. */
  samples: string[];
  fields: Map<string, Field>;
  multipart: boolean;
};

/** Hostile values, already percent-encoded as a browser or an attacker would put them on the wire. */
const HOSTILE: { label: string; encoded: string }[] = [
  { label: 'NUL', encoded: '%00' },
  { label: 'NUL inside', encoded: 'a%00b' },
  { label: 'invalid UTF-8', encoded: '%FF%FEx' },
  { label: 'encoded lone surrogate', encoded: '%ED%A0%80' },
  { label: 'year 0000', encoded: '0000-01-01' },
  { label: '31 February', encoded: '2021-02-31' },
  { label: 'year 0000 with a time', encoded: '0000-01-01T10%3A00' },
  { label: '-1', encoded: '-1' },
  { label: '1e308', encoded: '1e308' },
  { label: '10,000 characters', encoded: 'x'.repeat(10_000) },
];

/** The values each field after the first of its kind gets one at a time (see hostileValuesOf). */
const SIBLING_VALUES = HOSTILE.filter((h) => ['NUL inside', 'invalid UTF-8', '10,000 characters'].includes(h.label));

// Pages not worth parsing for forms (files, feeds, exports) are still requested with hostile values.
const NOT_HTML = /\.(csv|ics|pdf|docx|xml|json|atom)(\?|$)|^\/files\/|^\/api\//;
/**
 * Routes that take a body but that no page offers as a form (so the crawl cannot learn their fields),
 * each with the reason. Their path parameters and JSON bodies still get hostile values.
 */
const NO_FORM = new Map<string, string>([]);
/** Lanes at once: the requests mostly wait for PostgreSQL, so a few lanes keep both busy. */
const LANES = 4;

let t: TestApp;
let counter: WriteCounter;
const registered: { method: string; url: string }[] = [];
const routes: Route[] = [];
// Staff see most forms; a representative's pages have the forms of proposals and answers.
const SIGNED_IN = [
  { name: 'administrator', email: 'admin@kenes.demo', pages: 200 },
  { name: 'NGO representative', email: 'ngo@kenes.demo', pages: 120 },
  { name: 'ministry representative', email: 'mia@kenes.demo', pages: 80 },
  { name: 'chair', email: 'chair@kenes.demo', pages: 50 },
];
let actors: Actor[];
/** The visitor of the crawl: forms only visitors are offered (sign-in, password reset) are theirs. */
let visitorActor: Actor;
const VISITOR_PAGES = 30;
const lanes: Lane[] = [];
const logs: string[] = [];
const counts = { routes: 0, fields: 0, requests: 0, params: 0, reads: 0, repeats: 0 };
/** How many answers of each status: most must have reached the handlers, not a CSRF or sign-in refusal. */
const statuses = new Map<number, number>();
/** Every finding, so that one run shows them all (the test fails at the end if there is any). */
const findings: string[] = [];

function toRoute(method: string, pattern: string): Route {
  const params: string[] = [];
  const source = pattern
    .split(/(:[A-Za-z0-9_]+|\*)/)
    .map((part) => {
      if (part === '*') return '(.*)';
      if (part.startsWith(':')) {
        params.push(part.slice(1));
        return '([^/]+?)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return {
    method,
    pattern,
    regex: new RegExp(`^${source}/?$`),
    params,
    samples: [],
    fields: new Map(),
    multipart: false,
  };
}

const routeCache = new Map<string, Route | undefined>();
function routeFor(method: string, path: string): Route | undefined {
  const key = `${method} ${path}`;
  if (!routeCache.has(key)) routeCache.set(key, findRoute(method, path));
  return routeCache.get(key);
}

function findRoute(method: string, path: string): Route | undefined {
  // The most literal pattern wins (/meetings/new before /meetings/:id).
  return routes
    .filter((r) => r.method === method && r.regex.test(path))
    .sort(
      (a, b) => b.pattern.replace(/:[A-Za-z0-9_]+/g, '').length - a.pattern.replace(/:[A-Za-z0-9_]+/g, '').length,
    )[0];
}

/** A value the field would accept, so that one hostile field at a time meets otherwise valid input. */
function validValue(el: HTMLElement): Field {
  const tag = el.tagName.toLowerCase();
  const type = (el.getAttribute('type') ?? tag).toLowerCase();
  if (tag === 'select') {
    const options = el.querySelectorAll('option');
    const chosen =
      options.find((o) => o.hasAttribute('selected') && o.getAttribute('value')) ??
      options.find((o) => (o.getAttribute('value') ?? o.text) !== '');
    return { type, valid: chosen?.getAttribute('value') ?? chosen?.text ?? '' };
  }
  if (tag === 'textarea') return { type, valid: el.text || 'A text' };
  const value = el.getAttribute('value');
  if (value) return { type, valid: value };
  const byType: Record<string, string> = {
    date: '2027-03-15',
    'datetime-local': '2027-03-15T10:00',
    email: 'someone@example.org',
    number: '1',
    url: 'https://example.org/',
    checkbox: 'on',
    radio: 'on',
    password: 'kenes-demo-2026',
    file: '',
  };
  return { type, valid: byType[type] ?? 'A title' };
}

function learnForms(root: HTMLElement, pageUrl: string, actor: Actor) {
  for (const a of root.querySelectorAll('a[href]')) {
    const href = a.getAttribute('href') ?? '';
    if (!href.startsWith('/')) continue;
    const url = new URL(href, 'http://kenes.test');
    const route = routeFor('GET', url.pathname);
    if (!route) continue;
    if (!route.samples.includes(url.pathname)) route.samples.push(url.pathname);
    for (const [k, v] of url.searchParams) if (!route.fields.has(k)) route.fields.set(k, { type: 'query', valid: v });
  }
  for (const form of root.querySelectorAll('form')) {
    const method = (form.getAttribute('method') ?? 'GET').toUpperCase();
    const action = new URL(form.getAttribute('action') || pageUrl, `http://kenes.test${pageUrl}`);
    const route = routeFor(method, action.pathname);
    if (!route) continue;
    route.actor ??= actor;
    if (route.actor !== actor) continue;
    if (!route.samples.includes(action.pathname)) route.samples.push(action.pathname);
    if ((form.getAttribute('enctype') ?? '').includes('multipart')) route.multipart = true;
    for (const el of form.querySelectorAll('input[name], select[name], textarea[name], button[name]')) {
      const name = el.getAttribute('name') as string;
      if (name === '_csrf' || route.fields.has(name)) continue;
      route.fields.set(name, validValue(el));
    }
  }
}

/** Pages of a crawl requested at once; they are read in their order, as if requested one by one. */
const CRAWL_BATCH = 4;
/** Pages of one route pattern (one meeting's page, one proposal's…) each person's crawl reads at most. */
const PAGES_PER_PATTERN = 6;

async function crawl(actor: Actor, limit: number, starts: string[]) {
  const queue = [
    ...starts,
    '/en/',
    ...routes.filter((r) => r.method === 'GET' && r.params.length === 0).map((r) => r.pattern),
  ];
  const seen = new Set<string>();
  /** Pages queued per route pattern: a few of each, so that a limited crawl reaches many kinds of page. */
  const perPattern = new Map<string, number>();
  while (queue.length && seen.size < limit) {
    // The next pages in the queue: those read before them add links only behind them.
    const batch: string[] = [];
    while (queue.length && seen.size < limit && batch.length < CRAWL_BATCH) {
      const url = queue.shift() as string;
      if (seen.has(url)) continue;
      seen.add(url);
      batch.push(url);
    }
    const answers = await Promise.all(
      batch.map((url) => t.app.inject({ method: 'GET', url, headers: { cookie: cookieHeader(actor.client) } })),
    );
    for (const [i, res] of answers.entries()) {
      keepCookies(actor.client, res);
      if (res.statusCode !== 200 || !String(res.headers['content-type']).includes('text/html')) continue;
      const root = parseHtml(res.body);
      learnForms(root, batch[i] as string, actor);
      for (const a of root.querySelectorAll('a[href]')) {
        const href = (a.getAttribute('href') ?? '').split('#')[0] as string;
        // Each pattern needs a few real pages, not every page of a long list.
        const path = href.split('?')[0] as string;
        const route = routeFor('GET', path);
        if (!href.startsWith('/en/') || NOT_HTML.test(href) || seen.has(href) || queue.includes(href)) continue;
        const key = route?.pattern ?? path;
        const queued = perPattern.get(key) ?? 0;
        if (queued >= PAGES_PER_PATTERN) continue;
        perPattern.set(key, queued + 1);
        queue.push(href);
      }
    }
  }
  return seen.size;
}

/** The row changes the lane's requests committed (see hostile-input-writes.ts). */
function writes(lane: Lane): Promise<number> {
  counts.reads++;
  return counter.read(lane.name);
}

function cookieHeader(client: TestClient): string {
  return [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** Keeps the cookies an answer sets (a sign-out or a password change may replace the session). */
function keepCookies(client: TestClient, res: { cookies: unknown[] }) {
  for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
    if (c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()))
      client.cookies.delete(c.name);
    else client.cookies.set(c.name, c.value);
  }
}

async function csrfOf(actor: Actor): Promise<string> {
  const client = actor.client;
  const known = tokens.get(client);
  if (known) return known;
  // Pages are requested: the next write check reads the count afresh.
  if (actor.lane) actor.lane.written = undefined;
  // The sign-in form for a visitor; the sign-out form in the header for someone signed in.
  let token: string | undefined;
  for (const page of ['/en/sign-in', '/en/']) {
    const res = await client.get(page);
    token ??= parseHtml(res.body).querySelector('input[name="_csrf"]')?.getAttribute('value');
  }
  if (!token) throw new Error('no CSRF token on the sign-in page');
  tokens.set(client, token);
  return token;
}

const tokens = new Map<TestClient, string>();
let signIns = 0;

/**
 * The requests sent (lane, person, method, URL and body without its form token, hashed): the same
 * request is sent once. Different steps can make the same one: every field hostile at once in a route
 * without fields (or with one), the visitor as the person of a visitor's form (asBoth).
 */
const sent = new Set<string>();

function firstTime(actor: Actor, method: string, url: string, body: Parameters<typeof send>[3]): boolean {
  const token = tokens.get(actor.client);
  const payload = body && token ? body.payload.split(token).join('') : (body?.payload ?? '');
  const key = createHash('sha1')
    .update(JSON.stringify([actor.lane?.name, actor.name, method, url, body?.type, payload]))
    .digest('hex');
  if (sent.has(key)) return false;
  sent.add(key);
  return true;
}

/** Sends one request in the actor's lane (once); asserts no 5xx and, when refused, that nothing was written. */
async function send(
  actor: Actor,
  route: Route,
  url: string,
  body: { type: 'form' | 'json' | 'multipart'; payload: string; boundary?: string } | undefined,
  what: string,
) {
  const client = actor.client;
  const lane = actor.lane as Lane;
  if (!firstTime(actor, route.method, url, body)) {
    counts.repeats++;
    return;
  }
  const mayHaveWritten = lane.watch();
  const before = lane.written ?? (await writes(lane));
  const contentType =
    body?.type === 'json'
      ? 'application/json'
      : body?.type === 'multipart'
        ? `multipart/form-data; boundary=${body.boundary}`
        : 'application/x-www-form-urlencoded';
  const logsBefore = lane.logs.length;
  const res = await lane.app.inject({
    method: route.method as 'GET' | 'POST',
    url,
    headers: { cookie: cookieHeader(client), ...(body ? { 'content-type': contentType } : {}) },
    ...(body ? { payload: body.payload } : {}),
  });
  // Work the request left to run after its answer counts as its own.
  await afterResponseIdle(lane.app);
  // A request that sent no statement able to change a row left the count where it was.
  const after = mayHaveWritten() ? await writes(lane) : before;
  lane.written = after;
  counts.requests++;
  statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
  const context = `${actor.name} ${route.method} ${route.pattern} — ${what} (${url.slice(0, 120)})`;
  if (res.statusCode >= 500) findings.push(`${context} answered ${res.statusCode}`);
  else if (res.statusCode >= 400 && after !== before)
    findings.push(`${context} was refused (${res.statusCode}) but wrote`);
  const failures = lane.logs.slice(logsBefore).filter((l) => /"level":(50|60)|input refused by the database/.test(l));
  if (failures.length) findings.push(`${context} logged: ${failures[0]?.slice(0, 300)}`);
  // Keep the cookies and sign in again if needed.
  keepCookies(client, res);
  if (actor.email && !client.cookies.has('kenes_session')) {
    tokens.delete(client);
    // From another address each time, so the sign-in rate limit does not count these.
    const again = await client.post(
      '/en/sign-in',
      { email: actor.email, password: 'kenes-demo-2026', _csrf: await csrfOf(actor) },
      { remoteAddress: `127.0.1.${++signIns % 250}` },
    );
    assert.equal(again.statusCode, 303, `the ${actor.name} signs in again`);
    // The form token is bound to the session: the new session needs its own.
    tokens.delete(client);
    lane.written = undefined;
  }
}

function formBody(fields: Map<string, Field>, csrf: string, hostile?: { name?: string; encoded: string }): string {
  const parts = [`_csrf=${encodeURIComponent(csrf)}`];
  for (const [name, f] of fields) {
    if (f.type === 'query' || f.type === 'file') continue;
    const key = encodeURIComponent(name);
    if (hostile && (hostile.name === undefined || hostile.name === name)) parts.push(`${key}=${hostile.encoded}`);
    else parts.push(`${key}=${encodeURIComponent(f.valid)}`);
  }
  return parts.join('&');
}

function multipartBody(route: Route, csrf: string, hostile?: { name?: string; encoded: string }) {
  const boundary = 'kenesHostileBoundary';
  const decode = (encoded: string) =>
    Buffer.from(
      encoded.replace(/%([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    );
  const chunks: Buffer[] = [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`),
  ];
  let fileName = Buffer.from('document.pdf');
  for (const [name, f] of route.fields) {
    if (f.type === 'query') continue;
    const isHostile = hostile && (hostile.name === undefined || hostile.name === name);
    const value = isHostile ? decode((hostile as { encoded: string }).encoded) : Buffer.from(f.valid);
    if (f.type === 'file') {
      if (isHostile) fileName = value;
      continue;
    }
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`),
      value,
      Buffer.from('\r\n'),
    );
  }
  const fileField = [...route.fields].find(([, f]) => f.type === 'file')?.[0] ?? 'file';
  chunks.push(
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; filename="`),
    fileName,
    Buffer.from(`"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%hostile\n\r\n--${boundary}--\r\n`),
  );
  return { type: 'multipart' as const, payload: Buffer.concat(chunks).toString('latin1'), boundary };
}

function withParam(route: Route, base: string, param: string, encoded: string): string {
  const values = route.regex.exec(base)?.slice(1) ?? [];
  let i = 0;
  return route.pattern.replace(/:[A-Za-z0-9_]+|\*/g, () => {
    const name = route.params[i];
    const v = name === param ? encoded : (values[i] ?? '1');
    i++;
    return v;
  });
}

before(async () => {
  t = await createTestApp({
    demo: true,
    logs,
    onRoute: (r) => {
      for (const method of [r.method].flat()) registered.push({ method, url: r.url });
    },
  });
  // The first lane is this app, whose connections have no name; the others are built below.
  const laneNames = Array.from({ length: LANES }, (_, i) => (i === 0 ? '' : `hostile-lane-${i}`));
  // Each lane's committed row changes counted apart (hostile-input-writes.ts).
  const owner = createDb(t.ownerUrl, 1);
  counter = await countWrites(owner, t.db, laneNames);
  await owner.destroy();
  actors = [];
  for (const a of SIGNED_IN) {
    const client = new TestClient(t.app);
    await client.signIn(a.email);
    actors.push({ name: a.name, email: a.email, client });
  }
  for (const { method, url } of registered) {
    if (method === 'HEAD' || /^\/(kk|ru)(\/|$)/.test(url) || url.startsWith('/assets/')) continue;
    if (!routes.some((r) => r.method === method && r.pattern === url)) routes.push(toRoute(method, url));
  }
  lanes.push({
    name: '',
    app: t.app,
    db: t.db,
    logs,
    visitor: { name: 'visitor', client: new TestClient(t.app) },
    actors,
    routes: [],
    written: undefined,
    // This app's statements are those of the test database's Db, in its list.
    watch() {
      const from = t.queries.length;
      return () => t.queries.slice(from).some((q) => counter.mayWrite(q));
    },
  });
  // The other lanes' apps: as createTestApp builds its own, on the same database, connections named after the lane.
  for (const name of laneNames.slice(1)) {
    const url = new URL(t.url);
    url.searchParams.set('application_name', name);
    let wrote = false;
    const db = createDb(url.toString(), 5, (q) => {
      wrote ||= counter.mayWrite(q);
    });
    const laneLogs: string[] = [];
    const app = await buildApp({
      config: { env: 'test', publicUrl: 'http://localhost:3000' },
      db,
      sessionSecret: 'test-secret-test-secret-test-secret!',
      logger: pino({ level: 'warn' }, { write: (line: string) => void laneLogs.push(line) }),
    });
    await app.ready();
    const lane: Lane = {
      name,
      app,
      db,
      logs: laneLogs,
      visitor: { name: 'visitor', client: new TestClient(app) },
      actors: [],
      routes: [],
      written: undefined,
      watch() {
        wrote = false;
        return () => wrote;
      },
    };
    lanes.push(lane);
  }
});

after(async () => {
  for (const lane of lanes.slice(1)) {
    await lane.app.close();
    await lane.db.destroy();
  }
  await t?.close();
});

/** The lane's own person standing for the route's (the administrator by default; the visitor for visitors' forms). */
function staffOf(lane: Lane, route: Route): Actor {
  if (route.actor === visitorActor) return lane.visitor;
  return lane.actors[route.actor ? actors.indexOf(route.actor) : 0] as Actor;
}

/**
 * The query parameters of the API's routes, from the app's own OpenAPI document (no page links to
 * them with every parameter): each becomes a field of its route, with a value its schema accepts.
 */
async function learnApiParameters(): Promise<number> {
  const doc = (await t.app.inject('/api/openapi.json')).json() as {
    paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema?: ApiSchema }[] }>>;
  };
  let learnt = 0;
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const pattern = path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
      const route = routes.find((r) => r.method === method.toUpperCase() && r.pattern === pattern);
      if (!route) continue;
      for (const p of operation.parameters ?? []) {
        if (p.in !== 'query' || route.fields.has(p.name)) continue;
        route.fields.set(p.name, { type: 'query', valid: validOf(p.schema) });
        learnt++;
      }
    }
  }
  return learnt;
}
type ApiSchema = { type?: string; enum?: unknown[]; default?: unknown; minimum?: number; format?: string };
function validOf(schema: ApiSchema | undefined): string {
  if (schema?.default !== undefined) return String(schema.default);
  if (schema?.enum?.length) return String(schema.enum[0]);
  if (schema?.type === 'integer' || schema?.type === 'number') return String(schema.minimum ?? 1);
  if (schema?.format === 'date') return '2027-03-15';
  if (schema?.type === 'boolean') return 'true';
  return 'a';
}

/** Visitor and the route's signed-in actor at once (reads); the write check covers both. */
async function asBoth(
  lane: Lane,
  route: Route,
  url: string,
  body: (csrf: string) => Parameters<typeof send>[3],
  what: string,
) {
  for (const actor of [lane.visitor, staffOf(lane, route)])
    await send(actor, route, url, body(await csrfOf(actor)), what);
}

/** About how many requests a route takes (to share the routes out among the lanes evenly). */
function cost(route: Route): number {
  const bodyRoute = route.method !== 'GET' && route.method !== 'DELETE';
  const h = HOSTILE.length;
  let fields = 0;
  for (const [, values] of hostileValuesOf([...route.fields.keys()]))
    fields += values === HOSTILE ? (bodyRoute ? h + 1 : 2 * h + 1) : bodyRoute ? values.length : 2 * values.length;
  return 1 + route.params.length * 2 * h + fields + (bodyRoute ? 2 * h + 4 : 0);
}

/**
 * Fields whose names differ only in a number or a language (presence_12 and presence_13, col_0 and
 * col_1, title_kk and title_ru) are read by one parser. The first of them gets every hostile value
 * one at a time, and is also sent twice; each of the others gets a few values one at a time
 * (what one parser could still treat apart: the input guard's bytes, the length), and every value in
 * the requests where every field is hostile at once.
 */
function hostileValuesOf(names: string[]): [string, typeof HOSTILE][] {
  const shapes = new Set<string>();
  return names.map((name) => {
    const shape = name.replace(/[0-9]+/g, '#').replace(/_(kk|ru|en)$/, '_*');
    const first = !shapes.has(shape);
    shapes.add(shape);
    return [name, first ? HOSTILE : SIBLING_VALUES];
  });
}

/**
 * The routes by first path segment (/en/meetings/…, /en/admin/…), each segment's routes in one
 * lane and in their order, so that no two lanes work on the same kind of record at once.
 */
function shareOut() {
  const groups = new Map<string, Route[]>();
  for (const route of routes) {
    const key = route.pattern.replace(/^\/en\//, '/').split('/')[1] ?? '';
    groups.set(key, [...(groups.get(key) ?? []), route]);
  }
  const load = new Map<Lane, number>(lanes.map((lane) => [lane, 0]));
  const sum = (rs: Route[]) => rs.reduce((n, r) => n + cost(r), 0);
  for (const group of [...groups.values()].sort((a, b) => sum(b) - sum(a))) {
    const lane = [...load].sort((a, b) => a[1] - b[1])[0]?.[0] as Lane;
    lane.routes.push(...group);
    load.set(lane, (load.get(lane) ?? 0) + sum(group));
  }
  for (const lane of lanes) lane.routes.sort((a, b) => routes.indexOf(a) - routes.indexOf(b));
}

/** The CPU time this process (every lane) used since `since`, in ms. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return Math.round((used.user + used.system) / 1000);
}

/** Every hostile request for one route, in its lane. */
async function exercise(lane: Lane, route: Route, started: number) {
  const staff = staffOf(lane, route);
  const base = route.samples[0] ?? route.pattern.replace(/:[A-Za-z0-9_]+|\*/g, '1');
  const bodyRoute = route.method !== 'GET' && route.method !== 'DELETE';
  const validBody = (csrf: string) =>
    bodyRoute
      ? route.multipart
        ? multipartBody(route, csrf)
        : { type: 'form' as const, payload: formBody(route.fields, csrf) }
      : undefined;
  // 1. Each path parameter.
  for (const param of route.params) {
    counts.params++;
    for (const h of HOSTILE) {
      await asBoth(
        lane,
        route,
        withParam(route, base, param, h.encoded),
        validBody,
        `path parameter ${param} = ${h.label}`,
      );
    }
  }
  // 2. Each field and query parameter, one at a time among valid ones; the same name twice.
  const fieldNames = [...route.fields.keys()];
  counts.fields += fieldNames.length;
  for (const [name, values] of hostileValuesOf(fieldNames)) {
    if (!bodyRoute) {
      for (const h of values)
        await asBoth(
          lane,
          route,
          `${base}?${encodeURIComponent(name)}=${h.encoded}`,
          () => undefined,
          `query ${name} = ${h.label}`,
        );
      if (values === HOSTILE)
        await send(staff, route, `${base}?${name}=1&${name}=2`, undefined, `query ${name} given twice`);
      continue;
    }
    const csrf = await csrfOf(staff);
    for (const h of values) {
      const body = route.multipart
        ? multipartBody(route, csrf, { name, encoded: h.encoded })
        : { type: 'form' as const, payload: formBody(route.fields, csrf, { name, encoded: h.encoded }) };
      await send(staff, route, base, body, `field ${name} = ${h.label}`);
    }
    if (!route.multipart && values === HOSTILE) {
      const payload = `${formBody(route.fields, csrf)}&${encodeURIComponent(name)}=2`;
      await send(staff, route, base, { type: 'form', payload }, `field ${name} given twice`);
    }
  }
  if (process.env.HOSTILE_TRACE)
    console.log(
      lane.name,
      route.method,
      route.pattern,
      staff.name,
      counts.requests,
      Math.round(performance.now() - started),
    );
  if (!bodyRoute) return;
  // 3. Every field hostile at once, as a form and as JSON (Fastify parses JSON for every POST route).
  for (const h of HOSTILE) {
    await asBoth(
      lane,
      route,
      base,
      (csrf) =>
        route.multipart
          ? multipartBody(route, csrf, { encoded: h.encoded })
          : { type: 'form' as const, payload: formBody(route.fields, csrf, { encoded: h.encoded }) },
      `every field = ${h.label}`,
    );
  }
  for (const [label, value] of [
    ['lone surrogate', '\uD800'],
    ['array', ['1', { b: '\u0000' }]],
  ] as const) {
    const json = (csrf: string) => ({
      type: 'json' as const,
      payload: JSON.stringify(Object.fromEntries([...fieldNames.map((n) => [n, value]), ['_csrf', csrf]])),
    });
    await asBoth(lane, route, base, json, `JSON, every field = ${label}`);
  }
}

test('every route refuses hostile input without a 5xx, without writing, and Kenes keeps answering', async () => {
  let started = performance.now();
  let pages = 0;
  const [staff, ngo, ministry, chair] = actors.map((a) => a.client) as [TestClient, TestClient, TestClient, TestClient];
  const starts = await prepareStates(t.app, t.db, { staff, ngo, ministry, chair });
  const prepared = Math.round(performance.now() - started);
  const startsOf = [starts.staff, starts.ngo, starts.ministry, starts.chair];
  for (const [i, a] of SIGNED_IN.entries()) pages += await crawl(actors[i] as Actor, a.pages, startsOf[i] ?? []);
  // Last, so that a visitor claims only the forms nobody signed in was offered.
  visitorActor = { name: 'visitor', client: new TestClient(t.app) };
  pages += await crawl(visitorActor, VISITOR_PAGES, ['/en/sign-in', ...starts.visitor]);
  const apiParameters = await learnApiParameters();
  console.log(
    `records made in ${prepared} ms; crawled ${pages} pages in ${Math.round(performance.now() - started) - prepared} ms; ${apiParameters} API query parameters from the OpenAPI document`,
  );
  // Every route that takes a body was offered by some crawled page's form, so its fields are filled one
  // by one: a route whose form no crawl reaches fails here, until prepareStates shows it (or it is
  // allowed in NO_FORM, with the reason).
  const unreached = routes.filter(
    (r) => r.method !== 'GET' && r.method !== 'DELETE' && r.samples.length === 0 && !NO_FORM.has(r.pattern),
  );
  assert.deepEqual(
    unreached.map((r) => `${r.method} ${r.pattern}`),
    [],
    'routes whose form no crawled page showed',
  );
  started = performance.now();
  const cpu = process.cpuUsage();
  counts.routes = routes.length;
  // The first lane's people are the crawl's; the others' sign in, from addresses of their own (the
  // sign-in rate limit is the hostile requests').
  for (const lane of lanes) {
    lane.visitor.lane = lane;
    for (const actor of lane.actors) actor.lane = lane;
  }
  for (const [i, lane] of lanes.entries()) {
    if (i === 0) continue;
    for (const [j, a] of SIGNED_IN.entries()) {
      const client = new TestClient(lane.app);
      const res = await client.post(
        '/en/sign-in',
        { email: a.email, password: 'kenes-demo-2026' },
        { remoteAddress: `127.0.2.${i * SIGNED_IN.length + j + 1}` },
      );
      assert.equal(res.statusCode, 303, `the ${a.name} signs in (${lane.name})`);
      lane.actors.push({ name: a.name, email: a.email, client, lane });
    }
  }
  shareOut();
  const finished: number[] = [];
  const outcomes = await Promise.allSettled(
    lanes.map(async (lane) => {
      for (const route of lane.routes) await exercise(lane, route, started);
      finished.push(Math.round(performance.now() - started));
    }),
  );
  for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
  assert.deepEqual(findings.slice(0, 60), [], `${findings.length} findings`);
  const health = await t.app.inject('/healthz');
  assert.equal(health.statusCode, 200);
  console.log(
    `hostile input: ${counts.routes} routes (of ${registered.length} registered with kk/ru/HEAD) in ${LANES} lanes, ${counts.params} path parameters, ${counts.fields} fields, ${pages} pages crawled, ${counts.requests} requests (${counts.repeats} more were the same as one sent) in ${Math.round(performance.now() - started)} ms (this process's CPU: ${cpuMs(cpu)} ms; the lanes done at ${finished.join(', ')} ms)`,
  );
  const reached = [...statuses].filter(([s]) => s < 400 || s === 422).reduce((n, [, c]) => n + c, 0);
  console.log(`answers: ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);
  // The lanes' writes were told apart (a lane whose connections were not named would count none).
  const written = await Promise.all(lanes.map((lane) => writes(lane)));
  console.log(`writes counted per lane: ${written.join(', ')}; the counts read ${counts.reads} times`);
  for (const [i, n] of written.entries()) assert.ok(n > 0, `the writes of lane ${i} were counted`);
  // A run where the requests bounced off the CSRF check or the sign-in would prove nothing.
  assert.ok(reached > counts.requests / 4, `only ${reached} of ${counts.requests} requests reached a handler`);
  assert.ok(counts.routes > 100, 'the routes were enumerated');
  assert.ok(counts.fields > 200, 'the forms were found');
});
