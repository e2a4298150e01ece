import { createRequire } from 'node:module';

/*
 * State names → ISO 3166-1 alpha-2 codes, for imports (issue 17, decision 0026). Every name is
 * recognised as these sources write it, all loaded only when an import first needs them:
 *
 * - the package i18n-iso-countries (MIT): ISO 3166-1 alpha-2, alpha-3 and numeric codes (the
 *   numeric code is the UN's M49 code of a country) and ISO's English, Russian and Kazakh names
 *   with their alternatives ("Korea, Republic of", "Moldova, Republic of");
 * - the package world-countries (ODbL 1.0, "Made with Natural Earth" — data by Mohammed Le Doze):
 *   official names ("Plurinational State of Bolivia"), alternative spellings and former names
 *   (Swaziland, the former Yugoslav Republic of Macedonia), the Russian official and common names;
 * - the names ICU gives in en, ru and kk (the same Intl.DisplayNames that states.ts shows names with);
 * - below, the names none of them has: the UN's own short names in English and Russian where they
 *   differ, the styles of the Universal Human Rights Index and UPR Info ("DPR Korea", "Republic of
 *   Congo"), former names and the Kazakh official names. They decide a name two sources give to two
 *   different States ("Congo"), which is otherwise not recognised rather than guessed;
 * - names a person mapped to a State in an import's preview (the table state_name_aliases, read by
 *   the import: cells.ts stateOf).
 *
 * Matching ignores case, accents, punctuation and the word "the", reads "&" as "and", "St" as
 * "Saint", "DPR" as "Democratic People's Republic", "PDR" as "People's Democratic Republic", "FYR"
 * as "former Yugoslav Republic", and reads "Korea, Republic of" and "Korea (Republic of)" as
 * "Republic of Korea".
 */

const require = createRequire(import.meta.url);

/** The user-assigned code the UN's indexes use for Kosovo (not in ISO 3166-1). */
const KOSOVO = { alpha2: 'XK', alpha3: 'XKX' };

