import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import pg from 'pg';

/*
 * Pages for visitors, rendered once per change and then served from memory (decision 0022).
 *
 * What is kept: the answer to a GET by a visitor (no session, no flash message) that is a 200 with
 * a page or JSON, that set no cookie but the remembered language and put no CSRF token in the page
 * (usesCsrf), kept as its bytes, gzip and brotli, with an ETag. Nothing a signed-in user receives
 * is ever kept, and a visitor's answer shows only what visitors may see, so nothing members-only
 * can enter the cache.
 *
 * When it is forgotten: any statement that changes a table a visitor's page may show notifies the
 * channel kenes_content (migration 202612061240); every process listens and forgets everything it
 * kept. A process forgets at once when it handles a request that may write (not GET or HEAD), at
 * its start and its end, so its own writer sees the change on the next page. A page rendered while
 * a change arrived is not kept (the generation moved). Without its listening connection a process
 * keeps nothing and serves nothing from memory until it listens again. What depends on the time of
 * day (upcoming meetings, deadlines) is forgotten after MAX_AGE_MS at the latest.
 *
 * Where it is served: before Fastify, in the HTTP server's own handler (serve), so that a kept page
 * costs about what a bare node:http answer does; an answer not kept goes on to Fastify. Visitors who
 * ask for a page while another visitor's request renders it wait for that answer to be kept (single
 * flight, decision 0039): after a change under load, a page is rendered and compressed once, not once
 * per visitor asking meanwhile.
 */

const CHANNEL = 'kenes_content';
const MAX_AGE_MS = 30_000;
/** Answers larger than this are not kept (a big CSV or list is streamed, or rarely asked twice). */
const MAX_ENTRY_BYTES = 512 * 1024;
const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/** Tables no visitor's page shows: writes to them do not notify (the migration's list; a test checks it). */
export const NOT_SHOWN_TO_VISITORS = [
  'audit_log',
  'audit_chain_head',
  'email_outbox',
  'rate_limits',
  'sessions',
  'sign_in_failures',
  'password_resets',
  'schema_migrations',
  'search_sync',
  // Written only with search_documents, in its statements' triggers (decision 0036): its notifications tell.
  'search_postings',
  'search_posting_kinds',
  'notifications',
  'notices',
  'notification_choices',
  'notification_digests',
  'import_rejections',
  'recommendation_import_chunks',
  'recommendation_import_files',
  'recommendation_imports',
  'state_name_aliases',
] as const;

const quiet: ReadonlySet<string> = new Set(NOT_SHOWN_TO_VISITORS);

interface Entry {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  gzip?: Buffer;
  br?: Buffer;
  etag: string;
  /** The response headers of each answer (name, value, name, value…), made once when kept. */
  raw: { identity: string[]; gzip?: string[]; br?: string[]; notModified: string[] };
  /** The edition a page is in (kk, kk-latn, ru, en): remembered in the language cookie, as sendPage does. */
  edition: string | undefined;
  expires: number;
}

export interface PageCacheStats {
  hits: number;
  misses: number;
  /** Misses answered with the page another visitor's request was rendering meanwhile (one render for all). */
  waited: number;
  stored: number;
  forgotten: number;
  entries: number;
  bytes: number;
  listening: boolean;
}

const SKIP_REQUEST_COOKIES = /(?:^|;\s*)(?:kenes_session|kenes_flash)=/;
const LANG_COOKIE_OF = /(?:^|;\s*)lang=([^;]*)/;
const EDITION = /^\/(kk-latn|kk|ru|en)(?=[/?]|$)/i;
// Response headers that belong to one answer, not to the page.
const NOT_KEPT = new Set(['set-cookie', 'content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding']);

declare module 'fastify' {
  interface FastifyRequest {
    /** The page cache's generation when the request came in; undefined when the request may not be kept. */
    pageCacheGeneration?: number | undefined;
    /** Set when the answer carries something of this visitor's own (a CSRF token): never kept. */
    usesCsrf?: boolean;
  }
}

export interface PageCache {
  /** The HTTP server's handler in front of Fastify's: answers from memory, or passes on. */
  serve(req: IncomingMessage, res: ServerResponse, next: (req: IncomingMessage, res: ServerResponse) => void): void;
  /** Fastify's side: marks requests that may be kept, keeps their answers, forgets on writes. */
  register(app: FastifyInstance, opts: { secureCookies: boolean }): void;
  /** Forgets everything (a change, a write, the listening connection lost). */
  forget(): void;
  /** A number that moves whenever it forgets; undefined while not listening (changes may go unseen). */
  version(): number | undefined;
  /**
   * A value that moves whenever `table` may have changed (a notification naming it, or one naming no
   * table, this process's own write, listening again); undefined while not listening.
   */
  tableVersion(table: string): string | undefined;
  /** Whether the answer to this URL (path and query) is kept. */
  keeps(url: string): boolean;
  stats(): PageCacheStats;
  /** Starts listening for changes; resolves once listening. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface PageCacheOptions {
  /** Where to listen for kenes_content (the database Kenes uses). */
  databaseUrl: string;
  /** The most bytes kept (bodies and their compressed forms); the least recently used go first. */
  maxBytes?: number;
  log?: (msg: string, err?: unknown) => void;
}

