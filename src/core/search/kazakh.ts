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

/** An exact key without the 2021 diacritics (and any other mark). */
function plainKey(exact: string): string {
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

// ---------------------------------------------------------------------------------------------
// Stemmer
// ---------------------------------------------------------------------------------------------

/**
 * Suffixes are written in Cyrillic, as a grammar writes them, and turned into keys when this module
 * loads. Allomorphs follow the two Kazakh sound rules:
 * - vowel harmony: back suffixes (а, ы, о, ұ) after back stems, front (ә, е, і, ө, ү) after front;
 * - assimilation of the first consonant to the end of the stem: л/д/т, ғ/қ, г/к, н/д/т, м/б/п.
 * `after` narrows where a form may follow (a regular expression tested on the stem's key); `before`,
 * `outer` and `needs` say which suffixes may stand next to it. Forms that make a word of their own
 * (derivation: -лық, -шы, -сыз "without", -дай, -ғы) are not stripped: that keeps precision.
 */
interface SuffixGroup {
  /** what the suffix is, in grammar terms */
  readonly name: string;
  readonly forms: readonly string[];
  readonly kind: Kind;
  readonly after?: RegExp;
  /** the kinds of suffix this form only comes before (it is never the last suffix of a word) */
  readonly before?: readonly Kind[];
  /** if given, the only kinds of suffix that may come just after this one (outside it) */
  readonly outer?: readonly Kind[];
  /** the kinds of suffix that must come just before this one (inside it) */
  readonly needs?: readonly Kind[];
  /** false for the few suffixes that keep one vowel whatever the stem's harmony */
  readonly harmonic?: boolean;
}

/**
 * Where a suffix sits in a word, from the stem outwards:
 * verb stem + voice + negation + tense, mood or gerund (verb) | participle or verbal noun (participle),
 * then, for nouns and participles, plural + possessive + case + attributive -ғы (-дағы),
 * then a person ending (verbs and predicates). Suffixes are stripped from the end, so each next one
 * must sit further in (a lower rank); only the verb forms chain among themselves (-ып-ты).
 */
type Kind = 'voice' | 'negation' | 'verb' | 'participle' | 'plural' | 'possessive' | 'case' | 'attributive' | 'person';
const RANK: Readonly<Record<Kind, number>> = {
  voice: -1,
  negation: 0,
  verb: 1,
  participle: 2,
  plural: 3,
  possessive: 4,
  case: 5,
  attributive: 6,
  person: 7,
};

function mayFollow(kind: Kind, previous: Kind | undefined): boolean {
  return previous === undefined || RANK[kind] < RANK[previous] || (kind === 'verb' && previous === 'verb');
}

/** The vowels of the keys (й → i and у → u count: they take the same suffixes as vowels). */
const VOWELS = 'aäeioöuūüy';
const AFTER_VOWEL = /[aäeioöuūüy]$/;
const AFTER_CONSONANT = /[^aäeioöuūüy]$/;

const SUFFIXES: readonly SuffixGroup[] = [
  // ---- nouns: plural -лар
  { name: 'plural', kind: 'plural', forms: ['лар', 'лер', 'дар', 'дер', 'тар', 'тер'] },
  // ---- nouns: possessive
  // Not the 1sg -ым/-ім, -м: written like the noun-forming -ым/-ім of білім, бөлім, сенім, and a
  // final -м is often the stem's own (адам, қалам). Not the familiar 2sg -ың/-ің, -ң: rare in the
  // texts searched, and it would read үкіметінің as үкім-етін-ің, кезең as кезе-ң.
  { name: 'possessive 2sg polite', kind: 'possessive', forms: ['ыңыз', 'іңіз', 'ңыз', 'ңіз'] },
  { name: 'possessive 3', kind: 'possessive', forms: ['ы', 'і'] },
  // not after ы/і: жұмыс-ы, облыс-ы, байланыс-ы (nouns in -ыс/-іс are many), not жұмы-сы
  { name: 'possessive 3 after a vowel', kind: 'possessive', forms: ['сы', 'сі'], after: /[aäeoöuūü]$/ },
  { name: 'possessive 1pl', kind: 'possessive', forms: ['ымыз', 'іміз', 'мыз', 'міз'] },
  // ---- nouns: case
  { name: 'genitive', kind: 'case', forms: ['ның', 'нің', 'дың', 'дің', 'тың', 'тің'] },
  { name: 'dative', kind: 'case', forms: ['ға', 'ге', 'қа', 'ке'] },
  { name: 'dative after a possessive 3', kind: 'case', forms: ['на', 'не'], after: /[iy]$/ },
  { name: 'dative after a possessive 1sg/2sg', kind: 'case', forms: ['а', 'е'], after: /[aäeioöuūüy][mñ]$/ },
  { name: 'accusative', kind: 'case', forms: ['ны', 'ні', 'ды', 'ді', 'ты', 'ті'] },
  { name: 'accusative after a possessive 3', kind: 'case', forms: ['н'], after: /[iy]$/ },
  { name: 'locative', kind: 'case', forms: ['да', 'де', 'та', 'те'] },
  { name: 'locative after a possessive 3', kind: 'case', forms: ['нда', 'нде'], after: /[iy]$/ },
  { name: 'ablative', kind: 'case', forms: ['дан', 'ден', 'тан', 'тен', 'нан', 'нен'] },
  // -мен is a former postposition: its vowel does not follow the stem's harmony (жастармен)
  { name: 'instrumental', kind: 'case', forms: ['мен', 'бен', 'пен', 'менен', 'бенен', 'пенен'], harmonic: false },
  // only after the locative (қала-да-ғы, жылдар-да-ғы); after a bare stem -ғы makes a word of its own
  // (жылғы, бұрынғы, негізгі), and so does the similative -дай (осындай, қандай, айтарлықтай)
  { name: 'attributive -ғы after the locative', kind: 'attributive', forms: ['ғы', 'гі'], after: /[dtn][aäe]$/ },
  // ---- verbs and predicates: person
  { name: 'person 1sg', kind: 'person', forms: ['мын', 'мін', 'бын', 'бін', 'пын', 'пін'] },
  { name: 'person 2sg', kind: 'person', forms: ['сың', 'сің'] },
  { name: 'imperative 3 -сын', kind: 'verb', forms: ['сын', 'сін'] },
  // only after a verb form (бара-сыз, барған-сыз): after a bare noun -сыз is mostly "without"
  // (тілсіз, жұмыссыз), which makes a word of its own
  { name: 'person 2sg polite', kind: 'person', forms: ['сыз', 'сіз'], needs: ['verb', 'participle'] },
  { name: 'person 1pl', kind: 'person', forms: ['мыз', 'міз', 'быз', 'біз', 'пыз', 'піз'] },
  {
    name: 'person 2pl',
    kind: 'person',
    forms: ['сыңдар', 'сіңдер', 'сыздар', 'сіздер'],
    needs: ['verb', 'participle'],
  },
  // ---- verbs: tense, mood, participles, gerunds
  { name: 'past -ды', kind: 'verb', forms: ['ды', 'ді', 'ты', 'ті'] },
  // (not the 1pl -дық/-тық: it is written like the very common derivational -дық/-тық of
  // мемлекеттік, құқықтық, азаматтық, which make words of their own)
  { name: 'past -ды with person 1sg', kind: 'verb', forms: ['дым', 'дім', 'тым', 'тім'] },
  {
    name: 'present -а/-е/-й (before a person ending)',
    kind: 'verb',
    forms: ['а', 'е'],
    after: AFTER_CONSONANT,
    before: ['person'],
  },
  { name: 'present -й (before a person ending)', kind: 'verb', forms: ['й'], after: AFTER_VOWEL, before: ['person'] },
  { name: 'present 3 -ады', kind: 'verb', forms: ['ады', 'еді', 'йды', 'йді'] },
  { name: 'past participle -ған', kind: 'participle', forms: ['ған', 'ген', 'қан', 'кен'] },
  // -атын/-етін after a consonant only word-final or before a case: else саясат-ы-н, үкімет-і-нің
  // (nouns in -ат/-ет are many) would read as саяс-атын, үкім-етін-ің
  { name: 'participle -атын', kind: 'participle', forms: ['атын', 'етін'], outer: ['case', 'plural'] },
  { name: 'participle -йтын', kind: 'participle', forms: ['йтын', 'йтін'] },
  // (not the future -ар/-ер, -р: written like the causative of шығар, жатыр and like many stems)
  { name: 'intention -мақ', kind: 'participle', forms: ['мақ', 'мек', 'бақ', 'бек', 'пақ', 'пек'] },
  { name: 'gerund -ып', kind: 'verb', forms: ['ып', 'іп'] },
  // only after the verb-forming -ла/-ле (жоспарла-п, талқыла-п): after other vowels a final п is
  // mostly the noun's own (кітап, мектеп, тәртіп)
  { name: 'gerund -п after -ла', kind: 'verb', forms: ['п'], after: /l[aäe]$/ },
  { name: 'verbal noun -у', kind: 'participle', forms: ['у'], after: AFTER_CONSONANT },
  { name: 'conditional -са', kind: 'verb', forms: ['са', 'се'] },
  {
    name: 'passive -ыл, -л after a vowel (before other verb suffixes)',
    kind: 'voice',
    forms: ['ыл', 'іл'],
    before: ['negation', 'verb', 'participle'],
  },
  {
    name: 'negation -ма (before other suffixes)',
    kind: 'negation',
    forms: ['ма', 'ме', 'ба', 'бе', 'па', 'пе'],
    before: ['verb', 'participle'],
  },
  {
    name: 'negative present -май',
    kind: 'negation',
    forms: ['май', 'мей', 'бай', 'бей', 'пай', 'пей'],
    before: ['verb', 'participle', 'person'],
  },
];

type Harmony = 'back' | 'front' | 'neutral';

/** Voiceless consonants as keys (х/һ → h, ц → ts, ч → ç or c, ш → ş or s). */
const VOICELESS = 'kqpsştfhçc';

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

/** Every form as a key, longest first: the longest suffix that fits is tried first. */
function table(key: (form: string) => string): ReadonlyMap<string, readonly Suffix[]> {
  const suffixes = SUFFIXES.flatMap((group) =>
    group.forms.map((form) => ({
      key: key(form),
      harmony: group.harmonic === false ? ('neutral' as const) : harmonyOf(form),
      first: form[0] as string,
      group,
    })),
  ).sort((a, b) => b.key.length - a.key.length);
  const byLast = new Map<string, Suffix[]>();
  for (const suffix of suffixes) {
    const last = suffix.key[suffix.key.length - 1] as string;
    byLast.set(last, [...(byLast.get(last) ?? []), suffix]);
  }
  return byLast;
}

/** The first consonant of a suffix must agree with the last sound of the stem (assimilation). */
function assimilates(first: string, last: string): boolean {
  const vowel = VOWELS.includes(last);
  const voiceless = VOICELESS.includes(last);
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
      return voiceless || 'bvgğd'.includes(last);
    case 'н': // -ның, -ны after vowels; -нан after м, н, ң; -на, -нда after the possessive 3
      return vowel || 'mnñ'.includes(last);
    case 'м': // -мен, -мын, -ма after vowels and л, р, й, у, м, н, ң
      return vowel || 'lrmnñ'.includes(last);
    case 'б': // -бен, -бын, -ба after з, ж (and м, н, ң)
      return 'zjmnñ'.includes(last);
    case 'п': // -пен, -пын, -па after voiceless consonants
      return voiceless;
    case 'ы':
    case 'і':
    case 'а':
    case 'е': // vowel-initial suffixes follow a consonant (or the glides й, у)
      return !'aäeoöyuūü'.includes(last) || last === 'u';
    default:
      return true;
  }
}

