import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { stringify } from 'csv-stringify/sync';
import { csvStream, safeCell } from './csv.ts';

/** The one CSV writer (csv.ts): the file csv-stringify writes with its defaults, handed on in chunks of ~64 KB. */
describe('csvStream', () => {
  // Cells csv-stringify quotes, doubles, leaves alone; formula prefixes; letters of two and four bytes.
  const tricky = [
    '',
    ' ',
    '"',
    '""',
    ',',
    'a,b',
    'a\nb',
    'a\rb',
    'a\r\nb',
    '\n',
    '\r',
    'say "hi"',
    '=1+2',
    '+1',
    '-1',
    '@x',
    '\tx',
    '\rx',
    ' =x',
    "'",
    ';',
    '\\',
    'Қазақ тілі',
    'emoji 😀',
    'lone \ud800 surrogate',
    '\u2028',
    'x'.repeat(5000),
  ];
  const rows = (n: number) =>
    Array.from({ length: n }, (_, i) => [
      i,
      tricky[i % tricky.length],
      null,
      undefined,
      i % 3 === 0,
      `${tricky[(i * 7) % tricky.length]}, "quoted"\nline ${i}`,
      'Қазақ',
    ]);

  test('the same bytes as csv-stringify, in chunks of at least 64 KB but the last', async () => {
    const all = rows(5_000);
    async function* produce() {
      for (const row of all) yield row;
    }
    const chunks: Buffer[] = [];
    const columns = ['id', 'text', 'null', 'undefined', 'flag', 'mixed', 'kk'];
    for await (const chunk of csvStream(columns, produce())) chunks.push(chunk as Buffer);
    // What csvStream wrote with csv-stringify until it was measured (csv.ts).
    const expected = stringify(
      all.map((r) => r.map((v) => safeCell(v === null || v === undefined ? '' : String(v)))),
      { header: true, columns, bom: true },
    );
    assert.ok(Buffer.concat(chunks).equals(Buffer.from(expected)), 'the same bytes');
    assert.ok(chunks.length > 2, `${chunks.length} chunks`);
    for (const c of chunks.slice(0, -1)) assert.ok(c.length >= 64 * 1024, `a chunk of ${c.length} bytes`);
  });

  test('a header alone when there is no row', async () => {
    async function* none(): AsyncGenerator<unknown[]> {}
    const chunks: Buffer[] = [];
    for await (const chunk of csvStream(['a', 'b'], none())) chunks.push(chunk as Buffer);
    assert.equal(Buffer.concat(chunks).toString('utf8'), '\uFEFFa,b\n');
  });

  test('a reader that goes away ends the reading of rows', async () => {
    let closed = false;
    async function* endless() {
      try {
        for (let i = 0; ; i++) yield [String(i), 'x'.repeat(100)];
      } finally {
        closed = true;
      }
    }
    const stream = csvStream(['a', 'b'], endless());
    for await (const _ of stream) break;
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(closed, 'the rows’ generator was closed');
  });
});
