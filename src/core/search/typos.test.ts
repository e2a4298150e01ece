import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import type { Searchable, SearchDocument } from '../extensions.ts';
import { writeDocuments } from './indexer.ts';
import { parseQuery } from './query.ts';
import { search } from './search.ts';
import { editDistance, editsAllowed, findCorrections, typoKeys, vocabularyEntry } from './typos.ts';

describe('edit distance and the edits allowed', () => {
  test('insertions, deletions, substitutions and swapped neighbours each count one', () => {
    assert.equal(editDistance('government', 'goverment'), 1);
    assert.equal(editDistance('пытки', 'пыткии'), 1);
    assert.equal(editDistance('abcd', 'abdc'), 1);
    assert.equal(editDistance('balalarga', 'balalrga'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('ananas', 'anasy'), 3);
  });

  test('no edit below five letters, one up to seven, two from eight', () => {
    assert.equal(editsAllowed('ат'), 0);
    assert.equal(editsAllowed('атап'), 0);
    assert.equal(editsAllowed('пытки'), 1);
    assert.equal(editsAllowed('бәлалар'), 1);
    assert.equal(editsAllowed('goverment'), 2);
  });

  test('deletion keys: words within the edits allowed share one, other languages never do', () => {
    const share = (a: string, b: string, lang: 'kk' | 'ru' | 'en' = 'en') =>
      typoKeys(lang, a).some((k) => typoKeys(lang, b).includes(k));
    assert.ok(share('goverment', 'government'));
    assert.ok(share('govrenmnet', 'government'), 'two edits from eight letters');
    assert.ok(share('пытки', 'пыткии', 'ru'));
    assert.ok(!share('torture', 'tortoise'));
    assert.ok(!typoKeys('kk', 'balalar').some((k) => typoKeys('en', 'balalar').includes(k)));
    assert.equal(typoKeys('en', 'abcdefgh').length, 1 + 8 + 28, 'itself, 8 without one letter, 28 without two');
  });

  test('the vocabulary keeps words of letters, Kazakh by its script-neutral key, each language in its script', () => {
    assert.deepEqual(vocabularyEntry('балаларға', 'kk')?.word, 'balalarğa');
    assert.deepEqual(vocabularyEntry('балаларға', 'kk')?.base, 'balalarga');
    assert.equal(vocabularyEntry('2021', 'kk'), undefined);
    assert.equal(vocabularyEntry('ат', 'kk'), undefined);
    assert.equal(vocabularyEntry('unicef', 'ru'), undefined, 'a Latin word is not Russian');
    assert.equal(vocabularyEntry('пытки', 'en'), undefined, 'a Cyrillic word is not English');
    assert.equal(vocabularyEntry('women', 'en')?.text, 'woman', 'English irregular forms as Snowball reads them');
  });
});

describe('typo tolerance in search (decision 0018)', () => {
  let h: TestApp;
  const thing: Searchable = {
    kind: 'thing',
    documents: async () => [],
    visibleTo: async (_db, _reader, ids) => new Set(ids),
  };
  const doc = (id: string, lang: 'kk' | 'ru' | 'en', title: string, visibility = 'public'): SearchDocument => ({
    kind: 'thing',
    id,
    title: { [lang]: title },
    body: {},
    path: `/things/${id}`,
    visibility: visibility as 'public',
    updatedAt: new Date(),
  });
  const found = async (q: string) =>
    (await search(h.db, [thing], null, { q, lang: 'kk', limit: 50, offset: 0 })).hits.map((x) => x.id).sort();

  before(async () => {
    h = await createTestApp();
    await writeDocuments(h.db, [
      doc('kk-children', 'kk', 'Балаларға қатысты зорлық‐зомбылықтың алдын алу'),
      doc('kk-mother', 'kk', 'Анасы мен баласы'),
      doc('kk-noted', 'kk', 'Олар атап өтті'),
      doc('ru-torture', 'ru', 'Пытки в местах лишения свободы'),
      doc('ru-madam', 'ru', 'Письмо г-жи Ивановой'),
      doc('en-government', 'en', 'Government measures against the bullying of children'),
      doc('en-women', 'en', 'The women went to better schools than their children'),
      doc('en-secret', 'en', 'Confidential memorandum about Zanzibarian affairs', 'restricted'),
    ]);
  });
  after(() => h.close());

  test('a typo is found in Kazakh (Cyrillic and Latin), Russian and English', async () => {
    assert.deepEqual(await found('балалрға'), ['kk-children', 'kk-mother'], 'Kazakh Cyrillic, a letter left out: бала');
    assert.deepEqual(await found('зомбылықтын'), ['kk-children'], 'Kazakh, ң typed н (same plain key)');
    assert.deepEqual(await found('zombilyqtyñ'), ['kk-children'], 'Kazakh Latin with diacritics, a wrong letter');
    assert.deepEqual(await found('balalrga'), ['kk-children', 'kk-mother'], 'Kazakh Latin without diacritics');
    assert.deepEqual(await found('пыткии'), ['ru-torture'], 'Russian, a letter too many (Snowball)');
    assert.deepEqual(await found('свабоды'), ['ru-torture'], 'Russian, a wrong letter');
    assert.deepEqual(await found('лишения свабоды'), ['ru-torture'], 'Russian, with another word');
    assert.deepEqual(await found('goverment'), ['en-government'], 'English, a letter left out');
    assert.deepEqual(await found('bulyling chidlren'), ['en-government'], 'English, two words with typos');
  });

  test('English irregular forms find their regular relatives, both ways', async () => {
    assert.deepEqual(await found('woman go good school'), ['en-women']);
    assert.deepEqual(await found('"child"'), ['en-government', 'en-women'], 'children, as a phrase too');
    assert.deepEqual(await found('worst'), [], 'worse and worst are bad, not good');
  });

  test('"a or b c" is (a or b) and c in Russian and English too, corrections included', async () => {
    assert.deepEqual(await found('schools or government bullying'), ['en-government']);
    assert.deepEqual(await found('schools or goverment bullying'), ['en-government']);
    assert.deepEqual(await found('пытки or свабоды места'), ['ru-torture']);
  });

  test('short words are never corrected, and nothing crosses languages or roots', async () => {
    assert.deepEqual(await found('chld'), [], 'four letters: not corrected');
    assert.deepEqual(await found('ат'), [], 'ат does not find атап');
    assert.deepEqual(await found('жи'), [], 'Kazakh жи does not find Russian г-жи');
    assert.deepEqual(await found('ананас'), [], 'Russian ананас does not find Kazakh анасы');
    assert.deepEqual(await found('анасы'), ['kk-mother']);
    assert.deepEqual(await found('"лишения свабоды"'), [], 'a phrase is looked for as written');
    assert.deepEqual(await found('пытки -свабоды'), ['ru-torture'], 'an excluded word is not corrected');
  });

  test('a word found as it is is not corrected; a word only a restricted record has is not in the vocabulary', async () => {
    assert.equal((await findCorrections(h.db, parseQuery('баласы пытки government'))).size, 0);
    const secret = await findCorrections(h.db, parseQuery('zanzibarean'));
    assert.equal(secret.size, 0, 'no public word near it');
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM search_vocabulary WHERE word = 'zanzibarian'`.execute(h.db);
    assert.equal(rows[0]?.n, 0);
  });

  test('a correction matches what the record says, and writing the same words again is cheap', async () => {
    const corrections = await findCorrections(h.db, parseQuery('свабоды goverment'));
    assert.deepEqual(corrections.get('свабоды')?.ru, ['свободы']);
    assert.deepEqual(corrections.get('goverment')?.en, ['government']);
    await writeDocuments(h.db, [doc('en-government', 'en', 'Government measures against the bullying of children')]);
    assert.deepEqual(await found('goverment'), ['en-government']);
  });

  test('a correction says what it searched for, as the texts write the words', async () => {
    const kazakh = await findCorrections(h.db, parseQuery('балалрға'));
    assert.ok(kazakh.get('балалрға')?.shown.includes('балаларға'), 'in Cyrillic, not as its key');
    const result = await search(h.db, [thing], null, {
      q: 'свабоды goverment пытки',
      lang: 'en',
      limit: 50,
      offset: 0,
    });
    assert.equal(result.searchedFor, 'свободы government пытки');
    const exact = await search(h.db, [thing], null, { q: 'government', lang: 'en', limit: 50, offset: 0 });
    assert.equal(exact.searchedFor, null, 'a word found as it is is not corrected');
  });

  test('a word that only a record made private or deleted since had is no longer suggested', async () => {
    const pelicans = doc('en-pelicans', 'en', 'Pelicans nesting on the lake');
    const steppe = doc('kk-steppe', 'kk', 'Сарыарқаның ақбөкендері');
    await writeDocuments(h.db, [pelicans, steppe]);
    assert.deepEqual((await findCorrections(h.db, parseQuery('pelicens'))).get('pelicens')?.en, ['pelicans']);
    assert.deepEqual(await found('pelicens'), ['en-pelicans']);
    assert.deepEqual(await found('ақбөкеднері'), ['kk-steppe']);
    await writeDocuments(h.db, [{ ...pelicans, visibility: 'restricted' }]);
    await h.db.deleteFrom('search_documents').where('id', '=', 'kk-steppe').execute();
    assert.equal((await findCorrections(h.db, parseQuery('pelicens ақбөкеднері'))).size, 0);
    assert.deepEqual(await found('pelicens'), [], 'the restricted record is not found through a correction either');
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM search_vocabulary WHERE word IN ('pelicans', 'aqbökenderi')`.execute(h.db);
    assert.equal(rows[0]?.n, 2, 'the words stay in the vocabulary: the check is against the public index');
  });
});
