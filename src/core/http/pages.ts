import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { csrfBinding } from '../auth/csrf.ts';
import { type Action, can } from '../auth/policy.ts';
import type { CurrentUser } from '../auth/user.ts';
import type { PageContext } from '../html/context.ts';
import { renderPage } from '../html/render.ts';
import { type I18n, i18nFor, MESSAGES, type MessageKey } from '../i18n/i18n.ts';
import { LANGS, type Lang } from '../i18n/locales.ts';
import { HttpError } from './http-error.ts';
import { editionOf, LANG_COOKIE, pathInLang } from './lang.ts';
import { isLatin } from './latin-edition.ts';
import { renderTurn } from './render-turn.ts';

const ONE_YEAR = 365 * 24 * 3600;

declare module 'fastify' {
  interface FastifyInstance {
    /** Whether people reach Kenes by https (PUBLIC_URL), whatever the proxy in front says: cookies are then Secure. */
    secureCookies: boolean;
  }
}

/** Secure when PUBLIC_URL is https (as the session cookie), or when the request itself came by https. */
const secureFor = (req: FastifyRequest) => req.server.secureCookies === true || req.protocol === 'https';

/** Remembers the language a visitor last read in, so that "/" sends them back to it. */
function rememberLang(req: FastifyRequest, reply: FastifyReply, lang: Lang) {
  const edition = editionOf(req, lang);
  if (!req.cookies || req.cookies[LANG_COOKIE] === edition) return;
  reply.setCookie(LANG_COOKIE, edition, {
    path: '/',
    maxAge: ONE_YEAR,
    sameSite: 'lax',
    httpOnly: true,
    secure: secureFor(req),
  });
}

const FLASH_COOKIE = 'kenes_flash';

/** Shows a message on the next page (after a 303 redirect), e.g. "Your account has been saved". */
export function flash(reply: FastifyReply, key: MessageKey, params: Record<string, string | number> = {}) {
  reply.setCookie(FLASH_COOKIE, JSON.stringify({ key, params }), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    signed: true,
    maxAge: 120,
    secure: secureFor(reply.request),
  });
}

function takeFlash(req: FastifyRequest, reply: FastifyReply, i18n: I18n): string | undefined {
  const raw = req.cookies?.[FLASH_COOKIE];
  if (!raw) return undefined;
  reply.clearCookie(FLASH_COOKIE, { path: '/' });
  const unsigned = reply.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return undefined;
  try {
    const { key, params } = JSON.parse(unsigned.value) as { key: string; params: Record<string, string | number> };
    return key in MESSAGES.en ? i18n.t(key as MessageKey, params) : undefined;
  } catch {
    return undefined;
  }
}

/** The page context of a request in a language. */
export function pageContext(req: FastifyRequest, reply: FastifyReply, lang: Lang): PageContext {
  const user = req.user ?? null;
  const i18n = i18nFor(lang);
  return {
    i18n,
    pathInLang: pathInLang(req.url),
    latin: isLatin(req),
    user,
    can: (action, thing) => can(user, action, thing),
    // Made when a view first asks for it (a form that posts): a page without one sets no cookie and
    // can be kept for every visitor (page-cache.ts). Malformed URLs are answered before any plugin
    // ran: no cookies, no CSRF, no user.
    get csrfToken() {
      const token =
        typeof reply.generateCsrf === 'function' && req.cookies
          ? reply.generateCsrf({ userInfo: csrfBinding(req) })
          : '';
      req.usesCsrf = true;
      Object.defineProperty(this, 'csrfToken', { value: token });
      return token;
    },
    flash: takeFlash(req, reply, i18n),
    feeds: req.server.feeds,
  };
}

/** Sends a rendered page in the context's language. */
export function sendPage(req: FastifyRequest, reply: FastifyReply, ctx: PageContext, page: VNode, status = 200) {
  rememberLang(req, reply, ctx.i18n.lang);
  // Pages can carry personal data and CSRF tokens: never cached by shared caches.
  reply.header('cache-control', req.user ? 'private, no-store' : 'no-cache');
  return reply.code(status).type('text/html; charset=utf-8').send(renderPage(page));
}

/** The signed-in user, or 401 (the error page offers to sign in). */
export function signedIn(user: CurrentUser | null): CurrentUser {
  if (!user) throw new HttpError(401);
  return user;
}

/**
 * Refuses what the policy refuses: 401 for a visitor (the error handler sends them to sign in and
 * back), 403 for a signed-in user.
 */
export function authorize(req: FastifyRequest, action: Action, thing?: unknown): void {
  if (can(req.user, action, thing)) return;
  throw new HttpError(req.user ? 403 : 401, `${req.user?.email ?? 'visitor'} may not ${action}`);
}

export type Handler<P, B = Record<string, unknown>> = (
  req: FastifyRequest<{ Params: P; Body: B; Querystring: Record<string, string | undefined> }>,
  reply: FastifyReply,
  ctx: PageContext,
) => Promise<VNode | FastifyReply>;

/**
 * Registers a route under each language prefix: `/kk${path}`, `/ru${path}`, `/en${path}`. The
 * handler gets the page context and returns either a view (sent as the page) or the reply it
 * already used (a redirect).
 */
export function langRoute<P = Record<string, string>, B = Record<string, unknown>>(
  app: FastifyInstance,
  method: 'GET' | 'POST',
  path: string,
  handler: Handler<P, B>,
  options: { rateLimit?: { max: number; timeWindow: number }; csrfInHandler?: boolean } = {},
) {
  for (const lang of LANGS) {
    app.route<{ Params: P; Body: B; Querystring: Record<string, string | undefined> }>({
      method,
      url: `/${lang}${path}`,
      config: {
        ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
        ...(options.csrfInHandler ? { csrfInHandler: true } : {}),
      },
      handler: async (req, reply) => {
        const ctx = pageContext(req, reply, lang);
        // The header's "My work (n)" for a signed-in person (one query, or none while kept, app.shared):
        // on a GET read beside the page's own queries; after a POST's change, once it is made.
        const { workCount } = req.server;
        const early = req.user && workCount && method === 'GET' ? workCount(req.user) : undefined;
        early?.catch(() => {});
        const result = await handler(req, reply, ctx);
        if (!reply.sent && req.user && workCount) ctx.workCount = await (early ?? workCount(req.user));
        // A reply is thenable: awaiting a handler that returned it (a redirect, a stream) resolves
        // once it is sent, with undefined rather than the reply itself.
        if (reply.sent) return reply;
        await renderTurn();
        return sendPage(req, reply, ctx, result as VNode, reply.statusCode);
      },
    });
  }
}

/** A GET page under each language prefix. */
export function getPage<P = Record<string, string>>(
  app: FastifyInstance,
  path: string,
  handler: (req: FastifyRequest<{ Params: P }>, ctx: PageContext) => Promise<VNode>,
) {
  langRoute<P>(app, 'GET', path, (req, _reply, ctx) => handler(req, ctx));
}

/** Where to go after signing in: only a path on this site, never another origin. */
export function safeNext(next: unknown, lang: Lang): string {
  if (typeof next === 'string' && /^\/(kk|kk-latn|ru|en)(\/[^\s\\]*)?$/.test(next) && !next.startsWith('//'))
    return next;
  return `/${lang}/`;
}
