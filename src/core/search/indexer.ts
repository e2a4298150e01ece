import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Searchable, SearchDocument } from '../extensions.ts';
import { LANGS, type Lang } from '../i18n/locales.ts';
import { kazakhTsvector, markerLexemes, snowballText, TS_CONFIG } from './terms.ts';
import { addToVocabulary } from './typos.ts';

/*
 * Keeps search_documents in step with every domain's Searchable (decision 0018). `syncSearch` asks
 * each kind for what changed since it last looked (with an overlap of a few seconds, for
 * transactions that committed late) and writes those records' rows; any process may run it, and one
 * at a time per kind does (a lease in search_sync; the others skip). A full run reads everything and then
 * deletes the rows it did not write (records deleted since).
 */

/** How much of a body is kept for snippets and terms. */
export const BODY_MAX = 50_000;
const PAGE = 500;
const OVERLAP_MS = 5_000;
const WRITES_IN_FLIGHT = 2;
// Private-use characters mark highlights in snippets (query.ts); they never come from a record.
const MARKERS = /[\uE000\uE001]/g;

interface Row {
  kind: string;
  id: string;
  lang: Lang;
  title: string;
  body: string;
  path: string;
  visibility: string;
  updatedAt: Date;
}

function rowsOf(doc: SearchDocument): Row[] {
  return LANGS.flatMap((lang) => {
    const title = (doc.title[lang] ?? '').replace(MARKERS, '').trim();
    const body = (doc.body[lang] ?? '').replace(MARKERS, '').slice(0, BODY_MAX).trim();
    if (title === '' && body === '') return [];
    return [
      {
        kind: doc.kind,
        id: doc.id,
        lang,
        title,
        body,
        path: doc.path,
        visibility: doc.visibility,
        updatedAt: doc.updatedAt,
      },
    ];
  });
}

/** Each row's terms as insertRows writes them: a title's (a Kazakh row's whole tsvector), a body's, its markers. */
type Terms = { title: string[]; body: string[]; markers: string[] };

/** Rows whose terms are computed in one turn of the event loop. */
const TERMS_PER_TURN = 100;

/**
 * The rows' terms, TERMS_PER_TURN rows a turn: a page of long Kazakh records (their terms are
 * computed here, terms.ts) held the event loop for 30–50 ms at once, and a request waited for it.
 */
async function termsOf(rows: Row[]): Promise<Terms> {
  const terms: Terms = { title: [], body: [], markers: [] };
  for (const [i, r] of rows.entries()) {
    if (i > 0 && i % TERMS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    terms.title.push(r.lang === 'kk' ? kazakhTsvector(r.title, r.body) : snowballText(r.title, r.lang));
    terms.body.push(r.lang === 'kk' ? '' : snowballText(r.body, r.lang));
    terms.markers.push(markerLexemes(r.kind, r.visibility));
  }
  return terms;
}

/**
 * One statement writes the rows and their texts, from arrays (unnest): its text is the same whatever
 * the number of rows, and each row costs its values only. Kazakh terms come computed (terms.ts);
 * Russian and English ones are PostgreSQL's Snowball over the folded text. The texts stand apart
 * (narrow rows, migration 202612070600): read for the page's hits only, deleted with their row.
 */
function insertRows(rows: Row[], terms: Terms) {
  const column = <T>(f: (r: Row) => T) => rows.map(f);
  return sql`
    WITH x AS (
      SELECT * FROM unnest(${column((r) => r.kind)}::text[], ${column((r) => r.id)}::text[],
          ${column((r) => r.lang)}::text[], ${column((r) => r.path)}::text[], ${column((r) => r.visibility)}::text[],
          ${column((r) => r.updatedAt)}::timestamptz[],
          ${terms.title}::text[], ${terms.body}::text[], ${terms.markers}::text[],
          ${column((r) => r.title)}::text[], ${column((r) => r.body)}::text[])
        AS x(kind, id, lang, path, visibility, updated_at, terms_title, terms_body, markers, title, body)
    ), written AS (
      INSERT INTO search_documents (kind, id, lang, path, visibility, updated_at, terms)
      SELECT kind, id, lang, path, visibility, updated_at,
             CASE WHEN lang = 'kk' THEN terms_title::tsvector
             ELSE setweight(to_tsvector(config, terms_title), 'A') || setweight(to_tsvector(config, terms_body), 'D')
             END || markers::tsvector
        FROM x, LATERAL (SELECT (CASE lang WHEN 'ru' THEN ${sql.lit(TS_CONFIG.ru)} ELSE ${sql.lit(TS_CONFIG.en)} END)::regconfig AS config) c
    )
    INSERT INTO search_texts (kind, id, lang, title, body) SELECT kind, id, lang, title, body FROM x`;
}

/**
 * The rows in the order they are written: a kind's rows of one language together (ids in the order
 * given within each). A search reads a heap page of search_documents for each page its matches are
 * on, and a word of one language matches rows of that language only: with each language's rows on
 * pages of their own, "police" at 270,000 recommendations reads ~17,000 pages, not the ~29,000 the
 * records' rows side by side filled (migration 202612080210 puts the rows written before in order).
 */
function byLanguage(rows: Row[]): Row[] {
  const rank = (r: Row) => LANGS.indexOf(r.lang);
  return rows.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : rank(a) - rank(b)));
}

/**
 * Writes these records' rows, replacing the ones they had (`fresh`: they have none, the kind was
 * empty when its read began, under its lease: nothing to delete).
 */
