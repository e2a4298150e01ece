/*
 * Which column of a file holds which field of a recommendation, recognised from the header in
 * English and Russian (Kazakh too), and by the column names of the two exports people bring:
 *
 * - the UN Universal Human Rights Index (OHCHR) "Export to Excel": Text, Countries Concerned,
 *   Reccomending Body (sic, the export's spelling), Document Symbol, Document Publication Date
 *   (an Excel date), UPR Session, UPR Reccomending States, UPR Position, Themes, Affected Persons,
 *   Sdgs ("- 16.3 - Promote the rule of law"), with multiple values one per line behind "- ";
 * - the UPR Info database export: State under Review, Recommending State, Recommendation,
 *   Response, Issues, Session, Cycle (Action Category and Region are not imported).
 *
 * The user sees the recognised mapping in the preview and may change any of it.
 */

export const FIELDS = [
  'state',
  'mechanism',
  'symbol',
  'paragraph',
  'date',
  'session',
  'text_en',
  'text_ru',
  'text_kk',
  'recommending_state',
  'response',
  'themes',
  'affected_persons',
  'sdg',
  'priority',
] as const;
export type Field = (typeof FIELDS)[number];
export const TEXT_FIELDS = ['text_en', 'text_ru', 'text_kk'] as const;

/** Field → the index of its column in the header. */
export type Mapping = Partial<Record<Field, number>>;

/** Values for rows whose cell is empty or whose file has no such column: a State's alpha-2 code, a mechanism's code. */
export interface Defaults {
  state?: string;
  mechanism?: string;
}

/** How a file is read: its columns, the fixed values for what it lacks, and what the person decided in the preview. */
export interface Settings {
  columns: Mapping;
  defaults: Defaults;
  /** Themes Kenes did not know, by their name in the file: 'new' to create, or the id of the theme to file them under. */
  themes?: Record<string, string>;
  /** State names Kenes did not know, by their name in the file → the State's alpha-2 code (remembered for later imports). */
  stateNames?: Record<string, string>;
}

export function isField(value: unknown): value is Field {
  return typeof value === 'string' && (FIELDS as readonly string[]).includes(value);
}

/** A header reduced to what recognition compares: lower case, letters and digits only. */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

const TEXT_WORDS = {
  en: ['recommendation', 'recommendations', 'text', 'recommendationtext', 'annotation'],
  ru: ['рекомендация', 'рекомендации', 'текст', 'текстрекомендации'],
  kk: ['ұсыным', 'ұсынымдар', 'мәтін', 'ұсынымматіні', 'ұсыныммәтіні'],
};
const LANG_WORDS = {
  en: ['en', 'eng', 'english', 'английский', 'наанглийском', 'ағылшынша', 'ағылшын'],
  ru: ['ru', 'rus', 'russian', 'русский', 'нарусском', 'орысша', 'орыс'],
  kk: ['kk', 'kz', 'kaz', 'kazakh', 'казахский', 'наказахском', 'қазақша', 'қазақ'],
};

function textAliases(lang: 'en' | 'ru' | 'kk'): string[] {
  const out = [...TEXT_WORDS[lang]];
  for (const base of [...TEXT_WORDS.en, ...TEXT_WORDS.ru, ...TEXT_WORDS.kk]) {
    for (const suffix of LANG_WORDS[lang]) out.push(`${base}${suffix}`, `${suffix}${base}`);
  }
  return out;
}

const ALIASES: Record<Field, string[]> = {
  state: [
    'state under review',
    'sur',
    'state',
    'country',
    'countries',
    'countries concerned',
    'country concerned',
    'state/entity',
    'states/entities',
    'государство',
    'страна',
    'государство под обзором',
    'рассматриваемое государство',
    'мемлекет',
    'ел',
  ],
  mechanism: [
    'mechanism',
    'body',
    'recommending body',
    'reccomending body',
    'human rights body',
    'treaty body',
    'механизм',
    'орган',
    'тетік',
  ],
  symbol: [
    'document symbol',
    'symbol',
    'document',
    'document code',
    'un symbol',
    'символ',
    'символ документа',
    'условное обозначение',
    'документ',
    'құжат',
    'құжат белгісі',
  ],
  paragraph: [
    'paragraph',
    'para',
    'paragraph number',
    'recommendation number',
    'no',
    'пункт',
    'параграф',
    'номер пункта',
    'тармақ',
  ],
  date: [
    'date',
    'document publication date',
    'publication date',
    'date of adoption',
    'adopted',
    'adopted on',
    'дата',
    'дата принятия',
    'дата публикации',
    'күні',
    'қабылданған күні',
  ],
  session: ['session', 'upr session', 'cycle', 'upr cycle', 'reporting cycle', 'сессия', 'цикл', 'сессиясы'],
  text_en: textAliases('en'),
  text_ru: textAliases('ru'),
  text_kk: textAliases('kk'),
  recommending_state: [
    'recommending state',
    'recommending states',
    'upr recommending states',
    'upr reccomending states',
    'rs',
    'рекомендующее государство',
    'рекомендовавшее государство',
    'ұсынған мемлекет',
    'ұсынушы мемлекет',
  ],
  response: [
    'response',
    'upr position',
    'position',
    'state response',
    'response of the state',
    'ответ',
    'позиция',
    'позиция государства',
    'ответ государства',
    'жауап',
    'ұстаным',
  ],
  themes: [
    'themes',
    'theme',
    'issues',
    'issue',
    'thematic issues',
    'темы',
    'тема',
    'тематика',
    'тақырыптар',
    'тақырып',
  ],
  affected_persons: [
    'affected persons',
    'affected groups',
    'concerned groups',
    'groups',
    'persons affected',
    'затронутые лица',
    'затрагиваемые группы',
    'группы',
    'группы населения',
    'қамтылған адамдар',
    'топтар',
  ],
  sdg: [
    'sdg',
    'sdgs',
    'sdg targets',
    'sdg target',
    'sustainable development goals',
    'цур',
    'цели устойчивого развития',
    'тдм',
    'тұрақты даму мақсаттары',
  ],
  priority: ['priority', 'follow-up priority', 'follow up', 'приоритет', 'приоритетная', 'басымдық'],
};

