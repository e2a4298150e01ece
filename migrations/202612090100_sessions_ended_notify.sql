-- A Kenes process keeps the sessions it has read for a short while (core/auth/kept-sessions.ts), so
-- that a signed-in request does not read its session from the database every time. It must forget
-- them when a session ends, in any process: a statement that deletes sessions (signing out, every
-- session of a user ended, the sweep of expired ones) notifies kenes_content naming the table, as a
-- change of a table visitors see does (migration 202612070740). The page cache does not forget its
-- pages for it: sessions are not shown to visitors. Inserting a session (a new token, which nobody can
-- have kept) and pushing its expiry forward send nothing. A change of a user (role, organisation,
-- disabled…) already notifies, naming users.
CREATE FUNCTION notify_sessions_ended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_notify('kenes_content', 'sessions');
  ELSIF EXISTS (SELECT 1 FROM ended) THEN
    PERFORM pg_notify('kenes_content', 'sessions');
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER sessions_ended AFTER DELETE ON sessions REFERENCING OLD TABLE AS ended
  FOR EACH STATEMENT EXECUTE FUNCTION notify_sessions_ended();
CREATE TRIGGER sessions_truncated AFTER TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_sessions_ended();