/**
 * The harmony of a stem, from its last vowel where the key tells it. The exact key tells back
 * (а о ұ ы) from front (ә е ө ү); the plain key only ы (y) from е (e). і/и/й (i) and у (u) do not tell.
 */
const EXACT_HARMONY: Readonly<Record<string, Harmony>> = {
  a: 'back',
  o: 'back',
  ū: 'back',
  y: 'back',
  ä: 'front',
  e: 'front',
  ö: 'front',
  ü: 'front',
};
const PLAIN_HARMONY: Readonly<Record<string, Harmony>> = { y: 'back', e: 'front' };

function stemHarmony(stem: string, harmonies: Readonly<Record<string, Harmony>>): Harmony {
  for (let i = stem.length - 1; i >= 0; i--) {
    const ch = stem[i] as string;
    if (VOWELS.includes(ch)) return harmonies[ch] ?? 'neutral';
  }
  return 'neutral';
}

/** A stem must keep at least this many letters and one vowel. */
export const MIN_STEM = 3;

function longEnough(stem: string): boolean {
  return stem.length >= MIN_STEM && /[aäeioöuūüy]/.test(stem);
}

interface Stemmer {
  /** the suffixes by their last letter, longest first */
  readonly table: ReadonlyMap<string, readonly Suffix[]>;
  readonly harmonies: Readonly<Record<string, Harmony>>;
  /** folds the alternation of a stem's last consonant before a vowel: қ~ғ, к~г, п~б */
  readonly alternation: (stem: string) => string;
}

