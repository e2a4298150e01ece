import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../testing/database.ts';
import { DOCX, docxOf, PDF } from '../../testing/documents.ts';
import { extractNextText, fileTexts } from './text.ts';

const KAZAKH = 'Балаларға қатысты зорлық‐зомбылықтың алдын алу';

describe('the job that reads the text of uploaded documents', () => {
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
