-- The public explorer of recommendations at the size of the UN's index (270,000 rows): its default
-- order, filtering and counting by SDG goal, facet counts read from a narrow index, and the counts
-- of the whole collection kept up to date so that the unfiltered explorer reads them ready-made.

-- The SDG goals of a list of targets ('16.2' → 16), each once. Immutable, so a column can be generated.
CREATE FUNCTION sdg_goals_of(targets text[]) RETURNS smallint[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT split_part(t, '.', 1)::smallint ORDER BY split_part(t, '.', 1)::smallint), '{}')
    FROM unnest(targets) t
   WHERE t ~ '^[0-9]{1,2}\.'
$$;
-- Stored rather than computed when read: counting goals over many rows would call it for each.
ALTER TABLE recommendations
  ADD COLUMN sdg_goals smallint[] GENERATED ALWAYS AS (sdg_goals_of(sdg_targets)) STORED;
CREATE INDEX recommendations_sdg_goals_idx ON recommendations USING gin (sdg_goals);

-- The explorer lists the newest first: a page of 50 is read from this index, not sorted from all rows.
CREATE INDEX recommendations_newest_idx ON recommendations (adopted_on DESC NULLS LAST, id DESC);

-- Every facet's column in one narrow index (about 50 MB at 270,000 rows against 360 MB of rows with
-- their texts and search vectors): counting the facets of a large part of the table is then an
-- index-only scan. The columns with fewest values lead, so that a condition on any of the first
-- five is a range or a skip scan (PostgreSQL 18) of the index rather than a read of all of it.
CREATE INDEX recommendations_facets_idx ON recommendations
  (response, status, priority, mechanism_id, year, state_code, cycle_id)
  INCLUDE (theme_ids, affected_group_ids, sdg_goals, sdg_targets, responsible_ids);

-- The facet values of one recommendation, as the explorer counts them: (facet, code) for values
-- that are codes (State, response, status, year, priority, SDG target), (facet, id) for rows of
-- other tables (mechanism, cycle, theme, affected group, SDG goal, responsible body).
CREATE FUNCTION recommendation_facet_keys(r recommendations) RETURNS TABLE (facet text, code text, id bigint)
LANGUAGE sql IMMUTABLE AS $$
  SELECT 'total', NULL::text, NULL::bigint
  UNION ALL SELECT 'state', r.state_code, NULL
  UNION ALL SELECT 'mechanism', NULL, r.mechanism_id
  UNION ALL SELECT 'cycle', NULL, r.cycle_id
  UNION ALL SELECT 'response', r.response, NULL
  UNION ALL SELECT 'status', r.status, NULL
  UNION ALL SELECT 'year', r.year::text, NULL
  UNION ALL SELECT 'priority', r.priority::text, NULL
  UNION ALL SELECT 'theme', NULL, x FROM unnest(r.theme_ids) x
  UNION ALL SELECT 'group', NULL, x FROM unnest(r.affected_group_ids) x
  UNION ALL SELECT 'sdg', NULL, x FROM unnest(r.sdg_goals) x
  UNION ALL SELECT 'sdgTarget', x, NULL FROM unnest(r.sdg_targets) x
  UNION ALL SELECT 'body', NULL, x FROM unnest(r.responsible_ids) x
$$;

-- The counts of the whole collection per facet value, as signed deltas appended by every statement
-- that writes recommendations (summed when read, compacted from time to time). Appending, not
-- updating counters, means two writers never wait for each other's counter rows: an import of
-- 100,000 rows and an assessment saved meanwhile both just insert.
CREATE TABLE recommendation_facet_counts (
  facet  text NOT NULL,
  code   text,
  id     bigint,
  n      bigint NOT NULL
);
CREATE INDEX recommendation_facet_counts_facet_idx ON recommendation_facet_counts (facet);
INSERT INTO recommendation_facet_counts (facet, code, id, n)
  SELECT k.facet, k.code, k.id, count(*) FROM recommendations r, recommendation_facet_keys(r) k
   GROUP BY k.facet, k.code, k.id;

-- Replaces the deltas by their sums. One compaction at a time (the others skip it): the lock is held
-- until the writer's transaction ends, and rows appended meanwhile by others are left for the next.
CREATE FUNCTION recommendation_facet_counts_compact() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('recommendation_facet_counts')) THEN RETURN; END IF;
  WITH gone AS (DELETE FROM recommendation_facet_counts RETURNING facet, code, id, n)
  INSERT INTO recommendation_facet_counts (facet, code, id, n)
    SELECT facet, code, id, sum(n) FROM gone GROUP BY facet, code, id HAVING sum(n) <> 0;
END $$;

CREATE FUNCTION recommendation_facet_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched bigint;
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO recommendation_facet_counts (facet, code, id, n)
      SELECT k.facet, k.code, k.id, count(*) FROM new_rows r, recommendation_facet_keys(r) k
       GROUP BY k.facet, k.code, k.id;
    GET DIAGNOSTICS touched = ROW_COUNT;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO recommendation_facet_counts (facet, code, id, n)
      SELECT k.facet, k.code, k.id, -count(*) FROM old_rows r, recommendation_facet_keys(r) k
       GROUP BY k.facet, k.code, k.id;
    GET DIAGNOSTICS touched = ROW_COUNT;
  ELSE
    -- Most updates change no facet (a text corrected): nothing is appended then.
    INSERT INTO recommendation_facet_counts (facet, code, id, n)
      SELECT facet, code, id, sum(n) FROM (
        SELECT k.facet, k.code, k.id, 1 AS n FROM new_rows r, recommendation_facet_keys(r) k
        UNION ALL
        SELECT k.facet, k.code, k.id, -1 FROM old_rows r, recommendation_facet_keys(r) k
      ) d GROUP BY facet, code, id HAVING sum(n) <> 0;
    GET DIAGNOSTICS touched = ROW_COUNT;
  END IF;
  -- Compacted about once per 20,000 deltas appended: reads sum a few tens of thousands of rows at most.
  IF random() * 20000 < touched THEN PERFORM recommendation_facet_counts_compact(); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION recommendation_facet_counts_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE recommendation_facet_counts;
  RETURN NULL;
END $$;

CREATE TRIGGER recommendation_facet_counts_insert AFTER INSERT ON recommendations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION recommendation_facet_counts_apply();
CREATE TRIGGER recommendation_facet_counts_update AFTER UPDATE ON recommendations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION recommendation_facet_counts_apply();
CREATE TRIGGER recommendation_facet_counts_delete AFTER DELETE ON recommendations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION recommendation_facet_counts_apply();
CREATE TRIGGER recommendation_facet_counts_truncate AFTER TRUNCATE ON recommendations
  FOR EACH STATEMENT EXECUTE FUNCTION recommendation_facet_counts_clear();
