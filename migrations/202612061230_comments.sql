-- Comments on any record a domain lets take them (decision 0016: the Commentable extension point),
-- keyed by (kind, record_id). Core owns these tables; the domain decides whether the record exists for
-- a reader (and so whether its comments are shown at all).
CREATE TABLE comments (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind            text NOT NULL CHECK (kind ~ '^[a-z][a-z-]{0,39}$'),
  record_id       text NOT NULL CHECK (length(record_id) BETWEEN 1 AND 40),
  -- Replies are one level deep: a reply's parent is a comment without a parent (comments.ts checks).
  parent_id       bigint REFERENCES comments (id) ON DELETE CASCADE,
  -- Null once the account is deleted: the comment then shows as a deleted user's.
  author_id       bigint REFERENCES users (id) ON DELETE SET NULL,
  -- Set when a representative writes as their organisation.
  organisation_id bigint REFERENCES organisations (id) ON DELETE SET NULL,
  lang            text NOT NULL CHECK (lang IN ('kk', 'ru', 'en')),
  body            text NOT NULL CHECK (length(body) <= 5000),
  -- pending: waits for a moderator (pre-moderation, or a word of the list); hidden: by a moderator,
  -- with a reason shown in its place; deleted: by its author (the text is gone).
  state           text NOT NULL CHECK (state IN ('pending', 'published', 'hidden', 'deleted')),
  held_for        text CHECK (held_for IN ('pre-moderation', 'words')),
  hidden_reason   text CHECK (hidden_reason IN ('insults', 'spam', 'off-topic', 'personal-data', 'unlawful')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  edited_at       timestamptz,
  moderated_at    timestamptz,
  CHECK (state = 'deleted' OR length(btrim(body)) >= 1),
  CHECK ((state = 'hidden') = (hidden_reason IS NOT NULL))
);
CREATE INDEX comments_record ON comments (kind, record_id, id) WHERE parent_id IS NULL;
CREATE INDEX comments_parent ON comments (parent_id, id) WHERE parent_id IS NOT NULL;
CREATE INDEX comments_author ON comments (author_id, created_at DESC);
CREATE INDEX comments_waiting ON comments (id) WHERE state = 'pending';

-- Anyone signed in may flag a comment once, with a reason; a moderator's decision resolves the flags.
CREATE TABLE comment_flags (
  comment_id  bigint NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  reason      text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 500),
  created_at  timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  PRIMARY KEY (comment_id, user_id)
);
CREATE INDEX comment_flags_open ON comment_flags (comment_id) WHERE resolved_at IS NULL;

-- A user blocked from commenting until a moment, with the reason they were told.
CREATE TABLE comment_blocks (
  user_id    bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  until      timestamptz NOT NULL,
  reason     text NOT NULL CHECK (reason IN ('insults', 'spam', 'off-topic', 'personal-data', 'unlawful')),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- What a person is told: a reply to their comment, a new comment on a record they follow, a
-- moderator's decision on their comment (core/comments/notifications.ts lists them).
CREATE TABLE comment_notifications (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  comment_id bigint NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  event      text NOT NULL CHECK (event IN ('reply', 'new', 'approved', 'hidden')),
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at    timestamptz
);
CREATE INDEX comment_notifications_user ON comment_notifications (user_id, id DESC);

-- The body's choices: pre- or post-moderation per kind of record, comments closing N days after a
-- record's publication per kind, and the words that send a comment to the queue.
INSERT INTO settings (key, value) VALUES (
  'comments',
  '{"moderation": {}, "closeAfterDays": {}, "words": []}'
);
