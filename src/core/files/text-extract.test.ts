import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DOCX, docxOf, PDF, pdfOf } from '../../testing/documents.ts';
import { extractText } from './text.ts';

const KAZAKH = 'Балаларға қатысты зорлық‐зомбылықтың алдын алу';

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
