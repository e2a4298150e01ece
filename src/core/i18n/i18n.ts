import type { Lang } from './locales.ts';
import { en } from './messages/en.ts';
import { kk } from './messages/kk.ts';
import { ru } from './messages/ru.ts';
import { type Picked, pick, type Translated } from './translated.ts';

export type PluralForms = { one: string; other: string; few?: string; many?: string; two?: string; zero?: string };
export type Message = string | PluralForms;
export type MessageKey = keyof typeof en;
/** Every language must define every key that English defines. */
export type Messages = Record<MessageKey, Message>;

export const MESSAGES: Record<Lang, Messages> = { kk, ru, en };

type Params = Record<string, string | number>;

/** The language's interface text and Intl formatting, for one request. */
export interface I18n {
  lang: Lang;
  /** The message for `key`; a plural message needs `count` among the params. */
  t(key: MessageKey, params?: Params): string;
  /** A user-written text in this language, or in a fallback language (then `fallback` is true). */
  pick(value: Translated | null | undefined): Picked | undefined;
  number(value: number): string;
  /** A calendar date ('2026-11-29' or a Date), e.g. "29 November 2026". */
  date(value: Date | string): string;
  /** Date and time in the given IANA time zone, e.g. "29 November 2026, 10:00". */
  dateTime(value: Date, timeZone: string): string;
  /** A list joined the way the language joins lists ("a, b and c"). */
  list(items: string[]): string;
}

const cache = new Map<Lang, I18n>();

/** Returns the (cached, immutable) i18n of a language. */
export function i18nFor(lang: Lang): I18n {
  const found = cache.get(lang);
  if (found) return found;
  const messages = MESSAGES[lang];
  const plural = new Intl.PluralRules(lang);
  const numberFormat = new Intl.NumberFormat(lang);
  const dateFormat = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
  const listFormat = new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' });
  const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
  const i18n: I18n = {
    lang,
    t(key, params = {}) {
      const message = messages[key];
      let text: string;
      if (typeof message === 'string') {
        text = message;
      } else {
        const count = Number(params.count ?? 0);
        const form = plural.select(count) as keyof PluralForms;
        text = message[form] ?? message.other;
      }
      return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
        const v = params[name];
        if (v === undefined) return whole;
        return typeof v === 'number' ? numberFormat.format(v) : v;
      });
    },
    pick: (value) => pick(value, lang),
    number: (value) => numberFormat.format(value),
    date(value) {
      const d = typeof value === 'string' ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : value;
      return dateFormat.format(d);
    },
    dateTime(value, timeZone) {
      let f = dateTimeFormats.get(timeZone);
      if (!f) {
        f = new Intl.DateTimeFormat(lang, {
          year: 'numeric',
          month: 'long',
          day: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
          timeZone,
          timeZoneName: 'shortOffset',
        });
        dateTimeFormats.set(timeZone, f);
      }
      return f.format(value);
    },
    list: (items) => listFormat.format(items),
  };
  cache.set(lang, i18n);
  return i18n;
}
