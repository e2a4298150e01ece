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

function termsSql(row: Row) {
  const markers = sql`${markerLexemes(row.kind, row.visibility)}::tsvector`;
  if (row.lang === 'kk') {
    return sql`${kazakhTsvector(row.title, row.body)}::tsvector || ${markers}`;
  }
  const config = sql.lit(TS_CONFIG[row.lang]);
  return sql`setweight(to_tsvector(${config}::regconfig, ${snowballText(row.title, row.lang)}), 'A')
    || setweight(to_tsvector(${config}::regconfig, ${snowballText(row.body, row.lang)}), 'D') || ${markers}`;
}

/** Writes these records' rows (replacing the ones they had), in one statement per page. */
export async function writeDocuments(db: Db, docs: SearchDocument[]): Promise<void> {
  if (docs.length === 0) return;
  const rows = docs.flatMap(rowsOf);
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
    if (rows.length === 0) return;
    await trx
      .insertInto('search_documents')
      .values(
        rows.map((r) => ({
          kind: r.kind,
          id: r.id,
          lang: r.lang,
          title: r.title,
          body: r.body,
          path: r.path,
          visibility: r.visibility,
          updated_at: r.updatedAt,
          terms: termsSql(r),
        })),
      )
      .execute();
  });
  await addToVocabulary(db, rows);
}

const LEASE = sql<Date>`now() + interval '60 seconds'`;

/** Brings one kind up to date; returns how many records were read, or null when another process is at it. */
async function syncKind(db: Db, searchable: Searchable, full: boolean): Promise<number | null> {
  const kind = searchable.kind;
  await db
    .insertInto('search_sync')
    .values({ kind })
    .onConflict((oc) => oc.column('kind').doNothing())
    .execute();
  const claim = await db
    .updateTable('search_sync')
    .set({ locked_until: LEASE })
    .where('kind', '=', kind)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', sql<Date>`now()`)]))
    .returning(['synced_until', sql<Date>`now()`.as('now')])
    .executeTakeFirst();
  if (!claim) return null;
  const { now } = claim;
  try {
    const since = full || !claim.synced_until ? undefined : new Date(claim.synced_until.getTime() - OVERLAP_MS);
    let read = 0;
    let afterId: string | undefined;
    // Reading the next page overlaps writing the last ones (PostgreSQL computes the Russian and
    // English terms, so two writes in flight use two cores).
    const writing = new Set<Promise<void>>();
    let failure: unknown;
    for (;;) {
      if (failure) break;
      const docs = await searchable.documents(db, {
        ...(since ? { since } : {}),
        ...(afterId ? { afterId } : {}),
        limit: PAGE,
      });
      const write: Promise<void> = writeDocuments(db, docs)
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
      await db.deleteFrom('search_documents').where('kind', '=', kind).where('indexed_at', '<', now).execute();
    }
    await db
      .updateTable('search_sync')
      .set({ synced_until: now, locked_until: null })
      .where('kind', '=', kind)
      .execute();
    return read;
  } catch (err) {
    await db.updateTable('search_sync').set({ locked_until: null }).where('kind', '=', kind).execute();
    throw err;
  }
}

/** Brings the index up to date with every kind; `full` reads everything again. Returns records read per kind. */
export async function syncSearch(
  db: Db,
  searchables: readonly Searchable[],
  opts: { full?: boolean } = {},
): Promise<Record<string, number | null>> {
  const out: Record<string, number | null> = {};
  for (const s of searchables) out[s.kind] = await syncKind(db, s, opts.full ?? false);
  return out;
}
