import type { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { ColumnValues } from './column-values.ts';
import { decoder, detectEncoding, type Encoding } from './decode.ts';
import { MAX_COLUMNS, SAMPLE_ROWS } from './limits.ts';
import { ImportProblem } from './problem.ts';
import { records } from './records.ts';

/*
 * A file of recommendations read as a table: a header and rows, each row with the line a user finds
 * it at (CSV: the physical line where the record starts; XLSX: the row number; JSON: the object's
 * position, counted from 1). The file is read as a stream every time — never held whole — so that
 * 100 MB cost the memory of one record.
 */

export type Format = 'csv' | 'xlsx' | 'json';
export const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

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
  /** Each column's distinct values when it holds few enough to be a vocabulary, else null (column-values.ts). */
  columnValues: (string[] | null)[];
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
  const values = new ColumnValues();
  for await (const record of records(open, spec)) {
    if ('object' in record) {
      for (const [key, value] of Object.entries(record.object)) values.add(key, cellText(value));
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
    for (let i = 0; i < header.length; i++) values.add(i, record.values[i] ?? '');
    totalRows++;
  }
  if (spec.format === 'json') {
    header = [...jsonKeys.keys()];
    headerLine = 0;
    for (const r of jsonSample) sample.push({ line: r.line, cells: header.map((k) => cellText(r.object[k])) });
  }
  if (!header || header.length === 0 || totalRows === 0) throw new ImportProblem('import.error.noRows');
  if (header.length < 2) throw new ImportProblem('import.error.oneColumn');
  const columnValues = values.result(spec.format === 'json' ? header : header.map((_, i) => i));
  return { ...spec, encodingBy, header, headerLine, sample, totalRows, columnValues };
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
