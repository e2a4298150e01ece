-- The meeting page lists its tasks; found by the review of 2026-11-29.
CREATE INDEX tasks_meeting_idx ON tasks (meeting_id);
