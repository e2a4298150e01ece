import type { FieldErrors } from '../../core/http/forms.ts';
import { HttpError } from '../../core/http/http-error.ts';
import type { I18n, MessageKey } from '../../core/i18n/i18n.ts';
import { allStateCodes } from '../state-codes.ts';
import { isField, type Mapping, mappingProblems, parseSettings, type Settings } from './columns.ts';

/** No more answers than names the preview lists (names-to-decide.ts): two lists of at most 400. */
const MAX_DECISIONS = 400;

/** The preview form, read and checked: the settings to start with, and what is wrong with them. */
export interface StartForm {
  settings: Settings;
  skipBadRows: boolean;
  errors: FieldErrors;
}

/**
 * Reads the preview form against the file's header and the mechanisms there are (asked only when
 * the form is well-formed); 400 when it is malformed (not one a browser sends), errors for the user
 * otherwise.
 */
export async function readStartForm(
  i18n: I18n,
  body: Record<string, unknown>,
  header: string[],
  mechanismCodes: () => Promise<string[]>,
  themeIdsOf: () => Promise<string[]>,
): Promise<StartForm> {
  const parsed = settingsFromForm(body, header.length);
  if (!parsed) throw new HttpError(400, 'malformed import settings');
  const { settings, skipBadRows, twice } = parsed;
  const errors = settingsErrors(i18n, settings, twice, header);
  const codes = await mechanismCodes();
  if (settings.defaults.mechanism && !codes.includes(settings.defaults.mechanism)) {
    errors.default_mechanism = i18n.t('validation.choice');
  }
  const themeIds = new Set(await themeIdsOf());
  decisionsFromForm(body, 'theme', (i, name, value) => {
    if (value !== 'new' && !themeIds.has(value)) errors[`theme_${i}`] = i18n.t('validation.choice');
    else settings.themes = { ...settings.themes, [name]: value };
  });
  const states = new Set(allStateCodes());
  decisionsFromForm(body, 'state', (i, name, value) => {
    if (!states.has(value)) errors[`state_${i}`] = i18n.t('validation.choice');
    else settings.stateNames = { ...settings.stateNames, [name]: value };
  });
  return { settings, skipBadRows, errors };
}

/**
 * The preview's answers on unknown names: `theme_name_N` (the name, as listed) with `theme_N` (what
 * to do), and the same for `state`. An empty answer leaves the theme out, the State unknown.
 */
function decisionsFromForm(
  body: Record<string, unknown>,
  kind: 'theme' | 'state',
  take: (index: number, name: string, value: string) => void,
): void {
  for (let i = 0; i < MAX_DECISIONS; i++) {
    const name = body[`${kind}_name_${i}`];
    const value = body[`${kind}_${i}`];
    if (name === undefined) return;
    if (typeof name !== 'string' || typeof value !== 'string') throw new HttpError(400, 'malformed import decision');
    if (name.trim() === '' || name.length > 200 || value === '') continue;
    take(i, name, value);
  }
}

/** The preview form's columns (col_0 … col_n → field), fixed values and mode; null when malformed. */
function settingsFromForm(
  body: Record<string, unknown>,
  columns: number,
): { settings: Settings; skipBadRows: boolean; twice: number[] } | null {
  const mapping: Mapping = {};
  const twice: number[] = [];
  for (let i = 0; i < columns; i++) {
    const value = body[`col_${i}`];
    if (value === undefined || value === '') continue;
    if (!isField(value)) return null;
    if (mapping[value] !== undefined) twice.push(i);
    else mapping[value] = i;
  }
  const defaults: Settings['defaults'] = {};
  const state = body.default_state;
  const mechanism = body.default_mechanism;
  if (typeof state === 'string' && state !== '') {
    if (!/^[A-Z]{2}$/.test(state)) return null;
    defaults.state = state;
  }
  if (typeof mechanism === 'string' && mechanism !== '') {
    if (!/^[A-Z][A-Z0-9-]{1,19}$/.test(mechanism)) return null;
    defaults.mechanism = mechanism;
  }
  const mode = body.mode;
  if (mode !== undefined && mode !== 'all' && mode !== 'skip') return null;
  // A field chosen for two columns keeps the first; the others are reported.
  return { settings: parseSettings({ columns: mapping, defaults }, columns), skipBadRows: mode === 'skip', twice };
}

function settingsErrors(i18n: I18n, settings: Settings, twice: number[], header: string[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const column of twice) {
    errors[`col_${column}`] = i18n.t('import.mapping.twice', { column: header[column] || String(column + 1) });
  }
  for (const problem of mappingProblems(settings, header.length)) {
    if (problem.key === 'import.mapping.required') {
      const field = problem.field;
      const label = i18n.t(`import.field.${field}` as MessageKey);
      const target = field === 'state' ? 'default_state' : field === 'mechanism' ? 'default_mechanism' : 'col_0';
      errors[target] = i18n.t('import.mapping.required', { field: label });
    } else {
      errors[`col_${problem.column}`] = i18n.t('import.mapping.twice', {
        column: header[problem.column] || String(problem.column + 1),
      });
    }
  }
  return errors;
}
