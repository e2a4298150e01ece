import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { pino } from 'pino';
import { buildApp } from '../src/app.ts';
import type { Db } from '../src/core/db/database.ts';
import { startEmbeddedPostgres } from '../src/core/db/embedded.ts';
import { migrate } from '../src/core/db/migrate.ts';
import { createPageCache } from '../src/core/http/page-cache.ts';

/**
 * The database a benchmark runs on: a new, migrated database on DATABASE_URL's server, or else on a
 * throw-away embedded PostgreSQL; with `reuse` (a URL a run kept with BENCH_HOLD=1), that database as
 * it is. `done()` drops the database (unless `keep`) and stops the embedded server.
 */
export async function benchDatabase(
  name: string,
  opts: { unsafeFast?: boolean; reuse?: string | undefined } = {},
): Promise<{ url: string; done(keep?: boolean): Promise<void> }> {
  let adminUrl: string;
  let cleanup = async () => {};
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), `kenes-${name}-`)), 'data');
    const e = await startEmbeddedPostgres({
      dataDir,
      password: 'bench-password-bench',
      database: 'postgres',
      unsafeFast: opts.unsafeFast ?? false,
      log: () => {},
    });
    adminUrl = e.adminUrl;
    cleanup = async () => {
      await e.stop();
      fs.rmSync(e.clusterDir, { recursive: true, force: true });
      fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
    };
  }
  const dbName = opts.reuse ? new URL(opts.reuse).pathname.slice(1) : `kenes_${name.replace(/-/g, '_')}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  if (!opts.reuse) {
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(dbName)}`);
    await migrate(url.toString());
  }
  return {
    url: url.toString(),
    async done(keep = false) {
      if (keep || opts.reuse) console.log(`kept: ${url}`);
      else await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(dbName)} WITH (FORCE)`);
      await admin.end();
      await cleanup();
    },
  };
}

/**
 * The app a benchmark measures: production settings, on its database, warnings only. With
 * `pageCacheUrl`, listening for changes as production does (the page cache, whose version lets reads
 * and the explorer's facet index be kept; requests made with app.inject are never served from it).
 */
export async function benchApp(db: Db, opts: { pageCacheUrl?: string } = {}): Promise<FastifyInstance> {
  const pageCache = opts.pageCacheUrl ? createPageCache({ databaseUrl: opts.pageCacheUrl }) : undefined;
  await pageCache?.start();
  const app = await buildApp({
    config: { env: 'production', publicUrl: 'http://localhost' },
    db,
    sessionSecret: 'bench-secret-bench-secret-bench-secret',
    logger: pino({ level: 'warn' }),
    ...(pageCache ? { pageCache } : {}),
  });
  app.addHook('onClose', async () => pageCache?.stop());
  await app.ready();
  return app;
}
