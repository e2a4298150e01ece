import { CsvError, parse } from 'csv-parse/sync';
import { calendarDate } from '../../core/dates.ts';
import type { MechanismKind, RatificationStatus } from '../../core/db/schema-obligations.ts';
import type { I18n, MessageKey } from '../../core/i18n/i18n.ts';
import type { Translated } from '../../core/i18n/translated.ts';

/*
 * Reading a table of ratifications (treaty, status, signature date, ratification date) typed by
 * hand, saved from a spreadsheet, or exported from OHCHR's ratification status by country. Pure:
 * the caller supplies the catalogue and today's date; the result is either every row resolved to a
 * mechanism, or every problem with its line number, as message keys so each reader sees it in
 * their own language.
 */

/** A file larger than this is refused: a full ratification table is a few kilobytes. */
export const MAX_RATIFICATION_BYTES = 256 * 1024;
/** More rows than this cannot be a table of one State's treaties. */
export const MAX_RATIFICATION_ROWS = 500;

export interface CatalogueEntry {
  id: string;
  code: string;
  kind: MechanismKind;
  name: Translated;
  treaty: Translated;
}

export interface RatificationRow {
  line: number;
  mechanismId: string;
  code: string;
  status: RatificationStatus;
  signedOn: string | null;
  ratifiedOn: string | null;
}

export interface Problem {
  key: MessageKey;
  params?: Record<string, string | number>;
}
export interface RowProblem extends Problem {
  line: number;
}

export type ReadResult =
  | { ok: true; rows: RatificationRow[] }
  | { ok: false; file: Problem }
  | { ok: false; rows: RowProblem[] };

/** A problem in the reader's language, a date in it written the reader's way. */
export function problemText(i18n: I18n, p: Problem): string {
  const params = { ...p.params };
  if (typeof params.date === 'string') params.date = i18n.date(params.date);
  return i18n.t(p.key, params);
}

type Column = 'treaty' | 'status' | 'signed' | 'ratified';

/** Lower case, NFC, ё as е, one kind of dash, single spaces, no quotes or final full stop around it. */
function normalise(value: string): string {
  return value
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[«»"“”„'’]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\.$/, '');
}

/** Which column a header names (English, Russian, Kazakh, OHCHR's export), or undefined to ignore it. */
function columnOf(header: string): Column | undefined {
  const h = normalise(header)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  if (
    /^(treaty|treaty name|treaty code|code|mechanism|договор|международный договор|конвенция|механизм|шарт|халықаралық шарт|тетік)$/.test(
      h,
    )
  )
    return 'treaty';
  if (/^(status|ratification status|статус|статус ратификации|мәртебе|мәртебесі|ратификация мәртебесі)$/.test(h))
    return 'status';
  if (
    /^(signature date|signature|signed|signed on|date of signature|дата подписания|подписание|подписан|қол қойылған күні|қол қою күні|қол қойылды)$/.test(
      h,
    )
  )
    return 'signed';
  // OHCHR: "Ratification Date, Accession(a), Succession(d) Date".
  if (
    /^(ratification date|ratification|ratified|ratified on|date of ratification|дата ратификации|ратификация|ратификация күні|ратификациялау күні)( |$)/.test(
      h,
    )
  )
    return 'ratified';
  return undefined;
}

const STATUS_WORDS: Record<RatificationStatus, readonly string[]> = {
  ratified: [
    'ratified',
    'ratification',
    'ратифицирован',
    'ратифицирована',
    'ратифицировано',
    'ратифицировал',
    'ратифицировала',
    'ратификация',
    'ратификацияланған',
    'ратификациялаған',
    'ратификацияланды',
  ],
  acceded: [
    'acceded',
    'accession',
    'присоединение',
    'присоединился',
    'присоединилась',
    'присоединилось',
    'присоединен',
    'присоединена',
    'қосылған',
    'қосылды',
    'қосылу',
  ],
  signed: [
    'signed',
    'signature',
    'signed only',
    'подписан',
    'подписана',
    'подписано',
    'подписал',
    'подписала',
    'подписание',
    'қол қойылған',
    'қол қойды',
    'қол қою',
  ],
  not_signed: [
    'not signed',
    'unsigned',
    'no action',
    'not party',
    'не подписан',
    'не подписана',
    'не подписано',
    'не подписывал',
    'не участвует',
    'қол қойылмаған',
    'қатыспайды',
  ],
  succeeded: ['succession', 'succeeded', 'правопреемство', 'мирасқорлық', 'құқықтық мирасқорлық'],
};
const STATUS_BY_WORD = new Map(
  Object.entries(STATUS_WORDS).flatMap(([status, words]) => words.map((w) => [w, status as RatificationStatus])),
);

/** The status a cell names, or undefined. */
export function statusOf(value: string): RatificationStatus | undefined {
  return STATUS_BY_WORD.get(normalise(value).replace(/[_-]/g, ' ').replace(/\s+/g, ' '));
}

// OHCHR's short names of the instruments that Kenes's catalogue tracks under another code.
const ALIASES: Record<string, string> = { 'cat-op': 'SPT', 'op-cat': 'SPT', opcat: 'SPT' };
// Instruments OHCHR lists that have no mechanism of their own in the catalogue.
const UNTRACKED = new Set([
  'ccpr-op1',
  'ccpr-op2-dp',
  'cedaw-op',
  'cescr-op',
  'crc-op-ac',
  'crc-op-sc',
  'crc-op-ic',
  'crpd-op',
]);

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

type DateCell = { empty: true } | { date: string; mark: 'a' | 'd' | undefined } | { bad: true };

/** Year, month and day of the accepted notations, unchecked. */
function ymd(v: string): [number, number, number] | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (iso) return [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v);
  if (dotted) return [Number(dotted[3]), Number(dotted[2]), Number(dotted[1])];
  const named = /^(\d{1,2}) ([A-Za-z]{3})[A-Za-z]* (\d{4})$/.exec(v);
  if (named) return [Number(named[3]), MONTHS.indexOf((named[2] ?? '').toLowerCase()) + 1, Number(named[1])];
  return undefined;
}

