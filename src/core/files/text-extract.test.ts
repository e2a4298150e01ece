import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, test } from 'node:test';
import { extractText } from './text.ts';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const KAZAKH = 'Балаларға қатысты зорлық‐зомбылықтың алдын алу';

async function pdfOf(lines: string[]): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const font = path.join(
    path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
    'ttf',
    'DejaVuSans.ttf',
  );
  const doc = new PDFDocument();
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => doc.on('end', resolve));
  doc.font(font);
  lines.forEach((line, i) => {
    if (i > 0) doc.addPage();
    doc.text(line);
  });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

async function docxOf(text: string): Promise<Buffer> {
  const { Document, Packer, Paragraph } = await import('docx');
  return Packer.toBuffer(
    new Document({ sections: [{ children: [new Paragraph(text), new Paragraph('Second paragraph')] }] }),
  );
}

describe('the text of uploaded documents, read on a worker thread', () => {
  test('PDF and DOCX text is read on a worker thread, Kazakh included', async () => {
    const pdf = await extractText(await pdfOf([KAZAKH, 'Page two: torture prevention']), PDF);
    assert.match(pdf, /Балаларға қатысты/);
    assert.match(pdf, /torture prevention/);
    const docx = await extractText(await docxOf(KAZAKH), DOCX);
    assert.match(docx, /Балаларға қатысты зорлық‐зомбылықтың/);
    assert.match(docx, /Second paragraph/);
  });

  test('a broken file fails without harm; a parser that runs too long is stopped', async () => {
    await assert.rejects(extractText(Buffer.from('%PDF-1.7\nthis is not a PDF'), PDF));
    await assert.rejects(extractText(Buffer.from('PK\u0003\u0004 not a zip'), DOCX));
    await assert.rejects(extractText(await pdfOf(['x']), PDF, 1), /more than 1 ms/);
  });
});
