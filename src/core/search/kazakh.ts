/**
 * Kazakh for search and for the Latin-script edition. Pure and dependency-free.
 *
 * - toLatin, searchKey, exactKey (kazakh-script.ts): the 2021 Latin alphabet and script-neutral keys.
 * - stemKazakh, stemExact: an affix-stripping stemmer over keys (plural, possessive, case, common verb
 *   forms), its suffixes in kazakh-suffixes.ts.
 */
import { exactKey, isExact, plainKey, searchKey } from './kazakh-script.ts';
import { type Kind, mayFollow, SUFFIXES, type SuffixGroup, VOWELS } from './kazakh-suffixes.ts';

export { exactKey, hasCyrillic, isExact, plainKey, searchKey, toLatin } from './kazakh-script.ts';

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
