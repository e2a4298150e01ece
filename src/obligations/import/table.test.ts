import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { recogniseColumns } from './columns.ts';
import { detectEncoding, type Encoding } from './decode.ts';
import { ImportProblem } from './problem.ts';
import { analyseTable, type OpenBytes, tableRows } from './table.ts';
import { UHRI_HEADINGS } from './test-fixtures.ts';

/*
 * The same table in every encoding and line ending the issue lists reads as the same rows, with
 * the same line numbers; what is not a table is refused with the reason a user can act on.
 */

/** Bytes as a file read in uneven chunks (a chunk boundary inside a character and inside CRLF). */
function source(bytes: Buffer): OpenBytes {
  return () => Readable.from([bytes.subarray(0, 5), bytes.subarray(5, 37), bytes.subarray(37)]);
}

async function read(bytes: Buffer, opts: { encoding?: Encoding } = {}) {
  const analysis = await analyseTable(source(bytes), opts);
  const rows = [];
  for await (const row of tableRows(source(bytes), analysis, analysis.header)) rows.push(row);
  return { analysis, rows };
}

async function problemOf(promise: Promise<unknown>): Promise<ImportProblem> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ImportProblem) return err;
    throw err;
  }
  assert.fail('expected an ImportProblem');
}

const HEADER = ['State under Review', 'Mechanism', 'Recommendation', 'Date'];

// Russian text fits windows-1251; French accents and typographic quotes fit Mac Roman.
const RUSSIAN = [
  HEADER,
  ['Казахстан', 'CAT', 'Обеспечить независимое расследование всех заявлений о пытках', '12.03.2019'],
  ['Казахстан', 'CRC', 'Запретить телесные наказания детей\nво всех условиях, включая семью', '2019-03-12'],
  ['Казахстан', 'UPR', 'Укрепить «независимость» национального превентивного механизма', '12 марта 2019'],
];
const FRENCH = [
  HEADER,
  ['France', 'CAT', 'Renforcer les garanties procédurales des détenus', '12.03.2019'],
  ['France', 'CRC', 'Interdire les châtiments corporels\ndans tous les contextes, y compris à l’école', '2019-03-12'],
  ['Côte d’Ivoire', 'UPR', 'Améliorer les conditions de détention des étrangers', '12 March 2019'],
];

function csv(rows: string[][], newline: string): string {
  const quote = (c: string) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""').replaceAll('\n', newline)}"` : c);
  return rows.map((r) => r.map(quote).join(',')).join(newline) + newline;
}

const NEWLINES = { CRLF: '\r\n', LF: '\n', CR: '\r' };
const EXPECTED_LINES = [2, 3, 5]; // the second row's text spans two lines

describe('encodings and line endings', () => {
  const cases: { name: string; table: string[][]; encode: (text: string) => Buffer; encoding: Encoding }[] = [
    { name: 'UTF-8', table: RUSSIAN, encode: (s) => Buffer.from(s, 'utf8'), encoding: 'utf-8' },
    {
      name: 'UTF-8 with BOM',
      table: RUSSIAN,
      encode: (s) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')]),
      encoding: 'utf-8',
    },
    {
      name: 'UTF-16LE with BOM',
      table: RUSSIAN,
      encode: (s) => iconv.encode(s, 'utf-16le', { addBOM: true }),
      encoding: 'utf-16le',
    },
    {
      name: 'UTF-16BE with BOM',
      table: FRENCH,
      encode: (s) => iconv.encode(s, 'utf-16be', { addBOM: true }),
      encoding: 'utf-16be',
    },
    { name: 'UTF-16BE without BOM', table: RUSSIAN, encode: (s) => iconv.encode(s, 'utf-16be'), encoding: 'utf-16be' },
    { name: 'UTF-16LE without BOM', table: FRENCH, encode: (s) => iconv.encode(s, 'utf-16le'), encoding: 'utf-16le' },
    {
      name: 'Windows-1251 (Russian)',
      table: RUSSIAN,
      encode: (s) => iconv.encode(s, 'windows-1251'),
      encoding: 'windows-1251',
    },
    { name: 'Mac Roman (French)', table: FRENCH, encode: (s) => iconv.encode(s, 'macintosh'), encoding: 'macintosh' },
  ];
  for (const c of cases) {
    for (const [nl, newline] of Object.entries(NEWLINES)) {
      test(`${c.name}, ${nl}: the same rows on the same lines`, async () => {
        const { analysis, rows } = await read(c.encode(csv(c.table, newline)));
        assert.equal(analysis.format, 'csv');
        assert.equal(analysis.encoding, c.encoding);
        assert.equal(analysis.delimiter, ',');
        assert.deepEqual(analysis.header, HEADER);
        assert.equal(analysis.totalRows, 3);
        assert.deepEqual(
          rows.map((r) => r.line),
          EXPECTED_LINES,
        );
        // Line endings inside a cell become LF whatever the file used.
        assert.deepEqual(
          rows.map((r) => r.cells),
          c.table.slice(1),
        );
      });
    }
  }

  test('a legacy file is guessed right, and the other legacy readings are told apart', async () => {
    const russian = iconv.encode(csv(RUSSIAN, '\n'), 'windows-1251');
    const french = iconv.encode(csv(FRENCH, '\n'), 'macintosh');
    const western = iconv.encode(csv(FRENCH, '\n'), 'windows-1252');
    assert.deepEqual(await detectEncoding(Readable.from([russian])), { encoding: 'windows-1251', by: 'guess' });
    assert.deepEqual(await detectEncoding(Readable.from([french])), { encoding: 'macintosh', by: 'guess' });
    assert.deepEqual(await detectEncoding(Readable.from([western])), { encoding: 'windows-1252', by: 'guess' });
  });

  test('the user may override the encoding; UTF-8 forced on a non-UTF-8 file is refused, not mangled', async () => {
    const bytes = iconv.encode(csv(RUSSIAN, '\n'), 'windows-1251');
    const asMac = await read(bytes, { encoding: 'macintosh' });
    assert.equal(asMac.analysis.encodingBy, 'user');
    assert.notEqual(asMac.rows[0]?.cells[0], 'Казахстан');
    const problem = await problemOf(read(bytes, { encoding: 'utf-8' }));
    assert.equal(problem.key, 'import.error.encoding');
  });

  test('semicolon and tab separated files', async () => {
    for (const d of [';', '\t']) {
      const text = RUSSIAN.map((r) => r.map((c) => (c.includes('\n') ? `"${c}"` : c)).join(d)).join('\n');
      const { analysis, rows } = await read(Buffer.from(text));
      assert.equal(analysis.delimiter, d);
      assert.deepEqual(rows[2]?.cells, RUSSIAN[3]);
    }
  });
});

