import { nameKey } from '../state-codes.ts';
import {
  cleanText,
  type Lookups,
  mechanismOf,
  parseDate,
  parsePriority,
  parseResponse,
  sdgOf,
  single,
  sourceKey,
  splitValues,
  stateOf,
  type Translations,
  type ValidRecommendation,
} from './cells.ts';
import type { Field, Settings } from './columns.ts';
import { cycleKey, sessionReference } from './cycle-join.ts';
import { MAX_CELL_CHARS } from './limits.ts';
import type { Reason } from './problem.ts';

/*
 * One row of a file → the recommendation(s) it holds, or the reason it cannot be imported. Pure:
 * the lookups it needs (mechanisms, SDG targets) are given; themes and affected persons come back
 * as names, which the import finds or creates. What each cell's value means is in cells.ts.
 */

export type RowOutcome = { ok: true; recommendations: ValidRecommendation[] } | { ok: false; reason: Reason };

/** Why a row is rejected: thrown by the checks below, caught by validateRow (a plain object: no stack to capture). */
class Rejection {
  constructor(readonly reason: Reason) {}
}

function reject(key: string, params: Record<string, string | number> = {}): never {
  throw new Rejection({ key: `import.reason.${key}`, params });
}

const LIMITS: Partial<Record<Field, number>> = { symbol: 100, paragraph: 40, session: 200 };

type Cell = (field: Field) => string;

/** Validates one row under a mapping; a row naming several States gives one recommendation per State. */
export function validateRow(cells: string[], settings: Settings, lookups: Lookups, header: string[]): RowOutcome {
  try {
    return { ok: true, recommendations: recommendationsOf(cells, settings, lookups, header) };
  } catch (err) {
    if (err instanceof Rejection) return { ok: false, reason: err.reason };
    throw err;
  }
}

function recommendationsOf(
  cells: string[],
  settings: Settings,
  lookups: Lookups,
  header: string[],
): ValidRecommendation[] {
  const { columns: mapping, defaults } = settings;
  const cell: Cell = (field) => {
    const i = mapping[field];
    return i === undefined ? '' : cleanText(cells[i] ?? '');
  };
  for (const [field, i] of Object.entries(mapping)) {
    if ((cells[i] ?? '').length > MAX_CELL_CHARS) {
      reject('cellTooLong', { column: header[i] || String(i + 1), max: MAX_CELL_CHARS, field });
    }
  }
  const states = statesOf(cell, defaults.state, lookups);
  const mechanism = mechanismOfRow(cell, defaults.mechanism, lookups);
  const text = textOf(cell);
  const optional = optionalFields(cell);
  const adoptedOn = adoptedOnOf(cell);
  const recommendingState = recommendingStateOf(cell, lookups);
  const session = sessionReference(optional.session);

  const responseText = single(cell('response'));
  const response = parseResponse(responseText);
  if (response === 'unknown') reject('responseUnknown', { value: responseText });

  const priorityText = single(cell('priority'));
  const priority = parsePriority(priorityText);
  if (priority === 'unknown') reject('priorityUnknown', { value: priorityText });

  const sdgTargets = sdgTargetsOf(cell, lookups);
  const themes = unique(splitValues(cell('themes')));
  const affectedPersons = unique(splitValues(cell('affected_persons')));
  for (const name of [...themes, ...affectedPersons]) {
    if (name.length > 200) reject('tooLong', { field: 'themes', max: 200 });
  }

  return states.map((state) => {
    const r = {
      stateCode: state,
      mechanismId: mechanism.id,
      symbol: optional.symbol,
      paragraph: optional.paragraph,
      adoptedOn,
      session: optional.session,
      text,
      recommendingState,
      response,
      themes,
      affectedPersons,
      sdgTargets,
      priority,
    };
    const cycleId = session ? (lookups.cycles.get(cycleKey(state, mechanism.id, session)) ?? null) : null;
    return { ...r, cycleId, sourceKey: sourceKey({ ...r, mechanismCode: mechanism.code }) };
  });
}

function statesOf(cell: Cell, defaultState: string | undefined, lookups: Lookups): string[] {
  const stateNames = splitValues(cell('state'));
  if (stateNames.length === 0 && defaultState) stateNames.push(defaultState);
  if (stateNames.length === 0) reject('stateMissing');
  const states: string[] = [];
  for (const name of stateNames) {
    const code = stateOf(name, lookups);
    if (!code) reject('stateUnknown', { value: name });
    if (!states.includes(code)) states.push(code);
  }
  return states;
}

function mechanismOfRow(
  cell: Cell,
  defaultMechanism: string | undefined,
  lookups: Lookups,
): { id: string; code: string } {
  const mechanismValues = splitValues(cell('mechanism'));
  if (mechanismValues.length === 0 && defaultMechanism) mechanismValues.push(defaultMechanism);
  if (mechanismValues.length === 0) reject('mechanismMissing');
  const mechanisms = new Map<string, { id: string; code: string }>();
  for (const value of mechanismValues) {
    const found = mechanismOf(value, lookups.mechanisms);
    if (found) mechanisms.set(found.code, found);
  }
  if (mechanisms.size === 0) reject('mechanismUnknown', { value: mechanismValues.join('; ') });
  // "SR on torture; Special Procedures" is one mechanism; "CAT; CRC" is two, and the row says not which.
  if (mechanisms.size > 1) reject('mechanismAmbiguous', { value: [...mechanisms.keys()].join(', ') });
  return [...mechanisms.values()][0] as { id: string; code: string };
}

function textOf(cell: Cell): Translations {
  const text: Translations = {};
  for (const lang of ['en', 'ru', 'kk'] as const) {
    const t = cell(`text_${lang}`);
    if (t !== '') text[lang] = t;
  }
  if (!text.en && !text.ru && !text.kk) reject('textMissing');
  return text;
}

function optionalFields(cell: Cell): Record<'symbol' | 'paragraph' | 'session', string | null> {
  const optional: Record<'symbol' | 'paragraph' | 'session', string | null> = {
    symbol: null,
    paragraph: null,
    session: null,
  };
  for (const field of ['symbol', 'paragraph', 'session'] as const) {
    const v = single(cell(field).replace(/\s+/g, ' '));
    const max = LIMITS[field] as number;
    if (v.length > max) reject('tooLong', { field, max });
    optional[field] = v === '' ? null : v;
  }
  return optional;
}

function adoptedOnOf(cell: Cell): string | null {
  const dateText = single(cell('date'));
  if (dateText === '') return null;
  const parsed = parseDate(dateText);
  if (parsed === 'impossible') reject('dateImpossible', { value: dateText });
  if (parsed === 'unreadable') reject('dateUnreadable', { value: dateText });
  return parsed;
}

function recommendingStateOf(cell: Cell, lookups: Lookups): string | null {
  const recommenders = splitValues(cell('recommending_state'));
  if (recommenders.length === 0) return null;
  // A joint recommendation names several States; the table has room for one: the first.
  const code = stateOf(recommenders[0] as string, lookups);
  if (!code) reject('recommendingStateUnknown', { value: recommenders[0] as string });
  return code;
}

function sdgTargetsOf(cell: Cell, lookups: Lookups): string[] {
  const sdgTargets: string[] = [];
  for (const value of splitValues(cell('sdg'))) {
    const found = sdgOf(value, lookups);
    if ('goalOnly' in found) reject('sdgGoalOnly', { value: found.goalOnly });
    if ('unknown' in found) reject('sdgUnknown', { value: found.unknown });
    if (!sdgTargets.includes(found.target)) sdgTargets.push(found.target);
  }
  return sdgTargets;
}

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = nameKey(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
