import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { type Db, observeQueries, poolUse } from './db/database.ts';
import type { PageCache } from './http/page-cache.ts';
import { outboxHealth } from './mail/outbox.ts';

/*
 * /metrics: this process's figures in the Prometheus text format (prom-client), for a Prometheus
 * that scrapes every process on its own address (each process counts only what it served).
 *
 * Read only with `Authorization: Bearer $METRICS_TOKEN`; without METRICS_TOKEN there is no
 * /metrics at all (404, like any unknown address). A wrong or missing token gets a bare 401.
 *
 * Requests are labelled by their route's pattern (`/en/meetings/:id`), never the URL asked for, so
 * the number of series stays that of the routes; addresses no route matches share "unmatched".
 * Pages kept for visitors are answered before Fastify (page-cache.ts) and so are not in
 * kenes_http_requests_total: the cache's own counters (kenes_page_cache_hits_total) count them.
 */

export interface MetricsOptions {
  /** The bearer token a scraper must send. */
  token: string;
  db: Db;
  pageCache?: PageCache | undefined;
  /** Node's own figures (event-loop delay, heap, GC, CPU, open handles); on unless false. */
  processMetrics?: boolean;
  /** Told when a figure cannot be read now (the outbox's, when the database does not answer). */
  log?: (msg: string, err: unknown) => void;
}

export interface Metrics {
  registry: Registry;
  /** Counts and times every request Fastify answers; serves GET /metrics behind the token. */
  register(app: FastifyInstance): void;
  /** A job's run (core/jobs.ts startJobs's observer). */
  jobRun(job: string, seconds: number, failed: boolean): void;
  /** The text a scrape receives (reads the outbox first). */
  render(): Promise<string>;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();

export function createMetrics(opts: MetricsOptions): Metrics {
  const registry = new Registry();
  const registers = [registry];
  /** A gauge of this registry; with `read`, each scrape sets it to what `read` gives (if anything, now). */
  const gauge = (name: string, help: string, read?: () => number | undefined) =>
    new Gauge({
      name,
      help,
      registers,
      ...(read && {
        collect(this: Gauge) {
          const value = read();
          if (value !== undefined) this.set(value);
        },
      }),
    });
  if (opts.processMetrics !== false) collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });

  const requests = new Counter({
    name: 'kenes_http_requests_total',
    help: 'Requests answered by Fastify, by method, route pattern and status (pages kept for visitors: kenes_page_cache_hits_total)',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const durations = new Histogram({
    name: 'kenes_http_request_duration_seconds',
    help: 'Time from the request to the response sent, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });

  const queries = new Histogram({
    name: 'kenes_db_query_duration_seconds',
    help: 'Time of each SQL statement Kenes ran, by outcome (ok or error)',
    labelNames: ['outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  observeQueries(opts.db, (seconds, failed) => queries.observe({ outcome: failed ? 'error' : 'ok' }, seconds));
  const pool = (name: string, help: string, read: (use: NonNullable<ReturnType<typeof poolUse>>) => number) =>
    gauge(name, help, () => {
      const use = poolUse(opts.db);
      return use ? read(use) : undefined;
    });
  pool('kenes_db_pool_connections', 'Connections the pool holds open (busy and idle)', (u) => u.total);
  pool('kenes_db_pool_idle_connections', 'Open connections not in use', (u) => u.idle);
  pool('kenes_db_pool_waiting_clients', 'Queries waiting for a connection (all are busy)', (u) => u.waiting);
  pool('kenes_db_pool_max_connections', 'The most connections the pool opens (DATABASE_POOL_SIZE)', (u) => u.max);

  const outboxWaiting = gauge(
    'kenes_outbox_waiting',
    'E-mails waiting to be sent (all processes: read from the database)',
  );
  const outboxOldest = gauge('kenes_outbox_oldest_waiting_seconds', 'Age of the oldest e-mail waiting to be sent');
  const outboxGivenUp = gauge('kenes_outbox_given_up', 'E-mails no longer tried after their last failed attempt');

  const jobRuns = new Counter({
    name: 'kenes_job_runs_total',
    help: 'Runs of each scheduled job in this process, by outcome (ok or failed)',
    labelNames: ['job', 'outcome'] as const,
    registers,
  });
  const jobDurations = new Histogram({
    name: 'kenes_job_duration_seconds',
    help: 'Time of each run of a scheduled job',
    labelNames: ['job'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300],
    registers,
  });

  const cache = opts.pageCache;
  if (cache) {
    // The cache keeps its own counts (it answers before Fastify); each scrape copies them.
    const counted = (name: string, help: string, read: (s: ReturnType<PageCache['stats']>) => number) =>
      new Counter({
        name,
        help,
        registers,
        collect() {
          this.reset();
          this.inc(read(cache.stats()));
        },
      });
    const now = (name: string, help: string, read: (s: ReturnType<PageCache['stats']>) => number) =>
      gauge(name, help, () => read(cache.stats()));
    counted('kenes_page_cache_hits_total', 'Visitors’ requests answered from memory, before Fastify', (s) => s.hits);
    counted('kenes_page_cache_misses_total', 'Visitors’ GET and HEAD requests not found in memory', (s) => s.misses);
    counted('kenes_page_cache_stored_total', 'Answers kept', (s) => s.stored);
    counted('kenes_page_cache_forgotten_total', 'Times everything kept was forgotten (a change)', (s) => s.forgotten);
    now('kenes_page_cache_entries', 'Answers kept now', (s) => s.entries);
    now('kenes_page_cache_bytes', 'Bytes kept now (bodies and their compressed forms)', (s) => s.bytes);
    now('kenes_page_cache_listening', '1 while the cache hears of changes (it serves nothing otherwise)', (s) =>
      s.listening ? 1 : 0,
    );
  }

  const expected = sha256(`Bearer ${opts.token}`);
  const authorised = (header: string | undefined) => timingSafeEqual(sha256(header ?? ''), expected);

  async function render(): Promise<string> {
    try {
      const outbox = await outboxHealth(opts.db);
      outboxWaiting.set(outbox.waiting);
      outboxOldest.set(outbox.oldestWaitingMinutes * 60);
      outboxGivenUp.set(outbox.givenUp);
    } catch (err) {
      // The rest is still worth reading; the outbox's figures keep their last values.
      opts.log?.('metrics: the outbox could not be read', err);
    }
    return registry.metrics();
  }

  return {
    registry,
    render,
    jobRun(job, seconds, failed) {
      jobRuns.inc({ job, outcome: failed ? 'failed' : 'ok' });
      jobDurations.observe({ job }, seconds);
    },
    register(app) {
      app.addHook('onResponse', async (req, reply) => {
        const route = req.routeOptions.url ?? 'unmatched';
        requests.inc({ method: req.method, route, status: String(reply.statusCode) });
        durations.observe({ method: req.method, route }, reply.elapsedTime / 1000);
      });
      app.get('/metrics', { logLevel: 'warn' }, async (req, reply) => {
        reply.header('cache-control', 'no-store');
        if (!authorised(req.headers.authorization)) {
          return reply
            .code(401)
            .header('www-authenticate', 'Bearer realm="kenes metrics"')
            .type('text/plain; charset=utf-8')
            .send('401 Unauthorized\n');
        }
        const text = await render();
        return reply.type(registry.contentType).send(text);
      });
    },
  };
}
