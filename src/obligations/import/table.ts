import type { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import { fileTypeFromBuffer } from 'file-type';
import { decoder, detectEncoding, type Encoding, normaliseNewlines } from './decode.ts';
import { ImportProblem } from './problem.ts';

/*
 * A file of recommendations read as a table: a header and rows, each row with the line a user finds
 * it at (CSV: the physical line where the record starts; XLSX: the row number; JSON: the object's
 * position, counted from 1). The file is read as a stream every time — never held whole — so that
 * 100 MB cost the memory of one record.
 */

export type Format = 'csv' | 'xlsx' | 'json';
export const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** The largest file accepted: 100 MiB. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
/** The longest cell accepted, in characters; a longer one rejects its row. */
export const MAX_CELL_CHARS = 20_000;
/** A record (CSV line, JSON object) longer than this is not a row of a table. */
const MAX_RECORD_CHARS = 1_000_000;
const MAX_COLUMNS = 200;
/** Rows shown in the preview. */
export const SAMPLE_ROWS = 10;

/** A fresh stream of the file's bytes, from the start (a file on disk, or chunks in PostgreSQL). */
export type OpenBytes = () => Readable;

/** How to read a file: found by `analyseTable`, partly changeable by the user (the encoding). */
export interface TableSpec {
  format: Format;
  /** CSV and JSON only. */
  encoding: Encoding | null;
  /** CSV only. */
  delimiter: Delimiter | null;
}

export interface TableAnalysis extends TableSpec {
  /** How the encoding was decided ('user' when the user chose it). */
  encodingBy: 'bom' | 'nul-pattern' | 'utf-8' | 'guess' | 'user' | null;
  header: string[];
  headerLine: number;
  sample: { line: number; cells: string[] }[];
  totalRows: number;
}

export interface TableRow {
  line: number;
  cells: string[];
}

async function readHead(open: OpenBytes, bytes: number): Promise<Buffer> {
  const stream = open();
  const parts: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      parts.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= bytes) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(parts).subarray(0, bytes);
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** XLSX or text, from the first bytes; anything else (an image, a PDF, old .xls) is refused. */
async function sniffContainer(head: Buffer): Promise<'xlsx' | 'text'> {
  if (head.length === 0) throw new ImportProblem('import.error.empty');
  if (head.subarray(0, 4).equals(ZIP)) return 'xlsx';
  if (head.subarray(0, 8).equals(OLE2)) throw new ImportProblem('import.error.oldExcel');
  // Text with a byte-order mark is text, whatever file-type would make of its first bytes (it
  // takes UTF-16LE for MPEG audio).
  const bom = head.subarray(0, 3);
  if (
    bom.equals(Buffer.from([0xef, 0xbb, 0xbf])) ||
    (bom[0] === 0xff && bom[1] === 0xfe) ||
    (bom[0] === 0xfe && bom[1] === 0xff)
  ) {
    return 'text';
  }
  const found = await fileTypeFromBuffer(head);
  // file-type recognises binary formats only; what it names is not a table of text.
  if (found) throw new ImportProblem('import.error.notTable', { type: found.ext.toUpperCase() });
  return 'text';
}

// Control characters other than tab, newlines and form feed: text files of tables have none.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const BINARY = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/g;

/** Decoded text of the first bytes, checked to look like a text table; tells JSON from CSV. */
function textKind(text: string): 'json' | 'csv' {
  const controls = text.match(BINARY)?.length ?? 0;
  if (controls > Math.max(2, text.length / 1000)) throw new ImportProblem('import.error.notTable', { type: 'binary' });
  const start = text.trimStart();
  if (start === '') throw new ImportProblem('import.error.empty');
  if (start.startsWith('[') || start.startsWith('{')) return 'json';
  const markup = /^<(!doctype|html|\?xml|head|body|table|div|svg)/i.exec(start);
  if (markup) {
    const tag = (markup[1] as string).toLowerCase();
    throw new ImportProblem('import.error.notTable', { type: tag === 'svg' ? 'SVG' : tag === '?xml' ? 'XML' : 'HTML' });
  }
  return 'csv';
}

/** The delimiter that splits the header line (outside quotes) most often. */
export function guessDelimiter(text: string): Delimiter | null {
  let best: Delimiter | null = null;
  let bestCount = 0;
  const firstLine = firstLogicalLine(text);
  for (const d of DELIMITERS) {
    let count = 0;
    let quoted = false;
    for (const c of firstLine) {
      if (c === '"') quoted = !quoted;
      else if (c === d && !quoted) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

function firstLogicalLine(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if ((c === '\n' || c === '\r') && !quoted) {
      const line = text.slice(0, i);
      if (line.trim() !== '') return line;
      return firstLogicalLine(text.slice(i + 1));
    }
  }
  return text;
}

/** The first 64 KiB as text, cut before a character the cut would split. */
async function decodedHead(open: OpenBytes, encoding: Encoding): Promise<string> {
  let head = await readHead(open, 64 * 1024);
  if (head.length === 64 * 1024) {
    if (encoding === 'utf-8') {
      // Back to the start of the last character: continuation bytes are 10xxxxxx.
      let end = head.length;
      while (end > 0 && end > head.length - 4 && ((head[end - 1] as number) & 0xc0) === 0x80) end--;
      if (end > 0 && (head[end - 1] as number) >= 0xc0) end--;
      head = head.subarray(0, end);
    } else if (encoding.startsWith('utf-16')) head = head.subarray(0, head.length - 2);
  }
  const dec = decoder(encoding);
  const parts: string[] = [];
  await new Promise<void>((resolve, reject) => {
    dec.on('data', (s: string) => parts.push(s));
    dec.on('error', reject);
    dec.on('end', () => resolve());
    dec.end(head);
  });
  return parts.join('');
}

/**
 * Finds the format, encoding and delimiter of a file, reads it through once to count its rows and
 * check it is a table, and keeps the header and the first rows for the preview. `encoding` is the
 * user's choice, if they made one. Throws ImportProblem with the reason a user can act on.
 */
export async function analyseTable(open: OpenBytes, opts: { encoding?: Encoding } = {}): Promise<TableAnalysis> {
  const head = await readHead(open, 4100);
  const container = await sniffContainer(head);
  let spec: TableSpec;
  let encodingBy: TableAnalysis['encodingBy'] = null;
  if (container === 'xlsx') {
    spec = { format: 'xlsx', encoding: null, delimiter: null };
  } else {
    let encoding = opts.encoding;
    if (encoding) encodingBy = 'user';
    else {
      const detected = await detectEncoding(open());
      encoding = detected.encoding;
      encodingBy = detected.by;
    }
    const text = await decodedHead(open, encoding);
    const kind = textKind(text);
    if (kind === 'json') spec = { format: 'json', encoding, delimiter: null };
    else {
      const delimiter = guessDelimiter(text);
      if (!delimiter) throw new ImportProblem('import.error.oneColumn');
      spec = { format: 'csv', encoding, delimiter };
    }
  }

  let header: string[] | undefined;
  let headerLine = 1;
  const sample: { line: number; cells: string[] }[] = [];
  const jsonSample: { line: number; object: Record<string, unknown> }[] = [];
  const jsonKeys = new Map<string, true>();
  let totalRows = 0;
  for await (const record of records(open, spec)) {
    if ('object' in record) {
      for (const key of Object.keys(record.object)) {
        if (!jsonKeys.has(key)) {
          jsonKeys.set(key, true);
          if (jsonKeys.size > MAX_COLUMNS) throw new ImportProblem('import.error.tooManyColumns', { max: MAX_COLUMNS });
        }
      }
      if (jsonSample.length < SAMPLE_ROWS) jsonSample.push(record);
      totalRows++;
      continue;
    }
    if (!header) {
      header = record.values.map((h) => h.replace(/\s+/g, ' ').trim());
      headerLine = record.line;
      if (header.length > MAX_COLUMNS) throw new ImportProblem('import.error.tooManyColumns', { max: MAX_COLUMNS });
      continue;
    }
    if (sample.length < SAMPLE_ROWS) sample.push({ line: record.line, cells: fit(record.values, header.length) });
    totalRows++;
  }
  if (spec.format === 'json') {
    header = [...jsonKeys.keys()];
    headerLine = 0;
    for (const r of jsonSample) sample.push({ line: r.line, cells: header.map((k) => cellText(r.object[k])) });
  }
  if (!header || header.length === 0 || totalRows === 0) throw new ImportProblem('import.error.noRows');
  if (header.length < 2) throw new ImportProblem('import.error.oneColumn');
  return { ...spec, encodingBy, header, headerLine, sample, totalRows };
}

/** The data rows of a file analysed before, each cut or padded to the header's columns. */
export async function* tableRows(open: OpenBytes, spec: TableSpec, header: string[]): AsyncGenerator<TableRow> {
  let headerSeen = spec.format === 'json';
  for await (const record of records(open, spec)) {
    if ('object' in record) {
      yield { line: record.line, cells: header.map((k) => cellText(record.object[k])) };
      continue;
    }
    if (!headerSeen) {
      headerSeen = true;
      continue;
    }
    yield { line: record.line, cells: fit(record.values, header.length) };
  }
}

function fit(values: string[], width: number): string[] {
  if (values.length === width) return values;
  if (values.length > width) return values.slice(0, width);
  return [...values, ...Array<string>(width - values.length).fill('')];
}

/** A JSON value as the text of a cell; a list becomes one item per line (themes, SDG targets). */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(cellText).join('\n');
  return JSON.stringify(value);
}

type RawRecord = { line: number; values: string[] } | { line: number; object: Record<string, unknown> };

function records(open: OpenBytes, spec: TableSpec): AsyncGenerator<RawRecord> {
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

/** Splits a JSON document into the texts of its records' objects, in one pass over the characters. */
export class JsonArrayScanner {
  private phase: 'start' | 'wrapper' | 'array' | 'done' = 'start';
  // Inside the wrapper object: skipping a value, expecting a key, or after the wanted key's colon.
  private wrapperKey = '';
  private wrapperState: 'key' | 'colon' | 'value' | 'skip' = 'key';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private capture: string[] | null = null;
  private captured = 0;
  private keyBuffer: string[] | null = null;
  private records = 0;

  /** Feeds text; returns the objects completed within it. */
  push(chunk: string): string[] {
    const out: string[] = [];
    let segmentStart = -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i] as string;
      if (this.capture) {
        if (segmentStart < 0) segmentStart = i;
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (c === '\\') this.escaped = true;
          else if (c === '"') this.inString = false;
          continue;
        }
        if (c === '"') this.inString = true;
        else if (c === '{' || c === '[') this.depth++;
        else if (c === '}' || c === ']') {
          this.depth--;
          if (this.depth === 0) {
            this.capture.push(chunk.slice(segmentStart, i + 1));
            out.push(this.capture.join(''));
            this.capture = null;
            this.captured = 0;
            segmentStart = -1;
            this.records++;
          }
        }
        continue;
      }
      this.step(c);
      if (this.capture) segmentStart = i;
    }
    if (this.capture && segmentStart >= 0) {
      const piece = chunk.slice(segmentStart);
      this.capture.push(piece);
      this.captured += piece.length;
      if (this.captured > MAX_RECORD_CHARS) {
        throw new ImportProblem('import.error.recordTooLong', { line: this.records + 1 });
      }
    }
    return out;
  }

  /** Checks the document ended where it may. */
  end(records: number): void {
    if (this.phase !== 'done' || this.capture) throw new ImportProblem('import.error.json', { line: records + 1 });
  }

  private fail(): never {
    throw new ImportProblem('import.error.jsonShape');
  }

  private step(c: string): void {
    const space = c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\ufeff';
    switch (this.phase) {
      case 'start':
        if (space) return;
        if (c === '[') this.phase = 'array';
        else if (c === '{') this.phase = 'wrapper';
        else this.fail();
        return;
      case 'array':
        if (space || c === ',') return;
        if (c === ']') {
          this.phase = 'done';
          return;
        }
        if (c === '{') {
          this.capture = [];
          this.depth = 1;
          this.inString = false;
          return;
        }
        this.fail();
        return;
      case 'wrapper':
        this.wrapperStep(c, space);
        return;
      case 'done':
        // Whatever follows the array (the wrapper's other keys, its closing brace) is not read.
        return;
    }
  }

  private wrapperStep(c: string, space: boolean): void {
    if (this.wrapperState === 'skip') {
      // Skipping another key's value until the comma (or the end) at the wrapper's own depth.
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') this.inString = false;
        return;
      }
      if (c === '"') this.inString = true;
      else if (c === '{' || c === '[') this.depth++;
      else if ((c === '}' || c === ']') && this.depth > 0) this.depth--;
      else if (c === ',' && this.depth === 0) this.wrapperState = 'key';
      else if (c === '}' && this.depth === 0) this.fail();
      return;
    }
    if (this.keyBuffer) {
      if (this.escaped) {
        this.keyBuffer.push(c);
        this.escaped = false;
      } else if (c === '\\') this.escaped = true;
      else if (c === '"') {
        this.wrapperKey = this.keyBuffer.join('');
        this.keyBuffer = null;
        this.wrapperState = 'colon';
      } else this.keyBuffer.push(c);
      return;
    }
    if (space) return;
    if (this.wrapperState === 'key') {
      if (c === '"') this.keyBuffer = [];
      else if (c === '}') this.fail();
      else this.fail();
      return;
    }
    if (this.wrapperState === 'colon') {
      if (c !== ':') this.fail();
      this.wrapperState = 'value';
      return;
    }
    // The value of a key.
    if (['data', 'recommendations'].includes(this.wrapperKey.toLowerCase()) && c === '[') {
      this.phase = 'array';
      return;
    }
    this.wrapperState = 'skip';
    this.depth = 0;
    this.wrapperStep(c, space);
  }
}
