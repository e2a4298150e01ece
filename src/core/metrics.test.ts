import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import parsePrometheusTextFormat, { type Family } from 'parse-prometheus-text-format';
import { pino } from 'pino';
import { createTestApp, type TestApp } from '../testing/app.ts';
import { waitFor } from '../testing/wait.ts';
import type { PageCache } from './http/page-cache.ts';
import { startJobs } from './jobs.ts';
import { queueEmail } from './mail/outbox.ts';
import type { Metrics } from './metrics.ts';

const TOKEN = 'metrics-token-metrics-token-metrics-token';

/** Issue 16: /metrics in the Prometheus text format, behind METRICS_TOKEN. */
describe('/metrics', () => {
  let t: TestApp;
  let base: string;
  let cache: PageCache;
  let metrics: Metrics;
  const scrape = async () => {
    const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(res.status, 200);
    const text = await res.text();
    return { res, text, families: new Map(parsePrometheusTextFormat(text).map((f) => [f.name, f])) };
  };

  before(async () => {
    t = await createTestApp({ demo: true, pageCache: true, metricsToken: TOKEN });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    cache = t.pageCache as PageCache;
    metrics = t.metrics as Metrics;
  });
  after(() => t.close());

  test('refused without the right bearer token, and nothing of the figures in the refusal', async () => {
    const refused: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong' },
      { authorization: TOKEN },
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` },
    ];
    for (const headers of refused) {
      const res = await fetch(`${base}/metrics?token=${TOKEN}`, { headers });
      assert.equal(res.status, 401, JSON.stringify(headers));
      assert.equal(res.headers.get('www-authenticate'), 'Bearer realm="kenes metrics"');
      const body = await res.text();
      assert.equal(body, '401 Unauthorized\n');
    }
  });

  test('the Prometheus text format with every family, labelled by route pattern, with sane values', async (ctx) => {
    // Requests through Fastify: a route with a parameter twice, an unknown address, a kept page twice.
    assert.equal((await fetch(`${base}/en/organisations/mia`)).status, 200);
    assert.equal((await fetch(`${base}/en/organisations/mfa`)).status, 200);
    assert.equal((await fetch(`${base}/no-such-address-${Date.now()}`)).status, 404);
    cache.forget();
    await fetch(`${base}/en/organisations`);
    await waitFor(() => cache.keeps('/en/organisations'));
    await fetch(`${base}/en/organisations`);

    const started = performance.now();
    const { res, text, families } = await scrape();
    const ms = performance.now() - started;
    ctx.diagnostic(`/metrics: ${Buffer.byteLength(text)} bytes, ${families.size} families, ${ms.toFixed(1)} ms`);
    assert.equal(res.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
    assert.equal(res.headers.get('cache-control'), 'no-store');

    const requests = family(families, 'kenes_http_requests_total', 'COUNTER');
    const slug = requests.metrics.filter((m) => m.labels?.route === '/en/organisations/:slug');
    assert.deepEqual(
      slug.map((m) => [m.labels?.method, m.labels?.status, Number(m.value)]),
      [['GET', '200', 2]],
    );
    assert.ok(
      requests.metrics.some((m) => m.labels?.route === 'unmatched' && m.labels.status === '404'),
      'unknown addresses share one label',
    );
    assert.ok(
      requests.metrics.every((m) => !/mia|mfa|no-such/.test(m.labels?.route ?? '')),
      'no raw URL becomes a label',
    );
    family(families, 'kenes_http_request_duration_seconds', 'HISTOGRAM');
    const timed = sample(text, 'kenes_http_request_duration_seconds_count', {
      method: 'GET',
      route: '/en/organisations/:slug',
    });
    assert.equal(timed, 2);
    const took = sample(text, 'kenes_http_request_duration_seconds_sum', {
      method: 'GET',
      route: '/en/organisations/:slug',
    });
    assert.ok(took > 0 && took < 30, `two pages took ${took} s`);

    // The queries those pages ran, and the pool they ran on (5 connections in tests).
    family(families, 'kenes_db_query_duration_seconds', 'HISTOGRAM');
    assert.ok(sample(text, 'kenes_db_query_duration_seconds_count', { outcome: 'ok' }) >= 5);
    const pool = (name: string) => Number(family(families, name, 'GAUGE').metrics[0]?.value);
    assert.equal(pool('kenes_db_pool_max_connections'), 5);
    assert.ok(pool('kenes_db_pool_connections') >= 1 && pool('kenes_db_pool_connections') <= 5);
    assert.ok(pool('kenes_db_pool_idle_connections') <= pool('kenes_db_pool_connections'));
    assert.equal(pool('kenes_db_pool_waiting_clients'), 0);

    // The kept page was answered before Fastify: the cache's counters say so, not Fastify's.
    const stats = cache.stats();
    const value = (name: string, type: Family['type']) => Number(family(families, name, type).metrics[0]?.value);
    assert.ok(value('kenes_page_cache_hits_total', 'COUNTER') >= 1);
    assert.equal(value('kenes_page_cache_hits_total', 'COUNTER'), stats.hits);
    assert.equal(value('kenes_page_cache_entries', 'GAUGE'), stats.entries);
    assert.ok(value('kenes_page_cache_bytes', 'GAUGE') > 1000);
    assert.equal(value('kenes_page_cache_listening', 'GAUGE'), 1);
    assert.equal(
      requests.metrics.filter((m) => m.labels?.route === '/en/organisations').reduce((n, m) => n + Number(m.value), 0),
      1,
      'the second visit to /en/organisations never reached Fastify',
    );

    // Node's own: the event loop's delay (monitorEventLoopDelay), in seconds.
    const p99 = value('nodejs_eventloop_lag_p99_seconds', 'GAUGE');
    assert.ok(p99 >= 0 && p99 < 5, `p99 ${p99}`);
    family(families, 'process_resident_memory_bytes', 'GAUGE');
  });

  test('the outbox’s backlog and given-up messages are read from the database at each scrape', async () => {
    const before = await scrape();
    const waiting = (f: Map<string, Family>) => Number(family(f, 'kenes_outbox_waiting', 'GAUGE').metrics[0]?.value);
    const givenUp = (f: Map<string, Family>) => Number(family(f, 'kenes_outbox_given_up', 'GAUGE').metrics[0]?.value);
    await queueEmail(t.db, { to: 'a@example.org', subject: 'one', text: 'one' });
    await queueEmail(t.db, { to: 'b@example.org', subject: 'two', text: 'two' });
    await t.db.updateTable('email_outbox').set({ attempts: 8 }).where('subject', '=', 'two').execute();
    const now = await scrape();
    assert.equal(waiting(now.families), waiting(before.families) + 1);
    assert.equal(givenUp(now.families), givenUp(before.families) + 1);
    const oldest = Number(family(now.families, 'kenes_outbox_oldest_waiting_seconds', 'GAUGE').metrics[0]?.value);
    assert.ok(oldest >= 0);
  });

  test('job runs and failures, per job, from the scheduler', async () => {
    const stop = startJobs(
      [
        { name: 'works', everyMs: 10, run: async () => {} },
        {
          name: 'breaks',
          everyMs: 10,
          run: async () => {
            throw new Error('boom');
          },
        },
      ],
      { db: t.db, publicUrl: 'http://localhost', log: pino({ level: 'silent' }) },
      metrics.jobRun,
    );
    await sleep(100);
    stop();
    const { families, text } = await scrape();
    const runs = family(families, 'kenes_job_runs_total', 'COUNTER').metrics;
    const of = (job: string, outcome: string) =>
      Number(runs.find((m) => m.labels?.job === job && m.labels.outcome === outcome)?.value ?? 0);
    assert.ok(of('works', 'ok') >= 2, `works: ${of('works', 'ok')}`);
    assert.equal(of('works', 'failed'), 0);
    assert.ok(of('breaks', 'failed') >= 2);
    assert.equal(of('breaks', 'ok'), 0);
    assert.equal(sample(text, 'kenes_job_duration_seconds_count', { job: 'works' }), of('works', 'ok'));
  });
});

test('without METRICS_TOKEN there is no /metrics: the same 404 as any unknown address', async () => {
  const t = await createTestApp();
  try {
    const metrics = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    const unknown = await t.app.inject({ url: '/metricz' });
    assert.equal(metrics.statusCode, 404);
    assert.equal(unknown.statusCode, 404);
    assert.doesNotMatch(metrics.body, /kenes_|nodejs_/);
    assert.equal(metrics.headers['content-type'], unknown.headers['content-type']);
  } finally {
    await t.close();
  }
});

function family(families: Map<string, Family>, name: string, type: Family['type']): Family {
  const f = families.get(name);
  assert.ok(f, `${name} is missing`);
  assert.equal(f.type, type, name);
  return f;
}

/**
 * One sample's value, read from its line: the parser checks the syntax of every line but merges a
 * histogram's labelled series into one, so their _count and _sum are read here.
 */
function sample(text: string, name: string, labels: Record<string, string>): number {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)\{(.*)\} (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const found = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(m[3]);
  }
  assert.fail(`${name}${JSON.stringify(labels)} is missing`);
}
