import type { chartMessages } from '../charts/messages.ts';
import type { commentMessages } from '../comments/messages.ts';
import { BODY_TIME_ZONE } from '../dates.ts';
import type { designMessages } from '../design/messages.ts';
import type { noticeMessages } from '../notifications/messages.ts';
import type { openDataMessages } from '../open-data/messages.ts';
import type { searchMessages } from '../search/messages.ts';
import type { workMessages } from '../work/messages.ts';
import { dateTimeFormat } from './formats.ts';
import type { Lang } from './locales.ts';
import { en } from './messages/en.ts';
import { kk } from './messages/kk.ts';
import { ru } from './messages/ru.ts';
import { type Picked, pick, type Translated } from './translated.ts';

export type PluralForms = { one: string; other: string; few?: string; many?: string; two?: string; zero?: string };
export type Message = string | PluralForms;
/**
 * The message keys of the domains. Each domain adds its own by augmenting this interface from its
 * messages/index.ts (`declare module '…/core/i18n/i18n.ts' { interface DomainMessages extends Keys {} }`),
 * so core knows every key's name without importing a domain; the texts arrive by registerMessages.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging, one domain at a time
export interface DomainMessages {}
/** core's own keys (site, navigation, errors, forms, accounts, organisations, administration). */
export type CoreMessageKey = keyof typeof en;
/**
 * The keys of core's features that keep their texts beside them (charts, comments, the design page,
 * notifications' e-mail, open data, search, "My work"); core knows them directly (type imports only),
 * and src/domains.ts registers their texts.
 */
type FeatureCatalogues =
  | typeof chartMessages
  | typeof commentMessages
  | typeof designMessages
  | typeof noticeMessages
  | typeof openDataMessages
  | typeof searchMessages
  | typeof workMessages;
/** The keys of the English texts of each catalogue in a union of them. */
type EnglishKeys<C> = C extends { en: infer E } ? keyof E : never;
export type MessageKey = CoreMessageKey | EnglishKeys<FeatureCatalogues> | keyof DomainMessages;
/** core's texts in one language: every language must define every key that English defines. */
export type CoreMessages = Record<CoreMessageKey, Message>;
export type Messages = Record<MessageKey, Message>;
/** A domain's texts in the three languages (each file is typed by its English keys). */
export type Catalogue = Record<Lang, Record<string, Message>>;

/** Every language's texts: core's, then each registered domain's (registerMessages). */
export const MESSAGES = { kk: { ...kk }, ru: { ...ru }, en: { ...en } } as Record<Lang, Messages>;

/**
 * Adds a domain's texts (src/domains.ts calls it for each domain as the app is assembled). A key may
 * not be registered twice with different texts: two domains would then fight over it.
 */
export function registerMessages(catalogue: Catalogue): void {
  for (const lang of Object.keys(MESSAGES) as Lang[]) {
    const into = MESSAGES[lang] as Record<string, Message>;
    for (const [key, message] of Object.entries(catalogue[lang])) {
      if (key in into && into[key] !== message) throw new Error(`message ${key} (${lang}) is registered twice`);
      into[key] = message;
    }
  }
}

type Params = Record<string, string | number>;

/** The language's interface text and Intl formatting, for one request. */
export interface I18n {
  lang: Lang;
  /** The message for `key`; a plural message needs `count` among the params. */
  t(key: MessageKey, params?: Params): string;
  /** A user-written text in this language, or in a fallback language (then `fallback` is true). */
  pick(value: Translated | null | undefined): Picked | undefined;
  number(value: number): string;
  /**
   * A calendar date, e.g. "29 November 2026": a 'YYYY-MM-DD' as it is, an instant (a Date) on its day
   * in the body's time zone, so that a date and a date-time of one moment agree on the page.
   */
  date(value: Date | string): string;
  /**
   * Date and time in the given IANA time zone, e.g. "29 November 2026, 10:00"; a zone other than the
   * body's (which every page states once, in its footer) is named after the time ("… 10:00 GMT+1");
   * `named` names any zone, for what leaves the page (e-mails, PDFs).
   */
  dateTime(value: Date, timeZone: string, opts?: { named?: boolean }): string;
  /** A list joined the way the language joins lists ("a, b and c"). */
  list(items: string[]): string;
}

const cache = new Map<Lang, I18n>();

/** At most this many formatted dates (or lists) are kept per language; then they are forgotten all at once. */
const MAX_KEPT_DATES = 5_000;

/**
 * Dates and lists as formatted, by what they were made from (a day, an instant with its zone, the
 * items): formatting costs 4–12 µs, and a page of cards, a timeline, a table of stages or the tracker's
 * rows formats dozens, the same on every request.
 */
function keptTexts() {
  const kept = new Map<string | number, string>();
  return {
    get(key: string | number, make: () => string): string {
      let text = kept.get(key);
      if (text === undefined) {
        text = make();
        if (kept.size >= MAX_KEPT_DATES) kept.clear();
        kept.set(key, text);
      }
      return text;
    },
  };
}

/** Returns the (cached, immutable) i18n of a language. */
export function i18nFor(lang: Lang): I18n {
  const found = cache.get(lang);
  if (found) return found;
  const messages = MESSAGES[lang];
  const plural = new Intl.PluralRules(lang);
  const numberFormat = new Intl.NumberFormat(lang);
  const dateFormat = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
  const instantFormat = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: BODY_TIME_ZONE });
  const listFormat = new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' });
  const dates = keptTexts();
  const lists = keptTexts();
  const i18n: I18n = {
    lang,
    t(key, params = {}) {
      const message = messages[key];
      if (message === undefined)
        throw new Error(`no message ${key} in ${lang}: is its domain registered (src/domains.ts)?`);
      let text: string;
      if (typeof message === 'string') {
        text = message;
      } else {
        const count = Number(params.count ?? 0);
        const form = plural.select(count) as keyof PluralForms;
        text = message[form] ?? message.other;
      }
      // Most texts have no placeholder: no scan with the pattern, no new string (every page asks for dozens).
      if (!text.includes('{')) return text;
      return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
        const v = params[name];
        if (v === undefined) return whole;
        return typeof v === 'number' ? numberFormat.format(v) : v;
      });
    },
    pick: (value) => pick(value, lang),
    number: (value) => numberFormat.format(value),
    date(value) {
      if (typeof value !== 'string') return dates.get(value.getTime(), () => instantFormat.format(value));
      const day = value.slice(0, 10);
      return dates.get(day, () => dateFormat.format(new Date(`${day}T00:00:00Z`)));
    },
    dateTime(value, timeZone, opts = {}) {
      const named = opts.named || timeZone !== BODY_TIME_ZONE;
      return dates.get(`${value.getTime()} ${timeZone} ${named}`, () =>
        dateTimeFormat(lang, {
          year: 'numeric',
          month: 'long',
          day: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
          timeZone,
          ...(named ? { timeZoneName: 'shortOffset' as const } : {}),
        }).format(value),
      );
    },
    // An unambiguous key (JSON), as a list's items may hold any character.
    list: (items) => lists.get(JSON.stringify(items), () => listFormat.format(items)),
  };
  cache.set(lang, i18n);
  return i18n;
}
