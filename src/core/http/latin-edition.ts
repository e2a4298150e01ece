import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { toLatin } from '../search/kazakh.ts';

/*
 * The Latin-script Kazakh edition (decision 0018): /kk-latn/… is /kk/… with every Kazakh text — the
 * interface and the content — transliterated to the 2021 Latin alphabet on the way out, and every
 * link, form and redirect kept in the edition. The request is served by the Kazakh routes (the URL is
 * rewritten before routing); the response is transliterated after rendering, so no view needs to know.
 * Text marked as another language (lang="ru", lang="en", lang="kk-Cyrl") and what users are typing
 * (textarea, input values) are left as they are.
 */

export const LATIN_PREFIX = 'kk-latn';
const LATIN = Symbol('kenes.latinEdition');
type Marked = IncomingMessage & { [LATIN]?: boolean };

/** Fastify's rewriteUrl: /kk-latn/… is served by the /kk/… routes, the request marked. */
export function rewriteLatinUrl(raw: IncomingMessage): string {
  const url = raw.url ?? '/';
  const m = /^\/kk-latn(?=[/?#]|$)/i.exec(url);
  if (!m) return url;
  (raw as Marked)[LATIN] = true;
  return `/kk${url.slice(m[0].length)}`;
}

/** Whether the request is for the Latin edition. */
export function isLatin(req: FastifyRequest): boolean {
  return (req.raw as Marked)[LATIN] === true;
}

// Links and forms that stay in the edition: site paths in /kk, and absolute URLs (feeds) to them.
const LINK = /(\s(?:href|action|src|formaction)=")((?:https?:\/\/[^/"]*)?)\/kk(?=[/?#"])/gi;
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
const RAW = new Set(['script', 'style', 'textarea']);
const TEXT_ATTRIBUTES = /(\s(?:title|alt|aria-label|placeholder|content|label)=")([^"]*)"/gi;
const TOKEN = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)([^>]*)>|[^<]+|</g;

function kazakhLang(lang: string): boolean {
  return /^kk(-latn)?$/i.test(lang);
}

/** An HTML or XML document of the Kazakh edition, in the Latin edition. */
export function latinDocument(markup: string): string {
  const stack: { tag: string; latin: boolean; raw: boolean }[] = [];
  const here = () => stack.at(-1) ?? { tag: '', latin: true, raw: false };
  let out = '';
  for (const m of markup.matchAll(TOKEN)) {
    const [whole, closing, name, rest] = m;
    if (name === undefined) {
      const top = here();
      out += top.latin && !top.raw && !whole.startsWith('<!--') ? toLatin(whole) : whole;
      continue;
    }
    const tag = name.toLowerCase();
    if (closing) {
      const at = stack.map((s) => s.tag).lastIndexOf(tag);
      if (at >= 0) stack.length = at;
      out += whole;
      continue;
    }
    const parent = here();
    const lang = /\slang="([^"]*)"/i.exec(rest ?? '')?.[1];
    const latin = lang === undefined ? parent.latin : kazakhLang(lang);
    // The language switcher's link to the Cyrillic edition (hreflang="kk") stays there.
    let open = /\shreflang="kk"/i.test(rest ?? '') ? whole : whole.replace(LINK, `$1$2/${LATIN_PREFIX}`);
    if (latin) {
      open = open.replace(TEXT_ATTRIBUTES, (_a, start: string, value: string) => `${start}${toLatin(value)}"`);
      open = open.replace(/(\slang=")kk(")/i, '$1kk-Latn$2');
    }
    out += open;
    if (!VOID.has(tag) && !(rest ?? '').trimEnd().endsWith('/')) {
      stack.push({ tag, latin, raw: parent.raw || RAW.has(tag) });
    }
  }
  return out;
}

/** Rewrites the responses of the Latin edition: the document, and where a redirect goes. */
export function registerLatinEdition(app: FastifyInstance) {
  app.addHook('onSend', async (req, reply, payload) => {
    if (!isLatin(req)) return payload;
    const location = reply.getHeader('location');
    if (typeof location === 'string')
      reply.header('location', location.replace(/^\/kk(?=[/?#]|$)/, `/${LATIN_PREFIX}`));
    const type = String(reply.getHeader('content-type') ?? '');
    if (!/^(text\/html|application\/atom\+xml)/.test(type)) return payload;
    const text =
      typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : undefined;
    if (text === undefined) return payload;
    reply.removeHeader('content-length');
    return latinDocument(text);
  });
}
