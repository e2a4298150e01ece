-- Typo tolerance for search (decision 0018): the words of the public search index, each with its terms
-- and its deletion keys (SymSpell: the word, the word with one letter left out, and for words of eight
-- letters or more with two left out; computed by core/search/typos.ts, each a 32-bit FNV-1a hash of the
-- language and the letters left). A query word whose terms are nowhere is looked up by its own keys: two
-- words within one edit (two) share a key; the hits are checked letter by letter. Kazakh words are
-- stored as their script-neutral exact key (core/search/kazakh-script.ts) and keyed by the plain key, so
-- that a typo in Cyrillic or in Latin, with or without diacritics, meets the same words. Keys and terms
-- carry the language: a Russian word never meets a Kazakh one.
CREATE TABLE search_vocabulary (
  lang text NOT NULL CHECK (lang IN ('kk', 'ru', 'en')),
  word text NOT NULL CHECK (length(word) BETWEEN 1 AND 40),
  -- the word's terms as the index has them: 'kk=<stem>', 'ru=<lexeme>', 'en=<lexeme>'
  terms text[] NOT NULL,
  keys integer[] NOT NULL,
  PRIMARY KEY (lang, word)
);
-- Written once per word, read at every search: no pending list (a search would read all of it).
CREATE INDEX search_vocabulary_terms ON search_vocabulary USING gin (terms) WITH (fastupdate = off);
CREATE INDEX search_vocabulary_keys ON search_vocabulary USING gin (keys) WITH (fastupdate = off);

-- The words of the documents already indexed come with the next indexing: every kind is read again.
UPDATE search_sync SET synced_until = NULL;
