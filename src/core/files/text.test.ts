import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../testing/database.ts';
import { DOCX, docxOf, PDF, storeFile } from '../../testing/documents.ts';
import { extractNextText, fileTexts } from './text.ts';

const KAZAKH = 'Балаларға қатысты зорлық‐зомбылықтың алдын алу';

describe('the job that reads the text of uploaded documents', () => {
  let t: TestDatabase;
  before(async () => {
    t = await createTestDatabase();
  });
  after(() => t.drop());

  const file = (bytes: Buffer, contentType: typeof PDF | typeof DOCX) => storeFile(t.db, bytes, contentType);

  test('reads each waiting file once, records failures, and gives the text to whoever asks', async () => {
    const good = await file(await docxOf(KAZAKH), DOCX);
    const bad = await file(Buffer.from('%PDF-1.7 broken'), PDF);
    assert.equal(await extractNextText(t.db), true);
    assert.equal(await extractNextText(t.db), true);
    assert.equal(await extractNextText(t.db), false, 'nothing left');
    const states = await t.db.selectFrom('files').select(['id', 'text_state', 'text_read_at']).orderBy('id').execute();
    assert.ok(
      states.every((s) => s.text_read_at !== null),
      'when each was read (search indexes its record again)',
    );
    assert.deepEqual(
      states.map((s) => s.text_state),
      ['done', 'failed'],
    );
    const texts = await fileTexts(t.db, [good, bad]);
    assert.match(texts.get(good) ?? '', /Балаларға/);
    assert.equal(texts.has(bad), false);
  });
});
