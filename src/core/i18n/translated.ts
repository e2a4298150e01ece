import { LANGS, type Lang } from './locales.ts';

/** Text that users write, stored per language (a jsonb column); any language may be missing. */
export type Translated = Partial<Record<Lang, string>>;

/**
 * Where a text is missing in the reader's language, the first available of these is shown instead,
 * marked "not translated". Russian is the language most readers of Kazakh also read; readers of
 * Russian and English are more likely to read each other's language than Kazakh.
 */
const FALLBACK: Record<Lang, readonly Lang[]> = {
  kk: ['ru', 'en'],
  ru: ['en', 'kk'],
  en: ['ru', 'kk'],
};

/** The languages pick tries, in order, for a reader of each language (made once: pick runs dozens of times a page). */
const ORDER: Record<Lang, readonly Lang[]> = {
  kk: ['kk', ...FALLBACK.kk],
  ru: ['ru', ...FALLBACK.ru],
  en: ['en', ...FALLBACK.en],
};
const NOT_BLANK = /\S/;

export interface Picked {
  text: string;
  /** The language the text is actually in (for the lang attribute). */
  lang: Lang;
  /** True when the text is not in the requested language. */
  fallback: boolean;
}

/** Chooses the text to show a reader of `lang`; blank translations count as missing. */
export function pick(value: Translated | null | undefined, lang: Lang): Picked | undefined {
  if (!value) return undefined;
  for (const candidate of ORDER[lang]) {
    const text = value[candidate];
    // /\S/ is what trim() keeps (the same whitespace and line terminators), without copying the text.
    if (typeof text === 'string' && NOT_BLANK.test(text))
      return { text, lang: candidate, fallback: candidate !== lang };
  }
  return undefined;
}

/** Builds a Translated value from form fields, dropping blank languages. */
export function translated(fields: Partial<Record<Lang, string | undefined>>): Translated {
  const out: Translated = {};
  for (const l of LANGS) {
    const v = fields[l]?.trim();
    if (v) out[l] = v;
  }
  return out;
}
