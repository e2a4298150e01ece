-- When a searchable record last changed, for search's `documents(since)` (decision 0018): agenda items,
-- reporting cycles and accounts had no such time (a trigger keeps it, whichever statement edits the
-- row), and the text of an uploaded file is read after the upload, so the record it belongs to is
-- indexed again once it is read.
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END $$;

ALTER TABLE agenda_items ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE TRIGGER agenda_items_touch BEFORE UPDATE OF title, description ON agenda_items
  FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

ALTER TABLE reporting_cycles ADD COLUMN updated_at timestamptz;
UPDATE reporting_cycles SET updated_at = created_at;
ALTER TABLE reporting_cycles ALTER COLUMN updated_at SET NOT NULL, ALTER COLUMN updated_at SET DEFAULT now();
CREATE TRIGGER reporting_cycles_touch BEFORE UPDATE OF title, description ON reporting_cycles
  FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

ALTER TABLE users ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE TRIGGER users_touch BEFORE UPDATE OF email, display_name, role, organisation_id, disabled_at ON users
  FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

ALTER TABLE files ADD COLUMN text_read_at timestamptz;
UPDATE files SET text_read_at = created_at WHERE text_state IN ('done', 'failed');
