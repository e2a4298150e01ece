-- Each lexeme's matches without reading the matching rows (decision 0036). The GIN index of
-- search_documents says which rows hold a lexeme, but a row's id is in the row: "police" at 270,000
-- recommendations is in a quarter of the English rows, on nearly every page of them (17,000 pages,
-- ~130 ms from the operating system's cache). Here each lexeme's rows are listed per kind, language
-- and chunk of 1,024 ids, as the ids' offsets in the chunk (id & 1023, ascending): "police" is 264
-- lists in ~40 pages. A list stays under 2 kB, in its row (not TOASTed), and a write rewrites small ones. Kept for the kinds listed in search_posting_kinds (whose ids are whole numbers),
-- by the statement triggers below, in the transaction that writes search_documents: they are always
-- the rows' lexemes, never behind them. core/search/postings.ts evaluates a query over them.
CREATE TABLE search_posting_kinds (
  kind text PRIMARY KEY
);
-- The explorer's (decision 0030): its first searches read every match's ids. A kind listed later
-- needs its lists built from its rows (as the INSERT at the end of this file does).
INSERT INTO search_posting_kinds VALUES ('recommendation');

CREATE TABLE search_postings (
  kind text NOT NULL,
  lexeme text NOT NULL,
  lang text NOT NULL,
  -- id >> 10
  chunk integer NOT NULL,
  -- id & 1023 of the rows of this kind and language holding the lexeme, ascending; a list emptied
  -- is deleted (search_postings_remove)
  offsets smallint[] NOT NULL,
  PRIMARY KEY (kind, lexeme, lang, chunk)
);

-- Rows written: their lexemes' offsets added. One writer per kind at a time (the lock, held until
-- commit), so that two transactions never wait on each other's chunks in opposite orders.
CREATE FUNCTION search_postings_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT FROM added a JOIN search_posting_kinds k ON k.kind = a.kind) THEN
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('search_postings'), hashtext(k.kind))
     FROM (SELECT DISTINCT a.kind FROM added a JOIN search_posting_kinds p ON p.kind = a.kind ORDER BY 1) k;
  INSERT INTO search_postings AS p (kind, lexeme, lang, chunk, offsets)
  SELECT a.kind, u.lexeme, a.lang, (a.id::bigint >> 10)::integer,
         array_agg(DISTINCT (a.id::bigint & 1023)::smallint ORDER BY (a.id::bigint & 1023)::smallint)
    FROM added a JOIN search_posting_kinds k ON k.kind = a.kind, unnest(a.terms) u
   GROUP BY 1, 2, 3, 4
   ORDER BY 1, 2, 3, 4
  ON CONFLICT (kind, lexeme, lang, chunk) DO UPDATE
    SET offsets = ARRAY(SELECT DISTINCT o FROM unnest(p.offsets || excluded.offsets) o ORDER BY o);
  RETURN NULL;
END $$;

-- Rows deleted: their lexemes' offsets taken out, and the lists left empty deleted.
CREATE FUNCTION search_postings_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT FROM removed r JOIN search_posting_kinds k ON k.kind = r.kind) THEN
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('search_postings'), hashtext(k.kind))
     FROM (SELECT DISTINCT r.kind FROM removed r JOIN search_posting_kinds p ON p.kind = r.kind ORDER BY 1) k;
  -- The lists left empty are deleted, the others rewritten (never both: a statement changes a row once).
  WITH gone AS (
    SELECT r.kind, u.lexeme, r.lang, (r.id::bigint >> 10)::integer AS chunk,
           array_agg((r.id::bigint & 1023)::smallint) AS offsets
      FROM removed r JOIN search_posting_kinds k ON k.kind = r.kind, unnest(r.terms) u
     GROUP BY 1, 2, 3, 4
  ), emptied AS (
    DELETE FROM search_postings p USING gone g
     WHERE p.kind = g.kind AND p.lexeme = g.lexeme AND p.lang = g.lang AND p.chunk = g.chunk
       AND CASE WHEN cardinality(p.offsets) > cardinality(g.offsets) THEN false ELSE p.offsets <@ g.offsets END
    RETURNING p.kind, p.lexeme, p.lang, p.chunk
  )
  UPDATE search_postings p
     SET offsets = ARRAY(SELECT unnest(p.offsets) EXCEPT SELECT unnest(g.offsets) ORDER BY 1)
    FROM gone g
   WHERE p.kind = g.kind AND p.lexeme = g.lexeme AND p.lang = g.lang AND p.chunk = g.chunk
     AND NOT EXISTS (SELECT FROM emptied e
                      WHERE e.kind = g.kind AND e.lexeme = g.lexeme AND e.lang = g.lang AND e.chunk = g.chunk);
  RETURN NULL;
END $$;

CREATE TRIGGER search_postings_insert AFTER INSERT ON search_documents
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION search_postings_add();
CREATE TRIGGER search_postings_delete AFTER DELETE ON search_documents
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION search_postings_remove();
-- An update (of terms, or of the row's key) is its old row removed, then its new one added (triggers
-- of one event fire in the order of their names).
CREATE TRIGGER search_postings_update_1_old AFTER UPDATE ON search_documents
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION search_postings_remove();
CREATE TRIGGER search_postings_update_2_new AFTER UPDATE ON search_documents
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION search_postings_add();
-- TRUNCATE search_documents empties them too.
CREATE FUNCTION search_postings_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_postings;
  RETURN NULL;
END $$;
CREATE TRIGGER search_postings_truncate AFTER TRUNCATE ON search_documents
  FOR EACH STATEMENT EXECUTE FUNCTION search_postings_truncate();

-- The rows indexed before.
SET LOCAL work_mem = '256MB';
INSERT INTO search_postings (kind, lexeme, lang, chunk, offsets)
SELECT d.kind, u.lexeme, d.lang, (d.id::bigint >> 10)::integer,
       array_agg((d.id::bigint & 1023)::smallint ORDER BY (d.id::bigint & 1023)::smallint)
  FROM search_documents d JOIN search_posting_kinds k ON k.kind = d.kind, unnest(d.terms) u
 GROUP BY 1, 2, 3, 4;
ANALYZE search_postings;
