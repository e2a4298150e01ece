import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import zlib from 'node:zlib';
import { naughtyStrings } from '../../testing/naughty.ts';
import { attendancePdf, type RegisterPdfInput, type RegisterRow } from './register-pdf.ts';

// No pdftotext here: the tests read the PDF's own structure (pdfkit writes objects uncompressed,
// only the content streams are deflated).

function input(rows: RegisterRow[], over: Partial<RegisterPdfInput> = {}): RegisterPdfInput {
  return {
    title: 'Қатысушылар тізімі — 2026 жылғы 12 мамыр',
    subtitle: 'Адам құқықтары жөніндегі консультативтік-кеңесші орган, 7-отырыс',
    generatedAt: 'Жасалған уақыты: 2026-05-12 10:00',
    columns: {
      n: '№',
      person: 'Аты-жөні',
      organisation: 'Ұйым',
      category: 'Санат',
      role: 'Рөлі',
      presence: 'Қатысуы',
    },
    rows,
    summary: 'Барлығы: 300; қатысты: 250; онлайн: 30; қатыспады: 20.',
    pageLabel: (page, pages) => `${pages} беттің ${page}-беті`,
    lang: 'kk',
    ...over,
  };
}

function rows(n: number): RegisterRow[] {
  return Array.from({ length: n }, (_, i) => ({
    personName: `Әлихан Нұрғалиұлы Бөкейханов ${i + 1}`,
    organisationName:
      i % 3 === 0 ? 'Қазақстан Республикасы Әділет министрлігі' : 'Қоғамдық бірлестік «Үкіметтік емес ұйымдар одағы»',
    category: i % 2 ? 'Мемлекеттік орган' : 'Үкіметтік емес ұйым',
    role: 'мүше',
    presence: i % 10 === 0 ? 'қатыспады' : 'қатысты',
  }));
}

const latin1 = (pdf: Buffer) => pdf.toString('latin1');
// "/Type /Pages" (the page tree) must not count.
const pageCount = (pdf: Buffer) => latin1(pdf).match(/\/Type \/Page(?![a-zA-Z])/g)?.length ?? 0;

/** The value of a PDF literal string (…) starting at `at`, decoded from UTF-16BE where marked. */
function literalAt(s: string, at: number): string {
  assert.equal(s[at], '(');
  let bytes = '';
  let depth = 0;
  for (let i = at + 1; i < s.length; i++) {
    const c = s[i] ?? '';
    if (c === '\\') {
      const next = s[++i] ?? '';
      bytes += ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[next] ?? next;
    } else if (c === '(') {
      depth++;
      bytes += c;
    } else if (c === ')') {
      if (depth-- === 0) break;
      bytes += c;
    } else bytes += c;
  }
  const buf = Buffer.from(bytes, 'latin1');
  if (buf[0] === 0xfe && buf[1] === 0xff) return buf.subarray(2).swap16().toString('utf16le');
  return bytes;
}

/** An entry of the document information dictionary, which pdfkit writes as indirect objects. */
function info(pdf: Buffer, key: string): string {
  const s = latin1(pdf);
  const infoRef = /\/Info (\d+) 0 R/.exec(s)?.[1];
  assert.ok(infoRef, 'trailer names an /Info dictionary');
  const dict = s.slice(s.indexOf(`\n${infoRef} 0 obj`));
  const ref = new RegExp(`/${key} (\\d+) 0 R`).exec(dict.slice(0, dict.indexOf('endobj')))?.[1];
  assert.ok(ref, `/Info has /${key}`);
  const obj = s.indexOf(`\n${ref} 0 obj\n`) + `\n${ref} 0 obj\n`.length;
  return literalAt(s, obj);
}

/** The inflated text of every deflated stream (content streams, ToUnicode maps). */
function streams(pdf: Buffer): string[] {
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const start = pdf.indexOf('>>\nstream\n', at);
    if (start < 0) break;
    const end = pdf.indexOf('\nendstream', start);
    if (end < 0) break;
    try {
      out.push(zlib.inflateSync(pdf.subarray(start + '>>\nstream\n'.length, end)).toString('latin1'));
    } catch {
      // not deflated (or not a stream keyword but text that happens to contain it)
    }
    at = end + '\nendstream'.length;
  }
  return out;
}

