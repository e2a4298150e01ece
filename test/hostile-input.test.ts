/**
 * Every route of the app, derived from the app itself (no hand-written list), receives hostile values
 * in every parameter and field it takes — path parameters, query parameters found in its links and
 * GET forms, the fields of its forms (urlencoded, multipart, and the same as JSON) — as a visitor and
 * as staff. No answer may be a 5xx, a refused request may write nothing, nothing may be logged as a
 * failure, and /healthz answers at the end. A route added later is covered without touching this file.
 *
 * Routes are registered once per language with the same handler; they are exercised under /en/.
 * Fields are found by crawling the pages as the administrator (who sees every form), so a field a
 * form offers is a field this test fills.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { HTMLElement } from 'node-html-parser';
import { createDb } from '../src/core/db/database.ts';
import { createTestApp, type TestApp } from '../src/testing/app.ts';
import { TestClient } from '../src/testing/client.ts';
import { parseHtml } from '../src/testing/html.ts';

type Field = { type: string; valid: string };
type Actor = { name: string; email?: string; client: TestClient };
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

// Pages not worth parsing for forms (files, feeds, exports) are still requested with hostile values.
const NOT_HTML = /\.(csv|ics|pdf|docx|xml|json|atom)(\?|$)|^\/files\/|^\/api\//;

let t: TestApp;
const registered: { method: string; url: string }[] = [];
const routes: Route[] = [];
// Staff see most forms; a representative's pages have the forms of proposals and answers.
const SIGNED_IN = [
  { name: 'administrator', email: 'admin@kenes.demo', pages: 200 },
  { name: 'NGO representative', email: 'ngo@kenes.demo', pages: 50 },
  { name: 'ministry representative', email: 'mia@kenes.demo', pages: 50 },
  { name: 'chair', email: 'chair@kenes.demo', pages: 30 },
];
let visitor: Actor;
let actors: Actor[];
const logs: string[] = [];
const counts = { routes: 0, fields: 0, requests: 0, params: 0 };
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

function routeFor(method: string, path: string): Route | undefined {
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

function learnForms(html: string, pageUrl: string, actor: Actor) {
  const root = parseHtml(html);
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
    for (const el of form.querySelectorAll('input[name], select[name], textarea[name]')) {
      const name = el.getAttribute('name') as string;
      if (name === '_csrf' || route.fields.has(name)) continue;
      route.fields.set(name, validValue(el));
    }
  }
}

async function crawl(actor: Actor, limit: number) {
  const queue = ['/en/', ...routes.filter((r) => r.method === 'GET' && r.params.length === 0).map((r) => r.pattern)];
  const seen = new Set<string>();
  while (queue.length && seen.size < limit) {
    const url = queue.shift() as string;
    if (seen.has(url)) continue;
    seen.add(url);
    const res = await actor.client.get(url);
    if (res.statusCode !== 200 || !String(res.headers['content-type']).includes('text/html')) continue;
    learnForms(res.body, url, actor);
    for (const a of parseHtml(res.body).querySelectorAll('a[href]')) {
      const href = (a.getAttribute('href') ?? '').split('#')[0] as string;
      // Each pattern needs a few real pages, not every page of a long list.
      const path = href.split('?')[0] as string;
      const route = routeFor('GET', path);
      if (!href.startsWith('/en/') || NOT_HTML.test(href) || seen.has(href)) continue;
      if (route && route.samples.length > 1 && !route.samples.includes(path)) continue;
      queue.push(href);
    }
  }
  return seen.size;
}

async function writes(): Promise<number> {
  const { rows } = await sql<{ n: string }>`SELECT n FROM test_writes`.execute(t.db);
  return Number(rows[0]?.n);
}

function cookieHeader(client: TestClient): string {
  return [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}

async function csrfOf(client: TestClient): Promise<string> {
  const known = tokens.get(client);
  if (known) return known;
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

/** Sends one request; asserts no 5xx and, when refused, that nothing was written. */
async function send(
  actor: Actor,
  route: Route,
  url: string,
  body: { type: 'form' | 'json' | 'multipart'; payload: string; boundary?: string } | undefined,
  what: string,
) {
  const client = actor.client;
  const before = await writes();
  const contentType =
    body?.type === 'json'
      ? 'application/json'
      : body?.type === 'multipart'
        ? `multipart/form-data; boundary=${body.boundary}`
        : 'application/x-www-form-urlencoded';
  const logsBefore = logs.length;
  const res = await t.app.inject({
    method: route.method as 'GET' | 'POST',
    url,
    headers: { cookie: cookieHeader(client), ...(body ? { 'content-type': contentType } : {}) },
    ...(body ? { payload: body.payload } : {}),
  });
  counts.requests++;
  statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
  const context = `${actor.name} ${route.method} ${route.pattern} — ${what} (${url.slice(0, 120)})`;
  if (res.statusCode >= 500) findings.push(`${context} answered ${res.statusCode}`);
  else if (res.statusCode >= 400 && (await writes()) !== before)
    findings.push(`${context} was refused (${res.statusCode}) but wrote`);
  const failures = logs.slice(logsBefore).filter((l) => /"level":(50|60)|input refused by the database/.test(l));
  if (failures.length) findings.push(`${context} logged: ${failures[0]?.slice(0, 300)}`);
  // Keep the cookies (a sign-out or a password change may replace the session) and sign in again if needed.
  for (const c of res.cookies as { name: string; value: string; maxAge?: number }[]) {
    if (c.value === '' || c.maxAge === 0) client.cookies.delete(c.name);
    else client.cookies.set(c.name, c.value);
  }
  if (actor.email && !client.cookies.has('kenes_session')) {
    tokens.delete(client);
    // From another address each time, so the sign-in rate limit does not count these.
    const again = await client.post(
      '/en/sign-in',
      { email: actor.email, password: 'kenes-demo-2026', _csrf: await csrfOf(client) },
      { remoteAddress: `127.0.1.${++signIns % 250}` },
    );
    assert.equal(again.statusCode, 303, `the ${actor.name} signs in again`);
    // The form token is bound to the session: the new session needs its own.
    tokens.delete(client);
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
  // Counts committed row changes in every table but those a refused request may legitimately touch:
  // its session, the rate-limit counters and the record of failed sign-ins (which refusals are about).
  // Installed as the owner; the counter runs with the owner's rights whatever role Kenes serves as.
  const owner = createDb(t.ownerUrl, 1);
  await sql
    .raw(`
    CREATE TABLE test_writes (n bigint NOT NULL);
    INSERT INTO test_writes VALUES (0);
    GRANT SELECT ON test_writes TO PUBLIC;
    CREATE FUNCTION test_count_write() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
      BEGIN UPDATE test_writes SET n = n + 1; RETURN NULL; END $$;
    DO $$ DECLARE r record; BEGIN
      FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public'
        AND tablename NOT IN ('test_writes', 'sessions', 'rate_limits', 'sign_in_failures') LOOP
        EXECUTE format('CREATE TRIGGER test_count_write AFTER INSERT OR UPDATE OR DELETE ON %I
          FOR EACH ROW EXECUTE FUNCTION test_count_write()', r.tablename);
      END LOOP; END $$;`)
    .execute(owner);
  await owner.destroy();
  visitor = { name: 'visitor', client: new TestClient(t.app) };
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
});

