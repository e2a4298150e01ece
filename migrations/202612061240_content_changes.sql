-- Every Kenes process keeps the pages it rendered for visitors in memory (decision 0022) and must
-- forget them within a second of a change made by any process: each statement that changes a row of
-- a table whose rows a visitor may see sends a notification on the channel kenes_content, delivered
-- to every process that listens once the transaction commits (several in one transaction arrive as
-- one). A statement that changes no row sends nothing (the jobs run such statements every second):
-- the triggers see the statement's rows (transition tables). Tables no visitor's page shows
-- (sessions, counters, the outbox, the audit log, the search job's bookkeeping, personal
-- notifications, import staging) send nothing; a test checks that every other table, including
-- those of later migrations, has the triggers.
CREATE FUNCTION notify_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    -- A TRUNCATE trigger has no transition table: "changed" must not even be planned here.
    PERFORM pg_notify('kenes_content', '');
  ELSIF EXISTS (SELECT 1 FROM changed) THEN
    PERFORM pg_notify('kenes_content', '');
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION add_content_triggers(t text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed
                    FOR EACH STATEMENT EXECUTE FUNCTION notify_content_changed()', t || '_content_inserted', t);
  EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed
                    FOR EACH STATEMENT EXECUTE FUNCTION notify_content_changed()', t || '_content_updated', t);
  EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed
                    FOR EACH STATEMENT EXECUTE FUNCTION notify_content_changed()', t || '_content_deleted', t);
  EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I
                    FOR EACH STATEMENT EXECUTE FUNCTION notify_content_changed()', t || '_content_truncated', t);
END $$;

SELECT add_content_triggers(tablename::text) FROM pg_tables
 WHERE schemaname = 'public'
   AND tablename NOT IN ('audit_log', 'audit_chain_head', 'email_outbox', 'rate_limits', 'sessions',
     'sign_in_failures', 'password_resets', 'schema_migrations', 'search_sync', 'notifications',
     'import_rejections', 'recommendation_import_chunks', 'recommendation_import_files',
     'recommendation_imports');
