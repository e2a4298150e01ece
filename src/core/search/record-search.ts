import type { Db } from '../db/database.ts';
import type { DocumentsPage, Searchable, SearchDocument } from '../extensions.ts';

/** What a record shows search; its kind, id and time come from `recordSearch`. */
export type RecordDocument = Pick<SearchDocument, 'title' | 'body' | 'path' | 'visibility'>;

/**
 * A Searchable whose documents are a domain's records one for one: `rows` reads a page of them
 * (with `documentsPage`), each with its id and the time it changed; `document` says what search shows
 * of one. The kind is named once, for the Searchable and each of its documents.
 */
export function recordSearch<R extends { id: string; updatedAt: Date }>({
  kind,
  rows,
  document,
  visibleTo,
}: {
  kind: string;
  rows: (db: Db, page: DocumentsPage) => Promise<R[]>;
  document: (row: R) => RecordDocument;
  visibleTo: Searchable['visibleTo'];
}): Searchable {
  return {
    kind,
    async documents(db, page) {
      return (await rows(db, page)).map((row) => ({ kind, id: row.id, updatedAt: row.updatedAt, ...document(row) }));
    },
    visibleTo,
  };
}
