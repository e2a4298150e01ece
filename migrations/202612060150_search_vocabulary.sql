-- Typo tolerance for search (decision 0018): the words of the public search index, each with its
-- deletion keys (SymSpell: the word with one letter left out, and two for words of eight letters or
-- more) and its terms. A query word whose terms have no match is looked up by its own deletion keys
-- (one GIN lookup): two words within edit distance 1 (2) share a key. Kazakh words are stored as their
-- script-neutral exact key (core/search/kazakh-script.ts) and keyed by the plain key, so that a typo in
-- Cyrillic or in Latin, with or without diacritics, meets the same words. Keys carry the language
-- ('kk ', 'ru ', 'en '), terms too ('kk=', …): a Russian word never meets a Kazakh one.
CREATE TABLE search_vocabulary (
  lang text NOT NULL CHECK (lang IN ('kk', 'ru', 'en')),
  word text NOT NULL CHECK (length(word) BETWEEN 1 AND 40),
  -- the word's terms as the index has them, 'kk=<stem>' / 'ru=<lexeme>' / 'en=<lexeme>'
  terms text[] NOT NULL,
  -- search_typo_keys(lang, key) || terms
  keys text[] NOT NULL,
  PRIMARY KEY (lang, word)
);
CREATE INDEX search_vocabulary_keys ON search_vocabulary USING gin (keys);

-- The deletion keys of a word: itself, without one letter, and for eight letters or more without two.
CREATE FUNCTION search_typo_keys(lang text, word text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT array_agg(DISTINCT lang || ' ' || k) FROM (
    SELECT word AS k
    UNION ALL
    SELECT overlay(word PLACING '' FROM i FOR 1) FROM generate_series(1, length(word)) AS i
    UNION ALL
    SELECT overlay(overlay(word PLACING '' FROM j FOR 1) PLACING '' FROM i FOR 1)
      FROM generate_series(1, length(word)) AS i, generate_series(i + 1, length(word)) AS j
     WHERE length(word) >= 8
  ) AS d
$$;

-- The words of the documents already indexed come with the next indexing: every kind is read again.
UPDATE search_sync SET synced_until = NULL;
