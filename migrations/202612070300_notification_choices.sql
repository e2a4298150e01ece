-- Each person's choice of e-mail PER KIND of notification (issue 13, decision 0024): at once (batched
-- within minutes), in a daily or weekly digest, or never (in Kenes only). The kinds are declared in
-- code by the notification sources, with a default per kind and per role; a row here is a choice the
-- person made. `kind = '*'` is the one choice a person made before there were kinds (users.notify),
-- standing for every kind they have not chosen for since.
CREATE TABLE notification_choices (
  user_id  bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind     text NOT NULL CHECK (kind ~ '^([a-z][a-z-]*|\*)$'),
  choice   text NOT NULL CHECK (choice IN ('immediately', 'daily', 'weekly', 'never')),
  PRIMARY KEY (user_id, kind)
);

-- When a person's last daily and weekly digests went (users.digest_sent_at was one for both).
CREATE TABLE notification_digests (
  user_id  bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  cadence  text NOT NULL CHECK (cadence IN ('daily', 'weekly')),
  sent_at  timestamptz NOT NULL,
  PRIMARY KEY (user_id, cadence)
);

-- 'immediately' was everyone's default, so only the other values were a choice: they are kept.
INSERT INTO notification_choices (user_id, kind, choice)
SELECT id, '*', notify::text FROM users WHERE notify::text <> 'immediately' AND deleted_at IS NULL;
INSERT INTO notification_digests (user_id, cadence, sent_at)
SELECT id, notify::text, digest_sent_at FROM users
 WHERE notify::text IN ('daily', 'weekly') AND digest_sent_at IS NOT NULL AND deleted_at IS NULL;

-- A notice says which kind it is (the person's choice for that kind decides its e-mail).
ALTER TABLE notices ADD COLUMN kind text;
UPDATE notices SET kind = CASE message
  WHEN 'notice.minutesCirculated' THEN 'minutes-circulated'
  WHEN 'notice.approvalDue' THEN 'minutes-approval-due'
  WHEN 'notice.correctionProposed' THEN 'minutes-correction-proposed'
  WHEN 'notice.answerDueSoon' THEN 'answer-due-soon'
  WHEN 'notice.answerOverdue' THEN 'answer-overdue'
  WHEN 'notice.actionDueSoon' THEN 'action-due-soon'
  WHEN 'notice.actionOverdue' THEN 'action-overdue'
  ELSE 'minutes-circulated' END;
ALTER TABLE notices ALTER COLUMN kind SET NOT NULL,
  ADD CONSTRAINT notices_kind_check CHECK (kind ~ '^[a-z][a-z-]*$');

-- So does a proposal's notification: asked to act (submitted → the secretariat, assigned → the
-- addressees, invited to co-author) or told of what one follows (an answer, other changes).
ALTER TABLE notifications ADD COLUMN kind text;
UPDATE notifications n SET kind = CASE e.kind
  WHEN 'answered' THEN 'proposal-answered'
  WHEN 'coauthor_invited' THEN 'proposal-coauthor-invited'
  ELSE 'proposal-updates' END
  FROM proposal_events e WHERE e.id = n.event_id;
UPDATE notifications SET kind = 'proposal-updates' WHERE kind IS NULL;
ALTER TABLE notifications ALTER COLUMN kind SET NOT NULL,
  ADD CONSTRAINT notifications_kind_check CHECK (kind ~ '^[a-z][a-z-]*$');