const EXACT: Stemmer = {
  table: table(exactKey),
  harmonies: EXACT_HARMONY,
  alternation: (stem) => stem.replace(/ğ$/, 'q').replace(/g$/, 'k').replace(/b$/, 'p'),
};
const PLAIN: Stemmer = {
  table: table(searchKey),
  harmonies: PLAIN_HARMONY,
  alternation: (stem) => stem.replace(/[gq]$/, 'k').replace(/b$/, 'p'),
};

/**
 * The stem of a key: suffixes stripped from the end, longest first, as long as the stem keeps
 * MIN_STEM letters and a vowel, the suffix's first consonant agrees with the stem's end (or its
 * `after` rule holds), its vowels do not clash with the stem's harmony, and it may stand where it
 * is (`before`). Then the alternation of the stem's last consonant before a vowel is folded
 * (құқық/құқығы, кітап/кітабы). stemKazakh takes a plain key (searchKey), stemExact an exact key.
 */
export function stemKazakh(key: string): string {
  return stem(PLAIN, key);
}

export function stemExact(key: string): string {
  return stem(EXACT, key);
}

function stem(stemmer: Stemmer, key: string): string {
  return stemmer.alternation(analyse(stemmer, key, undefined).stem);
}

/**
 * Every analysis is tried (келгенде = кел-ген-де, not келге-нде): the shortest stem wins, and
 * among those the analysis with fewer suffixes.
 */
