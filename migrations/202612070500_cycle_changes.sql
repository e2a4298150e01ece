-- A reporting cycle changes when its stages or documents do: its updated_at moves with them, for the
-- API's changes feed (updated_since) and search. A trigger keeps it, whichever statement writes (a
-- reminder noted on a stage is not a change of the cycle).
CREATE FUNCTION touch_reporting_cycle() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE reporting_cycles SET updated_at = now()
   WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.cycle_id ELSE NEW.cycle_id END;
  RETURN NULL;
END $$;

CREATE TRIGGER cycle_stages_touch_cycle AFTER INSERT OR DELETE OR UPDATE OF kind, due_on, done_on, ends_on, note ON cycle_stages
  FOR EACH ROW EXECUTE FUNCTION touch_reporting_cycle();
CREATE TRIGGER cycle_documents_touch_cycle AFTER INSERT OR UPDATE OR DELETE ON cycle_documents
  FOR EACH ROW EXECUTE FUNCTION touch_reporting_cycle();
