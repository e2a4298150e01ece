import type { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import { decoder, type Encoding, normaliseNewlines } from './decode.ts';
import { JsonArrayScanner } from './json-scanner.ts';
import { MAX_COLUMNS, MAX_RECORD_CHARS } from './limits.ts';
import { ImportProblem } from './problem.ts';
import type { Delimiter, OpenBytes, TableSpec } from './table.ts';

export type RawRecord = { line: number; values: string[] } | { line: number; object: Record<string, unknown> };

/** The records of a file as the parser of its format gives them: rows of values (CSV, XLSX) or objects (JSON). */
export function records(open: OpenBytes, spec: TableSpec): AsyncGenerator<RawRecord> {
  if (spec.format === 'xlsx') return xlsxRecords(open);
  if (spec.format === 'json') return jsonRecords(open, spec.encoding ?? 'utf-8');
  return csvRecords(open, spec.encoding ?? 'utf-8', spec.delimiter ?? ',');
}

function textStream(open: OpenBytes, encoding: Encoding): Readable {
  const bytes = open();
  const text = bytes.pipe(decoder(encoding));
  bytes.on('error', (err) => text.destroy(err));
  const normal = text.pipe(normaliseNewlines());
  text.on('error', (err) => normal.destroy(err));
  return normal;
}

async function* csvRecords(open: OpenBytes, encoding: Encoding, delimiter: Delimiter): AsyncGenerator<RawRecord> {
  const text = textStream(open, encoding);
  // The parser runs ahead of the loop below; an error is placed after the last record it parsed.
  let parsedEnd = 0;
  const parser = parseCsv({
    on_record: (record: string[], context: { lines: number }) => {
      parsedEnd = context.lines;
      return record;
    },
    delimiter,
    record_delimiter: '\n',
    quote: '"',
    escape: '"',
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
    info: true,
    bom: false,
  });
  text.on('error', (err) => parser.destroy(err));
  text.pipe(parser);
  let lastEnd = 0;
  let lastEmpty = 0;
  try {
    for await (const out of parser as AsyncIterable<{
      record: string[];
      info: { lines: number; empty_lines: number };
    }>) {
      const start = lastEnd + 1 + (out.info.empty_lines - lastEmpty);
      lastEnd = out.info.lines;
      lastEmpty = out.info.empty_lines;
      if (out.record.every((c) => c.trim() === '')) continue;
      yield { line: start, values: out.record };
    }
  } catch (err) {
    throw csvProblem(err, parsedEnd + 1);
  } finally {
    text.destroy();
  }
}

function csvProblem(err: unknown, line: number): unknown {
  if (err instanceof ImportProblem) return err;
  const code = (err as { code?: string }).code;
  const at = (err as { lines?: number }).lines ?? line;
  // The record that failed starts on `line`; a run of empty lines before it is not counted here.
  if (code === 'CSV_QUOTE_NOT_CLOSED') return new ImportProblem('import.error.unclosedQuote', { line });
  if (code === 'CSV_MAX_RECORD_SIZE') return new ImportProblem('import.error.recordTooLong', { line });
  if (typeof code === 'string' && code.startsWith('CSV_')) return new ImportProblem('import.error.csv', { line: at });
  return err;
}

/**
 * Waits for `next` but no longer than a few seconds after the file has been read to its end:
 * exceljs 4.4.0 neither ends nor fails on a zip cut short or without a workbook, it waits forever.
 */
async function settled<T>(next: Promise<T>, ended: { at: number | null }): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stall = new Promise<never>((_, reject) => {
    const check = () => {
      if (ended.at !== null && Date.now() - ended.at > 3000) reject(new ImportProblem('import.error.xlsx'));
      else timer = setTimeout(check, 250);
    };
    timer = setTimeout(check, 250);
  });
  try {
    return await Promise.race([next, stall]);
  } finally {
    clearTimeout(timer);
  }
}

async function* watched<T>(iterable: AsyncIterable<T>, ended: { at: number | null }): AsyncGenerator<T> {
  const it = iterable[Symbol.asyncIterator]();
  for (;;) {
    const { value, done } = await settled(it.next(), ended);
    if (done) return;
    yield value;
  }
}

async function* xlsxRecords(open: OpenBytes): AsyncGenerator<RawRecord> {
  const bytes = open();
  const ended: { at: number | null } = { at: null };
  bytes.on('end', () => {
    ended.at = Date.now();
  });
  // exceljs is loaded with the first spreadsheet, not with every process (it takes ~0.3 s).
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(bytes, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  try {
    for await (const sheet of watched(reader, ended)) {
      // Only the first sheet: exports have one; a second is usually notes or a legend.
      for await (const row of watched(sheet, ended)) {
        const raw = row.values as unknown[];
        const values: string[] = [];
        for (let i = 1; i < raw.length; i++) values.push(xlsxCellText(raw[i]));
        if (values.length > MAX_COLUMNS * 5) values.length = MAX_COLUMNS * 5;
        if (values.every((v) => v.trim() === '')) continue;
        yield { line: row.number, values };
      }
      break;
    }
  } catch (err) {
    if (err instanceof ImportProblem) throw err;
    throw new ImportProblem('import.error.xlsx');
  } finally {
    bytes.destroy();
  }
}

/**
 * A spreadsheet cell as text. A formula is kept as its text ("=…"): Kenes never evaluates it and
 * does not trust the result a spreadsheet program cached beside it.
 */
export function xlsxCellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as {
      formula?: string;
      sharedFormula?: string;
      richText?: { text: string }[];
      text?: unknown;
      error?: string;
    };
    if (typeof v.formula === 'string') return `=${v.formula}`;
    if (typeof v.sharedFormula === 'string') return `=${v.sharedFormula}`;
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text ?? '').join('');
    if (v.text !== undefined) return xlsxCellText(v.text);
    if (typeof v.error === 'string') return '';
  }
  return '';
}

/**
 * The objects of a JSON array — the whole document, or the value of its "data" or
 * "recommendations" key — one at a time: the text is scanned for each object's end and only that
 * object is parsed.
 */
async function* jsonRecords(open: OpenBytes, encoding: Encoding): AsyncGenerator<RawRecord> {
  const text = textStream(open, encoding);
  const scanner = new JsonArrayScanner();
  let index = 0;
  try {
    for await (const chunk of text as AsyncIterable<string>) {
      for (const objectText of scanner.push(chunk)) {
        index++;
        let object: unknown;
        try {
          object = JSON.parse(objectText);
        } catch {
          throw new ImportProblem('import.error.json', { line: index });
        }
        yield { line: index, object: object as Record<string, unknown> };
      }
    }
    scanner.end(index);
  } finally {
    text.destroy();
  }
}