function analyse(
  stemmer: Stemmer,
  word: string,
  previous: Kind | undefined,
): { stem: string; suffixes: number; first?: Kind } {
  let best: { stem: string; suffixes: number; first?: Kind } = { stem: word, suffixes: 0 };
  for (const suffix of stemmer.table.get(word[word.length - 1] as string) ?? []) {
    const stem = strip(stemmer, suffix, word, previous);
    if (stem === undefined) continue;
    const deeper = analyse(stemmer, stem, suffix.group.kind);
    const needs = suffix.group.needs;
    if (needs && (deeper.first === undefined || !needs.includes(deeper.first))) continue;
    const suffixes = deeper.suffixes + 1;
    if (
      deeper.stem.length < best.stem.length ||
      (deeper.stem.length === best.stem.length && suffixes < best.suffixes)
    ) {
      best = { stem: deeper.stem, suffixes, first: suffix.group.kind };
    }
  }
  return best;
}

/** The stem left by one suffix, if the rules let it go there. */
function strip(stemmer: Stemmer, suffix: Suffix, word: string, previous: Kind | undefined): string | undefined {
  if (!word.endsWith(suffix.key) || word.length === suffix.key.length) return undefined;
  const outer = suffix.group.outer;
  if (outer && previous !== undefined && !outer.includes(previous)) return undefined;
  const before = suffix.group.before;
  if (before && (previous === undefined || !before.includes(previous))) return undefined;
  if (!mayFollow(suffix.group.kind, previous)) return undefined;
  const stem = word.slice(0, -suffix.key.length);
  if (!longEnough(stem)) return undefined;
  // Place names in -стан (Қазақстан, Өзбекстан, Пәкістан): no native stem ends in a consonant + с,
  // so -тан/-та/-тар after one is not a suffix.
  if (suffix.key.startsWith('t') && /[^aäeioöuūüy]s$/.test(stem)) return undefined;
  const last = stem[stem.length - 1] as string;
  if (suffix.group.after ? !suffix.group.after.test(stem) : !assimilates(suffix.first, last)) return undefined;
  const harmony = stemHarmony(stem, stemmer.harmonies);
  if (harmony !== 'neutral' && suffix.harmony !== 'neutral' && harmony !== suffix.harmony) return undefined;
  return stem;
}

/**
 * The search term of one Kazakh word as a query: its exact stem if the word tells its letters
 * exactly (isExact), else its plain stem. Index both exactTerm and plainTerm of every word.
 */
export function queryTerm(word: string): { exact: boolean; stem: string } {
  return isExact(word)
    ? { exact: true, stem: stemExact(exactKey(word)) }
    : { exact: false, stem: stemKazakh(searchKey(word)) };
}

/** The two stems of a word in a text: exact (for queries with diacritics or in Cyrillic) and plain. */
export function indexTerms(word: string): { exact: string; plain: string } {
  const exact = exactKey(word);
  return { exact: stemExact(exact), plain: stemKazakh(plainKey(exact)) };
}
