/**
 * The Kazakh suffixes the stemmer strips (kazakh.ts), as a grammar writes them: data, with the rules
 * of where each may stand.
 */

/**
 * Suffixes are written in Cyrillic, as a grammar writes them, and turned into keys when this module
 * loads. Allomorphs follow the two Kazakh sound rules:
 * - vowel harmony: back suffixes (а, ы, о, ұ) after back stems, front (ә, е, і, ө, ү) after front;
 * - assimilation of the first consonant to the end of the stem: л/д/т, ғ/қ, г/к, н/д/т, м/б/п.
 * `after` narrows where a form may follow (a regular expression tested on the stem's key); `before`,
 * `outer` and `needs` say which suffixes may stand next to it. Forms that make a word of their own
 * (derivation: -лық, -шы, -сыз "without", -дай, -ғы) are not stripped: that keeps precision.
 */
export interface SuffixGroup {
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
export type Kind =
  | 'voice'
  | 'negation'
  | 'verb'
  | 'participle'
  | 'plural'
  | 'possessive'
  | 'case'
  | 'attributive'
  | 'person';
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

export function mayFollow(kind: Kind, previous: Kind | undefined): boolean {
  return previous === undefined || RANK[kind] < RANK[previous] || (kind === 'verb' && previous === 'verb');
}

/** The vowels of the keys (й → i and у → u count: they take the same suffixes as vowels). */
export const VOWELS = 'aäeioöuūüy';
const AFTER_VOWEL = /[aäeioöuūüy]$/;
const AFTER_CONSONANT = /[^aäeioöuūüy]$/;

export const SUFFIXES: readonly SuffixGroup[] = [
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
