/**
 * Kazakh for search and for the Latin-script edition. Pure and dependency-free.
 *
 * - toLatin: Cyrillic Kazakh → the 2021 Latin alphabet, case kept (for readers).
 * - searchKey: the script-neutral key of one word (Cyrillic, 2021 Latin with or without diacritics,
 *   the 2017 apostrophe and 2018 acute variants, any case → the same key).
 * - stemKazakh: an affix-stripping stemmer over keys (plural, possessive, case, common verb forms).
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
  const chars = Array.from(text);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    const lower = ch.toLowerCase();
    const latin = LATIN[lower];
    if (latin === undefined) {
      out += ch;
      continue;
    }
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
    const next = chars[i + 1];
    const prev = chars[i - 1];
    const allCaps = isLetter(next) ? isUpper(next) : isUpper(prev);
    out += allCaps ? upper.toUpperCase().replace(/I\u0307|İ/g, 'İ') : upper;
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

/** 2017 apostrophe letters: a' ä, g' ğ, n' ñ, o' ö, u' ü, y' ū, i' i (И/Й), s' ş, c' ç. */
const APOSTROPHE_LETTER = /([a-z])'/g;

/**
 * The key of one Kazakh word, the same in every script and spelling: Cyrillic → 2021 Latin; the
 * 2018 ý (У) → u; diacritics stripped (ä→a, ğ→g, ñ→n, ö→o, ū/ü→u, ş→s, ç→c, ı→i); the 2017
 * apostrophes resolved (y'→u, other x'→x); the digraphs sh→s and ch→c; hyphens and apostrophes
 * dropped. Only [a-z0-9] remain for Kazakh words. Collisions it creates (а/ә, о/ө, у/ұ/ү, і/и/й,
 * г/ғ, н/ң, с/ш) are the price of queries typed without diacritics.
 */
