-- A Kenes process keeps the sessions it has read for a short while (core/auth/kept-sessions.ts,
-- decision 0039), so that a signed-in request does not read its session from the database every time.
-- It must forget them when a session ends, in any process: a statement that deletes sessions (signing
-- out, every session of a user ended, the sweep of expired ones) notifies kenes_content naming the
-- table, with the function the tables visitors see use (migration 202612070740). The page cache does
-- not forget its pages for it: sessions are not shown to visitors. Inserting a session (a new token,
-- which nobody can have kept) and pushing its expiry forward send nothing. A change of a user (role,
-- organisation, disabled…) already notifies, naming users.
CREATE TRIGGER sessions_content_deleted AFTER DELETE ON sessions REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION notify_content_changed();
CREATE TRIGGER sessions_content_truncated AFTER TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_content_changed();