describe('XLSX and JSON', () => {
  test('an XLSX workbook: rows by number, dates as dates, formulas kept as text and never evaluated', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Recommendations');
    ws.addRow(HEADER);
    ws.addRow(['Kazakhstan', 'CAT', 'Ensure independent investigations', new Date(Date.UTC(2019, 2, 12))]);
    ws.addRow([]);
    ws.addRow(['Kazakhstan', 'CAT', { formula: "cmd|' /C calc'!A0", result: 0 }, 43536]);
    ws.addRow(['Kazakhstan', 'UPR', { richText: [{ text: 'Rich ' }, { text: 'text' }] }, '12.03.2019']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const { analysis, rows } = await read(bytes);
    assert.equal(analysis.format, 'xlsx');
    assert.equal(analysis.encoding, null);
    assert.deepEqual(
      rows.map((r) => [r.line, ...r.cells]),
      [
        [2, 'Kazakhstan', 'CAT', 'Ensure independent investigations', '2019-03-12'],
        [4, 'Kazakhstan', 'CAT', "=cmd|' /C calc'!A0", '43536'],
        [5, 'Kazakhstan', 'UPR', 'Rich text', '12.03.2019'],
      ],
    );
  });

  test('JSON: an array of objects, or {"data": […]} / {"recommendations": […]}; lists become one value per line', async () => {
    const records = [
      { 'State under Review': 'Kazakhstan', Recommendation: 'First', Themes: ['Torture', 'Detention'], Paragraph: 12 },
      { 'State under Review': 'Kazakhstan', Recommendation: 'Second {with} "braces" [and] brackets', Extra: null },
    ];
    for (const doc of [records, { meta: { note: 'x], {' }, data: records }, { recommendations: records, total: 2 }]) {
      const { analysis, rows } = await read(Buffer.from(JSON.stringify(doc, null, 1)));
      assert.equal(analysis.format, 'json');
      assert.deepEqual(analysis.header, ['State under Review', 'Recommendation', 'Themes', 'Paragraph', 'Extra']);
      assert.deepEqual(
        rows.map((r) => [r.line, ...r.cells]),
        [
          [1, 'Kazakhstan', 'First', 'Torture\nDetention', '12', ''],
          [2, 'Kazakhstan', 'Second {with} "braces" [and] brackets', '', '', ''],
        ],
      );
    }
  });
});

