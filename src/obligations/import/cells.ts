import { createHash } from 'node:crypto';
import { calendarDate } from '../../core/dates.ts';
import type { RecommendationResponse } from '../../core/db/schema-obligations.ts';
import { nameKey, stateCode } from '../state-codes.ts';

/*
 * What the value of one cell means: text cleaned, lists split, a mechanism, a date, a response, a
 * priority, SDG targets, and the key that identifies a recommendation across imports. Pure.
 */

/** What a row needs to know of the database. */
export interface Lookups {
  /** Mechanism name/code key → its id and code. */
  mechanisms: Map<string, { id: string; code: string }>;
  sdgTargets: Set<string>;
  sdgGoals: Set<number>;
  /** State names people mapped to a State in a preview (name key → alpha-2 code). */
  stateAliases: Map<string, string>;
  /** Cycles by State, mechanism and number or session (cycle-join.ts). */
  cycles: Map<string, string>;
}

export interface Translations {
  en?: string;
  ru?: string;
  kk?: string;
}

export interface ValidRecommendation {
  sourceKey: string;
  stateCode: string;
  mechanismId: string;
  symbol: string | null;
  paragraph: string | null;
  adoptedOn: string | null;
  session: string | null;
  text: Translations;
  recommendingState: string | null;
  response: RecommendationResponse | null;
  themes: string[];
  affectedPersons: string[];
  sdgTargets: string[];
  priority: boolean;
  /** The cycle the row's session names (cycle-join.ts); a document symbol of a cycle takes precedence. */
  cycleId: string | null;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** A cell's text as stored: NFC, no control characters, LF newlines, trimmed. */
export function cleanText(value: string): string {
  return value.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL, '').trim();
}

/** The values of a multi-valued cell: one per line or between semicolons, without "- " bullets. */
export function splitValues(value: string): string[] {
  return value
    .split(/\n|;/)
    .map((v) => v.replace(/^[\s\-–—•*·]+/, '').trim())
    .filter((v) => v !== '');
}

/** The alpha-2 code of a State named in any known way, or as a person mapped it in a preview. */
export function stateOf(name: string, lookups: Pick<Lookups, 'stateAliases'>): string | undefined {
  return stateCode(name) ?? lookups.stateAliases.get(nameKey(name));
}

/** One value, without the "- " bullet the UN's index puts before it. */
export function single(value: string): string {
  return value.replace(/^[\s\-–—•*·]+/, '').trim();
}

// ---- mechanisms ---------------------------------------------------------------------------------

const MECHANISM_ALIASES: Record<string, string[]> = {
  UPR: [
    'Universal Periodic Review',
    'Human Rights Council - UPR',
    'HRC - UPR',
    'UPR Working Group',
    'УПО',
    'Универсальный периодический обзор',
    'ӘМШ',
  ],
  SP: ['Special Procedures', 'Special Procedure', 'Специальные процедуры', 'Арнайы рәсімдер'],
  CAT: ['Committee against Torture', 'КПП', 'Комитет против пыток'],
  SPT: ['OPCAT', 'Subcommittee on Prevention of Torture', 'ППП'],
  CCPR: ['Human Rights Committee', 'HRCttee', 'КПЧ', 'Комитет по правам человека'],
  CESCR: ['КЭСКП'],
  CEDAW: ['КЛДЖ'],
  CERD: ['КЛРД'],
  CRC: ['КПР', 'Комитет по правам ребенка'],
  CRPD: ['КПИ'],
  CED: ['КНИ'],
  CMW: ['КТМ'],
};

/** Builds the mechanism lookup from the mechanisms table: codes, names and treaties in every language, and aliases. */
export function mechanismIndex(
  rows: { id: string; code: string; name: Translations; treaty: Translations }[],
): Map<string, { id: string; code: string }> {
  const map = new Map<string, { id: string; code: string }>();
  for (const row of rows) {
    const entry = { id: row.id, code: row.code };
    const names = [
      row.code,
      ...Object.values(row.name),
      ...Object.values(row.treaty),
      ...(MECHANISM_ALIASES[row.code] ?? []),
    ];
    for (const name of names) {
      const key = nameKey(name ?? '');
      if (key && !map.has(key)) map.set(key, entry);
    }
  }
  return map;
}

