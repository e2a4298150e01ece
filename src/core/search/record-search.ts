import type { Db } from '../db/database.ts';
import {
  type DocumentsPageColumns,
  documentsPage,
  type PageableQuery,
  type Searchable,
  type SearchDocument,
} from '../extensions.ts';

/** What a record shows search; its kind, id and time come from `recordSearch`. */
export type RecordDocument = Pick<SearchDocument, 'title' | 'body' | 'path' | 'visibility'>;

/**
 * A Searchable whose documents are a domain's records one for one: `query` selects them, each with
 * its id and the time it changed (`updatedAt`), paged by `documentsPage` over `id` and `changed`;
 * `complete`, when given, adds to a page of rows what another read gives (e.g. the text of files);
 * `document` says what search shows of one. The kind is named once, for the Searchable and each of
 * its documents.
 */
export function recordSearch<
  Q extends PageableQuery<Q, R>,
  R extends { id: string; updatedAt: Date },
  D extends { id: string; updatedAt: Date } = R,
>({
  kind,
  query,
  id,
  changed,
  complete,
  document,
  visibleTo,
}: {
  kind: string;
  query: (db: Db) => Q & PageableQuery<Q, R>;
  id: DocumentsPageColumns['id'];
  changed: DocumentsPageColumns['changed'];
  complete?: (db: Db, rows: R[]) => Promise<D[]>;
  document: (row: D) => RecordDocument;
  visibleTo: Searchable['visibleTo'];
}): Searchable {
  return {
    kind,
    async documents(db, page) {
      const rows = await documentsPage(query(db), page, { id, changed });
      const completed = complete ? await complete(db, rows) : (rows as unknown as D[]);
      return completed.map((row) => ({ kind, id: row.id, updatedAt: row.updatedAt, ...document(row) }));
    },
    visibleTo,
  };
}
