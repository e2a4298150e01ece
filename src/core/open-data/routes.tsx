import type { FastifyInstance } from 'fastify';
import type { Dataset } from '../extensions.ts';
import { getPage, langRoute } from '../http/pages.ts';
import { CATALOG_PATH, catalog } from './catalog.ts';
import { parseFile, sendFile } from './download.ts';
import { editionOf } from './edition.ts';
import { OpenDataPage } from './page.tsx';
import { etagOf, matches, openDataState, readSummaries } from './state.ts';

/**
 * Open data (issue 17, decision 0028): /{lang}/open-data lists every domain's datasets; each is
 * downloadable as CSV and JSON, all of them as one zip, and described by a DCAT-AP catalogue.
 * The datasets' summaries (rows, last change, the stamps the ETags come from) are kept as any read
 * shared between requests is (app.shared, decision 0022): while nothing visitors see has changed.
 */
export function openDataRoutes(app: FastifyInstance, datasets: readonly Dataset[], opts: { publicUrl: string }) {
  const db = app.db;
  const summaries = () => app.shared.read('open-data:summaries', () => readSummaries(db, datasets));
  const currentState = () => openDataState(db, datasets, summaries);

  getPage(app, '/open-data', async (_req, ctx) => <OpenDataPage ctx={ctx} state={await currentState()} />);

  langRoute<{ file: string }>(app, 'GET', '/open-data/:file', async (req, reply, ctx) => {
    const file = parseFile(req.params.file, datasets);
    const state = await currentState();
    return sendFile(req, reply, db, editionOf(ctx.i18n, ctx.latin), state, file, opts.publicUrl);
  });

  app.get(CATALOG_PATH, async (req, reply) => {
    const state = await currentState();
    const etag = etagOf(state, null, 'catalog');
    reply.header('etag', etag).header('cache-control', 'no-cache');
    if (matches(req.headers['if-none-match'], etag)) return reply.code(304).send();
    return reply.type('application/ld+json; charset=utf-8').send(JSON.stringify(catalog(state, opts.publicUrl)));
  });
}
