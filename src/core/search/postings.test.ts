import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../testing/database.ts';
import type { SearchDocument } from '../extensions.ts';
import type { Lang } from '../i18n/locales.ts';
import { writeDocuments } from './indexer.ts';
import { correctQuery, type TextMatchInput, textMatch, tsqueryOf } from './match.ts';
import { parseTsquery, postingMatches, type RowMatches } from './postings.ts';

/*
 * A query's matches from the posting lists (decision 0036) are the rows the statement over
 * search_documents finds, language by language, for every form of query the one search reads; the
 * lists follow the rows through writes, rewrites, updates and deletes.
 */

const KIND = 'posting-test';

const doc = (id: number, text: Partial<Record<Lang, string>>): SearchDocument => ({
  kind: KIND,
  id: String(id),
  title: text,
  body: {},
  path: `/posting-test/${id}`,
  visibility: 'public',
  updatedAt: new Date('2026-01-01'),
});

// Ids on both sides of chunk boundaries (1,024 ids a chunk).
const DOCS = [
  doc(1, { en: 'Torture of children in police custody', ru: 'Пытки детей в полиции' }),
  doc(2, { en: 'Police violence against women', kk: 'Полиция әйелдерге қарсы зорлық' }),
  doc(1023, { en: 'Children’s rights and education' }),
  doc(1024, { ru: 'Права детей и образование', kk: 'Балалардың құқықтары' }),
  doc(20000, { en: 'Torture prevention', ru: 'Предупреждение пыток' }),
  doc(20001, { en: 'Inquiry', ru: 'Расследование Zhanaozen' }),
  doc(30000, { kk: 'Балаларды дене жазасына тыйым салу', en: 'Custody of women' }),
];

const QUERIES = [
  'police',
  'полиция',
  'torture children',
  'пытки детей',
  'balalar',
  'балаларға',
  'BALALARĞA',
  'zhanaozen',
  'torture or police',
  'torture -children',
  'police -torture -women',
  '-torture custody',
  'women or children',
  'polise',
  'chilren custody',
];

let t: TestDatabase;
before(async () => {
  t = await createTestDatabase();
  await sql`INSERT INTO search_posting_kinds VALUES (${KIND})`.execute(t.db);
  await writeDocuments(t.db, DOCS);
});
after(() => t.drop());

/** The rows the statement over search_documents finds, as `lang:id`. */
async function rowsFound(input: TextMatchInput): Promise<string[]> {
  const query = tsqueryOf(input);
  if (!query) return [];
  const r = await sql<{ row: string }>`SELECT d.lang || ':' || d.id AS row FROM search_documents d
     WHERE d.kind = ${KIND} AND d.terms @@ ${query} ${input.only ? sql`AND d.lang = ${input.only}` : sql``}`.execute(
    t.db,
  );
  return r.rows.map((x) => x.row).sort();
}

async function fromLists(input: TextMatchInput): Promise<string[] | undefined> {
  const found = await postingMatches(t.db, input);
  if (!found) return undefined;
  return [...found].flatMap(([lang, ids]) => Array.from(ids, (id) => `${lang}:${id}`)).sort();
}

async function inputOf(q: string, only?: Lang): Promise<TextMatchInput> {
  const { corrections } = await correctQuery(t.db, q);
  return { kind: KIND, q, lang: 'en', id: 'x.id', only, corrections };
}

/** The lists as the rows would give them now. */
async function listsRebuilt(): Promise<string[]> {
  const r = await sql<{ list: string }>`
    SELECT u.lexeme || ' ' || d.lang || ' ' || (d.id::bigint >> 10) || ' '
           || array_agg((d.id::bigint & 1023)::smallint ORDER BY (d.id::bigint & 1023)::smallint)::text AS list
      FROM search_documents d, unnest(d.terms) u WHERE d.kind = ${KIND}
     GROUP BY u.lexeme, d.lang, d.id::bigint >> 10`.execute(t.db);
  return r.rows.map((x) => x.list).sort();
}

async function listsKept(): Promise<string[]> {
  const r = await sql<{ list: string }>`
    SELECT lexeme || ' ' || lang || ' ' || chunk || ' ' || offsets::text AS list
      FROM search_postings WHERE kind = ${KIND}`.execute(t.db);
  return r.rows.map((x) => x.list).sort();
}

