import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../testing/database.ts';
import { extractNextText, extractText, fileTexts } from './text.ts';

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

describe('the text of uploaded documents, for search', () => {
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

  describe('the job', () => {
    let t: TestDatabase;
    before(async () => {
      t = await createTestDatabase();
    });
    after(() => t.drop());

    async function file(bytes: Buffer, contentType: typeof PDF | typeof DOCX) {
      const row = await t.db
        .insertInto('files')
        .values({
          filename: 'a',
          content_type: contentType,
          size_bytes: bytes.length,
          sha256: '0'.repeat(64),
          uploaded_by: null,
          text_state: 'pending',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db.insertInto('file_chunks').values({ file_id: row.id, seq: 0, data: bytes }).execute();
      return row.id;
    }

    test('reads each waiting file once, records failures, and gives the text to whoever asks', async () => {
      const good = await file(await docxOf(KAZAKH), DOCX);
      const bad = await file(Buffer.from('%PDF-1.7 broken'), PDF);
      assert.equal(await extractNextText(t.db), true);
      assert.equal(await extractNextText(t.db), true);
      assert.equal(await extractNextText(t.db), false, 'nothing left');
      const states = await t.db.selectFrom('files').select(['id', 'text_state']).orderBy('id').execute();
      assert.deepEqual(
        states.map((s) => s.text_state),
        ['done', 'failed'],
      );
      const texts = await fileTexts(t.db, [good, bad]);
      assert.match(texts.get(good) ?? '', /Балаларға/);
      assert.equal(texts.has(bad), false);
    });
  });
});