/** A mechanism's code from one value of a cell ("- CAT", "CRC-OP-AC", "SR on torture", "Комитет против пыток"). */
export function mechanismOf(value: string, index: Lookups['mechanisms']): { id: string; code: string } | undefined {
  const direct = index.get(nameKey(value));
  if (direct) return direct;
  // The optional protocols' committees are their treaty's committee ("CRC-OP-AC", "CRC-OP-SC").
  const op = /^([A-Za-z]+)-OP/.exec(value);
  if (op) return index.get(nameKey(op[1] as string));
  // Special rapporteurs, independent experts and working groups are special procedures.
  if (
    /^(SR|IE|WG)\b|^(special rapporteur|independent expert|working group)|^(специальный докладчик|независимый эксперт|рабочая группа)/i.test(
      value,
    )
  ) {
    return index.get(nameKey('SP'));
  }
  return undefined;
}

// ---- dates --------------------------------------------------------------------------------------

const MONTHS: Record<string, number> = {};
const monthNames: [number, string[]][] = [
  [1, ['january', 'jan', 'января', 'январь', 'янв', 'қаңтар', 'қаңтардың']],
  [2, ['february', 'feb', 'февраля', 'февраль', 'фев', 'ақпан', 'ақпанның']],
  [3, ['march', 'mar', 'марта', 'март', 'мар', 'наурыз', 'наурыздың']],
  [4, ['april', 'apr', 'апреля', 'апрель', 'апр', 'сәуір', 'сәуірдің']],
  [5, ['may', 'мая', 'май', 'мамыр', 'мамырдың']],
  [6, ['june', 'jun', 'июня', 'июнь', 'июн', 'маусым', 'маусымның']],
  [7, ['july', 'jul', 'июля', 'июль', 'июл', 'шілде', 'шілденің']],
  [8, ['august', 'aug', 'августа', 'август', 'авг', 'тамыз', 'тамыздың']],
  [9, ['september', 'sep', 'sept', 'сентября', 'сентябрь', 'сен', 'сент', 'қыркүйек', 'қыркүйектің']],
  [10, ['october', 'oct', 'октября', 'октябрь', 'окт', 'қазан', 'қазанның']],
  [11, ['november', 'nov', 'ноября', 'ноябрь', 'ноя', 'қараша', 'қарашаның']],
  [12, ['december', 'dec', 'декабря', 'декабрь', 'дек', 'желтоқсан', 'желтоқсанның']],
];
for (const [n, names] of monthNames) for (const name of names) MONTHS[name] = n;

function isoDate(year: number, month: number, day: number): string | 'impossible' {
  return calendarDate(year, month, day) ?? 'impossible';
}

/**
 * A date in any of the forms exports use: ISO (with or without a time), DD.MM.YYYY, DD/MM/YYYY
 * (day first, as outside the United States), "12 March 2019", "March 12, 2019", "12 марта 2019 г.",
 * or an Excel serial day number (1954–2119). 'impossible' for a date that does not exist
 * (31 February), 'unreadable' for anything else.
 */
export function parseDate(value: string): string | 'impossible' | 'unreadable' {
  const v = value.trim().toLowerCase().replace(/\s+/g, ' ');
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ][\d:.]+(?:z|[+-]\d{2}:?\d{2})?)?$/.exec(v);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?: [\d:.]+)?$/.exec(v);
  if (m) return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})\.? ?([\p{L}]+)\.?,? (\d{4})(?: ?(?:г|г\.|года|ж|ж\.|жыл|жылғы))?\.?$/u.exec(v);
  if (m && MONTHS[m[2] as string]) return isoDate(Number(m[3]), MONTHS[m[2] as string] as number, Number(m[1]));
  m = /^([\p{L}]+)\.? (\d{1,2}),? (\d{4})$/u.exec(v);
  if (m && MONTHS[m[1] as string]) return isoDate(Number(m[3]), MONTHS[m[1] as string] as number, Number(m[2]));
  // Kazakh order: "2019 жылғы 12 наурыз".
  m = /^(\d{4}) ?(?:ж\.|жылғы|жыл)? (\d{1,2}) ([\p{L}]+)$/u.exec(v);
  if (m && MONTHS[m[3] as string]) return isoDate(Number(m[1]), MONTHS[m[3] as string] as number, Number(m[2]));
  m = /^(\d{5})(?:\.\d+)?$/.exec(v);
  if (m) {
    const serial = Number(m[1]);
    if (serial >= 20000 && serial <= 80000) {
      // Excel's day 0 is 30 December 1899 (its calendar counts a 29 February 1900 that never was).
      return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
    }
  }
  return 'unreadable';
}