const BY_KEY = new Map<string, Field>();
for (const field of FIELDS) {
  for (const alias of ALIASES[field]) {
    const key = headerKey(alias);
    if (!BY_KEY.has(key)) BY_KEY.set(key, field);
  }
}

/** The field a header names, if it is one Kenes recognises. */
export function fieldOfHeader(header: string): Field | undefined {
  return BY_KEY.get(headerKey(header));
}

/**
 * The recognised settings of a header: each field to the first column that names it. A file with
 * a recommending State but no mechanism (UPR Info's export) is the UPR's.
 */
export function recogniseColumns(header: string[]): Settings {
  const columns: Mapping = {};
  header.forEach((h, i) => {
    const field = fieldOfHeader(h);
    if (field && columns[field] === undefined) columns[field] = i;
  });
  const defaults: Defaults = {};
  if (columns.mechanism === undefined && columns.recommending_state !== undefined) defaults.mechanism = 'UPR';
  return { columns, defaults };
}

export type MappingProblem =
  | { key: 'import.mapping.required'; field: Field | 'text' }
  | { key: 'import.mapping.twice'; column: number };

/**
 * What makes a mapping unusable: a required field without a column (State, mechanism, a text in
 * at least one language), or one column given to two fields.
 */
export function mappingProblems(settings: Settings, columns: number): MappingProblem[] {
  const { columns: mapping, defaults } = settings;
  const problems: MappingProblem[] = [];
  if (mapping.state === undefined && !defaults.state) problems.push({ key: 'import.mapping.required', field: 'state' });
  if (mapping.mechanism === undefined && !defaults.mechanism) {
    problems.push({ key: 'import.mapping.required', field: 'mechanism' });
  }
  if (TEXT_FIELDS.every((f) => mapping[f] === undefined))
    problems.push({ key: 'import.mapping.required', field: 'text' });
  const seen = new Set<number>();
  for (const field of FIELDS) {
    const column = mapping[field];
    if (column === undefined) continue;
    if (column < 0 || column >= columns) throw new Error(`column ${column} of ${field} is outside the header`);
    if (seen.has(column)) problems.push({ key: 'import.mapping.twice', column });
    seen.add(column);
  }
  return problems;
}

/** Settings read back from JSON (the import row), keeping only valid entries. */
export function parseSettings(value: unknown, columns: number): Settings {
  const settings: Settings = { columns: {}, defaults: {} };
  if (!value || typeof value !== 'object') return settings;
  const { columns: mapping, defaults } = value as { columns?: unknown; defaults?: unknown };
  if (mapping && typeof mapping === 'object') {
    for (const [field, column] of Object.entries(mapping)) {
      if (isField(field) && Number.isInteger(column) && (column as number) >= 0 && (column as number) < columns) {
        settings.columns[field] = column as number;
      }
    }
  }
  if (defaults && typeof defaults === 'object') {
    const { state, mechanism } = defaults as { state?: unknown; mechanism?: unknown };
    if (typeof state === 'string' && /^[A-Z]{2}$/.test(state)) settings.defaults.state = state;
    if (typeof mechanism === 'string' && /^[A-Z][A-Z0-9-]{1,19}$/.test(mechanism))
      settings.defaults.mechanism = mechanism;
  }
  const { themes, stateNames } = value as { themes?: unknown; stateNames?: unknown };
  const decided = (v: unknown, valid: RegExp) =>
    Object.fromEntries(
      Object.entries(v && typeof v === 'object' ? v : {}).filter(
        ([name, d]) => name.length > 0 && name.length <= 200 && typeof d === 'string' && valid.test(d),
      ),
    ) as Record<string, string>;
  const themeDecisions = decided(themes, /^(new|[1-9]\d{0,17})$/);
  const stateDecisions = decided(stateNames, /^[A-Z]{2}$/);
  if (Object.keys(themeDecisions).length > 0) settings.themes = themeDecisions;
  if (Object.keys(stateDecisions).length > 0) settings.stateNames = stateDecisions;
  return settings;
}
