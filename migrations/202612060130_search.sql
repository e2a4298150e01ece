-- One search over every domain (decision 0018). Each searchable record is stored once per language it
-- has text in: its title and body as written (for snippets) and its terms, computed by Kenes (Kazakh:
-- script-neutral keys, stemmed; Russian and English: PostgreSQL's Snowball over folded text), so that the
-- same search works on any PostgreSQL without server files. `visibility` says whether everyone may read
-- the record; a 'restricted' one is shown only where its domain's policy admits the reader.
CREATE TABLE search_documents (
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z-]{0,39}$'),
  id text NOT NULL CHECK (length(id) BETWEEN 1 AND 40),
  lang text NOT NULL CHECK (lang IN ('kk', 'ru', 'en')),
  title text NOT NULL,
  body text NOT NULL,
  path text NOT NULL CHECK (path LIKE '/%'),
  visibility text NOT NULL CHECK (visibility IN ('public', 'restricted')),
  updated_at timestamptz NOT NULL,
  terms tsvector NOT NULL,
  -- When this row was last written: a full reindex deletes the rows it did not write.
  indexed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, id, lang)
);
CREATE INDEX search_documents_terms ON search_documents USING gin (terms);
-- The newest matches first when a word is common (search.ts reads a window of them).
CREATE INDEX search_documents_updated ON search_documents (updated_at DESC);
-- Rows stay narrow: terms and body are stored apart as soon as a row passes 128 bytes, so that reading
-- thousands of matches for a count or a window does not read their texts.
ALTER TABLE search_documents SET (toast_tuple_target = 128);

-- How far the index has read each kind's changes (Searchable.documents since this moment), and which
-- process is reading them now (a lease, renewed while it works; a process that died lets it lapse).
CREATE TABLE search_sync (
  kind text PRIMARY KEY,
  synced_until timestamptz,
  locked_until timestamptz
);
