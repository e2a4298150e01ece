import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;

/**
 * A store for @fastify/rate-limit that counts in PostgreSQL, so that every Kenes process behind a
 * load balancer sees the same counters (a per-process memory store would multiply the limit).
 * One upsert per limited request; expired rows are swept now and then.
 */
export function postgresRateLimitStore(db: Db) {
  return class PostgresRateLimitStore {
    private readonly prefix: string;

    /** The plugin constructs the root store with its options; child() passes a route's prefix. */
    constructor(prefixOrOptions?: unknown) {
      // Each limited route counts on its own (as the plugin's memory and Redis stores do).
      this.prefix = typeof prefixOrOptions === 'string' ? prefixOrOptions : '';
    }

    incr(ip: string, cb: Callback, timeWindow: number) {
      const key = `${this.prefix}|${ip}`;
      sql<{ hits: number; ttl: string }>`
        INSERT INTO rate_limits AS r (key, hits, reset_at)
        VALUES (${key}, 1, now() + ${timeWindow} * interval '1 millisecond')
        ON CONFLICT (key) DO UPDATE SET
          hits = CASE WHEN r.reset_at <= now() THEN 1 ELSE r.hits + 1 END,
          reset_at = CASE WHEN r.reset_at <= now() THEN EXCLUDED.reset_at ELSE r.reset_at END
        RETURNING hits, greatest(0, ceil(extract(epoch FROM r.reset_at - now()) * 1000))::bigint AS ttl`
        .execute(db)
        .then((res) => {
          const row = res.rows[0];
          cb(null, { current: row?.hits ?? 1, ttl: Number(row?.ttl ?? timeWindow) });
          if (Math.random() < 0.01) {
            void sql`DELETE FROM rate_limits WHERE reset_at < now() - interval '1 hour'`.execute(db).catch(() => {});
          }
        })
        .catch((err: Error) => cb(err));
    }

    // The plugin passes the route's merged options, with `routeInfo` (method, url) and `groupId`.
    child(options: object) {
      const { groupId, routeInfo } = options as { groupId?: string; routeInfo?: { method?: unknown; url?: unknown } };
      const route = routeInfo ? `${String(routeInfo.method ?? '')} ${String(routeInfo.url ?? '')}` : '';
      return new PostgresRateLimitStore(groupId ?? route);
    }
  };
}