describe('posting lists (decision 0036)', () => {
  test('a tsquery’s text read as PostgreSQL writes it', () => {
    assert.deepEqual(parseTsquery("'polic'"), { op: 'lex', lexeme: 'polic' });
    assert.deepEqual(parseTsquery("'a' | 'b' & !'c'"), {
      op: 'or',
      left: { op: 'lex', lexeme: 'a' },
      right: { op: 'and', left: { op: 'lex', lexeme: 'b' }, right: { op: 'not', arg: { op: 'lex', lexeme: 'c' } } },
    });
    assert.deepEqual(parseTsquery("( 'a' | 'b' ) & 'it''s' & 'back\\\\slash'"), {
      op: 'and',
      left: {
        op: 'and',
        left: { op: 'or', left: { op: 'lex', lexeme: 'a' }, right: { op: 'lex', lexeme: 'b' } },
        right: { op: 'lex', lexeme: "it's" },
      },
      right: { op: 'lex', lexeme: 'back\\slash' },
    });
    // What the lists cannot tell.
    assert.deepEqual(parseTsquery("'a' & 'b' <-> 'c'"), {
      op: 'and',
      left: { op: 'lex', lexeme: 'a' },
      right: { op: 'rows' },
    });
    assert.deepEqual(parseTsquery("'a':*"), { op: 'rows' });
    assert.deepEqual(parseTsquery("'a' <2> 'b'"), { op: 'rows' });
    assert.equal(parseTsquery(''), undefined);
  });

  test('the rows the statement finds, in every language and in each one', async () => {
    for (const q of QUERIES)
      for (const only of [undefined, 'kk', 'ru', 'en'] as const) {
        const input = await inputOf(q, only);
        assert.deepEqual(await fromLists(input), await rowsFound(input), `${q} (${only ?? 'all'})`);
      }
    // The explorer's statement (textMatch's ids) finds the same records.
    for (const q of QUERIES) {
      const input = await inputOf(q);
      const ids = await sql<{ id: string }>`${textMatch(input).ids}`.execute(t.db);
      const lists: RowMatches = (await postingMatches(t.db, input)) ?? new Map();
      assert.deepEqual(
        [...new Set([...lists.values()].flatMap((ids) => Array.from(ids)))].sort((a, b) => a - b),
        ids.rows.map((r) => Number(r.id)).sort((a, b) => a - b),
        q,
      );
    }
  });

  test('what the lists cannot tell is left to the rows; nothing to look for finds nothing', async () => {
    for (const q of ['"police custody"', 'children or -torture', 'police-custody'])
      assert.equal(await postingMatches(t.db, await inputOf(q)), undefined, q);
    for (const q of ['the', '-police', '""']) assert.deepEqual(await fromLists(await inputOf(q, 'en')), [], q);
    const other = await postingMatches(t.db, { ...(await inputOf('police')), kind: 'posting-none' });
    assert.equal(other, undefined, 'a kind without lists');
  });

  test('the lists follow the rows: written again, a language lost, updated, deleted', async () => {
    assert.deepEqual(await listsKept(), await listsRebuilt());
    assert.ok((await listsKept()).length > 20);
    await writeDocuments(t.db, [
      doc(1, { en: 'Prevention of ill-treatment by the police' }),
      doc(1024, { ru: 'Права женщин', kk: 'Әйелдер құқықтары' }),
      doc(40000, { en: 'Police torture of children' }),
    ]);
    assert.deepEqual(await listsKept(), await listsRebuilt());
    await sql`UPDATE search_documents SET lang = lang WHERE kind = ${KIND}`.execute(t.db);
    assert.deepEqual(await listsKept(), await listsRebuilt());
    await sql`DELETE FROM search_documents WHERE kind = ${KIND} AND id IN ('2', '20000')`.execute(t.db);
    assert.deepEqual(await listsKept(), await listsRebuilt());
    for (const q of QUERIES) {
      const input = await inputOf(q);
      assert.deepEqual(await fromLists(input), await rowsFound(input), q);
    }
    await sql`DELETE FROM search_documents WHERE kind = ${KIND}`.execute(t.db);
    assert.deepEqual(await listsKept(), []);
  });
});
