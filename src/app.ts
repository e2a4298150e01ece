import http from 'node:http';
import zlib from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { csrfBinding, csrfHmacKey, fromAnotherSite } from './core/auth/csrf.ts';
import { registerCurrentUser } from './core/auth/request.ts';
import { type CommentsEnv, guardedCommentable } from './core/comments/context.ts';
import { commentsOnAccountDeleted } from './core/comments/deletion.ts';
import { commentNotifications } from './core/comments/notifications.ts';
import { commentRoutes } from './core/comments/routes.tsx';
import { commentsService } from './core/comments/section.ts';
import { type Config, fastifyTrustProxy } from './core/config.ts';
import type { Db } from './core/db/database.ts';
import { ROLES } from './core/db/schema-accounts.ts';
import type { NotificationSource } from './core/extensions.ts';
import { fileDownloadRoute } from './core/files/downloads.ts';
import { registerUploads } from './core/files/files.ts';
import { assetUrl, registerAssets } from './core/html/assets.ts';
import { registerErrorHandling, sendError } from './core/http/errors.tsx';
import { healthRoutes } from './core/http/health.ts';
import { HttpError } from './core/http/http-error.ts';
import { registerInputGuard } from './core/http/input-guard.ts';
import { preferredPrefix } from './core/http/lang.ts';
import { registerLatinEdition, rewriteLatinUrl } from './core/http/latin-edition.ts';
import { openApiRoutes } from './core/http/openapi.ts';
import type { PageCache } from './core/http/page-cache.ts';
import { postgresRateLimitStore } from './core/http/rate-limit-store.ts';
import { registerSecurityHeaders } from './core/http/security-headers.ts';
import { sharedReads } from './core/http/shared-reads.ts';
import type { Metrics } from './core/metrics.ts';
import { notificationKinds } from './core/notifications/choices.ts';
import { noticesOnAccountDeleted } from './core/notifications/notices.ts';
import { notificationRoutes } from './core/notifications/routes.tsx';
import { openDataRoutes } from './core/open-data/routes.tsx';
import { searchRoutes } from './core/search/routes.tsx';
import { workRoutes } from './core/work/routes.tsx';
import { COMMENT_PEOPLE, DOMAINS } from './domains.ts';

export interface AppDeps {
  config: Pick<Config, 'env' | 'publicUrl'> &
    Partial<Pick<Config, 'trustProxy' | 'backupDir' | 'backupKeep' | 'oidc' | 'passwordSignInRoles'>>;
  db: Db;
  sessionSecret: string;
  logger: FastifyBaseLogger;
  /** Told of every route as it is registered (the route-derived tests enumerate the app this way). */
  onRoute?: (route: { method: string | string[]; url: string; config?: unknown }) => void;
  /** Visitors' pages kept in memory and served before Fastify (decision 0022); none without it. */
  pageCache?: PageCache;
  /** Requests counted and timed by route, and GET /metrics behind its token; no /metrics without it. */
  metrics?: Metrics;
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    /** Every notification source (domains', notices, comments), for the one mail job. */
    notificationSources: readonly NotificationSource[];
  }
}

