-- The planner's estimates a search needs before it reads a row (decision 0018): the rows of the index,
-- and for each kind the public rows matching the query. One call instead of one EXPLAIN per kind (a
-- round trip each, sixteen kinds and more): the EXPLAINs run here, on constants, as they did one by one.
-- VOLATILE because PostgreSQL allows EXPLAIN only there; it reads nothing but the statistics.
CREATE FUNCTION search_estimates(q tsquery, kinds text[])
RETURNS TABLE (kind text, estimate double precision)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  plan json;
BEGIN
  EXECUTE 'EXPLAIN (FORMAT JSON) SELECT 1 FROM search_documents d' INTO plan;
  kind := NULL;
  estimate := (plan -> 0 -> 'Plan' ->> 'Plan Rows')::double precision;
  RETURN NEXT;
  FOREACH kind IN ARRAY kinds LOOP
    EXECUTE format(
      'EXPLAIN (FORMAT JSON) SELECT 1 FROM search_documents d WHERE d.terms @@ (%L::tsquery && %L::tsquery && %L::tsquery)',
      q::text, quote_literal('#k:' || kind), quote_literal('#public')) INTO plan;
    estimate := (plan -> 0 -> 'Plan' ->> 'Plan Rows')::double precision;
    RETURN NEXT;
  END LOOP;
END
$$;
