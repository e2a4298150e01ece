import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { LANGS, type Lang } from '../i18n/locales.ts';
import { type TextMatchInput, tsqueryOf } from './match.ts';

/*
 * A query's matches from the lexemes' posting lists (decision 0036, migration 202612090000), without
 * reading the matching rows of search_documents. The GIN index gives a lexeme's rows, but their ids
 * are in the rows: "police" at 270,000 recommendations is in a quarter of the English rows, on nearly
 * every page of them (17,000 pages read for one search). search_postings lists, per kind, lexeme,
 * language and chunk of 1,024 ids, the offsets of the rows holding the lexeme (264 lists in ~40
 * pages for "police"). PostgreSQL still reads the query (its stemming, stop words, the corrections, Kazakh
 * terms: the tsquery of the one search, match.ts); here it is evaluated row by row — a row is a
 * record in one language — over the lists: AND, OR and NOT as the tsquery has them. What the lists
 * cannot tell (a phrase: the words' positions; weights and prefixes, which the one search never
 * writes) is left to the statement over search_documents (`undefined`: the caller reads the rows).
 */

/** Ids a list's chunk covers (migration 202612090000: id >> 10, id & 1023). */
const CHUNK = 1024;

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
  /** Operands of `next` joined by `sign`, left to right. */
  const joined = (op: 'and' | 'or', sign: string, next: () => Node) => (): Node => {
    let left = next();
    for (;;) {
      space();
      if (text[i] !== sign) return left;
      i++;
      left = { op, left, right: next() };
    }
  };
  const and = joined('and', '&', phrase);
  const or = joined('or', '|', and);
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

/** Ids, ascending, each once. */
type Ids = Float64Array;

const NONE: Ids = new Float64Array(0);

function intersect(a: Ids, b: Ids): Ids {
  if (a === b) return a;
  const out = new Float64Array(Math.min(a.length, b.length));
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      out[k++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out.subarray(0, k);
}

function union(a: Ids, b: Ids): Ids {
  if (a === b || b.length === 0) return a;
  if (a.length === 0) return b;
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x <= y) {
      out[k++] = x;
      i++;
      if (x === y) j++;
    } else {
      out[k++] = y;
      j++;
    }
  }
  while (i < a.length) out[k++] = a[i++] as number;
  while (j < b.length) out[k++] = b[j++] as number;
  return out.subarray(0, k);
}

/** a − b */
function minus(a: Ids, b: Ids): Ids {
  if (a === b) return NONE;
  if (b.length === 0) return a;
  const out = new Float64Array(a.length);
  let j = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    while (j < b.length && (b[j] as number) < x) j++;
    if (j >= b.length || b[j] !== x) out[k++] = x;
  }
  return out.subarray(0, k);
}

/** A set of ids, or its complement. */
interface Signed {
  ids: Ids;
  not: boolean;
}

function evaluate(node: Node, list: (lexeme: string) => Ids | undefined): Signed {
  switch (node.op) {
    case 'lex':
      return { ids: list(node.lexeme) ?? NONE, not: false };
    case 'not': {
      const arg = evaluate(node.arg, list);
      return { ids: arg.ids, not: !arg.not };
    }
    case 'rows':
      throw new Error('postings: a phrase, weight or prefix cannot be evaluated over the lists');
    default: {
      const a = evaluate(node.left, list);
      const b = evaluate(node.right, list);
      // On the sets themselves: for AND, a ∩ b, a − b or b − a (a ∪ b when both are complements);
      // for OR, the same with the complements' roles exchanged (De Morgan).
      const and = node.op === 'and';
      const keepA = and ? !a.not : a.not;
      const keepB = and ? !b.not : b.not;
      const ids =
        keepA && keepB
          ? intersect(a.ids, b.ids)
          : keepA
            ? minus(a.ids, b.ids)
            : keepB
              ? minus(b.ids, a.ids)
              : union(a.ids, b.ids);
      return { ids, not: and ? a.not && b.not : a.not || b.not };
    }
  }
}

/**
 * A lexeme's ids in one language from its chunks' lists, in chunk order, each as array_send writes a
 * smallint[]: a header of 20 bytes (its length at byte 12), then per offset its length (4 bytes) and
 * its value (2, big-endian). Read as bytes: parsing the text of 63,510 numbers took longer than
 * the statement.
 */
function idsOf(chunks: { chunk: number; offsets: Buffer }[]): Ids {
  let n = 0;
  for (const c of chunks) n += c.offsets.readInt32BE(12);
  const ids = new Float64Array(n);
  let k = 0;
  for (const { chunk, offsets: b } of chunks) {
    const base = chunk * CHUNK;
    for (let at = 24; at < b.length; at += 6) ids[k++] = base + (((b[at] as number) << 8) | (b[at + 1] as number));
  }
  return ids;
}

/** A query's matching rows: per language, the ids of the records matching in it, ascending. */
export type RowMatches = Map<Lang, Float64Array>;

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
  const lists = await sql<{ lexeme: string; lang: Lang; chunk: number; offsets: Buffer }>`
    SELECT p.lexeme, p.lang, p.chunk, array_send(p.offsets) AS offsets
      FROM search_postings p
     WHERE p.kind = ${input.kind} AND p.lexeme = ANY(${lexemes}::text[]) AND p.lang = ANY(${langs}::text[])
     ORDER BY p.lang, p.lexeme, p.chunk`.execute(db);
  // Per language, each lexeme's chunks (in order).
  const byLang = new Map<string, Map<string, { chunk: number; offsets: Buffer }[]>>();
  for (const l of lists.rows) {
    const lang = byLang.get(l.lang) ?? new Map<string, { chunk: number; offsets: Buffer }[]>();
    byLang.set(l.lang, lang);
    const chunks = lang.get(l.lexeme) ?? [];
    chunks.push(l);
    lang.set(l.lexeme, chunks);
  }
  const out: RowMatches = new Map();
  for (const lang of langs) {
    const found = byLang.get(lang);
    if (!found) continue;
    const read = new Map<string, Ids>();
    const list = (lexeme: string) => {
      const chunks = found.get(lexeme);
      if (!chunks) return undefined;
      const ids = read.get(lexeme) ?? idsOf(chunks);
      read.set(lexeme, ids);
      return ids;
    };
    const { ids } = evaluate(tree, list);
    if (ids.length) out.set(lang, ids);
  }
  return out;
}
