import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { LANGS, type Lang } from '../i18n/locales.ts';
import { type TextMatchInput, tsqueryOf } from './match.ts';

/*
 * A query's matches from the lexemes' posting lists (decision 0036, migration 202612090000), without
 * reading the matching rows of search_documents. The GIN index gives a lexeme's rows, but their ids
 * are in the rows: "police" at 270,000 recommendations is in a quarter of the English rows, on nearly
 * every page of them (17,000 pages read for one search). search_postings lists, per kind, lexeme,
 * language and chunk of 8,192 ids, the offsets of the rows holding the lexeme (33 lists, ~130 pages
 * for "police"). PostgreSQL still reads the query (its stemming, stop words, the corrections, Kazakh
 * terms: the tsquery of the one search, match.ts); here it is evaluated row by row — a row is a
 * record in one language — over the lists: AND, OR and NOT as the tsquery has them. What the lists
 * cannot tell (a phrase: the words' positions; weights and prefixes, which the one search never
 * writes) is left to the statement over search_documents (`undefined`: the caller reads the rows).
 */

const CHUNK_BITS = 13;
const CHUNK = 1 << CHUNK_BITS;

/** A tsquery's tree, as its text reads it. */
type Node =
  | { op: 'lex'; lexeme: string }
  | { op: 'and' | 'or'; left: Node; right: Node }
  | { op: 'not'; arg: Node }
  /** What the lists cannot evaluate: a phrase, a weight or a prefix. */
  | { op: 'rows' };

/**
 * A tsquery's text (PostgreSQL's output: lexemes quoted with quotes and backslashes doubled, `!`,
 * `&`, `|`, `<->` or `<N>`, `( … )`) as a tree; NOT binds tightest, then phrases, then AND, then OR.
 * Empty text (a query of stop words only) is undefined.
 */
export function parseTsquery(text: string): Node | undefined {
  let i = 0;
  const space = () => {
    while (text[i] === ' ') i++;
  };
  const operand = (): Node => {
    space();
    const c = text[i];
    if (c === '!') {
      i++;
      return { op: 'not', arg: operand() };
    }
    if (c === '(') {
      i++;
      const inner = or();
      space();
      if (text[i] !== ')') throw new Error(`tsquery: ) expected at ${i} in ${text}`);
      i++;
      return inner;
    }
    if (c !== "'") throw new Error(`tsquery: a lexeme expected at ${i} in ${text}`);
    i++;
    let lexeme = '';
    for (;;) {
      const ch = text[i];
      if (ch === undefined) throw new Error(`tsquery: unterminated lexeme in ${text}`);
      if (ch === "'" && text[i + 1] === "'") {
        lexeme += "'";
        i += 2;
      } else if (ch === '\\' && text[i + 1] === '\\') {
        lexeme += '\\';
        i += 2;
      } else if (ch === "'") {
        i++;
        break;
      } else {
        lexeme += ch;
        i++;
      }
    }
    if (text[i] === ':') {
      // A weight or a prefix.
      while (text[i] !== undefined && /[:*A-Da-d]/.test(text[i] as string)) i++;
      return { op: 'rows' };
    }
    return { op: 'lex', lexeme };
  };
  const phrase = (): Node => {
    let left = operand();
    for (;;) {
      space();
      const m = /^<(-|\d+)>/.exec(text.slice(i));
      if (!m) return left;
      i += m[0].length;
      operand();
      left = { op: 'rows' };
    }
  };
  const and = (): Node => {
    let left = phrase();
    for (;;) {
      space();
      if (text[i] !== '&') return left;
      i++;
      left = { op: 'and', left, right: phrase() };
    }
  };
  const or = (): Node => {
    let left = and();
    for (;;) {
      space();
      if (text[i] !== '|') return left;
      i++;
      left = { op: 'or', left, right: and() };
    }
  };
  space();
  if (i >= text.length) return undefined;
  const tree = or();
  space();
  if (i < text.length) throw new Error(`tsquery: unexpected ${text.slice(i)}`);
  return tree;
}

function lexemesOf(node: Node, out: Set<string>): Set<string> {
  if (node.op === 'lex') out.add(node.lexeme);
  else if (node.op === 'not') lexemesOf(node.arg, out);
  else if (node.op === 'and' || node.op === 'or') {
    lexemesOf(node.left, out);
    lexemesOf(node.right, out);
  }
  return out;
}

/**
 * Whether the tree can be evaluated over the lists, and whether its result is a complement (the rows
 * NOT matching something): then every row of the kind would be needed, and the lists are not read.
 * A set and its complement combine without the whole: A & !B = A − B, !A & !B = !(A ∪ B),
 * A | !B = !(B − A), !A | !B = !(A ∩ B).
 */
function complemented(node: Node): boolean | undefined {
  switch (node.op) {
    case 'lex':
      return false;
    case 'rows':
      return undefined;
    case 'not': {
      const arg = complemented(node.arg);
      return arg === undefined ? undefined : !arg;
    }
    default: {
      const left = complemented(node.left);
      const right = complemented(node.right);
      if (left === undefined || right === undefined) return undefined;
      return node.op === 'and' ? left && right : left || right;
    }
  }
}

