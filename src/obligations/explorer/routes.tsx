import type { FastifyInstance } from 'fastify';
import { csvStream } from '../../core/http/csv.ts';
import { authorize, langRoute } from '../../core/http/pages.ts';
import { sharedReads } from '../../core/http/shared-reads.ts';
import { CSV_COLUMNS, recommendationsCsv } from './csv.ts';
import { type ExplorerFilter, parseExplorerQuery } from './filter.ts';
import type { KeptFacetIndex } from './kept-index.ts';
import { explorerPage } from './queries.ts';
import { ExplorerPage } from './views.tsx';

export const PAGE_SIZE = 50;
/** Offset paging stays cheap this deep; the CSV export has every match. */
export const MAX_PAGE = 200;

/** Explorer pages kept at once: each is about 100 KB (50 rows in three languages, the facets' counts). */
const KEPT_PAGES = 64;

/** The public explorer of recommendations and its CSV export. */
export function explorerRoutes(app: FastifyInstance, deps: { publicUrl: string }, facets: KeptFacetIndex) {
  const db = app.db;
  // A page of the explorer is the same for every reader (recommendations and their published comments
  // are public): read once per filter while nothing changes for signed-in readers (visitors' whole
  // answers are kept by the page cache; one it does not keep is counted afresh) — once counted by the
  // facet index, so that a page counted in PostgreSQL while the index was being built is counted again.
  const pages = sharedReads(() => app.shared.version(), undefined, { maxEntries: KEPT_PAGES });
  const view = (filter: ExplorerFilter, slice: { limit: number; offset: number }, signedIn: boolean) => {
    const index = facets.current();
    const load = async () => {
      const page = await explorerPage(db, filter, slice, index);
      const ids = page.rows.map((r) => r.id);
      return { ...page, comments: await app.comments.counts('recommendation', ids) };
    };
    return index && signedIn ? pages.read(JSON.stringify([filter, slice]), load) : load();
  };

  langRoute(app, 'GET', '/recommendations', async (req, _reply, ctx) => {
    authorize(req, 'read-public');
    const parsed = parseExplorerQuery(req.query, { lang: ctx.i18n.lang, maxPage: MAX_PAGE });
    const { page } = parsed;
    const slice = { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
    const { filter, unknown, rows, counts, comments } = await view(parsed.filter, slice, ctx.user !== null);
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