export function searchKey(word: string): string {
  return toLatin(foldText(word))
    .replace(/ý/g, 'u')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ı/g, 'i')
    .replace(APOSTROPHE_LETTER, (_, letter: string) => (letter === 'y' ? 'u' : letter))
    .replace(/sh/g, 's')
    .replace(/ch/g, 'c')
    .replace(/['-]/g, '');
}

// ---------------------------------------------------------------------------------------------
// Stemmer
// ---------------------------------------------------------------------------------------------

/**
 * Suffixes are written in Cyrillic, as a grammar writes them, and turned into keys when this module
 * loads. Allomorphs follow the two Kazakh sound rules:
 * - vowel harmony: back suffixes (а, ы, о, ұ) after back stems, front (ә, е, і, ө, ү) after front;
 * - assimilation of the first consonant to the end of the stem: л/д/т, ғ/қ, г/к, н/д/т, м/б/п.
 * `after` narrows where a form may follow (a regular expression tested on the stem's key);
 * `before` marks forms that only come before certain others (negation, the present-tense vowel).
 */
interface SuffixGroup {
  /** what the suffix is, in grammar terms */
  readonly name: string;
  readonly forms: readonly string[];
  readonly kind: Kind;
  readonly after?: RegExp;
  /** the kinds of suffix this form only comes before (it is never the last suffix of a word) */
  readonly before?: readonly Kind[];
}

/** Where a suffix sits in a word: stem + plural + possessive + case; verb + tense/mood + person. */
type Kind = 'plural' | 'possessive' | 'case' | 'person' | 'verb';

/** Ends in a vowel (й → i and у → u count: they take the same suffixes as vowels). */
const AFTER_VOWEL = /[aeiouy]$/;

const SUFFIXES: readonly SuffixGroup[] = [
  // ---- nouns: plural -лар
  { name: 'plural', kind: 'plural', forms: ['лар', 'лер', 'дар', 'дер', 'тар', 'тер'] },
  // ---- nouns: possessive
  { name: 'possessive 1sg', kind: 'possessive', forms: ['ым', 'ім'] },
  { name: 'possessive 1sg after a vowel', kind: 'possessive', forms: ['м'], after: AFTER_VOWEL },
  { name: 'possessive 2sg', kind: 'possessive', forms: ['ың', 'ің'] },
  { name: 'possessive 2sg after a vowel', kind: 'possessive', forms: ['ң'], after: AFTER_VOWEL },
  { name: 'possessive 2sg polite', kind: 'possessive', forms: ['ыңыз', 'іңіз', 'ңыз', 'ңіз'] },
  { name: 'possessive 3', kind: 'possessive', forms: ['ы', 'і'] },
  { name: 'possessive 3 after a vowel', kind: 'possessive', forms: ['сы', 'сі'], after: AFTER_VOWEL },
  { name: 'possessive 1pl', kind: 'possessive', forms: ['ымыз', 'іміз', 'мыз', 'міз'] },
  // ---- nouns: case
  { name: 'genitive', kind: 'case', forms: ['ның', 'нің', 'дың', 'дің', 'тың', 'тің'] },
  { name: 'dative', kind: 'case', forms: ['ға', 'ге', 'қа', 'ке'] },
  { name: 'dative after a possessive 3', kind: 'case', forms: ['на', 'не'], after: /[iy]$/ },
  { name: 'dative after a possessive 1sg/2sg', kind: 'case', forms: ['а', 'е'], after: /[aeiouy][mn]$/ },
  { name: 'accusative', kind: 'case', forms: ['ны', 'ні', 'ды', 'ді', 'ты', 'ті'] },
  { name: 'accusative after a possessive 3', kind: 'case', forms: ['н'], after: /[iy]$/ },
  { name: 'locative', kind: 'case', forms: ['да', 'де', 'та', 'те', 'нда', 'нде'] },
  { name: 'ablative', kind: 'case', forms: ['дан', 'ден', 'тан', 'тен', 'нан', 'нен', 'ннан', 'ннен'] },
  { name: 'instrumental', kind: 'case', forms: ['мен', 'бен', 'пен', 'менен', 'бенен', 'пенен'] },
  // after a consonant (бұрын-ғы, қазір-гі) or the locative (қала-да-ғы)
  {
    name: 'attributive -ғы',
    kind: 'case',
    forms: ['ғы', 'гі', 'қы', 'кі'],
    after: /([^aeiouy]|[dtn][ae])$/,
  },
  { name: 'similative -дай', kind: 'case', forms: ['дай', 'дей', 'тай', 'тей'] },
  // ---- verbs and predicates: person
  { name: 'person 1sg', kind: 'person', forms: ['мын', 'мін', 'бын', 'бін', 'пын', 'пін'] },
  { name: 'person 2sg / imperative 3 (-сың, -сын)', kind: 'person', forms: ['сың', 'сің', 'сын', 'сін'] },
  { name: 'person 2sg polite', kind: 'person', forms: ['сыз', 'сіз'] },
  { name: 'person 1pl', kind: 'person', forms: ['мыз', 'міз', 'быз', 'біз', 'пыз', 'піз'] },
  { name: 'person 2pl', kind: 'person', forms: ['сыңдар', 'сіңдер', 'сыздар', 'сіздер'] },
  // ---- verbs: tense, mood, participles, gerunds
  { name: 'past -ды', kind: 'verb', forms: ['ды', 'ді', 'ты', 'ті'] },
  { name: 'past -ды with person', kind: 'verb', forms: ['дым', 'дім', 'тым', 'тім', 'дық', 'дік', 'тық', 'тік'] },
  { name: 'present -а/-е/-й (before a person ending)', kind: 'verb', forms: ['а', 'е'], after: /[^aeiouy]$/, before: ['person'] },
  { name: 'present -й (before a person ending)', kind: 'verb', forms: ['й'], after: AFTER_VOWEL, before: ['person'] },
  { name: 'present 3 -ады', kind: 'verb', forms: ['ады', 'еді', 'йды', 'йді'] },
  { name: 'past participle -ған', kind: 'verb', forms: ['ған', 'ген', 'қан', 'кен'] },
  { name: 'participle -атын', kind: 'verb', forms: ['атын', 'етін', 'йтын', 'йтін'] },
  { name: 'future participle -ар', kind: 'verb', forms: ['ар', 'ер'] },
  { name: 'future participle -р after a vowel', kind: 'verb', forms: ['р'], after: AFTER_VOWEL },
  { name: 'intention -мақ', kind: 'verb', forms: ['мақ', 'мек', 'бақ', 'бек', 'пақ', 'пек'] },
  { name: 'gerund -ып', kind: 'verb', forms: ['ып', 'іп'] },
  { name: 'gerund -п after a vowel', kind: 'verb', forms: ['п'], after: AFTER_VOWEL },
  { name: 'verbal noun -у', kind: 'verb', forms: ['у'], after: /[^aeiouy]$/ },
  { name: 'conditional -са', kind: 'verb', forms: ['са', 'се'] },
  { name: 'negation -ма (before other suffixes)', kind: 'verb', forms: ['ма', 'ме', 'ба', 'бе', 'па', 'пе'], before: ['verb', 'person'] },
  { name: 'negative present -май', kind: 'verb', forms: ['май', 'мей', 'бай', 'бей', 'пай', 'пей'], before: ['verb', 'person'] },
];

type Harmony = 'back' | 'front' | 'neutral';

/** Voiceless consonants as keys (ш→s, ч/ц→c/ts, х/һ→h). */
const VOICELESS = new Set(['k', 'q', 'p', 's', 't', 'f', 'h', 'c']);

interface Suffix {
  readonly key: string;
  readonly harmony: Harmony;
  readonly first: string;
  readonly group: SuffixGroup;
}

function harmonyOf(cyrillic: string): Harmony {
  if (/[аоұы]/.test(cyrillic)) return 'back';
  if (/[әеөүі]/.test(cyrillic)) return 'front';
  return 'neutral';
}

/** Every form, longest first: the longest suffix that fits is tried first. */
const TABLE: readonly Suffix[] = SUFFIXES.flatMap((group) =>
  group.forms.map((form) => ({ key: searchKey(form), harmony: harmonyOf(form), first: form[0] as string, group })),
).sort((a, b) => b.key.length - a.key.length);

/** The first consonant of a suffix must agree with the last sound of the stem (assimilation). */
function assimilates(first: string, last: string): boolean {
  const vowel = 'aeiouy'.includes(last);
  const voiceless = VOICELESS.has(last);
  switch (first) {
    case 'л': // -лар, after vowels, р, й, у
      return vowel || last === 'r';
    case 'д': // -дар, -дың, -да, -дан, -ды: after vowels and voiced consonants
    case 'ғ':
    case 'г':
      return !voiceless;
    case 'т': // -тар, -тың, -та, -тан, -ты: after voiceless consonants (and б, в, г, д)
    case 'қ':
    case 'к':
      return voiceless || 'bvgd'.includes(last);
    case 'н': // -ның, -ны after vowels; -нан after м, н, ң; -на, -нда after the possessive 3
      return vowel || last === 'm' || last === 'n';
    case 'м': // -мен, -мын, -ма after vowels and л, р, й, у, м, н, ң
      return vowel || 'lrmn'.includes(last);
    case 'б': // -бен, -бын, -ба after з, ж (and м, н, ң)
      return 'zjmn'.includes(last);
    case 'п': // -пен, -пын, -па after voiceless consonants
      return voiceless;
    case 'ы':
    case 'і':
    case 'а':
    case 'е': // vowel-initial suffixes follow a consonant (or the glides й, у)
      return !'aeoy'.includes(last);
    default:
      return true;
  }
}

/** The harmony of a stem's key, where the key still tells it: ы → back, е → front; else unknown. */
function stemHarmony(stem: string): Harmony {
  for (let i = stem.length - 1; i >= 0; i--) {
    const ch = stem[i] as string;
    if (ch === 'y') return 'back';
    if (ch === 'e') return 'front';
    if ('aiou'.includes(ch)) return 'neutral';
  }
  return 'neutral';
}

/** A stem must keep at least this many letters and one vowel. */
export const MIN_STEM = 3;

function longEnough(stem: string): boolean {
  return stem.length >= MIN_STEM && /[aeiouy]/.test(stem);
}

/**
 * The stem of a search key (searchKey's output): suffixes stripped from the end, longest first,
 * as long as the stem keeps MIN_STEM letters and a vowel, the suffix's first consonant agrees with
 * the stem's end and its vowels do not clash with the stem's harmony. Then the alternations of the
 * stem's last consonant before a vowel (қ~ғ, к~г, п~б: құқық/құқығы, кітап/кітабы) are folded.
 */
export function stemKazakh(key: string): string {
  let stem = key;
  let previous: Kind | undefined;
  for (;;) {
    const next = stripOne(stem, previous);
    if (next === undefined) break;
    [stem, previous] = next;
  }
  return stem.replace(/[gq]$/, 'k').replace(/b$/, 'p');
}

function stripOne(word: string, previous: Kind | undefined): [string, Kind] | undefined {
  for (const suffix of TABLE) {
    if (!word.endsWith(suffix.key) || word.length === suffix.key.length) continue;
    const before = suffix.group.before;
    if (before && (previous === undefined || !before.includes(previous))) continue;
    const stem = word.slice(0, -suffix.key.length);
    if (!longEnough(stem)) continue;
    const last = stem[stem.length - 1] as string;
    if (suffix.group.after ? !suffix.group.after.test(stem) : !assimilates(suffix.first, last)) continue;
    const harmony = stemHarmony(stem);
    if (harmony !== 'neutral' && suffix.harmony !== 'neutral' && harmony !== suffix.harmony) continue;
    return [stem, suffix.group.kind];
  }
  return undefined;
}

/** The stem of a Kazakh word in any script: stemKazakh(searchKey(word)). */
export function kazakhStem(word: string): string {
  return stemKazakh(searchKey(word));
}
