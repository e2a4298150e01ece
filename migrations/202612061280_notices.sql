-- Notifications of what asks someone to act (issue 13), for the domains without a timeline of their
-- own (meetings, obligations) and for reminders: one row per recipient, written in the transaction of
-- the change. What the notice says is a message key with its parameters, rendered in the reader's
-- language when shown or mailed. `record` names the thing ('meeting:5'), so several changes to one
-- thing are told in one e-mail. `once_key` is a reminder's sent-marker: a reminder is written at most
-- once per person and key, whatever number of processes run the job at once.
CREATE TABLE notices (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  record      text NOT NULL CHECK (record ~ '^[a-z-]+:[0-9]+$'),
  path        text NOT NULL CHECK (path LIKE '/%'),
  title       jsonb NOT NULL DEFAULT '{}',
  message     text NOT NULL,
  params      jsonb NOT NULL DEFAULT '{}',
  once_key    text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  read_at     timestamptz,
  emailed_at  timestamptz,
  UNIQUE (user_id, once_key)
);
CREATE INDEX notices_user_idx ON notices (user_id, id DESC);
CREATE INDEX notices_unmailed_idx ON notices (user_id) WHERE emailed_at IS NULL;
