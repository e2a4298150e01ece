import type { Lang } from '../core/i18n/locales.ts';

/*
 * States are stored as ISO 3166-1 alpha-2 codes; their names in each language come from the ICU data
 * Node ships (Intl.DisplayNames), so no table of country names has to be kept or translated.
 */

const displayNames = new Map<Lang, { of(code: string): string }>();

/** The State's name in `lang` ("Казахстан" for KZ in Russian); the code itself if ICU lacks it. */
export function stateName(code: string, lang: Lang): string {
  let names = displayNames.get(lang);
  if (!names) {
    const intl = new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' });
    // A name once asked for is kept (at most one per region code, ~250): a CSV of 100,000 rows asks 100,000 times.
    const known = new Map<string, string>();
    names = {
      of: (c: string) => {
        let name = known.get(c);
        if (name === undefined) {
          name = intl.of(c) ?? c;
          if (known.size < 1000) known.set(c, name);
        }
        return name;
      },
    };
    displayNames.set(lang, names);
  }
  return names.of(code) ?? code;
}
