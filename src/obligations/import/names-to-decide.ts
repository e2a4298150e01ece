import type { Db } from '../../core/db/database.ts';
import { stateOf } from './cells.ts';
import type { Settings } from './columns.ts';
import { Vocabulary } from './vocabulary.ts';
import { loadLookups } from './write.ts';

/** The names of a file that Kenes does not know and a person must decide on before it is imported. */
export interface NamesToDecide {
  /** Themes matching no theme (theme-synonyms.ts): created only if confirmed, or filed under one chosen. */
  themes: string[];
  /** State names no source knows and nobody mapped yet: mapped to a State, remembered for next time. */
  states: string[];
}

/** At most this many of each are listed (a column with more is not a vocabulary: column-values.ts). */
const MAX_LISTED = 400;

/**
 * The themes and State names of the file's columns (as the settings map them) that are not known, from
 * the values found when the file was read (`columnValues`; null for a file read before they were kept).
 */
export async function namesToDecide(
  db: Db,
  columnValues: (string[] | null)[] | null,
  settings: Settings,
): Promise<NamesToDecide> {
  const values = (column: number | undefined) => (column === undefined ? [] : (columnValues?.[column] ?? []));
  const themeNames = values(settings.columns.themes);
  const stateNames = [...values(settings.columns.state), ...values(settings.columns.recommending_state)];
  if (themeNames.length === 0 && stateNames.length === 0) return { themes: [], states: [] };
  const themes = new Vocabulary('themes');
  const [lookups] = await Promise.all([loadLookups(db), themes.load(db)]);
  return {
    themes: unique(themeNames.filter((name) => !themes.match(name))).slice(0, MAX_LISTED),
    states: unique(stateNames.filter((name) => !stateOf(name, lookups))).slice(0, MAX_LISTED),
  };
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
