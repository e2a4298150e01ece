-- Narrow rows for search (decision 0018): a search reads a row of search_documents for every match
-- (the GIN index says which rows match; the row gives the id, and its terms for the ranking). With
-- the title and body inline a row was ~900 bytes (PostgreSQL moves values out only above 2 kB,
-- whatever toast_tuple_target says), so "police" at 270,000 recommendations read 40,011 pages for
-- 63,510 matches. The texts move to search_texts, read only for the page's hits (their titles and
-- snippets); search_documents keeps what the lookup, the counts and the ranking read.
CREATE TABLE search_texts (
  kind text NOT NULL,
  id text NOT NULL,
  lang text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  PRIMARY KEY (kind, id, lang),
  -- Written with its row and gone with it (a record deleted, a language it lost, a full run's sweep).
  FOREIGN KEY (kind, id, lang) REFERENCES search_documents (kind, id, lang) ON DELETE CASCADE
);
-- Visitors' pages show them (the search page): they tell the page caches like search_documents.
SELECT add_content_triggers('search_texts');

INSERT INTO search_texts (kind, id, lang, title, body)
SELECT kind, id, lang, title, body FROM search_documents;

ALTER TABLE search_documents DROP COLUMN title, DROP COLUMN body;
ALTER TABLE search_documents RESET (toast_tuple_target);
-- A dropped column's values stay in the rows until they are rewritten: CLUSTER rewrites the table
-- (in this transaction, unlike VACUUM FULL), leaving them out, and puts each kind's rows together, so
-- that one kind's matches (the explorer's, the tracker's) lie on that kind's pages.
CLUSTER search_documents USING search_documents_pkey;
ANALYZE search_documents;
ANALYZE search_texts;
