-- pg_restore loads rows with an empty search_path, and a CHECK constraint is evaluated then: a
-- function it calls must name what it calls with its schema. is_required_translated_text called
-- is_translated_text unqualified, so restoring a dump of Kenes failed at the first table with a
-- required translated text ("function is_translated_text(jsonb) does not exist", docs/deploy.md).
-- Qualified, it stays an inlinable SQL function (a SET search_path clause would prevent inlining).
CREATE OR REPLACE FUNCTION is_required_translated_text(value jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT public.is_translated_text(value)
     AND EXISTS (SELECT 1 FROM jsonb_each_text(value) AS e WHERE btrim(e.value) <> '')
$$;