// The names the sources above lack or give to two States: the UN's, UPR Info's, former and Kazakh names, by code.
const ALIASES: Record<string, string[]> = {
  UY: ['Eastern Republic of Uruguay', 'Oriental Republic of Uruguay', 'Восточная Республика Уругвай'],
  KM: ['Коморские Острова', 'Союз Коморских Островов', 'Комор аралдары'],
  MV: ['Мальдивские Острова', 'Мальдив аралдары'],
  ZA: ['Южная Африка', 'Южно-Африканская Республика', 'Оңтүстік Африка Республикасы'],
  VC: ['Сент-Винсент және Гренадин', 'Сент-Винсент және Гренадиндер'],
  SC: ['Сейшел аралдары', 'Сейшельские Острова'],
  BO: [
    'Bolivia (Plurinational State of)',
    'Plurinational State of Bolivia',
    'Боливия (Многонациональное Государство)',
    'Многонациональное Государство Боливия',
  ],
  BN: ['Brunei Darussalam', 'Бруней-Даруссалам'],
  BS: ['The Bahamas'],
  BY: ['Белоруссия', 'Республика Беларусь', 'Republic of Belarus'],
  CD: [
    'Democratic Republic of the Congo',
    'Congo (Kinshasa)',
    'DR Congo',
    'Congo, Democratic Republic of the',
    'Демократическая Республика Конго',
  ],
  CG: ['Congo', 'Republic of the Congo', 'Congo, Republic of the', 'Congo (Brazzaville)', 'Конго', 'Республика Конго'],
  XK: ['Kosovo', 'Косово'],
  CI: ["Côte d'Ivoire", 'Cote dIvoire', 'Ivory Coast', "Кот-д'Ивуар"],
  CV: ['Cabo Verde', 'Кабо-Верде'],
  CZ: ['Czech Republic', 'Чешская Республика'],
  FM: ['Micronesia (Federated States of)', 'Federated States of Micronesia', 'Микронезия (Федеративные Штаты)'],
  GB: [
    'United Kingdom of Great Britain and Northern Ireland',
    'United Kingdom',
    'Great Britain',
    'UK',
    'Соединенное Королевство Великобритании и Северной Ирландии',
    'Соединенное Королевство',
    'Великобритания',
  ],
  GM: ['The Gambia', 'Gambia (Republic of The)'],
  IR: [
    'Iran (Islamic Republic of)',
    'Islamic Republic of Iran',
    'Iran, Islamic Republic of',
    'Иран (Исламская Республика)',
    'Исламская Республика Иран',
  ],
  KG: ['Kyrgyz Republic', 'Киргизия', 'Кыргызстан'],
  KP: [
    "Democratic People's Republic of Korea",
    'DPR Korea',
    'DPRK',
    "Korea, Democratic People's Republic of",
    'Корейская Народно-Демократическая Республика',
  ],
  KR: ['Republic of Korea', 'Korea, Republic of', 'Республика Корея'],
  KZ: ['Republic of Kazakhstan', 'Республика Казахстан', 'Қазақстан Республикасы'],
  LA: ["Lao People's Democratic Republic", 'Lao PDR', 'Лаосская Народно-Демократическая Республика'],
  LY: ['Libyan Arab Jamahiriya'],
  MD: ['Republic of Moldova', 'Moldova, Republic of', 'Республика Молдова', 'Молдавия'],
  MK: ['The former Yugoslav Republic of Macedonia', 'Северная Македония'],
  MM: ['Burma', 'Мьянма'],
  NL: ['Netherlands (Kingdom of the)', 'Kingdom of the Netherlands', 'Нидерланды (Королевство)'],
  PS: ['State of Palestine', 'Palestine', 'Государство Палестина', 'Палестина'],
  RU: ['Russian Federation', 'Российская Федерация', 'Ресей Федерациясы'],
  SK: ['Slovak Republic'],
  ST: ['Sao Tome and Principe'],
  SY: ['Syrian Arab Republic', 'Сирийская Арабская Республика'],
  SZ: ['Swaziland', 'Эсватини', 'Свазиленд'],
  TL: ['East Timor', 'Тимор-Лешти'],
  TR: ['Türkiye', 'Turkey', 'Тюркийе', 'Турция'],
  TZ: ['United Republic of Tanzania', 'Tanzania, United Republic of', 'Объединенная Республика Танзания'],
  US: ['United States of America', 'USA', 'Соединенные Штаты Америки', 'США'],
  VA: ['Holy See', 'Vatican', 'Святейший Престол', 'Ватикан'],
  VE: [
    'Venezuela (Bolivarian Republic of)',
    'Bolivarian Republic of Venezuela',
    'Венесуэла (Боливарианская Республика)',
    'Боливарианская Республика Венесуэла',
  ],
  VN: ['Viet Nam', 'Вьетнам'],
};

