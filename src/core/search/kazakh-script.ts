/**
 * Kazakh script: Cyrillic → the 2021 Latin alphabet (for readers), and the script-neutral keys of
 * words for search (Cyrillic, 2021 Latin with or without diacritics, the 2017 apostrophe and 2018
 * acute variants, any case → the same key). Pure and dependency-free.
 */
import { foldText } from './fold.ts';

// ---------------------------------------------------------------------------------------------
// Cyrillic → 2021 Latin
// ---------------------------------------------------------------------------------------------

/**
 * The 2021 Latin alphabet (decree of the Government, 2021), lower-case letters. Russian letters
 * written in Kazakh text follow the same rules: Ц → Ts, Щ → Şş, Ё/Ю/Я → İo/İu/İa, Э → E,
 * Ъ and Ь dropped. І is the dotless ı (capital I), И and Й the dotted i (capital İ).
 */
const LATIN: Readonly<Record<string, string>> = {
  а: 'a',
  ә: 'ä',
  б: 'b',
  в: 'v',
  г: 'g',
  ғ: 'ğ',
  д: 'd',
  е: 'e',
  ё: 'io',
  ж: 'j',
  з: 'z',
  и: 'i',
  й: 'i',
  і: 'ı',
  к: 'k',
  қ: 'q',
  л: 'l',
  м: 'm',
  н: 'n',
  ң: 'ñ',
  о: 'o',
  ө: 'ö',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ұ: 'ū',
  ү: 'ü',
  ф: 'f',
  х: 'h',
  һ: 'h',
  ц: 'ts',
  ч: 'ç',
  ш: 'ş',
  щ: 'şş',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
};

/** Capitals whose Latin form is not simply the upper case of the lower-case one. */
const LATIN_UPPER: Readonly<Record<string, string>> = { і: 'I', и: 'İ', й: 'İ', ё: 'İo', ю: 'İu', я: 'İa' };

const CYRILLIC_LETTER = /[а-яёәғқңөұүһі]/iu;

/** Each Cyrillic letter of the table, small and capital → its small form. */
const LOWER: Readonly<Record<string, string>> = Object.fromEntries(
  Object.keys(LATIN).flatMap((lower) => [
    [lower, lower],
    [lower.toUpperCase(), lower],
  ]),
);

function isUpper(ch: string | undefined): boolean {
  return ch !== undefined && ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && /\p{L}/u.test(ch);
}

/**
 * Cyrillic Kazakh → 2021 Latin, keeping case: «Бұрыңғы өткен заманда» → «Būryñğy ötken zamanda»,
 * ҚАЗАҚСТАН → QAZAQSTAN, Щучинск → Şşuçinsk, ЩУЧИНСК → ŞŞUÇİNSK. A capital that becomes two
 * letters is written all caps inside an all-caps word, else with the second letter small.
 * Everything that is not a Cyrillic letter (Latin, digits, punctuation) is left as it is.
 */
export function toLatin(s: string): string {
  const text = s.normalize('NFC');
  if (!CYRILLIC_LETTER.test(text)) return text;
  // Every Cyrillic letter is one UTF-16 unit; other characters (surrogate pairs too) are copied.
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const lower = LOWER[ch];
    if (lower === undefined) {
      out += ch;
      continue;
    }
    const latin = LATIN[lower] as string;
    if (ch === lower) {
      out += latin;
      continue;
    }
    const upper = LATIN_UPPER[lower] ?? (latin.length > 0 ? latin[0]?.toUpperCase() + latin.slice(1) : '');
    if (upper.length <= 1) {
      out += upper;
      continue;
    }
    // Two letters for one capital: all caps if the word around it is in capitals.
    const next = text[i + 1];
    const prev = text[i - 1];
    const allCaps = isLetter(next) ? isUpper(next) : isUpper(prev);
    out += allCaps ? upper.toUpperCase() : upper;
  }
  return out;
}

/** Whether a text has any Cyrillic letter (e.g. to tell which words need transliteration). */
export function hasCyrillic(s: string): boolean {
  return CYRILLIC_LETTER.test(s);
}

