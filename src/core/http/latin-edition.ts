import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LANG_NATIVE_NAMES, type Lang } from '../i18n/locales.ts';
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
/** The edition's name, in the language switcher and in an account's choice of language. */
export const LATIN_NAME = 'Qazaqşa';

/** A language as a reader chooses it: Kazakh (Cyrillic), Kazakh in the Latin script, Russian, English. */
export type Edition = Lang | typeof LATIN_PREFIX;
export const EDITIONS = ['kk', LATIN_PREFIX, 'ru', 'en'] as const satisfies readonly Edition[];

/** A user's language and script (users.locale, users.latin_script) as an edition, and back. */
export function editionOfLocale(locale: Lang, latinScript: boolean): Edition {
  return locale === 'kk' && latinScript ? LATIN_PREFIX : locale;
}
export function localeOfEdition(edition: Edition): { locale: Lang; latinScript: boolean } {
  return edition === LATIN_PREFIX ? { locale: 'kk', latinScript: true } : { locale: edition, latinScript: false };
}

/** The choice of an edition (a select's options), each name in its own language and script. */
export function editionOptions(): { value: Edition; label: string; lang: string }[] {
  return EDITIONS.map((e) =>
    e === LATIN_PREFIX
      ? { value: e, label: LATIN_NAME, lang: 'kk-Latn' }
      : { value: e, label: LANG_NATIVE_NAMES[e], lang: e === 'kk' ? 'kk-Cyrl' : e },
  );
}
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
    const lang = /\s(?:xml:)?lang="([^"]*)"/i.exec(rest ?? '')?.[1];
    const latin = lang === undefined ? parent.latin : kazakhLang(lang);
    // The language switcher's link to the Cyrillic edition (hreflang="kk") stays there.
    let open = /\shreflang="kk"/i.test(rest ?? '') ? whole : whole.replace(LINK, `$1$2/${LATIN_PREFIX}`);
    if (latin) {
      open = open.replace(TEXT_ATTRIBUTES, (_a, start: string, value: string) => `${start}${toLatin(value)}"`);
      open = open.replace(/(\s(?:xml:)?lang=")kk(")/i, '$1kk-Latn$2');
    }
    out += open;
    if (!VOID.has(tag) && !(rest ?? '').trimEnd().endsWith('/')) {
      stack.push({ tag, latin, raw: parent.raw || RAW.has(tag) });
    }
  }
  return out;
}

// An absolute address of the Kazakh edition in plain text (an e-mail, a calendar, an Atom id).
const ABSOLUTE = /(https?:\/\/[^\s/<>"\\]+)\/kk(?=[/?#<"\\\s]|$)/g;

/**
 * A plain text of the Kazakh edition (an e-mail, a calendar entry) in the Latin edition: every
 * Cyrillic letter transliterated — plain text cannot mark what is in another language, so a Russian
 * fallback is transliterated too — and every address of the Kazakh edition moved to /kk-latn/.
 */
export function latinText(text: string): string {
  return toLatin(text).replace(ABSOLUTE, `$1/${LATIN_PREFIX}`);
}

/**
 * An iCalendar text (RFC 5545) in the Latin edition: its content lines unfolded, transliterated with
 * their addresses, and folded again at 75 octets without splitting a character.
 */
export function latinCalendar(ics: string): string {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  return lines.map((line) => foldLine(latinText(line))).join('\r\n');
}

function foldLine(line: string): string {
  if (Buffer.byteLength(line) <= 75) return line;
  let out = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (octets + size > 75) {
      out += '\r\n ';
      octets = 1;
    }
    out += ch;
    octets += size;
  }
  return out;
}

// What the Latin edition transliterates, by the response's type; other responses are left as they are.
const TRANSLITERATED: [string, (text: string) => string][] = [
  ['text/html', latinDocument],
  ['application/atom+xml', (xml) => latinDocument(xml).replace(ABSOLUTE, `$1/${LATIN_PREFIX}`)],
  ['text/calendar', latinCalendar],
];

/** Rewrites the responses of the Latin edition: the document (page, feed, calendar), and where a redirect goes. */
export function registerLatinEdition(app: FastifyInstance) {
  app.addHook('onSend', async (req, reply, payload) => {
    if (!isLatin(req)) return payload;
    const location = reply.getHeader('location');
    if (typeof location === 'string')
      reply.header('location', location.replace(/^\/kk(?=[/?#]|$)/, `/${LATIN_PREFIX}`));
    const type = String(reply.getHeader('content-type') ?? '');
    const transliterate = TRANSLITERATED.find(([prefix]) => type.startsWith(prefix))?.[1];
    const text =
      typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : undefined;
    if (!transliterate || text === undefined) return payload;
    reply.removeHeader('content-length');
    return transliterate(text);
  });
}
