import type { FastifyInstance } from 'fastify';
import { csvStream } from '../../core/http/csv.ts';
import { authorize, langRoute } from '../../core/http/pages.ts';
import type { I18n } from '../../core/i18n/i18n.ts';
import { stateName } from '../states.ts';
import { parseExplorerQuery } from './filter.ts';
import {
  explorerRows,
  facetCounts,
  matchingIds,
  type RecommendationRecord,
  recordsByIds,
  resolveFilter,
} from './queries.ts';
import { ExplorerPage } from './views.tsx';

export const PAGE_SIZE = 50;
/** Offset paging stays cheap this deep; the CSV export has every match. */
export const MAX_PAGE = 200;
const CSV_BATCH = 1000;

const CSV_COLUMNS = [
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

/** The public explorer of recommendations and its CSV export. */
export function explorerRoutes(app: FastifyInstance, deps: { publicUrl: string }) {
  const db = app.db;

  langRoute(app, 'GET', '/recommendations', async (req, _reply, ctx) => {
    authorize(req, 'read-public');
    const parsed = parseExplorerQuery(req.query, { lang: ctx.i18n.lang, maxPage: MAX_PAGE });
    const { page } = parsed;
    // Three queries whatever the filters: the ids the filter names, then the page of rows and
    // every count (one statement) side by side.
    const { filter, unknown } = await resolveFilter(db, parsed.filter);
    const [rows, counts] = await Promise.all([
      explorerRows(db, filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
      facetCounts(db, filter),
    ]);
    return (
      <ExplorerPage
        ctx={ctx}
        filter={filter}
        page={page}
        pageSize={PAGE_SIZE}
        maxPage={MAX_PAGE}
        rows={rows}
        counts={counts}
        ignored={[...parsed.invalid, ...unknown]}
      />
    );
  });

  // Any filtered list as CSV, streamed in batches of records: only the ids are held (270,000 at most).
  langRoute(app, 'GET', '/recommendations.csv', async (req, reply, ctx) => {
    authorize(req, 'read-public');
    const { filter } = await resolveFilter(
      db,
      parseExplorerQuery(req.query, { lang: ctx.i18n.lang, maxPage: MAX_PAGE }).filter,
    );
    const ids = await matchingIds(db, filter);
    async function* rows() {
      for (let i = 0; i < ids.length; i += CSV_BATCH)
        for (const r of await recordsByIds(db, ids.slice(i, i + CSV_BATCH))) yield csvRow(r, ctx.i18n, deps.publicUrl);
    }
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="kenes-recommendations.csv"')
      .send(csvStream(CSV_COLUMNS, rows()));
  });
}