// ---------------------------------------------------------------------------------------------
// Script-neutral key
// ---------------------------------------------------------------------------------------------

/** The 2017 apostrophe alphabet: a' ä, g' ğ, n' ñ, o' ö, u' ü, y' ū, i' i (И/Й), s' ş, c' ç. */
const APOSTROPHE_2017: Readonly<Record<string, string>> = {
  a: 'ä',
  g: 'ğ',
  n: 'ñ',
  o: 'ö',
  u: 'ü',
  y: 'ū',
  i: 'i',
  s: 'ş',
  c: 'ç',
};
/** The 2018 acute alphabet: á ä, ǵ ğ, ń ñ, ó ö, ú ü, ý у (2021 u), ı и/й (2021 i); sh ş and ch ç below. */
const ACUTE_2018: Readonly<Record<string, string>> = { á: 'ä', ǵ: 'ğ', ń: 'ñ', ó: 'ö', ú: 'ü', ý: 'u' };
/** The diacritics of the 2021 alphabet, dropped by the plain key. */
const PLAIN_LETTER: Readonly<Record<string, string>> = {
  ä: 'a',
  ğ: 'g',
  ñ: 'n',
  ö: 'o',
  ū: 'u',
  ü: 'u',
  ş: 's',
  ç: 'c',
};

/**
 * The exact key of one Kazakh word: the same whether it is written in Cyrillic, in the 2021 Latin
 * alphabet, or in the 2017 apostrophe or 2018 acute alphabets, in any case; it keeps the letters
 * those alphabets tell apart (ä/a, ğ/g, ñ/n, ö/o, ū/ü/u, ş/s, ç/c), except і/и/й, which all become
 * 'i' (the 2018 ı is И, the 2021 ı is І). Hyphens and apostrophes are dropped. A 2018 word
 * without an acute letter cannot be told from a 2021 word without diacritics: its u stays u.
 */
export function exactKey(word: string): string {
  const latin = toLatin(foldText(word));
  // A word with an acute letter is in the 2018 alphabet, where a plain u is Ұ (2021 ū).
  const acute = /[áǵńóúý]/.test(latin);
  return (acute ? latin.replace(/u/g, 'ū') : latin)
    .replace(/([acginosuy])'/g, (_, letter: string) => APOSTROPHE_2017[letter] as string)
    .replace(/[áǵńóúý]/g, (letter) => ACUTE_2018[letter] as string)
    .replace(/ı/g, 'i')
    .replace(/sh/g, 'ş')
    .replace(/ch/g, 'ç')
    .replace(/['-]/g, '');
}

/**
 * The plain key of one Kazakh word, what a query typed without diacritics gives: the exact key
 * with the 2021 diacritics dropped (ä→a, ğ→g, ñ→n, ö→o, ū/ü→u, ş→s, ç→c). Only [a-z0-9] remain for
 * Kazakh words. The collisions it creates (а/ә, о/ө, у/ұ/ү, г/ғ, н/ң, с/ш) are the price of queries
 * without diacritics; the exact key has none of them but і/и/й.
 */
export function searchKey(word: string): string {
  return plainKey(exactKey(word));
}

/** An exact key without the 2021 diacritics (and any other mark): the plain key. */
export function plainKey(exact: string): string {
  return exact
    .replace(/[äğñöūüşç]/g, (letter) => PLAIN_LETTER[letter] as string)
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

/**
 * Whether a query word tells its letters exactly: Cyrillic, or Latin with a letter or mark that only
 * the Kazakh alphabets use (ä ğ ı ñ ö ū ü ş ç İ, the 2017 apostrophes, the 2018 acutes). Such a word
 * is looked up by its exact stem; a plain ASCII word by its plain stem.
 */
export function isExact(word: string): boolean {
  return hasCyrillic(word) || /[äğıñöūüşçİáǵńóúý]|[acginosuy]'/i.test(word.normalize('NFC'));
}