describe('what is not a table', () => {
  const PNG = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  );
  const cases: [string, Buffer, string][] = [
    ['an empty file', Buffer.alloc(0), 'import.error.empty'],
    ['only whitespace', Buffer.from('\n\n  \n'), 'import.error.empty'],
    ['an image', PNG, 'import.error.notTable'],
    ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'), 'import.error.notTable'],
    [
      'an HTML page',
      Buffer.from('<!DOCTYPE html>\n<html><head><title>x</title></head><body>a,b</body></html>'),
      'import.error.notTable',
    ],
    ['binary noise', Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256)), 'import.error.notTable'],
    [
      'an old .xls workbook',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
      'import.error.oldExcel',
    ],
    ['a zip that is no workbook', Buffer.from('504b0304140000000000', 'hex'), 'import.error.xlsx'],
    [
      'an unterminated quote',
      Buffer.from('State,Mechanism,Text\nKazakhstan,CAT,"never closed\nmore,text\n'),
      'import.error.unclosedQuote',
    ],
    ['one column of lines', Buffer.from('Recommendation\nfirst\nsecond\n'), 'import.error.oneColumn'],
    ['a header without rows', Buffer.from('State,Mechanism,Text\n'), 'import.error.noRows'],
    ['JSON that is not an array of objects', Buffer.from('[1, 2, 3]'), 'import.error.jsonShape'],
    ['broken JSON', Buffer.from('[{"a": 1}, {"a": tru}]'), 'import.error.json'],
  ];
  for (const [name, bytes, key] of cases) {
    test(`${name} is refused: ${key}`, async () => {
      const problem = await problemOf(read(bytes));
      assert.equal(problem.key, key);
      // The line named is where the broken record starts.
      if (key === 'import.error.unclosedQuote') assert.deepEqual(problem.params, { line: 2 });
    });
  }

  const fiftyMegabytes = (start: string): OpenBytes => {
    const piece = Buffer.alloc(1024 * 1024, 'a');
    return () =>
      Readable.from(
        (function* () {
          yield Buffer.from(start);
          for (let sent = 0; sent < 50 * 1024 * 1024; sent += piece.length) yield piece;
        })(),
      );
  };

  test('50 MB in one cell under a header is refused as a record too long, without holding it in memory', async () => {
    const before = process.memoryUsage().rss;
    const problem = await problemOf(analyseTable(fiftyMegabytes('State,Mechanism,Text\nKazakhstan,CAT,"')));
    assert.equal(problem.key, 'import.error.recordTooLong');
    assert.deepEqual(problem.params, { line: 2 });
    assert.ok(process.memoryUsage().rss - before < 200 * 1024 * 1024, 'memory stays bounded');
  });

  test('50 MB of one column in one cell, without a header, is refused as one column', async () => {
    const problem = await problemOf(analyseTable(fiftyMegabytes('"')));
    assert.equal(problem.key, 'import.error.oneColumn');
  });

  test('50 MB of one column in lines is refused as one column', async () => {
    const line = Buffer.from('Recommendation text without any separator at all\n');
    const lines = Math.ceil((50 * 1024 * 1024) / line.length);
    const open: OpenBytes = () =>
      Readable.from(
        (function* () {
          const block = Buffer.concat(Array.from({ length: 10_000 }, () => line));
          for (let sent = 0; sent < lines; sent += 10_000) yield block;
        })(),
      );
    const problem = await problemOf(analyseTable(open));
    assert.equal(problem.key, 'import.error.oneColumn');
  });
});

describe('recognising the exports', () => {
  test("the UN Universal Human Rights Index's export (with its spelling)", () => {
    assert.deepEqual(recogniseColumns(UHRI_HEADINGS), {
      columns: {
        text_en: 0,
        state: 1,
        mechanism: 2,
        symbol: 3,
        themes: 4,
        affected_persons: 5,
        sdg: 6,
        date: 7,
        recommending_state: 8,
        response: 9,
        session: 12,
      },
      defaults: {},
    });
  });

  test("UPR Info's export: no mechanism column, so every row is the UPR's", () => {
    const header = [
      'State under Review',
      'Recommending State',
      'Recommendation',
      'Response',
      'Action Category',
      'Issues',
      'Session',
      'Cycle',
      'Region',
    ];
    assert.deepEqual(recogniseColumns(header), {
      columns: { state: 0, recommending_state: 1, text_en: 2, response: 3, themes: 5, session: 6 },
      defaults: { mechanism: 'UPR' },
    });
  });

  test('Russian and Kazakh headers, and texts per language', () => {
    const header = [
      'Государство',
      'Механизм',
      'Рекомендация',
      'Recommendation (EN)',
      'Ұсыным мәтіні',
      'Дата',
      'Ответ',
      'Темы',
      'ЦУР',
    ];
    assert.deepEqual(recogniseColumns(header).columns, {
      state: 0,
      mechanism: 1,
      text_ru: 2,
      text_en: 3,
      text_kk: 4,
      date: 5,
      response: 6,
      themes: 7,
      sdg: 8,
    });
  });
});
