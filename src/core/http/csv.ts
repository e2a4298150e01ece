import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';

/**
 * A cell that starts like a formula (= + - @, or a tab or carriage return that some spreadsheets
 * skip before one) would run when the file is opened: it is prefixed with an apostrophe, which
 * spreadsheets show as text (CSV injection, OWASP).
 */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * A CSV file streamed from rows produced batch by batch: UTF-8 with a BOM (so spreadsheets read
 * Cyrillic and Kazakh letters right), a header, every cell neutralised by `safeCell`.
 */
export function csvStream(columns: string[], rows: AsyncIterable<readonly unknown[]>): Readable {
  async function* safe() {
    for await (const row of rows) yield row.map((v) => safeCell(v === null || v === undefined ? '' : String(v)));
  }
  const source = Readable.from(safe());
  const csv = stringify({ header: true, columns, bom: true });
  // pipe() does not pass errors on: a failing query would be an unhandled 'error' event (which ends
  // the process). Passed to the stream the reply reads, it ends that one response only.
  source.on('error', (err) => csv.destroy(err));
  return source.pipe(csv);
}