/** A name reduced to what matching compares: "Côte d’Ivoire" and "cote d'ivoire" both give "cotedivoire". */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/&/g, ' and ')
    .replace(/\bst\.?\s/g, 'saint ')
    .replace(/\bthe\b/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

const ABBREVIATIONS: [RegExp, string][] = [
  // "DPR Korea" is the Democratic People's Republic *of* Korea; "Lao PDR" needs no "of".
  [/\bdpr\b\.?\s+(?!of\b)/gi, "democratic people's republic of "],
  [/\bdpr\b\.?/gi, "democratic people's republic"],
  [/\bpdr\b\.?/gi, "people's democratic republic"],
  [/\bfyr\b\.?\s+(?!of\b)/gi, 'former yugoslav republic of '],
  [/\bfyr\b\.?/gi, 'former yugoslav republic'],
  [/\bdem\.\s*/gi, 'democratic '],
  [/\brep\.\s*(?=\p{L})(?!of\b)/giu, 'republic of '],
  [/\brep\.\s*/gi, 'republic '],
  [/\bfed\.\s*/gi, 'federated '],
  [/\bis\.\s*/gi, 'islands '],
];

/** The ways a name may be read: as it is, with abbreviations spelt out, and "X, Y of" or "X (Y of)" turned round. */
function readings(name: string): string[] {
  const out = [name];
  const expanded = ABBREVIATIONS.reduce((n, [re, full]) => n.replace(re, full), name);
  if (expanded !== name) out.push(expanded);
  for (const n of [name, expanded]) {
    // "Korea, Republic of" → "Republic of Korea"; "Congo (the Democratic Republic of the)" → "… Congo".
    const comma = /^([^,()]+),\s*([^,()]+)$/.exec(n);
    if (comma) out.push(`${comma[2]} ${comma[1]}`);
    const bracket = /^([^()]+)\(([^()]+)\)\s*$/.exec(n);
    if (bracket) {
      const inner = (bracket[2] as string).trim();
      // "Bahamas (the)" is "Bahamas"; "Iran (Islamic Republic of)" is "Islamic Republic of Iran".
      out.push(/^the$/i.test(inner) ? (bracket[1] as string) : `${inner} ${bracket[1]}`);
    }
  }
  return out;
}

interface Index {
  codes: Map<string, string>;
  names: Map<string, string>;
  alpha2: string[];
}

let index: Index | undefined;

interface IsoCountries {
  getAlpha3Codes(): Record<string, string>;
  getNumericCodes(): Record<string, string>;
}
interface WorldCountry {
  cca2: string;
  name: { common: string; official: string };
  altSpellings: string[];
  translations: Record<string, { official: string; common: string } | undefined>;
}

function buildIndex(): Index {
  const iso = require('i18n-iso-countries') as IsoCountries;
  const codes = new Map<string, string>();
  for (const [a3, a2] of Object.entries(iso.getAlpha3Codes())) {
    codes.set(a3.toLowerCase(), a2);
    codes.set(a2.toLowerCase(), a2);
  }
  codes.set(KOSOVO.alpha3.toLowerCase(), KOSOVO.alpha2);
  codes.set(KOSOVO.alpha2.toLowerCase(), KOSOVO.alpha2);
  for (const [numeric, a2] of Object.entries(iso.getNumericCodes())) codes.set(numeric, a2);
  const alpha2 = [...new Set(codes.values())].sort();

  // Each key → the States the sources give it to; a key given to two States is left to ALIASES.
  const claims = new Map<string, Set<string>>();
  const claim = (name: string | undefined, code: string) => {
    if (!name) return;
    for (const reading of readings(name)) {
      const key = nameKey(reading);
      if (key === '') continue;
      const set = claims.get(key) ?? new Set<string>();
      set.add(code);
      claims.set(key, set);
    }
  };
  for (const lang of ['en', 'ru', 'kk']) {
    const { countries } = require(`i18n-iso-countries/langs/${lang}.json`) as {
      countries: Record<string, string | string[]>;
    };
    for (const [code, names] of Object.entries(countries)) for (const n of [names].flat()) claim(n, code);
  }
  for (const c of require('world-countries/countries.json') as WorldCountry[]) {
    for (const n of [c.name.common, c.name.official, ...c.altSpellings]) if (n.length > 3) claim(n, c.cca2);
    claim(c.translations.rus?.official, c.cca2);
    claim(c.translations.rus?.common, c.cca2);
  }
  for (const lang of ['en', 'ru', 'kk']) {
    const icu = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
    for (const code of alpha2) {
      const name = icu.of(code);
      if (!name) continue;
      claim(name, code);
      // ICU writes "Hong Kong SAR China", "Myanmar (Burma)": the part before a bracket too.
      claim(name.replace(/\s*\(.*\)\s*$/, ''), code);
    }
  }
  const names = new Map<string, string>();
  for (const [key, set] of claims) if (set.size === 1) names.set(key, [...set][0] as string);
  for (const [code, list] of Object.entries(ALIASES))
    for (const n of list) for (const r of readings(n)) names.set(nameKey(r), code);
  return { codes, names, alpha2 };
}

/** The alpha-2 code of a State named in any of the ways above (or by its alpha-2, alpha-3 or M49 code), or undefined. */
export function stateCode(name: string): string | undefined {
  index ??= buildIndex();
  const trimmed = name.trim();
  // M49 / ISO numeric codes, also as a spreadsheet keeps them ("4" for "004").
  if (/^\d{1,3}$/.test(trimmed)) return index.codes.get(trimmed.padStart(3, '0'));
  const code = index.codes.get(trimmed.toLowerCase());
  if (code && /^[a-z]{2,3}$/i.test(trimmed)) return code;
  for (const reading of readings(trimmed)) {
    const found = index.names.get(nameKey(reading));
    if (found) return found;
  }
  return undefined;
}

/** Every alpha-2 code the import knows (ISO 3166-1 and XK). */
export function allStateCodes(): string[] {
  index ??= buildIndex();
  return index.alpha2;
}