/**
 * A date as YYYY-MM-DD, DD.MM.YYYY or OHCHR's "26 Aug 1998", which may carry "(a)" for accession
 * or "(d)" for succession. Impossible days (31 February) are refused, not rolled over.
 */
export function dateOf(value: string): DateCell {
  let v = value.trim();
  if (v === '') return { empty: true };
  const mark = /\((a|d)\)\s*$/i.exec(v)?.[1]?.toLowerCase() as 'a' | 'd' | undefined;
  v = v
    .replace(/\s*\((a|d)\)\s*$/i, '')
    .replace(/\s*(г|ж)\.?$/u, '')
    .trim();
  const parts = ymd(v);
  if (!parts) return { bad: true };
  const [y, m, d] = parts;
  // The United Nations' treaties are all later than 1945; the upper bound is Kenes's one date rule.
  const date = y >= 1945 ? calendarDate(y, m, d) : undefined;
  return date ? { date, mark } : { bad: true };
}

/** Text from the bytes of an upload: UTF-8 with or without BOM, nothing else (the message says how to save it). */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Comma, semicolon (spreadsheets in Russian and Kazakh locales) or tab: whichever the header line uses most. */
function delimiterOf(text: string): string {
  const first = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, 1)[0] ?? '';
  const outside = first.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((c) => [c, outside.split(c).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]?.[1] ? counts[0][0] : ',';
}

/** Resolves a treaty cell to a catalogue entry, or says why it cannot. */
function treatyOf(value: string, index: Map<string, CatalogueEntry>): { entry: CatalogueEntry } | { problem: Problem } {
  const shown = value.trim().slice(0, 80);
  const key = normalise(value);
  if (key === '') return { problem: { key: 'mechanisms.import.error.missingTreaty' } };
  // "CAT - Convention against Torture …" as the OHCHR site lists them.
  const candidates = [key, key.split(' - ')[0]?.trim() ?? key];
  for (const c of candidates) {
    const alias = ALIASES[c];
    const entry = index.get(alias ? alias.toLowerCase() : c);
    if (entry) {
      if (entry.kind !== 'treaty_body')
        return { problem: { key: 'mechanisms.import.error.notATreaty', params: { treaty: shown } } };
      return { entry };
    }
    if (UNTRACKED.has(c)) return { problem: { key: 'mechanisms.import.error.untracked', params: { treaty: shown } } };
  }
  return { problem: { key: 'mechanisms.import.error.unknownTreaty', params: { treaty: shown } } };
}

/** Problems of a status with its dates, shared by the form and the import. */
export function ratificationProblems(
  status: RatificationStatus | null,
  signedOn: string | null,
  ratifiedOn: string | null,
  today: string,
): { field: 'signedOn' | 'ratifiedOn'; key: MessageKey; params?: Record<string, string> }[] {
  const out: { field: 'signedOn' | 'ratifiedOn'; key: MessageKey; params?: Record<string, string> }[] = [];
  for (const [field, date] of [
    ['signedOn', signedOn],
    ['ratifiedOn', ratifiedOn],
  ] as const) {
    if (date && date > today) out.push({ field, key: 'mechanisms.error.futureDate', params: { date } });
  }
  if ((status === null || status === 'not_signed') && (signedOn || ratifiedOn))
    out.push({ field: signedOn ? 'signedOn' : 'ratifiedOn', key: 'mechanisms.error.datesWithoutStatus' });
  else if (status === 'signed' && ratifiedOn)
    out.push({ field: 'ratifiedOn', key: 'mechanisms.error.signedWithRatificationDate' });
  if (signedOn && ratifiedOn && signedOn > ratifiedOn)
    out.push({ field: 'signedOn', key: 'mechanisms.error.signedAfterRatified' });
  return out;
}

