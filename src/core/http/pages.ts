import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { PageContext } from '../html/context.ts';
import { renderPage } from '../html/render.ts';
import { i18nFor } from '../i18n/i18n.ts';
import { LANGS, type Lang } from '../i18n/locales.ts';
import { LANG_COOKIE, pathInLang } from './lang.ts';

const ONE_YEAR = 365 * 24 * 3600;

/** Remembers the language a visitor last read in, so that "/" sends them back to it. */
function rememberLang(req: FastifyRequest, reply: FastifyReply, lang: Lang) {
  if (req.cookies[LANG_COOKIE] === lang) return;
  reply.setCookie(LANG_COOKIE, lang, {
    path: '/',
    maxAge: ONE_YEAR,
    sameSite: 'lax',
    httpOnly: true,
    secure: req.protocol === 'https',
  });
}

/** Sends a rendered page in the context's language. */
export function sendPage(req: FastifyRequest, reply: FastifyReply, ctx: PageContext, page: VNode, status = 200) {
  rememberLang(req, reply, ctx.i18n.lang);
  return reply.code(status).type('text/html; charset=utf-8').send(renderPage(page));
}

/**
 * Registers a GET page under each language prefix: `/kk${path}`, `/ru${path}`, `/en${path}`.
 * The handler gets the page context and returns the view to render.
 */
export function getPage<Params = Record<string, string>>(
  app: FastifyInstance,
  path: string,
  handler: (req: FastifyRequest<{ Params: Params }>, ctx: PageContext) => Promise<VNode>,
) {
  for (const lang of LANGS) {
    app.get<{ Params: Params }>(`/${lang}${path}`, async (req, reply) => {
      const ctx: PageContext = { i18n: i18nFor(lang), pathInLang: pathInLang(req.url) };
      return sendPage(req, reply, ctx, await handler(req, ctx));
    });
  }
}
