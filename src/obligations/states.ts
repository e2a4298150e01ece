import type { Lang } from '../core/i18n/locales.ts';

/*
 * States are stored as ISO 3166-1 alpha-2 codes; their names in each language come from the ICU data
 * Node ships (Intl.DisplayNames), so no table of country names has to be kept or translated.
 */

const displayNames = new Map<Lang, Intl.DisplayNames>();

/** The State's name in `lang` ("Казахстан" for KZ in Russian); the code itself if ICU lacks it. */
export function stateName(code: string, lang: Lang): string {
  let names = displayNames.get(lang);
  if (!names) {
    names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' });
    displayNames.set(lang, names);
  }
  return names.of(code) ?? code;
}