describe('attendancePdf', () => {
  test('is a PDF with title, language, embedded DejaVu and tagged structure', async () => {
    const pdf = await attendancePdf(input(rows(5)));
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(latin1(pdf.subarray(-8)), /%%EOF\s*$/);
    const s = latin1(pdf);
    assert.equal(info(pdf, 'Title'), 'Қатысушылар тізімі — 2026 жылғы 12 мамыр');
    assert.match(s, /\/Lang \(kk\)/);
    assert.match(s, /\/DisplayDocTitle true/);
    assert.match(s, /\/BaseFont \/[A-Z]{6}\+DejaVuSans\n/);
    assert.match(s, /\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold\n/);
    assert.match(s, /\/FontFile2 \d+ 0 R/, 'the TrueType program is embedded');
    assert.doesNotMatch(s, /Helvetica/, 'no standard font, which would have no Cyrillic');
    assert.match(s, /\/Marked true/);
    for (const tag of ['Document', 'H1', 'Table', 'THead', 'TBody', 'TR', 'TH', 'TD']) {
      assert.match(s, new RegExp(`/S /${tag}\\n`), `structure element ${tag}`);
    }
    assert.match(s, /\/Scope \/Column/);
    assert.equal(pageCount(pdf), 1);
  });

  test('Kazakh letters map to real glyphs of the font, not to the missing-glyph box', async () => {
    const letters = 'әғқңөұүһі ӘҒҚҢӨҰҮҺІ';
    // 中 is not in DejaVu Sans: the control that shows the check can tell a missing glyph.
    const pdf = await attendancePdf(
      input([...rows(2), { ...(rows(1)[0] as RegisterRow), personName: `${letters} 中` }]),
    );
    // ToUnicode maps each glyph of the embedded subset (its index) to text; index 0 is .notdef,
    // where any letter the font lacked would have gone.
    const maps = streams(pdf).filter((t) => t.includes('beginbfrange'));
    assert.ok(maps.length >= 1);
    const mapped = new Set<number>();
    for (const m of maps) {
      for (const range of m.matchAll(/<([0-9a-f]{4})> <[0-9a-f]{4}> \[([^\]]*)\]/g)) {
        const first = Number.parseInt(range[1] ?? '0', 16);
        [...(range[2] ?? '').matchAll(/<([0-9a-f ]+)>/g)].forEach((entry, k) => {
          if (first + k > 0) mapped.add(Number.parseInt(entry[1] ?? '0', 16));
        });
      }
    }
    for (const letter of letters.replace(' ', '')) {
      assert.ok(mapped.has(letter.codePointAt(0) ?? 0), `${letter} has a glyph`);
    }
    assert.ok(!mapped.has(0x4e2d), '中 has no glyph in DejaVu Sans');
  });

  // How long it takes is measured by a benchmark, not asserted here (a timed test fails on a busy machine):
  // scripts/bench-pdf.ts.
  test('300 rows make several pages, each with the header and "page n of m"', async () => {
    const labels: [number, number][] = [];
    const pageLabel = (page: number, pages: number) => {
      labels.push([page, pages]);
      return `${pages} беттің ${page}-беті`;
    };
    const pdf = await attendancePdf(input(rows(300), { pageLabel }));
    const pages = pageCount(pdf);
    assert.ok(pages >= 5, `${pages} pages`);
    assert.deepEqual(
      labels,
      Array.from({ length: pages }, (_, i) => [i + 1, pages]),
    );
    const contents = streams(pdf).filter((t) => t.includes(' BDC'));
    assert.equal(contents.length, pages);
    // Page 1 carries the tagged header (6 TH) and its page number; every later page a copy of the
    // header as 6 pagination artifacts, plus its page number.
    const pagination = (c: string) => c.match(/\/Artifact <<\n\/Type \/Pagination\n>> BDC/g)?.length ?? 0;
    const th = (c: string) => c.match(/\/TH <<\n\/MCID \d+\n>> BDC/g)?.length ?? 0;
    assert.deepEqual(contents.map(pagination), [1, ...Array(pages - 1).fill(7)]);
    assert.deepEqual(contents.map(th), [6, ...Array(pages - 1).fill(0)]);
    // 300 data rows (plus the header) appear in the structure tree.
    assert.equal(latin1(pdf).match(/\/S \/TR\n/g)?.length, 301);
    assert.equal(latin1(pdf).match(/\/S \/TD\n/g)?.length, 300 * 6);
  });

  test('an empty register still prints its header and summary', async () => {
    const pdf = await attendancePdf(input([], { summary: 'Тізім бос.', lang: 'ru' }));
    assert.equal(pageCount(pdf), 1);
    assert.match(latin1(pdf), /\/Lang \(ru\)/);
    assert.match(latin1(pdf), /\/S \/TH\n/);
  });

  test('naughty strings as names, organisations and labels do not throw', async () => {
    const naughty = naughtyStrings();
    const start = performance.now();
    const pdf = await attendancePdf(
      input(
        naughty.map((s, i) => ({
          personName: s,
          organisationName: naughty[(i + 1) % naughty.length] ?? '',
          category: naughty[(i + 2) % naughty.length] ?? '',
          role: s,
          presence: s,
        })),
        { title: naughty[10] ?? '', subtitle: naughty[200] ?? '', summary: naughty[300] ?? '' },
      ),
    );
    console.log(`attendancePdf, ${naughty.length} naughty rows: ${(performance.now() - start).toFixed(0)} ms`);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(pageCount(pdf) > 1);
  });

  test('a name longer than a page is cut, not spread over pages of its own', async () => {
    const huge = 'Өте ұзын атау '.repeat(3000);
    const pdf = await attendancePdf(input([{ ...rows(1)[0], personName: huge } as RegisterRow, ...rows(2)]));
    // Page 1: title; page 2: the cut row, a page high; page 3: the other two rows and the summary.
    assert.equal(pageCount(pdf), 3);
  });
});
