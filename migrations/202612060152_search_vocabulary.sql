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

-- One query word in one language: the vocabulary's words with one of its terms (exact: then the word
-- is found as it is) or sharing a deletion key with it; a Russian or English stop word (no term) gives
-- one exact row without a word. Russian and English terms are Snowball's, computed here. The planner
-- cannot tell how rare forty random hashes are (it guesses a third of the table) and would read all of
-- it: inside this function it may not.
CREATE FUNCTION search_vocabulary_near(q_lang text, q_text text, q_terms text[], q_keys integer[])
RETURNS TABLE (lang text, word text, exact boolean)
LANGUAGE sql STABLE PARALLEL SAFE SET enable_seqscan = off AS $$
  WITH t AS MATERIALIZED (
    SELECT CASE WHEN q_lang = 'kk' THEN q_terms ELSE ARRAY(
             SELECT q_lang || '=' || l FROM unnest(tsvector_to_array(to_tsvector(
               (CASE q_lang WHEN 'ru' THEN 'russian' ELSE 'english' END)::regconfig, q_text))) AS l) END AS terms)
  SELECT NULL::text, NULL::text, true FROM t WHERE cardinality(t.terms) = 0
  UNION ALL
  (SELECT v.lang, v.word, v.terms && t.terms FROM t, search_vocabulary v
    WHERE cardinality(t.terms) > 0 AND (v.keys && q_keys OR v.terms && t.terms)
    ORDER BY 3 DESC LIMIT 100)
$$;

-- The words of the documents already indexed come with the next indexing: every kind is read again.
UPDATE search_sync SET synced_until = NULL;
