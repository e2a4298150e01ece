-- Foundation: translated text, the body, its member organisations and its meetings (minimal; later
-- migrations extend them), and the shared rate-limit counters.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- Text that users write is stored per language: {"kk": "...", "ru": "...", "en": "..."}.
-- Any subset of the three languages may be present; the application falls back and marks it.
CREATE FUNCTION is_translated_text(value jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT jsonb_typeof(value) = 'object'
     AND NOT EXISTS (
       SELECT 1 FROM jsonb_each(value) AS e
        WHERE e.key NOT IN ('kk', 'ru', 'en') OR jsonb_typeof(e.value) <> 'string'
     )
$$;

-- A translated text with at least one non-blank language.
CREATE FUNCTION is_required_translated_text(value jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT is_translated_text(value)
     AND EXISTS (SELECT 1 FROM jsonb_each_text(value) AS e WHERE btrim(e.value) <> '')
$$;

CREATE TABLE organisations (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
  category    text NOT NULL CHECK (category IN (
                'state_body', 'parliament', 'judiciary', 'constitutional_review', 'nhri',
                'ngo', 'international', 'media', 'other')),
  name        jsonb NOT NULL CHECK (is_required_translated_text(name)),
  short_name  jsonb NOT NULL DEFAULT '{}' CHECK (is_translated_text(short_name)),
  website     text CHECK (website ~ '^https?://' AND length(website) <= 500),
  parent_id   bigint REFERENCES organisations (id) ON DELETE RESTRICT CHECK (parent_id <> id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organisations_category_idx ON organisations (category);
CREATE INDEX organisations_parent_idx ON organisations (parent_id);

-- The consultative body itself and its working groups (a body with a parent).
CREATE TABLE bodies (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug         text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
  name         jsonb NOT NULL CHECK (is_required_translated_text(name)),
  short_name   jsonb NOT NULL DEFAULT '{}' CHECK (is_translated_text(short_name)),
  description  jsonb NOT NULL DEFAULT '{}' CHECK (is_translated_text(description)),
  host_organisation_id bigint REFERENCES organisations (id) ON DELETE RESTRICT,
  parent_id    bigint REFERENCES bodies (id) ON DELETE RESTRICT CHECK (parent_id <> id),
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE body_memberships (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  body_id          bigint NOT NULL REFERENCES bodies (id) ON DELETE CASCADE,
  organisation_id  bigint NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
  status           text NOT NULL CHECK (status IN ('member', 'observer', 'guest')),
  since            date NOT NULL,
  until            date CHECK (until IS NULL OR until >= since)
);
CREATE INDEX body_memberships_body_idx ON body_memberships (body_id);
CREATE INDEX body_memberships_organisation_idx ON body_memberships (organisation_id);
-- One current membership per organisation and body.
CREATE UNIQUE INDEX body_memberships_current_uq ON body_memberships (body_id, organisation_id) WHERE until IS NULL;

CREATE TABLE meetings (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  body_id     bigint NOT NULL REFERENCES bodies (id) ON DELETE RESTRICT,
  number      integer NOT NULL CHECK (number > 0),
  title       jsonb NOT NULL CHECK (is_required_translated_text(title)),
  starts_at   timestamptz NOT NULL,
  ends_at     timestamptz CHECK (ends_at IS NULL OR ends_at > starts_at),
  time_zone   text NOT NULL DEFAULT 'Asia/Almaty',
  venue       jsonb NOT NULL DEFAULT '{}' CHECK (is_translated_text(venue)),
  online_url  text CHECK (online_url ~ '^https?://' AND length(online_url) <= 500),
  format      text NOT NULL CHECK (format IN ('in_person', 'online', 'hybrid')),
  visibility  text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'members')),
  status      text NOT NULL DEFAULT 'draft' CHECK (status IN (
                'draft', 'announced', 'held', 'minutes_review', 'minutes_approved', 'published',
                'postponed', 'cancelled')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (body_id, number)
);
CREATE INDEX meetings_starts_at_idx ON meetings (starts_at DESC);

CREATE TABLE agenda_items (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id   bigint NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
  position     integer NOT NULL CHECK (position > 0),
  title        jsonb NOT NULL CHECK (is_required_translated_text(title)),
  description  jsonb NOT NULL DEFAULT '{}' CHECK (is_translated_text(description)),
  planned_minutes integer CHECK (planned_minutes BETWEEN 1 AND 1440),
  -- Deferrable so that re-ordering can swap positions inside one transaction.
  CONSTRAINT agenda_items_position_uq UNIQUE (meeting_id, position) DEFERRABLE INITIALLY IMMEDIATE
);

CREATE TABLE agenda_presenters (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  agenda_item_id   bigint NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
  organisation_id  bigint NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
  role             text NOT NULL CHECK (role IN ('report', 'co_report', 'proposals', 'comment')),
  position         integer NOT NULL CHECK (position > 0),
  UNIQUE (agenda_item_id, position)
);
CREATE INDEX agenda_presenters_organisation_idx ON agenda_presenters (organisation_id);

-- Counters for rate limits, shared by every Kenes process (see docs/decisions/0004).
CREATE UNLOGGED TABLE rate_limits (
  key       text PRIMARY KEY,
  hits      integer NOT NULL,
  reset_at  timestamptz NOT NULL
);
