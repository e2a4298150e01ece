-- Each kind's rows of one language together (decision 0034): a search reads a heap page of
-- search_documents for every page its matches lie on, and a word of one language matches rows of
-- that language only. Side by side (the primary key's order, kind, id, lang, since 202612070600), a
-- record's English and Russian rows share pages, so that an English word in a quarter of the English
-- rows ("police" at 270,000 recommendations) read nearly every page of the kind: 29,239 pages. In
-- this order it reads the English rows' pages only. The indexer writes each page of records in
-- this order (indexer.ts, byLanguage); this puts the rows written before in it. The index exists
-- only for CLUSTER: lookups go by the primary key.
CREATE INDEX search_documents_by_language ON search_documents (kind, lang, id);
CLUSTER search_documents USING search_documents_by_language;
DROP INDEX search_documents_by_language;
ANALYZE search_documents;
