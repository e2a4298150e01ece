import type { FastifyInstance } from 'fastify';
import { csvStream } from '../../core/http/csv.ts';
import { authorize, langRoute } from '../../core/http/pages.ts';
import { CSV_COLUMNS, recommendationsCsv } from './csv.ts';
import { parseExplorerQuery } from './filter.ts';
import type { KeptFacetIndex } from './kept-index.ts';
import { explorerPage } from './queries.ts';
import { ExplorerPage } from './views.tsx';

export const PAGE_SIZE = 50;
/** Offset paging stays cheap this deep; the CSV export has every match. */
export const MAX_PAGE = 200;

/** The public explorer of recommendations and its CSV export. */
export function explorerRoutes(app: FastifyInstance, deps: { publicUrl: string }, facets: KeptFacetIndex) {
  const db = app.db;

  langRoute(app, 'GET', '/recommendations', async (req, _reply, ctx) => {
    authorize(req, 'read-public');
    const parsed = parseExplorerQuery(req.query, { lang: ctx.i18n.lang, maxPage: MAX_PAGE });
    const { page } = parsed;
    const slice = { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
    const { filter, unknown, rows, counts } = await explorerPage(db, parsed.filter, slice, facets.current());
    const comments = await app.comments.counts(
      'recommendation',
      rows.map((r) => r.id),
    );
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
        comments={comments}
        searchedFor={filter.searchedFor}
      />
    );
  });

  // Any filtered list as CSV, streamed in batches of records: only the ids are held (270,000 at most).
  langRoute(app, 'GET', '/recommendations.csv', async (req, reply, ctx) => {
    authorize(req, 'read-public');
    const { filter } = parseExplorerQuery(req.query, { lang: ctx.i18n.lang, maxPage: MAX_PAGE });
    const rows = await recommendationsCsv(db, filter, ctx.i18n, deps.publicUrl, facets.current());
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="kenes-recommendations.csv"')
      .send(csvStream(CSV_COLUMNS, rows));
  });
}
