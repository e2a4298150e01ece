-- Proposals from civil society to state bodies, their answers and their fate up to a law in force;
-- the timeline of every change; follows and notifications.

CREATE TABLE themes (
  id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug  text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name  jsonb NOT NULL CHECK (is_required_translated_text(name))
);

-- Text of a translated jsonb value in one language, for indexes (immutable, so usable in them).
CREATE FUNCTION translated_in(value jsonb, lang text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT coalesce(value ->> lang, '') $$;

CREATE TABLE proposals (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title             jsonb NOT NULL CHECK (is_required_translated_text(title)),
  body              jsonb NOT NULL DEFAULT '{}' CHECK (is_translated_text(body)),
  kind              text NOT NULL CHECK (kind IN ('amend_law', 'new_law', 'bylaw', 'practice', 'other')),
  status            text NOT NULL DEFAULT 'draft' CHECK (status IN (
                      'draft', 'submitted', 'registered', 'assigned', 'answered', 'in_implementation',
                      'implemented', 'withdrawn', 'merged')),
  meeting_id        bigint REFERENCES meetings (id) ON DELETE SET NULL,
  agenda_item_id    bigint REFERENCES agenda_items (id) ON DELETE SET NULL,
  duplicate_of      bigint REFERENCES proposals (id) ON DELETE SET NULL CHECK (duplicate_of <> id),
  created_by        bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  submitted_at      timestamptz,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  -- Full-text search per language: Russian and English stemmed; Kazakh has no Snowball stemmer in
  -- PostgreSQL, so 'simple' (lower-cased words); trigram similarity covers inflected Kazakh forms.
  search_ru tsvector GENERATED ALWAYS AS (to_tsvector('russian', translated_in(title, 'ru') || ' ' || translated_in(body, 'ru'))) STORED,
  search_en tsvector GENERATED ALWAYS AS (to_tsvector('english', translated_in(title, 'en') || ' ' || translated_in(body, 'en'))) STORED,
  search_kk tsvector GENERATED ALWAYS AS (to_tsvector('simple', translated_in(title, 'kk') || ' ' || translated_in(body, 'kk'))) STORED
);
CREATE INDEX proposals_status_idx ON proposals (status);
CREATE INDEX proposals_meeting_idx ON proposals (meeting_id);
CREATE INDEX proposals_submitted_idx ON proposals (submitted_at DESC);
CREATE INDEX proposals_search_ru_idx ON proposals USING gin (search_ru);
CREATE INDEX proposals_search_en_idx ON proposals USING gin (search_en);
CREATE INDEX proposals_search_kk_idx ON proposals USING gin (search_kk);
CREATE INDEX proposals_title_trgm_idx ON proposals
  USING gin ((lower(translated_in(title, 'kk') || ' ' || translated_in(title, 'ru') || ' ' || translated_in(title, 'en'))) gin_trgm_ops);

CREATE TABLE proposal_authors (
  proposal_id      bigint NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
  organisation_id  bigint NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
  PRIMARY KEY (proposal_id, organisation_id)
);
CREATE INDEX proposal_authors_organisation_idx ON proposal_authors (organisation_id);

CREATE TABLE proposal_themes (
  proposal_id  bigint NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
  theme_id     bigint NOT NULL REFERENCES themes (id) ON DELETE CASCADE,
  PRIMARY KEY (proposal_id, theme_id)
);
CREATE INDEX proposal_themes_theme_idx ON proposal_themes (theme_id);

CREATE TABLE proposal_legal_acts (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  proposal_id  bigint NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
  name         jsonb NOT NULL CHECK (is_required_translated_text(name)),
  number       text CHECK (length(number) <= 100),
  article      text CHECK (length(article) <= 100),
  url          text CHECK (url ~ '^https?://' AND length(url) <= 500)
);
CREATE INDEX proposal_legal_acts_proposal_idx ON proposal_legal_acts (proposal_id);

-- One row per state body the proposal is addressed to, with its answer and the authors' assessment.
CREATE TABLE proposal_addressees (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  proposal_id         bigint NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
  organisation_id     bigint NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
  deadline            date,
  answer              text CHECK (answer IN ('accepted', 'partly_accepted', 'rejected', 'needs_study', 'not_competent')),
  reasons             jsonb NOT NULL DEFAULT '{}' CHECK (is_translated_text(reasons)),
  answered_at         timestamptz,
  answered_by         bigint REFERENCES users (id) ON DELETE SET NULL,
  assessment          text CHECK (assessment IN ('satisfied', 'partly_satisfied', 'not_satisfied')),
  assessment_comment  text CHECK (length(assessment_comment) <= 5000),
  assessed_at         timestamptz,
  UNIQUE (proposal_id, organisation_id),
  -- An answer always comes with its reasons.
  CHECK (answer IS NULL OR is_required_translated_text(reasons))
);
CREATE INDEX proposal_addressees_organisation_idx ON proposal_addressees (organisation_id);
CREATE INDEX proposal_addressees_open_idx ON proposal_addressees (deadline) WHERE answer IS NULL;

CREATE TABLE proposal_endorsements (
  proposal_id      bigint NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
  organisation_id  bigint NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
  endorsed_by      bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (proposal_id, organisation_id)
);

-- Implementation stages, in their order; legislation or practice.
CREATE TABLE proposal_stages (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  proposal_id  bigint NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
  stage        text NOT NULL CHECK (stage IN (
                 'drafted', 'government', 'mazhilis', 'senate', 'signed', 'in_force',
                 'planned', 'in_progress', 'implemented')),
  reached_on   date NOT NULL,
  url          text CHECK (url ~ '^https?://' AND length(url) <= 500),
  recorded_by  bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (proposal_id, stage)
);

-- The public timeline: every change with who, when and why.
CREATE TABLE proposal_events (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  proposal_id      bigint NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
  at               timestamptz NOT NULL DEFAULT now(),
  actor_user_id    bigint REFERENCES users (id) ON DELETE SET NULL,
  actor_name       text NOT NULL,
  organisation_id  bigint REFERENCES organisations (id) ON DELETE SET NULL,
  kind             text NOT NULL CHECK (kind ~ '^[a-z_]{1,40}$'),
  detail           jsonb NOT NULL DEFAULT '{}',
  reason           text CHECK (length(reason) <= 5000)
);
CREATE INDEX proposal_events_proposal_idx ON proposal_events (proposal_id, at);

CREATE TABLE follows (
  user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  proposal_id  bigint NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, proposal_id)
);
CREATE INDEX follows_proposal_idx ON follows (proposal_id);