function parseFormBody(body: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const seen = out[key];
    out[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}

/**
 * Brotli as @fastify/compress recommends it (text mode, quality 4), with a 128 KB window instead of
 * brotli's 4 MB: each answer compressed as it streams holds an encoder sized by its window (~28 MB at
 * 4 MB, ~1 MB more than gzip's at 128 KB, measured over four streams), and four browsers downloading
 * the explorer's CSV (77 MB each) took the process from ~260 to 408-452 MB resident (decision 0034).
 * Most pages fit in the window; a larger one compresses a few per cent better, not more.
 */
const STREAMED_BROTLI = {
  params: {
    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
    [zlib.constants.BROTLI_PARAM_QUALITY]: 4,
    [zlib.constants.BROTLI_PARAM_LGWIN]: 17,
  },
};

/** Builds the HTTP application; it neither listens nor owns the database (server.ts does). */
export async function buildApp({
  config,
  db,
  sessionSecret,
  logger,
  onRoute,
  pageCache,
  metrics,
}: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger,
    trustProxy: fastifyTrustProxy(config.trustProxy),
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    // A kept page is answered by the server's own handler, before Fastify (page-cache.ts). The
    // settings are Fastify's defaults for the server it would have made.
    ...(pageCache
      ? {
          serverFactory: (handler: http.RequestListener) => {
            const server = http.createServer((req, res) => pageCache.serve(req, res, handler));
            server.keepAliveTimeout = 72_000;
            server.requestTimeout = 0;
            return server;
          },
        }
      : {}),
    // /kk-latn/… is served by the /kk/… routes and transliterated on the way out (decision 0018).
    rewriteUrl: rewriteLatinUrl,
    // Query strings are decoded like form bodies (WHATWG): broken UTF-8 becomes U+FFFD, the same for
    // every parameter (fast-querystring kept "%FF" as literal text for some and not others).
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200, querystringParser: parseFormBody },
    // Malformed URLs (bad percent-encoding, invalid UTF-8) get the same localized error page.
    frameworkErrors: (err, req, reply) => {
      req.log.info({ reason: err.message }, 'malformed request');
      return sendError(req, reply, 400);
    },
  });
  registerLatinEdition(app);
  app.decorate('db', db);
  // Reads the same for every reader (or keyed by one), kept while the page cache's version stays.
  app.decorate(
    'shared',
    sharedReads(
      () => pageCache?.version(),
      (table) => pageCache?.tableVersion(table),
    ),
  );
  app.decorate('secureCookies', config.publicUrl.startsWith('https:'));
  app.decorate(
    'feeds',
    DOMAINS.flatMap((d) => d.feeds ?? []),
  );
  // Comments on every domain's Commentable records: core's tables, the domains' visibility (decision 0016).
  const comments: CommentsEnv = {
    db,
    commentables: DOMAINS.flatMap((d) => d.commentable ?? []).map(guardedCommentable),
    people: COMMENT_PEOPLE,
    publicUrl: config.publicUrl,
    shared: app.shared,
  };
  app.decorate('comments', commentsService(comments));
  if (onRoute) app.addHook('onRoute', onRoute);

  // Graceful shutdown: close() lets requests in flight finish, but their keep-alive connections
  // would then linger for keepAliveTimeout (72 s). Responses sent while closing end the connection.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  registerSecurityHeaders(app, config.publicUrl.startsWith('https:'));
  await app.register(fastifyCookie, { secret: sessionSecret });
  // WHATWG parsing decodes a broken percent-escape to U+FFFD, which input validation then refuses
  // with a clear message (fast-querystring, the default, would keep "%FF" as literal text).
  await app.register(fastifyFormbody, { parser: parseFormBody });
  await app.register(fastifyCsrf, {
    cookieKey: 'kenes_csrf',
    cookieOpts: {
      path: '/',
      sameSite: 'lax',
      httpOnly: true,
      signed: true,
      secure: config.publicUrl.startsWith('https:'),
    },
    // Tokens are bound to the session they were issued in (see core/auth/csrf.ts).
    getUserInfo: csrfBinding,
    csrfOpts: { hmacKey: csrfHmacKey(sessionSecret) },
  });
  registerInputGuard(app);
  registerCurrentUser(app, db);
  // After the cookie plugin's hooks (a page's cookies are known when it is kept), before compression.
  pageCache?.register(app, { secureCookies: config.publicUrl.startsWith('https:') });
  // Answers compressed as the client accepts (brotli, gzip); kept pages are compressed once, when kept.
  await app.register(fastifyCompress, { global: true, encodings: ['br', 'gzip'], brotliOptions: STREAMED_BROTLI });
  const publicOrigin = new URL(config.publicUrl).origin;
  // Every state-changing request comes from Kenes's own pages and carries the form's or header's
  // CSRF token. (A multipart upload is streamed, not parsed here: its route checks the token itself
  // from the form's first field, see core/files/upload.ts.)
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return done();
    if (fromAnotherSite(req, publicOrigin)) {
      return done(new HttpError(403, `cross-site ${req.method} from ${req.headers.origin}`, 'error.crossOrigin'));
    }
    // Only routes that say they check the token themselves (streamed uploads) skip this check.
    if (req.isMultipart() && (req.routeOptions.config as { csrfInHandler?: boolean } | undefined)?.csrfInHandler)
      return done();
    app.csrfProtection(req, reply, done);
  });
  await registerUploads(app);
  // Limits are opt-in per route (sign-in, forms); counters live in PostgreSQL (shared by all processes).
  await app.register(fastifyRateLimit, { global: false, store: postgresRateLimitStore(db) });
  // public/ under /assets/ and the stylesheet joined from its parts, cached for a year (content-hashed URLs).
  await registerAssets(app);

  registerErrorHandling(app);
  healthRoutes(app, db);
  metrics?.register(app);

  // Browsers ask for /favicon.ico whatever the page says.
  app.get('/favicon.ico', async (_req, reply) => reply.redirect(assetUrl('favicon.svg'), 301));

  app.get('/', async (req, reply) => {
    reply.header('vary', 'Cookie, Accept-Language');
    return reply.redirect(`/${preferredPrefix(req)}/`, 302);
  });

  // Each domain's routes, in the order of the one list (src/domains.ts), then the API's description.
  const accountDeleted = [
    ...DOMAINS.flatMap((d) => d.accountDeleted ?? []),
    noticesOnAccountDeleted,
    commentsOnAccountDeleted,
  ];
  const signIn = { oidc: config.oidc, passwordRoles: config.passwordSignInRoles ?? ROLES };
  // Every notification source: the notifications page lists them, server.ts's one mail job e-mails
  // them, the account's settings offer their kinds (a kind declared twice stops the app here).
  const notificationSources = [...DOMAINS.flatMap((d) => d.notifications ?? []), commentNotifications(comments)];
  const kinds = notificationKinds(notificationSources);
  for (const domain of DOMAINS)
    domain.routes?.(app, {
      publicUrl: config.publicUrl,
      accountDeleted,
      signIn,
      backupDir: config.backupDir,
      backupKeep: config.backupKeep,
      notificationKinds: kinds,
    });
  fileDownloadRoute(
    app,
    DOMAINS.flatMap((d) => d.files ?? []),
  );
  commentRoutes(app, comments);
  workRoutes(
    app,
    DOMAINS.flatMap((d) => d.work ?? []),
  );
  app.decorate('notificationSources', notificationSources);
  notificationRoutes(app, notificationSources);
  searchRoutes(
    app,
    DOMAINS.flatMap((d) => d.searchable ?? []),
    { publicUrl: config.publicUrl },
  );
  openApiRoutes(app, { publicUrl: config.publicUrl });
  openDataRoutes(
    app,
    DOMAINS.flatMap((d) => d.datasets ?? []),
    { publicUrl: config.publicUrl },
  );

  return app;
}