/** Reads a ratification table against the catalogue; all rows good, or every problem found. */
export function readRatifications(text: string, catalogue: CatalogueEntry[], today: string): ReadResult {
  if (text.replace(/^\uFEFF/, '').trim() === '') return { ok: false, file: { key: 'mechanisms.import.empty' } };
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter: delimiterOf(text),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      max_record_size: 10_000,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    if (err instanceof CsvError)
      return { ok: false, file: { key: 'mechanisms.import.notTable', params: { line: Number(err.lines) || 1 } } };
    throw err;
  }
  const [header, ...body] = records;
  const columns = new Map<Column, number>();
  header?.record.forEach((name, i) => {
    const column = columnOf(name);
    if (column && !columns.has(column)) columns.set(column, i);
  });
  if (!columns.has('treaty') || columns.size < 2) return { ok: false, file: { key: 'mechanisms.import.noHeader' } };
  if (body.length === 0) return { ok: false, file: { key: 'mechanisms.import.noRows' } };
  if (body.length > MAX_RATIFICATION_ROWS)
    return { ok: false, file: { key: 'mechanisms.import.tooManyRows', params: { max: MAX_RATIFICATION_ROWS } } };

  const index = new Map<string, CatalogueEntry>();
  for (const entry of catalogue) {
    for (const name of [entry.code, ...Object.values(entry.name), ...Object.values(entry.treaty)]) {
      if (name) index.set(normalise(name), entry);
    }
  }

  const rows: RatificationRow[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body) {
    // info.lines is the record's last line; a quoted cell may span several.
    const line = info.lines - record.reduce((n, cell) => n + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
    const cell = (c: Column) => {
      const i = columns.get(c);
      return i === undefined ? '' : (record[i] ?? '');
    };
    const rowProblems: Problem[] = [];
    const treaty = treatyOf(cell('treaty'), index);
    if ('problem' in treaty) rowProblems.push(treaty.problem);
    const signed = dateOf(cell('signed'));
    const ratified = dateOf(cell('ratified'));
    for (const [c, d] of [
      ['signed', signed],
      ['ratified', ratified],
    ] as const) {
      if ('bad' in d)
        rowProblems.push({ key: 'mechanisms.import.error.badDate', params: { value: cell(c).trim().slice(0, 40) } });
    }
    const signedOn = 'date' in signed ? signed.date : null;
    const ratifiedOn = 'date' in ratified ? ratified.date : null;
    let status: RatificationStatus | undefined;
    const statusText = cell('status').trim();
    if (statusText !== '') {
      status = statusOf(statusText);
      if (!status)
        rowProblems.push({ key: 'mechanisms.import.error.unknownStatus', params: { status: statusText.slice(0, 40) } });
    } else if ('date' in ratified) {
      // OHCHR's export has no status column: the mark on the date says how the State joined.
      status = ratified.mark === 'a' ? 'acceded' : ratified.mark === 'd' ? 'succeeded' : 'ratified';
    } else if ('date' in signed) {
      status = 'signed';
    } else if (!('bad' in signed) && !('bad' in ratified)) {
      rowProblems.push({ key: 'mechanisms.import.error.missingStatus' });
    }
    if (status && !('bad' in signed) && !('bad' in ratified)) {
      for (const p of ratificationProblems(status, signedOn, ratifiedOn, today)) rowProblems.push(p);
    }
    if ('entry' in treaty) {
      const earlier = seen.get(treaty.entry.code);
      if (earlier !== undefined)
        rowProblems.push({ key: 'mechanisms.import.error.duplicate', params: { line: earlier } });
      else seen.set(treaty.entry.code, line);
    }
    if (rowProblems.length > 0) {
      for (const p of rowProblems) problems.push({ line, ...p });
      continue;
    }
    if ('entry' in treaty && status) {
      rows.push({ line, mechanismId: treaty.entry.id, code: treaty.entry.code, status, signedOn, ratifiedOn });
    }
  }
  return problems.length > 0 ? { ok: false, rows: problems } : { ok: true, rows };
}