-- In-app notifications; `emailed_at` is set when an e-mail (immediate or digest) has carried it.
CREATE TABLE notifications (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  event_id     bigint NOT NULL REFERENCES proposal_events (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  read_at      timestamptz,
  emailed_at   timestamptz,
  UNIQUE (user_id, event_id)
);
CREATE INDEX notifications_unread_idx ON notifications (user_id, created_at DESC) WHERE read_at IS NULL;
CREATE INDEX notifications_unmailed_idx ON notifications (user_id) WHERE emailed_at IS NULL;

ALTER TABLE users
  ADD COLUMN notify text NOT NULL DEFAULT 'immediately' CHECK (notify IN ('immediately', 'daily', 'weekly', 'never')),
  ADD COLUMN digest_sent_at timestamptz;

-- The answer deadline given when a proposal is assigned, unless the secretariat sets another.
CREATE TABLE settings (
  key    text PRIMARY KEY CHECK (key ~ '^[a-z_]{1,60}$'),
  value  jsonb NOT NULL
);
INSERT INTO settings (key, value) VALUES ('answer_deadline_days', '30');

-- A starting set of themes (the secretariat can add more).
INSERT INTO themes (slug, name) VALUES
  ('torture-prevention', '{"kk": "Азаптаудың алдын алу", "ru": "Предупреждение пыток", "en": "Prevention of torture"}'),
  ('children', '{"kk": "Бала құқықтары", "ru": "Права ребёнка", "en": "Children''s rights"}'),
  ('detention', '{"kk": "Бас бостандығынан айырылған адамдар", "ru": "Лица, лишённые свободы", "en": "Persons deprived of liberty"}'),
  ('access-to-justice', '{"kk": "Сот төрелігіне қол жеткізу", "ru": "Доступ к правосудию", "en": "Access to justice"}'),
  ('disability', '{"kk": "Мүгедектігі бар адамдардың құқықтары", "ru": "Права людей с инвалидностью", "en": "Rights of persons with disabilities"}'),
  ('gender-equality', '{"kk": "Гендерлік теңдік", "ru": "Гендерное равенство", "en": "Gender equality"}'),
  ('freedom-of-expression', '{"kk": "Сөз бостандығы", "ru": "Свобода выражения мнений", "en": "Freedom of expression"}'),
  ('labour-rights', '{"kk": "Еңбек құқықтары", "ru": "Трудовые права", "en": "Labour rights"}'),
  ('migrants', '{"kk": "Көшіп-қонушылар", "ru": "Мигранты", "en": "Migrants"}'),
  ('education', '{"kk": "Білім беру", "ru": "Образование", "en": "Education"}');
