import type { FastifyRequest } from 'fastify';
import { DEFAULT_LANG, isLang, type Lang, negotiateLang } from '../i18n/locales.ts';
import { isLatin, LATIN_PREFIX } from './latin-edition.ts';

export const LANG_COOKIE = 'lang';

/** The language a request is in: from its /kk|ru|en/ prefix, else the cookie, else Accept-Language, else Kazakh. */
export function requestLang(req: FastifyRequest): Lang {
  return langFromPath(req.url) ?? preferredLang(req);
}

/** The language a visitor prefers when the URL does not say: cookie, then Accept-Language, then Kazakh. */
export function preferredLang(req: FastifyRequest): Lang {
  const cookie = req.cookies?.[LANG_COOKIE];
  if (isLang(cookie)) return cookie;
  if (cookie === LATIN_PREFIX) return 'kk';
  return negotiateLang(req.headers['accept-language']) ?? DEFAULT_LANG;
}

/**
 * The language of an API answer (its errors): what Accept-Language asks for, else English — a
 * harvester asks nothing and shares no cookie, and the API's own texts (the document) are English.
 */
export function apiLang(req: FastifyRequest): Lang {
  return negotiateLang(req.headers['accept-language']) ?? 'en';
}

export function langFromPath(url: string): Lang | undefined {
  const first = url.split(/[/?#]/, 2)[1];
  return isLang(first) ? first : undefined;
}

/** The path after the language prefix, with the query string: "/kk/organisations?a=1" → "/organisations?a=1". */
export function pathInLang(url: string): string {
  const lang = langFromPath(url);
  const rest = lang ? url.slice(lang.length + 1) : url;
  return rest === '' || rest.startsWith('?') ? `/${rest}` : rest;
}

/** The prefix of the edition a visitor prefers: a language, or the Latin-script Kazakh edition. */
export function preferredPrefix(req: FastifyRequest): string {
  return req.cookies?.[LANG_COOKIE] === LATIN_PREFIX ? LATIN_PREFIX : preferredLang(req);
}

/** What the language cookie remembers for this request's edition. */
export function editionOf(req: FastifyRequest, lang: Lang): string {
  return lang === 'kk' && isLatin(req) ? LATIN_PREFIX : lang;
}
