-- Accounts: people and their positions, users with one role, sessions, invitations, password
-- resets, the e-mail outbox; and the append-only, hash-chained audit log.

CREATE TABLE people (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  full_name   jsonb NOT NULL CHECK (is_required_translated_text(full_name)),
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- A person's position in an organisation; history is kept (a closed position has `until`).
CREATE TABLE positions (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id        bigint NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  organisation_id  bigint NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
  title            jsonb NOT NULL DEFAULT '{}' CHECK (is_translated_text(title)),
  since            date NOT NULL DEFAULT current_date,
  until            date CHECK (until IS NULL OR until >= since)
);
CREATE INDEX positions_person_idx ON positions (person_id);
CREATE INDEX positions_organisation_idx ON positions (organisation_id);

CREATE TABLE users (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Stored lower-cased and trimmed; compared the same way.
  email            text NOT NULL UNIQUE CHECK (email = lower(btrim(email)) AND length(email) BETWEEN 3 AND 254 AND email LIKE '%_@_%'),
  password_hash    text NOT NULL,
  display_name     text NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 200),
  role             text NOT NULL CHECK (role IN ('platform_admin', 'secretariat', 'chair', 'representative', 'observer', 'citizen')),
  -- The organisation a representative or observer acts for; required for representatives.
  organisation_id  bigint REFERENCES organisations (id) ON DELETE RESTRICT,
  person_id        bigint REFERENCES people (id) ON DELETE SET NULL,
  locale           text NOT NULL DEFAULT 'kk' CHECK (locale IN ('kk', 'ru', 'en')),
  disabled_at      timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at  timestamptz,
  CHECK (role <> 'representative' OR organisation_id IS NOT NULL)
);
CREATE INDEX users_organisation_idx ON users (organisation_id);

-- The cookie holds a random token; only its SHA-256 is stored, so a leaked table opens no session.
CREATE TABLE sessions (
  token_hash    text PRIMARY KEY,
  user_id       bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  remember      boolean NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  user_agent    text CHECK (length(user_agent) <= 500),
  ip            text CHECK (length(ip) <= 100)
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

CREATE TABLE invitations (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash       text NOT NULL UNIQUE,
  email            text NOT NULL CHECK (email = lower(btrim(email)) AND length(email) BETWEEN 3 AND 254),
  display_name     text NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 200),
  role             text NOT NULL CHECK (role IN ('platform_admin', 'secretariat', 'chair', 'representative', 'observer', 'citizen')),
  organisation_id  bigint REFERENCES organisations (id) ON DELETE CASCADE,
  locale           text NOT NULL CHECK (locale IN ('kk', 'ru', 'en')),
  invited_by       bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  expires_at       timestamptz NOT NULL,
  accepted_at      timestamptz,
  revoked_at       timestamptz,
  CHECK (role <> 'representative' OR organisation_id IS NOT NULL)
);
-- At most one open invitation per address.
CREATE UNIQUE INDEX invitations_open_email_uq ON invitations (email) WHERE accepted_at IS NULL AND revoked_at IS NULL;

CREATE TABLE password_resets (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash  text NOT NULL UNIQUE,
  user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id);

-- Mail is written here in the same transaction as the change that causes it, then delivered by
-- SMTP when SMTP_URL is set (any process may deliver; rows are claimed with SKIP LOCKED).
CREATE TABLE email_outbox (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  to_address    text NOT NULL CHECK (length(to_address) BETWEEN 3 AND 254),
  subject       text NOT NULL CHECK (length(subject) <= 300),
  body_text     text NOT NULL CHECK (length(body_text) <= 100000),
  created_at    timestamptz NOT NULL DEFAULT now(),
  sent_at       timestamptz,
  attempts      integer NOT NULL DEFAULT 0,
  last_error    text,
  locked_until  timestamptz
);
CREATE INDEX email_outbox_pending_idx ON email_outbox (id) WHERE sent_at IS NULL;

-- Failed sign-ins, counted per account and per address for lockout (shared by all processes).
CREATE TABLE sign_in_failures (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email     text NOT NULL,
  ip        text NOT NULL,
  at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_failures_email_idx ON sign_in_failures (email, at);
CREATE INDEX sign_in_failures_ip_idx ON sign_in_failures (ip, at);

-- The audit log. Append-only in the database itself, and hash-chained: each entry's hash covers
-- the previous entry's hash and its own content, so a changed, removed or inserted entry breaks
-- the chain at that point (`kenes audit verify`).
CREATE SEQUENCE audit_log_id_seq;
CREATE TABLE audit_log (
  id                     bigint PRIMARY KEY,
  at                     timestamptz NOT NULL,
  actor_user_id          bigint,
  actor_label            text NOT NULL,
  actor_organisation_id  bigint,
  entity                 text NOT NULL CHECK (entity ~ '^[a-z_]{1,60}$'),
  entity_id              text NOT NULL CHECK (length(entity_id) <= 100),
  action                 text NOT NULL CHECK (action ~ '^[a-z_.-]{1,60}$'),
  before                 jsonb,
  after                  jsonb,
  prev_hash              text NOT NULL,
  hash                   text NOT NULL
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id);
CREATE INDEX audit_log_at_idx ON audit_log (at);

-- What an entry's hash covers; used when writing and when verifying.
CREATE FUNCTION audit_entry_hash(
  prev_hash text, id bigint, at timestamptz, actor_user_id bigint, actor_label text,
  actor_organisation_id bigint, entity text, entity_id text, action text, before jsonb, after jsonb
) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws(E'\x1f',
    prev_hash, id::text, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
    coalesce(actor_user_id::text, ''), actor_label, coalesce(actor_organisation_id::text, ''),
    entity, entity_id, action, coalesce(before::text, 'null'), coalesce(after::text, 'null')
  ), 'UTF8')), 'hex')
$$;

-- Chains each new entry. The advisory lock serialises writers until they commit, and the id is
-- taken under that lock, so id order is chain order even with concurrent transactions.
CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(4205197303);
  NEW.id := nextval('audit_log_id_seq');
  NEW.at := date_trunc('microseconds', clock_timestamp());
  SELECT hash INTO last_hash FROM audit_log ORDER BY id DESC LIMIT 1;
  NEW.prev_hash := coalesce(last_hash, '');
  NEW.hash := audit_entry_hash(NEW.prev_hash, NEW.id, NEW.at, NEW.actor_user_id, NEW.actor_label,
    NEW.actor_organisation_id, NEW.entity, NEW.entity_id, NEW.action, NEW.before, NEW.after);
  RETURN NEW;
END
$$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
