import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Lang } from '../i18n/locales.ts';
import { hasPositive, kazakhTsquery, parseQuery, searchedFor, snowballQuery } from './query.ts';
import { lexeme } from './terms.ts';
import { type Corrections, findCorrections } from './typos.ts';

/*
 * The one search (decision 0018) inside a domain's own list: the proposals tracker and the
 * recommendations explorer filter and order their records by it, keeping their other filters and
 * their visibility rules (the domain's visibility module still decides who sees what: this only says
 * which records match). search_documents stays core's: a domain reaches it only through this.
 * The query is read as /search reads it (query.ts): all three languages, Kazakh stemmed and in
 * either script; a match in the reader's language weighs more, as on the search page. Its typo
 * corrections are looked up once per request (`correctQuery`, one lookup in the vocabulary) and given
 * to every statement that reads the matches (`corrections`), so that the list, its counts, its CSV
 * and its API find what the search page finds.
 */

/** A query's typo corrections, and what to tell the reader it was searched as. */
export interface CorrectedQuery {
  corrections: Corrections;
  /** The query as searched ("Showing results for …"), null when nothing was corrected. */
  searchedFor: string | null;
}

const NOTHING_CORRECTED: CorrectedQuery = { corrections: new Map(), searchedFor: null };

/** The corrections of the words of `q` that match nothing (typos.ts): once per request, before the list's statements. */
export async function correctQuery(db: Db, q: string | undefined): Promise<CorrectedQuery> {
  if (!q?.trim()) return NOTHING_CORRECTED;
  const parsed = parseQuery(q);
  if (!hasPositive(parsed)) return NOTHING_CORRECTED;
  const corrections = await findCorrections(db, parsed);
  return { corrections, searchedFor: searchedFor(parsed, corrections) };
}

/** What a domain's list needs of a query: a condition on its records' ids, and their relevance. */
export interface TextMatch {
  /** The record is among the matches of its kind (false when the query looks for nothing). */
  where: RawBuilder<SqlBool>;
  /** The matches' ids (column `id`, of the id column's type): a subquery, e.g. for a CTE read by several passes. */
  ids: RawBuilder<{ id: string }>;
  /** The matching rows: each record's id (as `ids`) and the language it matched in (`lang`), once per language. */
  rows: RawBuilder<{ id: string; lang: Lang }>;
  /**
   * The same condition as `where`, as EXISTS on the record's own documents: the planner may probe each
   * record's documents by (kind, id) when the list's other conditions leave few records, or read every
   * match (a semi-join) when they do not — from its estimates. `where` always reads every match.
   */
  probe: RawBuilder<SqlBool>;
  /** The record's relevance, its best language's, 0 when it does not match: ORDER BY it DESC. */
  rank: RawBuilder<number>;
}

export interface TextMatchInput {
  /** The kind of record, as its Searchable names it ('proposal', 'recommendation'). */
  kind: string;
  /** The reader's query, as typed. */
  q: string;
  /** The reader's language: its matches rank first. */
  lang: Lang;
  /** The column of the record's id, e.g. 'p.id'. */
  id: string;
  /** The id column's type (search stores ids as text). */
  idType?: 'bigint' | 'text';
  /** Matches in this language only (by default, in any). */
  only?: Lang | undefined;
  /** The query's typo corrections (`correctQuery`): its words are also looked for as them. */
  corrections?: Corrections | undefined;
}

// As search.ts: a match in the reader's language counts half as much again.
const READER_LANG_BOOST = 1.5;

/** The query's tsquery in each language, and the one it is searched as (undefined: nothing to look for). */
function queriesOf(input: TextMatchInput) {
  const parsed = parseQuery(input.q);
  if (!hasPositive(parsed)) return undefined;
  const fixes = input.corrections ?? new Map();
  const kk = sql`${kazakhTsquery(parsed, fixes)}::tsquery`;
  const ru = sql`to_tsquery('russian', ${snowballQuery(parsed, 'ru', fixes)})`;
  const en = sql`to_tsquery('english', ${snowballQuery(parsed, 'en', fixes)})`;
  const byLang = { kk, ru, en };
  // Each language's lexemes are its own (terms.ts), so one tsquery matches each row in its language.
  const query = input.only ? byLang[input.only] : sql`(${kk} || ${ru} || ${en})`;
  return { kk, ru, en, query };
}