/** A set of one chunk's offsets, or its complement. */
interface Signed {
  bits: Uint8Array;
  not: boolean;
}

function evaluate(node: Node, lists: (lexeme: string) => Uint8Array | undefined): Signed {
  switch (node.op) {
    case 'lex':
      return { bits: lists(node.lexeme) ?? new Uint8Array(CHUNK), not: false };
    case 'not': {
      const arg = evaluate(node.arg, lists);
      return { bits: arg.bits, not: !arg.not };
    }
    case 'rows':
      throw new Error('postings: a phrase, weight or prefix cannot be evaluated over the lists');
    default: {
      const a = evaluate(node.left, lists);
      const b = evaluate(node.right, lists);
      const out = new Uint8Array(CHUNK);
      // On the sets themselves: for AND, a − b, b − a or a ∩ b (a ∪ b when both are complements);
      // for OR, the same with the complements' roles exchanged (De Morgan).
      const and = node.op === 'and';
      const keepA = and ? !a.not : a.not;
      const keepB = and ? !b.not : b.not;
      if (keepA && keepB) for (let j = 0; j < CHUNK; j++) out[j] = (a.bits[j] as number) & (b.bits[j] as number);
      else if (keepA) for (let j = 0; j < CHUNK; j++) out[j] = (a.bits[j] as number) & ~(b.bits[j] as number) & 1;
      else if (keepB) for (let j = 0; j < CHUNK; j++) out[j] = (b.bits[j] as number) & ~(a.bits[j] as number) & 1;
      else for (let j = 0; j < CHUNK; j++) out[j] = (a.bits[j] as number) | (b.bits[j] as number);
      return { bits: out, not: and ? a.not && b.not : a.not || b.not };
    }
  }
}

/** '{1,5,9}' into the chunk's bits. */
function markOffsets(text: string, bits: Uint8Array): void {
  let n = 0;
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      digits++;
    } else {
      if (digits) bits[n] = 1;
      n = 0;
      digits = 0;
    }
  }
  if (digits) bits[n] = 1;
}

/** A query's matching rows: per language, the ids of the records matching in it, ascending. */
export type RowMatches = Map<Lang, number[]>;

/**
 * The rows of `input.kind` matching the query (`only`: in that language), as `textMatch`'s `ids`
 * finds them, from the posting lists; undefined when the lists cannot tell (a phrase, a query that
 * is only a complement, a kind without lists): the caller then reads `textMatch`'s statement.
 * Two statements: the query as PostgreSQL reads it, then its lexemes' lists.
 */
export async function postingMatches(db: Db, input: TextMatchInput): Promise<RowMatches | undefined> {
  const query = tsqueryOf(input);
  const empty: RowMatches = new Map();
  if (!query) return empty;
  const head = await sql<{ query: string; kept: boolean }>`
    SELECT (${query})::text AS query,
           EXISTS (SELECT FROM search_posting_kinds k WHERE k.kind = ${input.kind}) AS kept`.execute(db);
  const row = head.rows[0];
  if (!row?.kept) return undefined;
  const tree = parseTsquery(row.query);
  if (!tree) return empty;
  const not = complemented(tree);
  if (not === undefined || not) return undefined;
  const lexemes = [...lexemesOf(tree, new Set())];
  const langs: readonly Lang[] = input.only ? [input.only] : LANGS;
  const lists = await sql<{ lexeme: string; lang: Lang; chunk: number; offsets: string }>`
    SELECT p.lexeme, p.lang, p.chunk, p.offsets::text AS offsets
      FROM search_postings p
     WHERE p.kind = ${input.kind} AND p.lexeme = ANY(${lexemes}::text[]) AND p.lang = ANY(${langs}::text[])`.execute(db);
  // Per language and chunk, each lexeme's bits.
  const byChunk = new Map<string, Map<string, Uint8Array>>();
  for (const l of lists.rows) {
    const key = `${l.lang} ${l.chunk}`;
    let chunk = byChunk.get(key);
    if (!chunk) byChunk.set(key, (chunk = new Map()));
    const bits = new Uint8Array(CHUNK);
    markOffsets(l.offsets, bits);
    chunk.set(l.lexeme, bits);
  }
  const out: RowMatches = new Map();
  for (const lang of langs) {
    const ids: number[] = [];
    const chunks = [...byChunk.keys()]
      .filter((k) => k.startsWith(`${lang} `))
      .map((k) => Number(k.slice(lang.length + 1)))
      .sort((a, b) => a - b);
    for (const chunk of chunks) {
      const found = byChunk.get(`${lang} ${chunk}`) as Map<string, Uint8Array>;
      const { bits } = evaluate(tree, (lexeme) => found.get(lexeme));
      const base = chunk * CHUNK;
      for (let j = 0; j < CHUNK; j++) if (bits[j]) ids.push(base + j);
    }
    if (ids.length) out.set(lang, ids);
  }
  return out;
}
