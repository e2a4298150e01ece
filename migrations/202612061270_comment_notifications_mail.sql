-- Replies and new comments on what a person follows reach them by e-mail as they chose: at once, or
-- in the daily or weekly digest (proposals/notifications/digest.ts carries them with its own). Each
-- notification remembers whether it was e-mailed, and what it is about as it was when it happened
-- (the record's title and path, as an e-mail would have said), so the digest needs no domain's help.
ALTER TABLE comment_notifications
  ADD COLUMN emailed_at timestamptz,
  ADD COLUMN title jsonb CHECK (title IS NULL OR jsonb_typeof(title) = 'object'),
  ADD COLUMN path text CHECK (path IS NULL OR path ~ '^/');
-- What happened before is not mailed now.
UPDATE comment_notifications SET emailed_at = created_at;
CREATE INDEX comment_notifications_to_email ON comment_notifications (user_id) WHERE emailed_at IS NULL;