after(async () => {
  await t?.close();
});

/** Visitor and the route's signed-in actor at once (reads); the write check covers both. */
async function asBoth(route: Route, url: string, body: (csrf: string) => Parameters<typeof send>[3], what: string) {
  const staff = route.actor ?? (actors[0] as Actor);
  for (const actor of [visitor, staff]) await send(actor, route, url, body(await csrfOf(actor.client)), what);
}

test('every route refuses hostile input without a 5xx, without writing, and Kenes keeps answering', async () => {
  let started = performance.now();
  let pages = 0;
  for (const [i, a] of SIGNED_IN.entries()) pages += await crawl(actors[i] as Actor, a.pages);
  console.log(`crawled ${pages} pages in ${Math.round(performance.now() - started)} ms`);
  started = performance.now();
  counts.routes = routes.length;
  for (const route of routes) {
    const staff = route.actor ?? (actors[0] as Actor);
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
    for (const name of fieldNames) {
      if (!bodyRoute) {
        for (const h of HOSTILE)
          await asBoth(
            route,
            `${base}?${encodeURIComponent(name)}=${h.encoded}`,
            () => undefined,
            `query ${name} = ${h.label}`,
          );
        await send(staff, route, `${base}?${name}=1&${name}=2`, undefined, `query ${name} given twice`);
        continue;
      }
      const csrf = await csrfOf(staff.client);
      for (const h of HOSTILE) {
        const body = route.multipart
          ? multipartBody(route, csrf, { name, encoded: h.encoded })
          : { type: 'form' as const, payload: formBody(route.fields, csrf, { name, encoded: h.encoded }) };
        await send(staff, route, base, body, `field ${name} = ${h.label}`);
      }
      if (!route.multipart) {
        const payload = `${formBody(route.fields, csrf)}&${encodeURIComponent(name)}=2`;
        await send(staff, route, base, { type: 'form', payload }, `field ${name} given twice`);
      }
    }
    if (process.env.HOSTILE_TRACE)
      console.log(route.method, route.pattern, staff.name, counts.requests, Math.round(performance.now() - started));
    if (!bodyRoute) continue;
    // 3. Every field hostile at once, as a form and as JSON (Fastify parses JSON for every POST route).
    for (const h of HOSTILE) {
      await asBoth(
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
      await asBoth(route, base, json, `JSON, every field = ${label}`);
    }
  }
  assert.deepEqual(findings.slice(0, 60), [], `${findings.length} findings`);
  const health = await t.app.inject('/healthz');
  assert.equal(health.statusCode, 200);
  console.log(
    `hostile input: ${counts.routes} routes (of ${registered.length} registered with kk/ru/HEAD), ${counts.params} path parameters, ${counts.fields} fields, ${pages} pages crawled, ${counts.requests} requests in ${Math.round(performance.now() - started)} ms`,
  );
  const reached = [...statuses].filter(([s]) => s < 400 || s === 422).reduce((n, [, c]) => n + c, 0);
  console.log(`answers: ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);
  // A run where the requests bounced off the CSRF check or the sign-in would prove nothing.
  assert.ok(reached > counts.requests / 4, `only ${reached} of ${counts.requests} requests reached a handler`);
  assert.ok(counts.routes > 100, 'the routes were enumerated');
  assert.ok(counts.fields > 200, 'the forms were found');
});
