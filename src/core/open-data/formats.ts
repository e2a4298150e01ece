import { Readable } from 'node:stream';
import { createDeflateRaw } from 'node:zlib';
import { Zip, ZipPassThrough } from 'fflate';
import type { Db } from '../db/database.ts';
import type { Dataset, DatasetCell, DatasetSummary } from '../extensions.ts';
import { csvStream } from '../http/csv.ts';
import type { I18n } from '../i18n/i18n.ts';
import { languageTag } from './edition.ts';
import type { Licence } from './licences.ts';

/*
 * A dataset's files (decision 0028): CSV (UTF-8 with a BOM, formulas neutralised by core/http/csv.ts),
 * JSON (the dataset's metadata and its rows as objects) and one zip of them all. Each is produced batch
 * by batch as the client reads, so no file is held whole in memory and no step holds the event loop
 * for more than a batch.
 */

export type DatasetFormat = 'csv' | 'json';

/** The rows one by one, from the dataset's batches. */
async function* eachRow(batches: AsyncIterable<readonly (readonly DatasetCell[])[]>) {
  for await (const batch of batches) yield* batch;
}

/** The dataset as CSV: a header of the column names, then its public rows. */
export function datasetCsv(db: Db, dataset: Dataset, i18n: I18n): Readable {
  return csvStream(
    dataset.columns.map((c) => c.name),
    eachRow(dataset.rows(db, i18n)),
  );
}

/** What the JSON file says of its dataset before its rows. */
export interface JsonHead {
  summary: DatasetSummary;
  licence: Licence;
}

/** The dataset as JSON: `{ dataset, title, licence, modified, columns, rows: [{ column: value }] }`, written batch by batch. */
export async function* datasetJson(db: Db, dataset: Dataset, i18n: I18n, head: JsonHead): AsyncGenerator<string> {
  const names = dataset.columns.map((c) => c.name);
  const meta = {
    dataset: dataset.id,
    title: i18n.t(dataset.title),
    description: i18n.t(dataset.description),
    language: languageTag(i18n),
    licence: head.licence.url,
    modified: head.summary.lastChange?.toISOString() ?? null,
    columns: dataset.columns.map((c) => ({ name: c.name, type: c.type, description: i18n.t(c.description) })),
  };
  yield `${JSON.stringify(meta).slice(0, -1)},"rows":[`;
  let first = true;
  for await (const batch of dataset.rows(db, i18n)) {
    const objects = batch.map((row) => JSON.stringify(Object.fromEntries(names.map((n, i) => [n, row[i] ?? null]))));
    yield (first ? '' : ',') + objects.join(',');
    first = false;
  }
  yield ']}\n';
}

/** The JSON file as a stream. */
export function datasetJsonStream(db: Db, dataset: Dataset, i18n: I18n, head: JsonHead): Readable {
  return Readable.from(datasetJson(db, dataset, i18n, head));
}

/** One file of the zip: its name, when it last changed, and its content as it is produced. */
export interface ZipEntry {
  name: string;
  modified: Date | null;
  content: () => AsyncIterable<string | Uint8Array>;
}

const encoder = new TextEncoder();
/** Zip entries carry a date: without a change, a fixed one, so that the same data give the same bytes. */
const EPOCH = new Date('2026-01-01T00:00:00Z');

/**
 * A file of the zip deflated by Node's zlib, which compresses on its thread pool: fflate's own
 * deflate runs on the event loop and held it 30–200 ms per 200 KB batch (measured). fflate's Zip
 * still writes the container; ZipPassThrough computes the CRC and size of what is pushed.
 */
class NativeDeflate extends ZipPassThrough {
  private readonly deflate = createDeflateRaw({ level: 6 });
  /** Settles when zlib has taken the last chunk pushed. */
  taken: Promise<void> = Promise.resolve();
  /** Settles when the file's last compressed byte went to the zip. */
  readonly finished: Promise<void>;

  constructor(name: string) {
    super(name);
    this.compression = 8;
    this.deflate.on('data', (data: Buffer) => this.ondata(null, new Uint8Array(data), false));
    this.finished = new Promise((resolve, reject) => {
      this.deflate.on('end', () => {
        this.ondata(null, new Uint8Array(0), true);
        resolve();
      });
      this.deflate.on('error', reject);
    });
  }

  protected override process(chunk: Uint8Array, final: boolean): void {
    this.taken = new Promise((resolve) => this.deflate.write(chunk, () => resolve()));
    if (final) this.deflate.end();
  }
}

/**
 * A zip of these files, each compressed chunk by chunk as it is produced and its bytes yielded at
 * once: pulled as the client reads, never held whole.
 */
export async function* zipOf(entries: readonly ZipEntry[]): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, data) => {
    if (err) failure = err;
    else out.push(data);
  });
  function* drain() {
    if (failure) throw failure;
    while (out.length > 0) yield out.shift() as Uint8Array;
  }
  for (const entry of entries) {
    const file = new NativeDeflate(entry.name);
    file.mtime = entry.modified ?? EPOCH;
    zip.add(file);
    for await (const chunk of entry.content()) {
      file.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      await file.taken;
      yield* drain();
    }
    file.push(new Uint8Array(0), true);
    await file.finished;
    yield* drain();
  }
  zip.end();
  yield* drain();
}
