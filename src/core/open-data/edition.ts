import { type Edition, LATIN_PREFIX } from '../http/latin-edition.ts';
import { type I18n, i18nFor } from '../i18n/i18n.ts';
import { toLatin } from '../search/kazakh.ts';

/*
 * The edition a file is written for (decision 0028): kk, ru, en, or the Latin-script Kazakh edition
 * (/kk-latn/, decision 0018). A page of the Latin edition is transliterated after rendering; a file
 * is streamed, so its cells are written in the Latin script as they are made: the files' i18n gives
 * every label, every title and description and every Kazakh text in the 2021 Latin alphabet. Codes,
 * ids, dates and numbers stay as they are; a text shown in its Russian or English fallback stays as
 * written (the pages mark it lang="ru" and leave it, a file cannot mark it).
 */

const LATIN_I18N = new WeakSet<I18n>();
let latin: I18n | undefined;

/** The Latin edition's i18n: Kazakh's, its texts transliterated. */
function latinI18n(): I18n {
  if (latin) return latin;
  const kk = i18nFor('kk');
  latin = {
    ...kk,
    t: (key, params) => toLatin(kk.t(key, params)),
    pick(value) {
      const picked = kk.pick(value);
      return picked?.lang === 'kk' ? { ...picked, text: toLatin(picked.text) } : picked;
    },
    date: (value) => toLatin(kk.date(value)),
    dateTime: (value, timeZone, opts) => toLatin(kk.dateTime(value, timeZone, opts)),
    // The conjunction transliterated, the items as they were given (already in the file's script).
    list: (items) =>
      toLatin(kk.list(items.map((_, i) => `\uE000${i}\uE000`))).replace(
        /\uE000(\d+)\uE000/g,
        (_m, i: string) => items[Number(i)] as string,
      ),
  };
  LATIN_I18N.add(latin);
  return latin;
}

/** The edition a request of the files asks for: its language, or the Latin edition. */
export function editionOf(i18n: I18n, isLatin: boolean | undefined): Edition {
  return isLatin && i18n.lang === 'kk' ? LATIN_PREFIX : i18n.lang;
}

/** The i18n the files of an edition are written with. */
export function filesI18n(edition: Edition): I18n {
  return edition === LATIN_PREFIX ? latinI18n() : i18nFor(edition);
}

/** The edition an i18n of `filesI18n` writes: the prefix of the site's addresses in its files. */
export function editionPrefix(i18n: I18n): Edition {
  return LATIN_I18N.has(i18n) ? LATIN_PREFIX : i18n.lang;
}

/** The language of a file of this i18n as a BCP 47 tag: kk, kk-Latn, ru, en. */
export function languageTag(i18n: I18n): string {
  return LATIN_I18N.has(i18n) ? 'kk-Latn' : i18n.lang;
}