// ---- responses, priority, SDG -------------------------------------------------------------------

/**
 * The State's response. "Accepted" is "supported" and "rejected" is "noted": the Human Rights
 * Council's own terms since the UPR's second cycle, which UPR Info uses for earlier cycles too. A
 * partial or unknown answer is not guessed: the row is rejected with the word it had.
 */
export function parseResponse(value: string): RecommendationResponse | null | 'unknown' {
  const v = nameKey(value);
  if (v === '' || ['pending', 'noresponse', 'none', 'нетответа', 'ожидается', 'жауапжоқ'].includes(v)) return null;
  if (/^(notapplicable|na|неприменимо|неприменима|неприменим|қолданылмайды)$/.test(v)) return 'not_applicable';
  if (
    /^(noted|rejected|notaccepted|notsupported|принятаксведению|принятоксведению|приняткосведению|ксведению|отклонена|отклонено|отклонен|неподдержана|неподдержано|назарғаалынды|қабылданбады|қолдаутаппады)$/.test(
      v,
    )
  ) {
    return 'noted';
  }
  if (
    /^(supported|accepted|accept|support|поддержана|поддержано|поддержан|поддерживается|принята|принято|принят|қолдаутапты|қолдады|қабылданды)$/.test(
      v,
    )
  ) {
    return 'supported';
  }
  return 'unknown';
}

export function parsePriority(value: string): boolean | 'unknown' {
  const v = nameKey(value);
  if (['', 'no', 'false', '0', 'n', 'нет', 'жоқ'].includes(v)) return false;
  if (['yes', 'true', '1', 'y', 'x', 'priority', 'да', 'иә', 'приоритет', 'басымдық'].includes(v)) return true;
  return 'unknown';
}

/** SDG target codes in a value: "16.2", "SDG 16.2", "Target 16.a", "16.3 - Promote the rule of law". */
export function sdgOf(
  value: string,
  lookups: Lookups,
): { target: string } | { goalOnly: string } | { unknown: string } {
  const v = value.trim();
  const target = /^(?:sdg|цур|тдм|target|задача)?\s*(\d{1,2})\.([0-9]{1,2}|[a-z])\b/iu.exec(v);
  if (target) {
    const code = `${Number(target[1])}.${(target[2] as string).toLowerCase()}`;
    return lookups.sdgTargets.has(code) ? { target: code } : { unknown: v };
  }
  const goal = /^(?:sdg|goal|цур|цель|тдм|мақсат)?\s*(\d{1,2})(?:\s*[-–:].*)?$/iu.exec(v);
  if (goal && lookups.sdgGoals.has(Number(goal[1]))) return { goalOnly: v };
  return { unknown: v };
}

// ---- the key ------------------------------------------------------------------------------------

/** A text as the key compares it: the same words in the same order, whatever the spacing, case or quotes. */
export function normaliseForKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/[“”«»„]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.;,\s]+$/, '');
}

/**
 * What identifies a recommendation across imports: State, mechanism, symbol (or, without one, the
 * session), paragraph, recommending State and the normalised text (English, else Russian, else
 * Kazakh), hashed. Re-importing a file finds every row by it; a corrected response or new themes
 * update the recommendation, a changed text makes another one.
 */
export function sourceKey(
  r: Omit<ValidRecommendation, 'sourceKey' | 'mechanismId' | 'cycleId'> & { mechanismCode: string },
): string {
  const text = r.text.en ?? r.text.ru ?? r.text.kk ?? '';
  const identity = [
    r.stateCode,
    r.mechanismCode,
    (r.symbol ?? r.session ?? '').toUpperCase().replace(/\s+/g, ''),
    (r.paragraph ?? '').toLowerCase().replace(/\s+/g, ''),
    r.recommendingState ?? '',
    normaliseForKey(text),
  ];
  return `i1:${createHash('sha256').update(JSON.stringify(identity)).digest('base64url')}`;
}
