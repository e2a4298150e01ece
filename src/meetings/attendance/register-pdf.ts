import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** One person on the register, every text already in the reader's language. */
export interface RegisterRow {
  personName: string;
  organisationName: string;
  category: string;
  role: string;
  presence: string;
}

/** Everything the register prints; the caller translates all of it. */
export interface RegisterPdfInput {
  title: string;
  subtitle: string;
  generatedAt: string;
  columns: { n: string; person: string; organisation: string; category: string; role: string; presence: string };
  rows: RegisterRow[];
  summary: string;
  pageLabel: (page: number, pages: number) => string;
  lang: string;
}

// PDF's standard fonts have no Cyrillic at all, let alone ә ғ қ ң ө ұ ү һ і: DejaVu Sans has them,
// and comes as an npm package, so no system font has to be installed.
const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
// Fonts are named by their paths, which pdfkit caches per document: a registered alias of the
// default font, or a Buffer, would be parsed again (~10 ms) on every font switch, i.e. every cell.
const REGULAR = path.join(fontDir, 'DejaVuSans.ttf');
const BOLD = path.join(fontDir, 'DejaVuSans-Bold.ttf');
for (const file of [REGULAR, BOLD]) {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: is the dejavu-fonts-ttf package installed?`);
}

// A4 in points, margins leave room for the page number at the foot.
const MARGIN = { top: 48, bottom: 56, left: 40, right: 40 };
const TABLE_SIZE = 8.5;
const PAD = 3.5;
const RULE = '#8a8f96';
const HEADER_FILL = '#e4e7eb';

type ColumnKey = keyof RegisterPdfInput['columns'];
// Shares of the table width: names and organisations need the room, the number and roles do not.
const COLUMNS: { key: ColumnKey; share: number }[] = [
  { key: 'n', share: 0.055 },
  { key: 'person', share: 0.235 },
  { key: 'organisation', share: 0.27 },
  { key: 'category', share: 0.16 },
  { key: 'role', share: 0.13 },
  { key: 'presence', share: 0.15 },
];

// pdfkit supports the TH scope attribute, but its types do not list it.
type StructOptions = PDFKit.Mixins.StructureElementOptions & { scope?: 'Column' | 'Row' | 'Both' };

/** An A4 PDF of the attendance register: title, numbered table with a header repeated on each page, summary, page numbers, document language set. */
export async function attendancePdf(input: RegisterPdfInput): Promise<Buffer> {
  // Tagged, with /Lang and the title shown by viewers: screen readers read it as a table in the
  // right language (PDF/UA asks for all three); buffered pages, so "page n of m" can be added last.
  // pdfkit is loaded when the first PDF is asked for, not with every process (it takes ~0.2 s).
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    pdfVersion: '1.7',
    tagged: true,
    lang: input.lang,
    displayTitle: true,
    bufferPages: true,
    font: REGULAR, // otherwise pdfkit loads Helvetica first, which we never use
    info: { Title: input.title, Subject: input.subtitle, Creator: 'Kenes', Producer: 'Kenes (PDFKit)' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const fonts = { regular: REGULAR, bold: BOLD };

  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const bottom = doc.page.height - MARGIN.bottom;
  const widths = COLUMNS.map((c) => c.share * width);
  const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((a, b) => a + b, 0));

  const root = doc.struct('Document');
  doc.addStructure(root);

  // Decoration (rules, fills, repeated headers, page numbers) is marked as an artifact so that
  // assistive technology reads only the content.
  const artifact = (draw: () => void, type: 'Layout' | 'Pagination' = 'Layout') => {
    doc.markContent('Artifact', { type });
    draw();
    doc.endMarkedContent();
  };

  let y = MARGIN.top;
  // A paragraph at the current position, page break left to pdfkit (it keeps tagged content open).
  const paragraph = (tag: string, text: string, font: 'regular' | 'bold', size: number, color = '#000000') => {
    if (text.trim() === '') return;
    root.add(
      doc.struct(tag, {}, () => {
        doc.font(fonts[font]).fontSize(size).fillColor(color).text(text, left, y, { width });
      }),
    );
    y = doc.y;
  };

  paragraph('H1', input.title, 'bold', 15);
  y += 4;
  paragraph('P', input.subtitle, 'regular', 10.5);
  y += 2;
  paragraph('P', input.generatedAt, 'regular', 8.5, '#3d434a');
  y += 10;

  const headerTexts = COLUMNS.map((c) => input.columns[c.key]);
  const cellHeight = (texts: string[], font: 'regular' | 'bold') => {
    doc.font(fonts[font]).fontSize(TABLE_SIZE);
    return Math.max(...texts.map((t, i) => doc.heightOfString(t, { width: (widths[i] ?? 0) - 2 * PAD }))) + 2 * PAD;
  };
  // Column labels are short translations; a cap keeps a faulty one from eating the page.
  const headerHeight = Math.min(cellHeight(headerTexts, 'bold'), 6 * TABLE_SIZE);
  // A row taller than a whole page (a pasted essay as a name) is cut with an ellipsis rather than
  // split across pages or, worse, pushing pdfkit into adding pages of its own.
  const maxRowHeight = bottom - MARGIN.top - headerHeight;

  const drawRowFrame = (top: number, height: number, fill?: string) =>
    artifact(() => {
      doc.save().lineWidth(0.5).strokeColor(RULE);
      if (fill) doc.rect(left, top, width, height).fill(fill);
      doc.rect(left, top, width, height).stroke();
      for (const x of xs.slice(1))
        doc
          .moveTo(x, top)
          .lineTo(x, top + height)
          .stroke();
      doc.restore();
    });

  const drawCellText = (text: string, i: number, top: number, height: number, font: 'regular' | 'bold') => {
    doc
      .font(fonts[font])
      .fontSize(TABLE_SIZE)
      .fillColor('#000000')
      .text(text, (xs[i] ?? 0) + PAD, top + PAD, {
        width: (widths[i] ?? 0) - 2 * PAD,
        height: height - 2 * PAD + 0.5, // a fixed height also stops pdfkit from breaking the page itself
        ellipsis: true,
      });
  };

  const table = doc.struct('Table');
  root.add(table);
  const head = doc.struct('THead');
  table.add(head);
  const headRow = doc.struct('TR');
  head.add(headRow);

  // The header that opens the table is the table's real header row; its copies on later pages are
  // artifacts, or a screen reader would read the header again in the middle of the rows.
  const drawHeader = (tagged: boolean) => {
    drawRowFrame(y, headerHeight, HEADER_FILL);
    headerTexts.forEach((text, i) => {
      const draw = () => drawCellText(text, i, y, headerHeight, 'bold');
      if (tagged) headRow.add(doc.struct('TH', { scope: 'Column' } as StructOptions, draw));
      else artifact(draw, 'Pagination');
    });
    y += headerHeight;
  };

  // The table starts on a new page when not even the header and one row fit below the title.
  if (y + headerHeight + 3 * TABLE_SIZE > bottom) {
    doc.addPage();
    y = MARGIN.top;
  }
  drawHeader(true);
  headRow.end();
  head.end();

  const body = doc.struct('TBody');
  table.add(body);
  input.rows.forEach((row, index) => {
    const texts = [String(index + 1), row.personName, row.organisationName, row.category, row.role, row.presence];
    const height = Math.min(cellHeight(texts, 'regular'), maxRowHeight);
    if (y + height > bottom) {
      doc.addPage();
      y = MARGIN.top;
      drawHeader(false);
    }
    drawRowFrame(y, height);
    const tr = doc.struct('TR');
    body.add(tr);
    texts.forEach((text, i) => {
      tr.add(doc.struct('TD', {}, () => drawCellText(text, i, y, height, 'regular')));
    });
    tr.end(); // ended rows can be written out at once, rather than held until the end
    y += height;
  });
  body.end();
  table.end();

  y += 12;
  paragraph('P', input.summary, 'regular', 10.5);
  root.end();

  // Page numbers last, now that the number of pages is known; they sit in the bottom margin, so
  // each gets a fixed height, without which pdfkit would start a new page for them.
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    artifact(() => {
      doc
        .font(REGULAR)
        .fontSize(8.5)
        .fillColor('#3d434a')
        .text(input.pageLabel(i + 1, range.count), left, doc.page.height - MARGIN.bottom + 18, {
          width,
          height: 14,
          align: 'center',
          ellipsis: true,
        });
    }, 'Pagination');
  }

  doc.end();
  return done;
}