/** The tsquery a record's rows are matched with (undefined when the query looks for nothing). */
export function tsqueryOf(input: TextMatchInput): RawBuilder<unknown> | undefined {
  return queriesOf(input)?.query;
}

/** The query's condition and rank over records of one kind, for a domain's own list. */
export function textMatch(input: TextMatchInput): TextMatch {
  const stored = input.idType === 'text' ? sql`d.id` : sql`d.id::bigint`;
  const queries = queriesOf(input);
  if (!queries)
    return {
      where: sql<SqlBool>`false`,
      ids: sql`SELECT NULL::${sql.raw(input.idType ?? 'bigint')} AS id WHERE false`,
      rows: sql`SELECT NULL::${sql.raw(input.idType ?? 'bigint')} AS id, NULL::text AS lang WHERE false`,
      probe: sql<SqlBool>`false`,
      rank: sql<number>`0::real`,
    };
  const { query } = queries;
  const inLang = input.only ? sql` AND d.lang = ${input.only}` : sql``;
  const ofKind = sql`${lexeme(`#k:${input.kind}`)}::tsquery`;
  const id = sql.ref(input.id);
  // Two conditions, not `query && marker`: a query of stop words only is empty, and `'' && marker` is the
  // marker alone (every record of the kind). The GIN index answers both in one scan.
  const matching = sql`search_documents d
      WHERE d.kind = ${input.kind} AND d.terms @@ ${query} AND d.terms @@ ${ofKind}${inLang}`;
  const ids = sql<{ id: string }>`SELECT ${stored} AS id FROM ${matching}`;
  const rows = sql<{ id: string; lang: Lang }>`SELECT ${stored} AS id, d.lang FROM ${matching}`;
  const where = sql<SqlBool>`${id} IN (${ids})`;
  const probe = sql<SqlBool>`EXISTS (SELECT FROM search_documents d
      WHERE d.kind = ${input.kind} AND d.id = (${id})::text AND d.terms @@ ${query} AND d.terms @@ ${ofKind}${inLang})`;
  const rank = sql<number>`coalesce((SELECT max(${rowRank(queries, input.lang)})
      FROM search_documents d
     WHERE d.kind = ${input.kind} AND d.id = (${id})::text AND d.terms @@ ${query}${inLang}), 0)`;
  return { where, ids, rows, probe, rank };
}

/** A row's (d's) relevance: its language's query's, weighed up in the reader's language. */
function rowRank(
  { kk, ru, en }: { kk: RawBuilder<unknown>; ru: RawBuilder<unknown>; en: RawBuilder<unknown> },
  lang: Lang,
) {
  const rowQuery = sql`CASE d.lang WHEN 'kk' THEN ${kk} WHEN 'ru' THEN ${ru} ELSE ${en} END`;
  return sql<number>`ts_rank_cd(d.terms, ${rowQuery}) * CASE WHEN d.lang = ${lang} THEN ${sql.lit(READER_LANG_BOOST)} ELSE 1 END`;
}

/**
 * The relevance of records (`textMatch`'s rank, the same numbers) when the languages they match in are
 * known (core/search/postings.ts): only those rows are read, one per record and language given, where
 * the rank reads every row of the record. `ids[i]` is looked for in `langs[i]`; a record comes once,
 * with its best row's score; one that does not match is left out (its rank is 0).
 */
export function rankOfRows(
  input: TextMatchInput,
  ids: readonly string[],
  langs: readonly Lang[],
): RawBuilder<{ id: string; score: number }> {
  const queries = queriesOf(input);
  if (!queries) return sql`SELECT NULL::text AS id, 0::real AS score WHERE false`;
  return sql`SELECT r.id, max(${rowRank(queries, input.lang)}) AS score
      FROM unnest(${ids}::text[], ${langs}::text[]) r(id, lang)
      JOIN search_documents d ON d.kind = ${input.kind} AND d.id = r.id AND d.lang = r.lang
     WHERE d.terms @@ ${queries.query}
     GROUP BY r.id`;
}
