-- Meetings in full: chair and secretary, reasons for postponing or cancelling, presenters as
-- people, documents (stored in PostgreSQL), invitations of organisations and their delegates, the
-- attendance register, minutes with versions and corrections, decisions and tasks, communiqués.

ALTER TABLE meetings
  ADD COLUMN chair_person_id      bigint REFERENCES people (id) ON DELETE SET NULL,
  ADD COLUMN secretary_person_id  bigint REFERENCES people (id) ON DELETE SET NULL,
  ADD COLUMN status_reason        jsonb NOT NULL DEFAULT '{}' CHECK (is_translated_text(status_reason)),
  ADD COLUMN description          jsonb NOT NULL DEFAULT '{}' CHECK (is_translated_text(description));

ALTER TABLE agenda_presenters
  ADD COLUMN person_id bigint REFERENCES people (id) ON DELETE SET NULL;

-- Files, in PostgreSQL so that every Kenes process serves them. Content is kept in chunks of at
-- most 1 MiB, so a download streams chunk by chunk instead of holding the whole file.
CREATE TABLE files (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  filename      text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
  content_type  text NOT NULL CHECK (content_type IN (
                  'application/pdf',
                  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
                  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
                  'image/png', 'image/jpeg', 'image/webp', 'image/gif')),
  size_bytes    bigint NOT NULL CHECK (size_bytes > 0),
  sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  uploaded_by   bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE file_chunks (
  file_id  bigint NOT NULL REFERENCES files (id) ON DELETE CASCADE,
  seq      integer NOT NULL CHECK (seq >= 0),
  data     bytea NOT NULL CHECK (length(data) BETWEEN 1 AND 1048576),
  PRIMARY KEY (file_id, seq)
);

CREATE TABLE meeting_documents (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id      bigint NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  agenda_item_id  bigint REFERENCES agenda_items (id) ON DELETE CASCADE,
  file_id         bigint NOT NULL REFERENCES files (id) ON DELETE RESTRICT,
  title           jsonb NOT NULL CHECK (is_required_translated_text(title)),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meeting_documents_meeting_idx ON meeting_documents (meeting_id);

-- An organisation invited to a meeting; its representative answers and names delegates.
CREATE TABLE meeting_invitations (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id       bigint NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  organisation_id  bigint NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
  role             text NOT NULL CHECK (role IN ('member', 'observer', 'guest')),
  response         text NOT NULL DEFAULT 'pending' CHECK (response IN ('pending', 'confirmed', 'declined')),
  responded_by     bigint REFERENCES users (id) ON DELETE SET NULL,
  responded_at     timestamptz,
  reminded_at      timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (meeting_id, organisation_id)
);
CREATE INDEX meeting_invitations_organisation_idx ON meeting_invitations (organisation_id);

-- The attendance register: one row per person; delegates named in an answer start as 'expected'.
CREATE TABLE attendance (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id       bigint NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  person_id        bigint NOT NULL REFERENCES people (id) ON DELETE RESTRICT,
  organisation_id  bigint NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
  role             text NOT NULL CHECK (role IN ('member', 'observer', 'guest', 'presenter')),
  presence         text NOT NULL DEFAULT 'expected' CHECK (presence IN ('expected', 'present', 'online', 'absent')),
  UNIQUE (meeting_id, person_id)
);
CREATE INDEX attendance_meeting_idx ON attendance (meeting_id);

-- Minutes: every version is kept (never updated); `content` holds, per agenda item, the four
-- sections, each a translated text: {"items": {"<agenda item id>": {"summary": {...}, ...}}}.
CREATE TABLE minutes_versions (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id  bigint NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  version     integer NOT NULL CHECK (version > 0),
  content     jsonb NOT NULL CHECK (jsonb_typeof(content) = 'object'),
  note        text CHECK (length(note) <= 1000),
  created_by  bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (meeting_id, version)
);

CREATE TABLE minutes_corrections (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id         bigint NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  version_id         bigint NOT NULL REFERENCES minutes_versions (id) ON DELETE CASCADE,
  agenda_item_id     bigint REFERENCES agenda_items (id) ON DELETE CASCADE,
  author_id          bigint REFERENCES users (id) ON DELETE SET NULL,
  text               text NOT NULL CHECK (length(btrim(text)) BETWEEN 1 AND 10000),
  status             text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX minutes_corrections_meeting_idx ON minutes_corrections (meeting_id);

CREATE TABLE decisions (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id      bigint NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  agenda_item_id  bigint REFERENCES agenda_items (id) ON DELETE SET NULL,
  text            jsonb NOT NULL CHECK (is_required_translated_text(text)),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX decisions_meeting_idx ON decisions (meeting_id);

-- Status open / done is stored; overdue is computed from the deadline where it is shown.
CREATE TABLE tasks (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  decision_id      bigint NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
  meeting_id       bigint NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  description      jsonb NOT NULL CHECK (is_required_translated_text(description)),
  organisation_id  bigint NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
  deadline         date NOT NULL,
  done_at          timestamptz,
  reminded_at      timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tasks_open_deadline_idx ON tasks (deadline) WHERE done_at IS NULL;
CREATE INDEX tasks_organisation_idx ON tasks (organisation_id);

CREATE TABLE communiques (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id    bigint NOT NULL UNIQUE REFERENCES meetings (id) ON DELETE CASCADE,
  title         jsonb NOT NULL CHECK (is_required_translated_text(title)),
  body          jsonb NOT NULL CHECK (is_required_translated_text(body)),
  published_at  timestamptz,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX communiques_published_idx ON communiques (published_at DESC) WHERE published_at IS NOT NULL;
