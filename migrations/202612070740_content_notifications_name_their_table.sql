-- The notification of a change (migration 202612061240) names the table the statement changed, so
-- that what a process keeps from one table (the explorer's facet index of recommendations, decision
-- 0030) is rebuilt when that table changes, not on every change of anything. The page cache still
-- forgets every page on any notification. Notifications naming different tables in one transaction
-- arrive as one per table.
CREATE OR REPLACE FUNCTION notify_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    -- A TRUNCATE trigger has no transition table: "changed" must not even be planned here.
    PERFORM pg_notify('kenes_content', TG_TABLE_NAME);
  ELSIF EXISTS (SELECT 1 FROM changed) THEN
    PERFORM pg_notify('kenes_content', TG_TABLE_NAME);
  END IF;
  RETURN NULL;
END $$;
