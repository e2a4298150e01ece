import { createRequire } from 'node:module';
import path from 'node:path';
import type { Db } from '../core/db/database.ts';

/* PDF and DOCX files made on the spot, for the tests of reading uploaded documents' text (decision 0018). */

export const PDF = 'application/pdf';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A PDF with one page per line, in a font that has Kazakh letters. */
export async function pdfOf(lines: string[]): Promise<Buffer> {
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

/** A DOCX of this paragraph and a second one. */
export async function docxOf(text: string): Promise<Buffer> {
  const { Document, Packer, Paragraph } = await import('docx');
  return Packer.toBuffer(
    new Document({ sections: [{ children: [new Paragraph(text), new Paragraph('Second paragraph')] }] }),
  );
}

/** Stores a file as an upload does, waiting for the job that reads its text; returns its id. */
export async function storeFile(db: Db, bytes: Buffer, contentType: typeof PDF | typeof DOCX): Promise<string> {
  const row = await db
    .insertInto('files')
    .values({
      filename: 'document',
      content_type: contentType,
      size_bytes: bytes.length,
      sha256: '0'.repeat(64),
      uploaded_by: null,
      text_state: 'pending',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('file_chunks').values({ file_id: row.id, seq: 0, data: bytes }).execute();
  return row.id;
}
