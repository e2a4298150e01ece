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
  return Readable.from(safe()).pipe(stringify({ header: true, columns, bom: true }));
}