export function createPageCache(opts: PageCacheOptions): PageCache {
  const maxBytes = opts.maxBytes ?? 64 * 1024 * 1024;
  // Map order is insertion order: re-inserting on a hit makes it least-recently-used first.
  const entries = new Map<string, Entry>();
  let bytes = 0;
  let generation = 0;
  // What moves for every table (forget), and each table's own count of notifications naming it.
  let everyTable = 0;
  const tables = new Map<string, number>();
  let listening = false;
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const stats = { hits: 0, misses: 0, stored: 0, forgotten: 0, waited: 0 };

  const sizeOf = (e: Entry) => e.body.length + (e.gzip?.length ?? 0) + (e.br?.length ?? 0);
  const remove = (key: string, e: Entry) => {
    entries.delete(key);
    bytes -= sizeOf(e);
  };
  const forgetPages = () => {
    generation++;
    if (entries.size) stats.forgotten++;
    entries.clear();
    bytes = 0;
  };
  const forget = () => {
    everyTable++;
    forgetPages();
  };
  // A notification names the table its statement changed (migration 202612070740); an older
  // trigger's, or a TRUNCATE's, names none. One naming a table no visitor's page shows (sessions
  // ended, migration 202612090100) moves that table's version only.
  const changed = (table: string) => {
    if (table) tables.set(table, (tables.get(table) ?? 0) + 1);
    else everyTable++;
    if (!quiet.has(table)) forgetPages();
  };

  async function listen(): Promise<void> {
    const c = new pg.Client({ connectionString: opts.databaseUrl });
    const lost = (err?: unknown) => {
      if (client !== c) return;
      client = undefined;
      listening = false;
      forget();
      c.end().catch(() => {});
      if (!stopped) {
        opts.log?.(
          'page cache: the listening connection was lost; nothing is served from memory until it is back',
          err,
        );
        retry = setTimeout(() => listen().catch(() => {}), 1000);
      }
    };
    c.on('error', lost);
    c.on('end', () => lost());
    c.on('notification', (n) => {
      if (n.channel === CHANNEL) changed(n.payload ?? '');
    });
    client = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      lost(err);
      throw err;
    }
    // Whatever changed while nobody listened is forgotten with the rest.
    forget();
    listening = true;
  }

  function answer(req: IncomingMessage, res: ServerResponse, key: string, e: Entry) {
    // Most recently used last.
    entries.delete(key);
    entries.set(key, e);
    stats.hits++;
    const accepts = req.headers['accept-encoding'] ?? '';
    const [head, body] =
      req.headers['if-none-match'] === e.etag
        ? [e.raw.notModified, undefined]
        : e.raw.br && e.br && /\bbr\b/.test(accepts)
          ? [e.raw.br, e.br]
          : e.raw.gzip && e.gzip && /\bgzip\b/.test(accepts)
            ? [e.raw.gzip, e.gzip]
            : [e.raw.identity, e.body];
    let headers = head;
    if (e.edition && LANG_COOKIE_OF.exec(req.headers.cookie ?? '')?.[1] !== e.edition)
      headers = [
        ...head,
        'set-cookie',
        `lang=${e.edition}; Max-Age=31536000; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`,
      ];
    // Headers as one flat list, made when the page was kept: nothing to build per answer.
    res.writeHead(body ? e.status : 304, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  let secure = false;
  let closing = false;
  // Pages being rendered for a visitor (single flight): others asking meanwhile wait for its answer.
  const rendering = new Map<string, Promise<void>>();
  const settles = new WeakMap<IncomingMessage, () => void>();
  const settle = (req: IncomingMessage) => {
    const done = settles.get(req);
    settles.delete(req);
    done?.();
  };

  async function keep(key: string, gen: number, e: Omit<Entry, 'gzip' | 'br' | 'etag' | 'expires' | 'raw'>) {
    const [gz, br] = await Promise.all([
      gzip(e.body, { level: 9 }),
      brotli(e.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } }),
    ]);
    // A change came while it was rendered or compressed: what it shows may be gone already.
    if (gen !== generation || !listening) return;
    const etag = `"${createHash('sha256').update(e.body).digest('base64url').slice(0, 27)}"`;
    const common = [...Object.entries(e.headers).flat(), 'etag', etag, 'vary', 'Accept-Encoding'];
    const withBody = (body: Buffer, encoding?: string) => [
      ...common,
      ...(encoding ? ['content-encoding', encoding] : []),
      'content-length',
      String(body.length),
    ];
    const smaller = (c: Buffer) => c.length < e.body.length;
    const entry: Entry = {
      ...e,
      ...(smaller(gz) ? { gzip: gz } : {}),
      ...(smaller(br) ? { br } : {}),
      etag,
      raw: {
        identity: withBody(e.body),
        ...(smaller(gz) ? { gzip: withBody(gz, 'gzip') } : {}),
        ...(smaller(br) ? { br: withBody(br, 'br') } : {}),
        notModified: common,
      },
      expires: Date.now() + MAX_AGE_MS,
    };
    const old = entries.get(key);
    if (old) remove(key, old);
    entries.set(key, entry);
    bytes += sizeOf(entry);
    stats.stored++;
    for (const [k, v] of entries) {
      if (bytes <= maxBytes) break;
      remove(k, v);
    }
  }

  return {
    serve(req, res, next) {
      const key = req.url ?? '';
      if ((req.method === 'GET' || req.method === 'HEAD') && listening && !closing) {
        const visitor = !SKIP_REQUEST_COOKIES.test(req.headers.cookie ?? '');
        const e = entries.get(key);
        if (e && visitor) {
          if (e.expires > Date.now()) return answer(req, res, key, e);
          remove(key, e);
        }
        stats.misses++;
        const first = visitor && req.method === 'GET' ? rendering.get(key) : undefined;
        if (first) {
          stats.waited++;
          first.then(() => {
            try {
              const kept = entries.get(key);
              if (kept && kept.expires > Date.now() && listening && !closing) answer(req, res, key, kept);
              else next(req, res);
            } catch {
              res.destroy(); // not a rejection left unhandled: this connection ends, the process goes on
            }
          });
          return;
        }
        if (visitor && req.method === 'GET') {
          // Settled once its answer is kept, or known not to be (onSend), or when it ends without one.
          const done = new Promise<void>((resolve) => settles.set(req, resolve));
          rendering.set(key, done);
          done.then(() => {
            if (rendering.get(key) === done) rendering.delete(key);
          });
          // onSend takes it first when the answer went through Fastify's hooks.
          res.once('close', () => settle(req));
        }
      }
      next(req, res);
    },

    register(app, { secureCookies }) {
      secure = secureCookies;
      app.addHook('onRequest', async (req) => {
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          // A request that may write: this process's own pages go at once, before and after it.
          forget();
          return;
        }
        if (listening && !SKIP_REQUEST_COOKIES.test(req.headers.cookie ?? '')) req.pageCacheGeneration = generation;
      });
      app.addHook('onResponse', async (req) => {
        if (req.method !== 'GET' && req.method !== 'HEAD') forget();
      });
      app.addHook('onSend', async (req, reply, payload) => {
        // The visitors waiting for this answer: they go on once it is kept, or at once if it is not.
        const done = settles.get(req.raw);
        settles.delete(req.raw);
        const kept = keptFrom(req, reply, payload);
        if (kept) kept.finally(() => done?.());
        else done?.();
        return payload;
      });
      /** Keeps a visitor's answer (the promise of its compression), or undefined when it may not be kept. */
      const keptFrom = (req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<void> | undefined => {
        const gen = req.pageCacheGeneration;
        if (gen === undefined || req.method !== 'GET' || req.user || req.usesCsrf || reply.statusCode !== 200)
          return undefined;
        if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return undefined;
        const type = String(reply.getHeader('content-type') ?? '');
        if (!/^(text\/html|application\/json)/.test(type)) return undefined;
        // Per-request limits (their headers count down) and any cookie but the language are this visitor's.
        if (reply.getHeader('x-ratelimit-limit') !== undefined) return undefined;
        const cookies = [reply.getHeader('set-cookie') ?? []].flat().map(String);
        if (cookies.some((c) => !c.startsWith('lang='))) return undefined;
        const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
        if (body.length > MAX_ENTRY_BYTES) return undefined;
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(reply.getHeaders())) {
          if (value !== undefined && !NOT_KEPT.has(name.toLowerCase())) headers[name.toLowerCase()] = String(value);
        }
        const url = req.originalUrl;
        const edition = type.startsWith('text/html') ? EDITION.exec(url)?.[1]?.toLowerCase() : undefined;
        return keep(url, gen, { status: 200, headers, body, edition }).catch((err) =>
          opts.log?.('page cache: a page could not be kept', err),
        );
      };
      app.addHook('preClose', async () => {
        closing = true;
      });
    },

    forget,

    version: () => (listening ? generation : undefined),

    tableVersion: (table) => (listening ? `${everyTable}.${tables.get(table) ?? 0}` : undefined),

    keeps: (url) => entries.has(url),

    stats: () => ({ ...stats, entries: entries.size, bytes, listening }),

    start: () => listen(),

    async stop() {
      stopped = true;
      clearTimeout(retry);
      listening = false;
      forget();
      const c = client;
      client = undefined;
      await c?.end().catch(() => {});
    },
  };
}
