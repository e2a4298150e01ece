-- Typo corrections (decision 0018, 2026-12-07): what a correction shows the reader, and only words a
-- public record still has.
-- The word as a text wrote it (folded, lower case): a Kazakh word is stored by its script-neutral key
-- ("balalarğa"), which is not what the reader of "балаларға" should be shown. Words stored before get
-- it when a text writes them again (core/search/typos.ts: addToVocabulary).
ALTER TABLE search_vocabulary ADD COLUMN shown text CHECK (length(shown) <= 100);

DROP FUNCTION search_vocabulary_near(text, text, text[], integer[]);
-- As in migration 202612060152, with the word as written.
CREATE FUNCTION search_vocabulary_near(q_lang text, q_text text, q_terms text[], q_keys integer[])
RETURNS TABLE (lang text, word text, exact boolean, shown text)
LANGUAGE sql STABLE PARALLEL SAFE SET enable_seqscan = off AS $$
  WITH t AS MATERIALIZED (
    SELECT CASE WHEN q_lang = 'kk' THEN q_terms ELSE ARRAY(
             SELECT q_lang || '=' || l FROM unnest(tsvector_to_array(to_tsvector(
               (CASE q_lang WHEN 'ru' THEN 'russian' ELSE 'english' END)::regconfig, q_text))) AS l) END AS terms)
  SELECT NULL::text, NULL::text, true, NULL::text FROM t WHERE cardinality(t.terms) = 0
  UNION ALL
  (SELECT v.lang, v.word, v.terms && t.terms, v.shown FROM t, search_vocabulary v
    WHERE cardinality(t.terms) > 0 AND (v.keys && q_keys OR v.terms && t.terms)
    ORDER BY 3 DESC LIMIT 100)
$$;

-- Whether a public row of the index matches this tsquery (one of a correction's candidates): the
-- vocabulary only grows, so a word that only a deleted record, or one made private since, had is
-- still in it, and must not be suggested. One GIN lookup with the '#public' marker; an empty query (a
-- stop word) finds nothing. Like search_vocabulary_near, it may not read the whole table.
CREATE FUNCTION search_public_has(q tsquery) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE SET enable_seqscan = off AS $$
  SELECT numnode(q) > 0 AND EXISTS (
    SELECT 1 FROM search_documents d WHERE d.terms @@ (q && '''#public'''::tsquery))
$$;
