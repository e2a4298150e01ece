import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import type { Dataset } from '../extensions.ts';
import { notFound } from '../http/http-error.ts';
import type { Edition } from '../http/latin-edition.ts';
import type { I18n } from '../i18n/i18n.ts';
import { CATALOG_PATH, catalog } from './catalog.ts';
import { filesI18n } from './edition.ts';
import { type DatasetFormat, datasetCsv, datasetJson, datasetJsonStream, type ZipEntry, zipOf } from './formats.ts';
import { etagOf, matches, type OpenDataState } from './state.ts';

/** The one file of everything. */
export const ZIP_NAME = 'kenes-open-data.zip';

/** A file the open-data page offers: a dataset in a format, or the zip of everything. */
export type OpenDataFile = { kind: 'dataset'; dataset: Dataset; format: DatasetFormat } | { kind: 'zip' };

/** The file a name asks for (`meetings.csv`, `meetings.json`, the zip), or 404. */
export function parseFile(name: string, datasets: readonly Dataset[]): OpenDataFile {
  if (name === ZIP_NAME) return { kind: 'zip' };
  const m = /^([a-z0-9-]+)\.(csv|json)$/.exec(name);
  const dataset = m ? datasets.find((d) => d.id === m[1]) : undefined;
  if (!m || !dataset) throw notFound(`no open-data file ${name}`);
  return { kind: 'dataset', dataset, format: m[2] as DatasetFormat };
}

const TYPES = { csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8', zip: 'application/zip' };

/**
 * Sends the file, or 304 when the client holds this version: the ETag is known before anything is
 * generated (the data version, decision 0028), so an unchanged file costs only the summaries. The
 * edition's texts: kk, ru, en, or the Latin-script Kazakh of /kk-latn/ (edition.ts).
 */
export function sendFile(
  req: FastifyRequest,
  reply: FastifyReply,
  db: Db,
  edition: Edition,
  state: OpenDataState,
  file: OpenDataFile,
  publicUrl: string,
): FastifyReply {
  const i18n = filesI18n(edition);
  const name = file.kind === 'zip' ? ZIP_NAME : `${file.dataset.id}.${file.format}`;
  const etag = etagOf(state, edition, name);
  reply.header('etag', etag).header('cache-control', 'no-cache');
  if (matches(req.headers['if-none-match'], etag)) return reply.code(304).send();
  reply.type(TYPES[file.kind === 'zip' ? 'zip' : file.format]);
  reply.header('content-disposition', `attachment; filename="${edition}-${name}"`);
  if (file.kind === 'zip') return reply.send(Readable.from(zipOf(zipEntries(db, i18n, state, publicUrl))));
  if (file.format === 'csv') return reply.send(datasetCsv(db, file.dataset, i18n));
  const { summary } = state.datasets.find((d) => d.dataset === file.dataset) as OpenDataState['datasets'][number];
  return reply.send(datasetJsonStream(db, file.dataset, i18n, { summary, licence: state.licence }));
}

/** Every dataset as CSV and JSON, and the catalogue. */
export function zipEntries(db: Db, i18n: I18n, state: OpenDataState, publicUrl: string): ZipEntry[] {
  return [
    ...state.datasets.flatMap(({ dataset, summary }) => [
      { name: `${dataset.id}.csv`, modified: summary.lastChange, content: () => datasetCsv(db, dataset, i18n) },
      {
        name: `${dataset.id}.json`,
        modified: summary.lastChange,
        content: () => datasetJson(db, dataset, i18n, { summary, licence: state.licence }),
      },
    ]),
    {
      name: CATALOG_PATH.split('/').pop() as string,
      modified: null,
      content: async function* () {
        yield JSON.stringify(catalog(state, publicUrl), null, 2);
      },
    },
  ];
}
