import { after, before } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { type AppDeps, buildApp } from '../app.ts';
import type { Db } from '../core/db/database.ts';
import { createPageCache, type PageCache } from '../core/http/page-cache.ts';
import { createMetrics, type Metrics } from '../core/metrics.ts';
import { createTestDatabase } from './database.ts';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  url: string;
  /** The same database as its owner (migrations, grants, tampering in tests). */
  ownerUrl: string;
  /** Every SQL statement the app ran (see TestDatabase.queries). */
  queries: string[];
  /** With the pageCache option. */
  pageCache?: PageCache | undefined;
  /** With the metricsToken option. */
  metrics?: Metrics | undefined;
  close(): Promise<void>;
}

/** What a test app is made with. */
export interface TestAppOptions {
  demo?: boolean;
  extend?: (app: FastifyInstance) => void;
  logs?: string[];
  onRoute?: AppDeps['onRoute'];
  /** Serve as the run-time role, as in production (decision 0013); KENES_TEST_RUNTIME_ROLE=1 makes it the default. */
  runtimeRole?: boolean;
  /** Deployment settings to test (an https PUBLIC_URL, TRUST_PROXY). */
  config?: Partial<AppDeps['config']>;
  /**
   * Keep visitors' pages in memory as production does (decision 0022); off by default, so that a
   * test that writes and reads at once needs no wait for the change's notification.
   */
  pageCache?: boolean;
  /** Serve /metrics behind this bearer token, as METRICS_TOKEN does (core/metrics.ts). */
  metricsToken?: string;
}

/**
 * The real application on its own fresh database, for in-process requests (app.inject). With
 * `demo`, the database is a clone of the template with the demo content loaded. `extend` may add test-only routes before the app is ready.
 */
export async function createTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  // The demo comes from the template `npm test` seeded once, cloned like any test database.
  const database = await createTestDatabase({
    demo: opts.demo ?? false,
    ...(opts.runtimeRole === undefined ? {} : { runtimeRole: opts.runtimeRole }),
  });
  const pageCache = opts.pageCache ? createPageCache({ databaseUrl: database.url }) : undefined;
  await pageCache?.start();
  const metrics = opts.metricsToken
    ? createMetrics({ token: opts.metricsToken, db: database.db, pageCache })
    : undefined;
  const app = await buildApp({
    ...(pageCache ? { pageCache } : {}),
    ...(metrics ? { metrics } : {}),
    config: { env: 'test', publicUrl: 'http://localhost:3000', ...opts.config },
    db: database.db,
    sessionSecret: 'test-secret-test-secret-test-secret!',
    ...(opts.onRoute ? { onRoute: opts.onRoute } : {}),
    // With `logs`, warnings and errors are collected there (to assert a request logged nothing).
    logger: opts.logs
      ? pino({ level: 'warn' }, { write: (line: string) => void opts.logs?.push(line) })
      : pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  });
  opts.extend?.(app);
  await app.ready();
  return {
    app,
    db: database.db,
    url: database.url,
    ownerUrl: database.ownerUrl,
    queries: database.queries,
    pageCache,
    metrics,
    close: async () => {
      await app.close();
      await pageCache?.stop();
      await database.drop();
    },
  };
}

/**
 * The test app of a whole file: made before its first test, closed after its last (node:test
 * hooks). The handle may be kept in a module constant; its fields are read once the app exists.
 * `setUp` runs once the app exists, in the same hook (a second top-level `before` would not wait
 * for the first).
 */
export function useTestApp(opts: TestAppOptions = {}, setUp?: () => Promise<void>): TestApp {
  let current: TestApp | undefined;
  before(async () => {
    current = await createTestApp(opts);
    await setUp?.();
  });
  after(() => current?.close());
  const get = (): TestApp => {
    if (!current) throw new Error('the test app exists from the first before() hook on');
    return current;
  };
  return {
    get app() {
      return get().app;
    },
    get db() {
      return get().db;
    },
    get url() {
      return get().url;
    },
    get ownerUrl() {
      return get().ownerUrl;
    },
    get queries() {
      return get().queries;
    },
    close: () => get().close(),
  };
}
