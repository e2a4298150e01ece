import type { Db } from '../../core/db/database.ts';
import type { I18n } from '../../core/i18n/i18n.ts';
import { stateName } from '../states.ts';
import type { FacetIndex } from './facet-index.ts';
import type { ExplorerFilter } from './filter.ts';
import { type CsvFields, type CsvNamed, csvFieldsByIds, csvNames, matchingIds } from './queries.ts';
import { resolveFilter } from './where.ts';

/**
 * Records read at a time (and one batch more read ahead): what an export holds. Four exports at once
 * held the process at 313-314 MB resident with 1,000 (two runs), 297-299 MB with 250 (issue 15: under
 * 300 MB), the export's time within the noise of a loaded machine.
 */
const CSV_BATCH = 250;

export const CSV_COLUMNS = [
  'id',
  'url',
  'state_code',
  'state',
  'mechanism',
  'cycle',
  'symbol',
  'paragraph',
  'adopted_on',
  'session',
  'recommending_state',
  'response',
  'status',
  'priority',
  'themes',
  'affected_persons',
  'sdg_targets',
  'responsible_bodies',
  'text_kk',
  'text_ru',
  'text_en',
];

/** What the CSV shows of a cycle (its title, else its id; '' when it has none) and of each theme, group and body. */
type Names = Record<keyof CsvNamed, Map<string, string | null>>;

/**
 * The names of the cycles, themes, groups and bodies an export's rows refer to, in the reader's language:
 * read and picked once per id (one statement for the ids a batch is the first to name), not per row.
 * An id whose row is gone maps to null and names nothing, as the records' subqueries found nothing.
 */
function nameBook(db: Db, i18n: I18n) {
  const names: Names = { cycles: new Map(), themes: new Map(), groups: new Map(), bodies: new Map() };
  const split = (ids: string) => (ids === '' ? [] : ids.split(','));
  return {
    names,
    /** Reads the names of the ids these rows name and no earlier row did (one query, none when there are none). */
    async learn(rows: CsvFields[]) {
      const unseen: CsvNamed = { cycles: [], themes: [], groups: [], bodies: [] };
      const note = (kind: keyof CsvNamed, id: string) => {
        if (!names[kind].has(id)) {
          names[kind].set(id, null);
          unseen[kind].push(id);
        }
      };
      for (const r of rows) {
        if (r.cycleId !== null) note('cycles', r.cycleId);
        for (const id of split(r.themeIds)) note('themes', id);
        for (const id of split(r.groupIds)) note('groups', id);
        for (const id of split(r.bodyIds)) note('bodies', id);
      }
      if (Object.values(unseen).every((ids) => ids.length === 0)) return;
      const read = await csvNames(db, unseen);
      for (const [id, title] of read.cycles) names.cycles.set(id, i18n.pick(title)?.text ?? id);
      for (const kind of ['themes', 'groups', 'bodies'] as const)
        for (const [id, name] of read[kind]) names[kind].set(id, i18n.pick(name)?.text ?? '');
    },
  };
}

/** The names of these ids (comma-separated) that exist, each once, by id, joined by "; ". */
function namesOf(ids: string, names: Map<string, string | null>): string {
  if (ids === '') return '';
  let list = ids.split(',');
  // Stored in order, each once, as a rule: sorted only when not.
  if (!list.every((id, i) => i === 0 || Number(id) > Number(list[i - 1])))
    list = [...new Set(list)].sort((a, b) => Number(a) - Number(b));
  const found: string[] = [];
  for (const id of list) {
    const name = names.get(id);
    if (name !== null && name !== undefined) found.push(name);
  }
  return found.join('; ');
}

function csvRow(r: CsvFields, names: Names, lang: I18n['lang'], publicUrl: string): unknown[] {
  return [
    r.id,
    `${publicUrl}/${lang}/recommendations/${r.id}`,
    r.stateCode,
    stateName(r.stateCode, lang),
    r.mechanismCode,
    r.cycleId === null ? '' : (names.cycles.get(r.cycleId) ?? ''),
    r.symbol,
    r.paragraph,
    r.adoptedOn,
    r.session,
    r.recommendingState,
    r.response,
    r.status,
    r.priority ? 'yes' : 'no',
    namesOf(r.themeIds, names.themes),
    namesOf(r.groupIds, names.groups),
    r.sdgTargets,
    namesOf(r.bodyIds, names.bodies),
    r.textKk,
    r.textRu,
    r.textEn,
  ];
}

/**
 * The CSV export of a filter: the ids of every match are read now (270,000 at most, the only thing
 * held), their fields in batches as the rows are streamed, and the names they refer to once each.
 */
export async function recommendationsCsv(
  db: Db,
  f: ExplorerFilter,
  i18n: I18n,
  publicUrl: string,
  ix?: FacetIndex,
): Promise<AsyncGenerator<unknown[]>> {
  const { filter } = await resolveFilter(db, f);
  const ids = await matchingIds(db, filter, ix);
  const book = nameBook(db, i18n);
  const read = async (i: number) => {
    const rows = await csvFieldsByIds(db, Array.from(ids.subarray(i, i + CSV_BATCH), String));
    await book.learn(rows);
    return rows;
  };
  // The next batch is read while this one's rows are written out: the database and the writing overlap.
  const batch = (i: number) => (i < ids.length ? read(i) : undefined);
  return (async function* rows() {
    let next = batch(0);
    for (let i = 0; next; i += CSV_BATCH) {
      const records = await next;
      next = batch(i + CSV_BATCH);
      // A batch read ahead whose rows are never asked for (the reader went away) must not be an unhandled rejection.
      next?.catch(() => {});
      for (const r of records) yield csvRow(r, book.names, i18n.lang, publicUrl);
    }
  })();
}
