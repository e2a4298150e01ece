import type { Db } from '../../core/db/database.ts';
import type { I18n } from '../../core/i18n/i18n.ts';
import { stateName } from '../states.ts';
import type { FacetIndex } from './facet-index.ts';
import type { ExplorerFilter } from './filter.ts';
import { matchingIds, type RecommendationRecord, recordsByIds } from './queries.ts';
import { resolveFilter } from './where.ts';

const CSV_BATCH = 1000;

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

function csvRow(r: RecommendationRecord, i18n: I18n, publicUrl: string): unknown[] {
  const names = (list: { name: Parameters<I18n['pick']>[0] }[]) =>
    list.map((x) => i18n.pick(x.name)?.text ?? '').join('; ');
  return [
    r.id,
    `${publicUrl}/${i18n.lang}/recommendations/${r.id}`,
    r.stateCode,
    stateName(r.stateCode, i18n.lang),
    r.mechanismCode,
    r.cycle ? (i18n.pick(r.cycle.title)?.text ?? r.cycle.id) : '',
    r.symbol,
    r.paragraph,
    r.adoptedOn,
    r.session,
    r.recommendingState,
    r.response,
    r.status,
    r.priority ? 'yes' : 'no',
    names(r.themes),
    names(r.affectedGroups),
    r.sdgTargets.join('; '),
    names(r.responsibleBodies),
    r.text.kk,
    r.text.ru,
    r.text.en,
  ];
}

/**
 * The CSV export of a filter: the ids of every match are read now (270,000 at most, the only thing
 * held), their records in batches as the rows are streamed.
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
  // The next batch is read while this one's rows are written out: the database and the writing overlap.
  const batch = (i: number) => (i < ids.length ? recordsByIds(db, ids.slice(i, i + CSV_BATCH)) : undefined);
  return (async function* rows() {
    let next = batch(0);
    for (let i = 0; next; i += CSV_BATCH) {
      const records = await next;
      next = batch(i + CSV_BATCH);
      // A batch read ahead whose rows are never asked for (the reader went away) must not be an unhandled rejection.
      next?.catch(() => {});
      for (const r of records) yield csvRow(r, i18n, publicUrl);
    }
  })();
}