export async function writeDocuments(db: Db, docs: SearchDocument[], opts: { fresh?: boolean } = {}): Promise<void> {
  if (docs.length === 0) return;
  const rows = byLanguage(docs.flatMap(rowsOf));
  const insert = rows.length === 0 ? undefined : insertRows(rows, await termsOf(rows));
  if (opts.fresh) {
    if (insert) await insert.execute(db);
  } else {
    await db.transaction().execute(async (trx) => {
      for (const kind of new Set(docs.map((d) => d.kind))) {
        await trx
          .deleteFrom('search_documents')
          .where('kind', '=', kind)
          .where(
            'id',
            'in',
            docs.filter((d) => d.kind === kind).map((d) => d.id),
          )
          .execute();
      }
      if (insert) await insert.execute(trx);
    });
  }
  await addToVocabulary(db, rows);
}

const LEASE = sql<Date>`now() + interval '60 seconds'`;

/** Reads one claimed kind's changes since its last run (everything when `full`); returns how many records. */
async function readKind(db: Db, searchable: Searchable, claim: Claim, full: boolean): Promise<number> {
  const { kind } = searchable;
  const since = full || !claim.synced_until ? undefined : new Date(claim.synced_until.getTime() - OVERLAP_MS);
  let read = 0;
  let afterId: string | undefined;
  // Reading the next page overlaps writing the last ones (PostgreSQL computes the Russian and
  // English terms, so two writes in flight use two cores).
  const writing = new Set<Promise<void>>();
  let failure: unknown;
  // A kind with no rows yet (a first indexing, a reindex from scratch) has none to replace.
  const fresh = !(await db
    .selectFrom('search_documents')
    .select('id')
    .where('kind', '=', kind)
    .limit(1)
    .executeTakeFirst());
  for (;;) {
    if (failure) break;
    const docs = await searchable.documents(db, {
      ...(since ? { since } : {}),
      ...(afterId ? { afterId } : {}),
      limit: PAGE,
    });
    const write: Promise<void> = writeDocuments(db, docs, { fresh })
      .catch((err: unknown) => {
        failure ??= err;
      })
      .finally(() => writing.delete(write));
    writing.add(write);
    if (writing.size >= WRITES_IN_FLIGHT) await Promise.race(writing);
    read += docs.length;
    if (docs.length < PAGE) break;
    afterId = docs.at(-1)?.id;
    await db.updateTable('search_sync').set({ locked_until: LEASE }).where('kind', '=', kind).execute();
  }
  await Promise.all(writing);
  if (failure) throw failure;
  if (full) {
    await db.deleteFrom('search_documents').where('kind', '=', kind).where('indexed_at', '<', claim.now).execute();
  }
  return read;
}

interface Claim {
  kind: string;
  synced_until: Date | null;
  now: Date;
}

/** How many kinds an incremental run reads at once (each is a statement or two when little changed). */
const KINDS_AT_ONCE = 4;

/**
 * Brings these kinds up to date: one statement claims every kind no other process is reading (a lease),
 * the kinds are read `atOnce` at a time, and one statement gives the leases back (moving on the time
 * read up to of the kinds that succeeded). Kinds another process holds are null in the answer.
 */
async function syncKinds(
  db: Db,
  searchables: readonly Searchable[],
  full: boolean,
  atOnce: number,
): Promise<Record<string, number | null>> {
  const kinds = searchables.map((s) => s.kind);
  const out: Record<string, number | null> = Object.fromEntries(kinds.map((k) => [k, null]));
  await db
    .insertInto('search_sync')
    .values(kinds.map((kind) => ({ kind })))
    .onConflict((oc) => oc.column('kind').doNothing())
    .execute();
  const claims: Claim[] = await db
    .updateTable('search_sync')
    .set({ locked_until: LEASE })
    .where('kind', 'in', kinds)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', sql<Date>`now()`)]))
    .returning(['kind', 'synced_until', sql<Date>`now()`.as('now')])
    .execute();
  const [first] = claims;
  if (!first) return out;
  const queue = [...claims];
  const done: string[] = [];
  let failure: unknown;
  const worker = async () => {
    for (let claim = queue.shift(); claim; claim = queue.shift()) {
      const searchable = searchables.find((s) => s.kind === claim.kind) as Searchable;
      try {
        out[claim.kind] = await readKind(db, searchable, claim, full);
        done.push(claim.kind);
      } catch (err) {
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: atOnce }, worker));
  await db
    .updateTable('search_sync')
    .set({
      synced_until: sql`CASE WHEN kind = ANY(${done}::text[]) THEN ${first.now}::timestamptz ELSE synced_until END`,
      locked_until: null,
    })
    .where(
      'kind',
      'in',
      claims.map((c) => c.kind),
    )
    .execute();
  if (failure) throw failure;
  return out;
}

/**
 * Brings the index up to date with every kind; `full` reads everything again, one kind after another
 * (each under its own lease). An incremental run claims every kind at once and reads several at a time,
 * so that a change is found within a second however many kinds there are. Returns records read per kind.
 */
export async function syncSearch(
  db: Db,
  searchables: readonly Searchable[],
  opts: { full?: boolean } = {},
): Promise<Record<string, number | null>> {
  if (searchables.length === 0) return {};
  if (!opts.full) return syncKinds(db, searchables, false, KINDS_AT_ONCE);
  const out: Record<string, number | null> = {};
  for (const s of searchables) Object.assign(out, await syncKinds(db, [s], true, 1));
  return out;
}
