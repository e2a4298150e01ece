-- Every Kenes process keeps the pages it rendered for visitors in memory (decision 0022) and must
-- forget them within a second of a change made by any process: each statement that changes a table
-- whose rows a visitor may see sends a notification on the channel kenes_content, delivered to every
-- process that listens once the transaction commits (several in one transaction arrive as one).
-- Tables no visitor's page shows (sessions, counters, the outbox, the audit log, the search job's
-- bookkeeping, personal notifications, import staging) send nothing; a test checks that every other
-- table, including those of later migrations, has the trigger.
CREATE FUNCTION notify_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('kenes_content', '');
  RETURN NULL;
END $$;

DO $$
DECLARE
  t text;
BEGIN
  FOR t IN
    SELECT tablename FROM pg_tables
     WHERE schemaname = 'public'
       AND tablename NOT IN ('audit_log', 'audit_chain_head', 'email_outbox', 'rate_limits', 'sessions',
         'sign_in_failures', 'password_resets', 'schema_migrations', 'search_sync', 'notifications',
         'import_rejections', 'recommendation_import_chunks', 'recommendation_import_files',
         'recommendation_imports')
  LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
         FOR EACH STATEMENT EXECUTE FUNCTION notify_content_changed()',
      t || '_content_changed', t);
  END LOOP;
END $$;
