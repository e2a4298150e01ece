-- International obligations: the mechanisms the State answers to (treaty bodies, the UPR, special
-- procedures) with the treaties' ratification status, reporting cycles with dated stages and
-- documents, recommendations (imported from the UN's and UPR Info's exports or entered by hand),
-- clusters and likely repeats, implementation actions with progress reports, assessments by the
-- state body, civil society and the national human-rights institution on one scale, and links to
-- proposals, agenda items and tasks.
--
-- States are ISO 3166-1 alpha-2 codes; their names in kk/ru/en come from Intl.DisplayNames.

-- The State this Kenes serves (its cycles, its ratifications); another deployment sets another.
INSERT INTO settings (key, value) VALUES ('home_state', '"KZ"');

CREATE TABLE mechanisms (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code                 text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9-]{1,19}$'),
  kind                 text NOT NULL CHECK (kind IN ('treaty_body', 'upr', 'special_procedure')),
  position             integer NOT NULL DEFAULT 100,
  name                 jsonb NOT NULL CHECK (is_required_translated_text(name)),
  treaty               jsonb NOT NULL DEFAULT '{}' CHECK (is_translated_text(treaty)),
  -- The home State's status under the treaty (treaty bodies only; NULL: not recorded).
  ratification_status  text CHECK (ratification_status IN ('not_signed', 'signed', 'ratified', 'acceded', 'succeeded')),
  signed_on            date,
  ratified_on          date,
  -- Reservations, declarations, accepted individual-complaints procedure and the like.
  ratification_note    jsonb NOT NULL DEFAULT '{}' CHECK (is_translated_text(ratification_note))
);

INSERT INTO mechanisms (code, kind, position, name, treaty) VALUES
  ('CAT', 'treaty_body', 10,
   '{"kk": "Азаптауға қарсы комитет", "ru": "Комитет против пыток", "en": "Committee against Torture"}',
   '{"kk": "Азаптауларға және басқа да қатыгез, адамгершілікке жатпайтын немесе ар-намысты қорлайтын іс-әрекеттер мен жазалау түрлеріне қарсы конвенция", "ru": "Конвенция против пыток и других жестоких, бесчеловечных или унижающих достоинство видов обращения и наказания", "en": "Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment"}'),
  ('SPT', 'treaty_body', 20,
   '{"kk": "Азаптаудың алдын алу жөніндегі кіші комитет", "ru": "Подкомитет по предупреждению пыток", "en": "Subcommittee on Prevention of Torture"}',
   '{"kk": "Азаптауларға қарсы конвенцияның факультативтік хаттамасы", "ru": "Факультативный протокол к Конвенции против пыток", "en": "Optional Protocol to the Convention against Torture"}'),
  ('CCPR', 'treaty_body', 30,
   '{"kk": "Адам құқықтары жөніндегі комитет", "ru": "Комитет по правам человека", "en": "Human Rights Committee"}',
   '{"kk": "Азаматтық және саяси құқықтар туралы халықаралық пакт", "ru": "Международный пакт о гражданских и политических правах", "en": "International Covenant on Civil and Political Rights"}'),
  ('CESCR', 'treaty_body', 40,
   '{"kk": "Экономикалық, әлеуметтік және мәдени құқықтар жөніндегі комитет", "ru": "Комитет по экономическим, социальным и культурным правам", "en": "Committee on Economic, Social and Cultural Rights"}',
   '{"kk": "Экономикалық, әлеуметтік және мәдени құқықтар туралы халықаралық пакт", "ru": "Международный пакт об экономических, социальных и культурных правах", "en": "International Covenant on Economic, Social and Cultural Rights"}'),
  ('CEDAW', 'treaty_body', 50,
   '{"kk": "Әйелдерге қатысты кемсітушілікті жою жөніндегі комитет", "ru": "Комитет по ликвидации дискриминации в отношении женщин", "en": "Committee on the Elimination of Discrimination against Women"}',
   '{"kk": "Әйелдерге қатысты кемсітушіліктің барлық нысандарын жою туралы конвенция", "ru": "Конвенция о ликвидации всех форм дискриминации в отношении женщин", "en": "Convention on the Elimination of All Forms of Discrimination against Women"}'),
  ('CERD', 'treaty_body', 60,
   '{"kk": "Нәсілдік кемсітушілікті жою жөніндегі комитет", "ru": "Комитет по ликвидации расовой дискриминации", "en": "Committee on the Elimination of Racial Discrimination"}',
   '{"kk": "Нәсілдік кемсітушіліктің барлық нысандарын жою туралы халықаралық конвенция", "ru": "Международная конвенция о ликвидации всех форм расовой дискриминации", "en": "International Convention on the Elimination of All Forms of Racial Discrimination"}'),
  ('CRC', 'treaty_body', 70,
   '{"kk": "Бала құқықтары жөніндегі комитет", "ru": "Комитет по правам ребёнка", "en": "Committee on the Rights of the Child"}',
   '{"kk": "Бала құқықтары туралы конвенция", "ru": "Конвенция о правах ребёнка", "en": "Convention on the Rights of the Child"}'),
  ('CRPD', 'treaty_body', 80,
   '{"kk": "Мүгедектігі бар адамдардың құқықтары жөніндегі комитет", "ru": "Комитет по правам инвалидов", "en": "Committee on the Rights of Persons with Disabilities"}',
   '{"kk": "Мүгедектігі бар адамдардың құқықтары туралы конвенция", "ru": "Конвенция о правах инвалидов", "en": "Convention on the Rights of Persons with Disabilities"}'),
  ('CED', 'treaty_body', 90,
   '{"kk": "Күштеп жоғалтулар жөніндегі комитет", "ru": "Комитет по насильственным исчезновениям", "en": "Committee on Enforced Disappearances"}',
   '{"kk": "Барлық адамдарды күштеп жоғалтудан қорғау туралы халықаралық конвенция", "ru": "Международная конвенция для защиты всех лиц от насильственных исчезновений", "en": "International Convention for the Protection of All Persons from Enforced Disappearance"}'),
  ('CMW', 'treaty_body', 100,
   '{"kk": "Еңбекші көшіп-қонушылар жөніндегі комитет", "ru": "Комитет по трудящимся-мигрантам", "en": "Committee on Migrant Workers"}',
   '{"kk": "Барлық еңбекші көшіп-қонушылар мен олардың отбасы мүшелерінің құқықтарын қорғау туралы халықаралық конвенция", "ru": "Международная конвенция о защите прав всех трудящихся-мигрантов и членов их семей", "en": "International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families"}'),
  ('UPR', 'upr', 110,
   '{"kk": "Әмбебап мерзімдік шолу", "ru": "Универсальный периодический обзор", "en": "Universal Periodic Review"}',
   '{}'),
  ('SP', 'special_procedure', 120,
   '{"kk": "Арнайы рәсімдер", "ru": "Специальные процедуры", "en": "Special procedures"}',
   '{}');

-- A reporting cycle of one mechanism for one State ("fourth periodic report").
CREATE TABLE reporting_cycles (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  mechanism_id  bigint NOT NULL REFERENCES mechanisms (id) ON DELETE RESTRICT,
  state_code    text NOT NULL CHECK (state_code ~ '^[A-Z]{2}$'),
  title         jsonb NOT NULL CHECK (is_required_translated_text(title)),
  -- The periodic report's number, or the UPR cycle's.
  number        integer CHECK (number BETWEEN 1 AND 99),
  description   jsonb NOT NULL DEFAULT '{}' CHECK (is_translated_text(description)),
  created_by    bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (mechanism_id, state_code, number)
);

-- The dated stages of a cycle. `due_on` is the deadline or planned date, `done_on` when it happened;
-- a stage is late when due_on < today and done_on IS NULL.
CREATE TABLE cycle_stages (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  cycle_id    bigint NOT NULL REFERENCES reporting_cycles (id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN (
                'report_due', 'list_of_issues', 'report_submitted', 'alternative_reports',
                'constructive_dialogue', 'concluding_observations', 'follow_up_due',
                'follow_up_submitted', 'follow_up_assessment', 'next_report_due')),
  due_on      date,
  done_on     date,
  -- For the constructive dialogue: its last day (done_on/due_on is the first).
  ends_on     date,
  note        jsonb NOT NULL DEFAULT '{}' CHECK (is_translated_text(note)),
  reminded_at timestamptz,
  UNIQUE (cycle_id, kind),
  CHECK (due_on IS NOT NULL OR done_on IS NOT NULL),
  CHECK (ends_on IS NULL OR ends_on >= coalesce(done_on, due_on))
);
CREATE INDEX cycle_stages_open_idx ON cycle_stages (due_on) WHERE done_on IS NULL;

CREATE TABLE cycle_documents (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  cycle_id         bigint NOT NULL REFERENCES reporting_cycles (id) ON DELETE CASCADE,
  kind             text NOT NULL CHECK (kind IN (
                     'state_report', 'list_of_issues', 'replies', 'alternative_report', 'nhri_report',
                     'concluding_observations', 'follow_up', 'committee_assessment', 'other')),
  -- UN document symbol, e.g. CAT/C/KAZ/CO/4.
  symbol           text CHECK (symbol ~ '^[A-Za-z0-9][A-Za-z0-9/.()\- ]{0,99}$'),
  title            jsonb NOT NULL CHECK (is_required_translated_text(title)),
  issued_on        date,
  url              text CHECK (url ~ '^https?://' AND length(url) <= 500),
  file_id          bigint REFERENCES files (id) ON DELETE RESTRICT,
  -- The author of an alternative report (an NGO, the NHRI).
  organisation_id  bigint REFERENCES organisations (id) ON DELETE SET NULL,
  created_by       bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cycle_documents_cycle_idx ON cycle_documents (cycle_id);

-- An agenda item that prepares for or discusses a cycle ("preparation for the defence of the report").
ALTER TABLE agenda_items ADD COLUMN cycle_id bigint REFERENCES reporting_cycles (id) ON DELETE SET NULL;
CREATE INDEX agenda_items_cycle_idx ON agenda_items (cycle_id) WHERE cycle_id IS NOT NULL;

-- Groups of affected persons, as the UN Universal Human Rights Index names them.
CREATE TABLE affected_groups (
  id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug  text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name  jsonb NOT NULL CHECK (is_required_translated_text(name))
);
INSERT INTO affected_groups (slug, name) VALUES
  ('general', '{"kk": "Барлық адамдар", "ru": "Все люди", "en": "General"}'),
  ('children', '{"kk": "Балалар", "ru": "Дети", "en": "Children"}'),
  ('women-and-girls', '{"kk": "Әйелдер мен қыздар", "ru": "Женщины и девочки", "en": "Women and girls"}'),
  ('persons-deprived-of-liberty', '{"kk": "Бас бостандығынан айырылған адамдар", "ru": "Лица, лишённые свободы", "en": "Persons deprived of their liberty"}'),
  ('persons-with-disabilities', '{"kk": "Мүгедектігі бар адамдар", "ru": "Люди с инвалидностью", "en": "Persons with disabilities"}'),
  ('migrants', '{"kk": "Көшіп-қонушылар", "ru": "Мигранты", "en": "Migrants"}'),
  ('refugees-and-asylum-seekers', '{"kk": "Босқындар мен баспана іздеушілер", "ru": "Беженцы и просители убежища", "en": "Refugees and asylum-seekers"}'),
  ('stateless-persons', '{"kk": "Азаматтығы жоқ адамдар", "ru": "Лица без гражданства", "en": "Stateless persons"}'),
  ('minorities', '{"kk": "Азшылықтар", "ru": "Меньшинства", "en": "Minorities"}'),
  ('human-rights-defenders', '{"kk": "Құқық қорғаушылар", "ru": "Правозащитники", "en": "Human rights defenders"}'),
  ('journalists', '{"kk": "Журналистер", "ru": "Журналисты", "en": "Media professionals"}'),
  ('older-persons', '{"kk": "Егде адамдар", "ru": "Пожилые люди", "en": "Older persons"}'),
  ('lgbti-persons', '{"kk": "ЛГБТИ адамдар", "ru": "ЛГБТИ-люди", "en": "Lesbian, gay, bisexual, transgender and intersex persons"}'),
  ('victims-of-torture', '{"kk": "Азаптау құрбандары", "ru": "Жертвы пыток", "en": "Victims of torture"}'),
  ('persons-living-in-poverty', '{"kk": "Кедейлікте өмір сүретін адамдар", "ru": "Люди, живущие в бедности", "en": "Persons living in poverty"}');

-- The Sustainable Development Goals; their targets are in sdg_targets.
CREATE TABLE sdg_goals (
  number  smallint PRIMARY KEY CHECK (number BETWEEN 1 AND 17),
  name    jsonb NOT NULL CHECK (is_required_translated_text(name))
);
CREATE TABLE sdg_targets (
  code    text PRIMARY KEY CHECK (code ~ '^[0-9]{1,2}\.[0-9a-z]{1,2}$'),
  goal    smallint NOT NULL REFERENCES sdg_goals (number),
  text    jsonb NOT NULL CHECK (is_required_translated_text(text))
);

CREATE TABLE recommendation_clusters (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title       jsonb NOT NULL CHECK (is_required_translated_text(title)),
  created_by  bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- One import of a file of recommendations: its mapping, its progress (for the progress bar, read by
-- whichever process serves the page) and its outcome. Rejected rows are in import_rejections.
CREATE TABLE recommendation_imports (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  file_id        bigint REFERENCES files (id) ON DELETE SET NULL,
  filename       text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
  sha256         text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  format         text NOT NULL CHECK (format IN ('csv', 'xlsx', 'json')),
  encoding       text,
  mapping        jsonb NOT NULL DEFAULT '{}',
  skip_bad_rows  boolean NOT NULL DEFAULT false,
  status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
  total_rows     integer,
  processed_rows integer NOT NULL DEFAULT 0,
  inserted       integer NOT NULL DEFAULT 0,
  updated        integer NOT NULL DEFAULT 0,
  unchanged      integer NOT NULL DEFAULT 0,
  rejected       integer NOT NULL DEFAULT 0,
  -- Why the whole import failed (a message key and its parameters), when status = 'failed'.
  error          jsonb,
  created_by     bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  -- Written every few hundred rows while running; a running import whose heartbeat is old was
  -- interrupted (its process died) and is shown so.
  heartbeat_at   timestamptz,
  finished_at    timestamptz
);
CREATE TABLE import_rejections (
  import_id  bigint NOT NULL REFERENCES recommendation_imports (id) ON DELETE CASCADE,
  line       integer NOT NULL CHECK (line > 0),
  -- A message key and its parameters, so the reason is shown in the reader's language.
  reason     jsonb NOT NULL,
  PRIMARY KEY (import_id, line)
);

CREATE TABLE recommendations (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Identity for idempotent imports: a hash of what identifies the recommendation in its source
  -- (State, mechanism, symbol or session, paragraph, recommending State, text).
  source_key          text NOT NULL UNIQUE CHECK (length(source_key) BETWEEN 1 AND 100),
  state_code          text NOT NULL CHECK (state_code ~ '^[A-Z]{2}$'),
  mechanism_id        bigint NOT NULL REFERENCES mechanisms (id) ON DELETE RESTRICT,
  cycle_id            bigint REFERENCES reporting_cycles (id) ON DELETE SET NULL,
  symbol              text CHECK (length(symbol) <= 100),
  paragraph           text CHECK (length(paragraph) <= 40),
  adopted_on          date,
  -- The session or cycle as the source names it ("34th session", "UPR cycle 3").
  session             text CHECK (length(session) <= 200),
  text                jsonb NOT NULL CHECK (is_required_translated_text(text)),
  recommending_state  text CHECK (recommending_state ~ '^[A-Z]{2}$'),
  response            text CHECK (response IN ('supported', 'noted', 'not_applicable')),
  theme_ids           bigint[] NOT NULL DEFAULT '{}',
  affected_group_ids  bigint[] NOT NULL DEFAULT '{}',
  sdg_targets         text[] NOT NULL DEFAULT '{}',
  priority            boolean NOT NULL DEFAULT false,
  cluster_id          bigint REFERENCES recommendation_clusters (id) ON DELETE SET NULL,
  -- Kept by the triggers below from the assessments and actions, for the explorer's facets:
  -- the responsible state body's latest self-assessment, and the bodies responsible for actions.
  status              text NOT NULL DEFAULT 'not_assessed' CHECK (status IN (
                        'not_assessed', 'not_started', 'in_progress', 'partly_implemented', 'implemented', 'not_applicable')),
  responsible_ids     bigint[] NOT NULL DEFAULT '{}',
  year                smallint GENERATED ALWAYS AS (extract(year FROM adopted_on)::smallint) STORED,
  import_id           bigint REFERENCES recommendation_imports (id) ON DELETE SET NULL,
  created_by          bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  search_ru tsvector GENERATED ALWAYS AS (to_tsvector('russian', translated_in(text, 'ru'))) STORED,
  search_en tsvector GENERATED ALWAYS AS (to_tsvector('english', translated_in(text, 'en'))) STORED,
  search_kk tsvector GENERATED ALWAYS AS (to_tsvector('simple', translated_in(text, 'kk'))) STORED
);
CREATE INDEX recommendations_state_idx ON recommendations (state_code);
CREATE INDEX recommendations_mechanism_idx ON recommendations (mechanism_id);
CREATE INDEX recommendations_cycle_idx ON recommendations (cycle_id) WHERE cycle_id IS NOT NULL;
CREATE INDEX recommendations_cluster_idx ON recommendations (cluster_id) WHERE cluster_id IS NOT NULL;
CREATE INDEX recommendations_year_idx ON recommendations (year);
CREATE INDEX recommendations_themes_idx ON recommendations USING gin (theme_ids);
CREATE INDEX recommendations_groups_idx ON recommendations USING gin (affected_group_ids);
CREATE INDEX recommendations_sdg_idx ON recommendations USING gin (sdg_targets);
CREATE INDEX recommendations_responsible_idx ON recommendations USING gin (responsible_ids);
CREATE INDEX recommendations_search_ru_idx ON recommendations USING gin (search_ru);
CREATE INDEX recommendations_search_en_idx ON recommendations USING gin (search_en);
CREATE INDEX recommendations_search_kk_idx ON recommendations USING gin (search_kk);

-- Likely repeats: a recommendation and an earlier one (another cycle or mechanism) with a similar
-- text, proposed by Kenes and confirmed or dismissed by a person.
CREATE TABLE recommendation_repeats (
  recommendation_id  bigint NOT NULL REFERENCES recommendations (id) ON DELETE CASCADE,
  earlier_id         bigint NOT NULL REFERENCES recommendations (id) ON DELETE CASCADE,
  similarity         real NOT NULL CHECK (similarity BETWEEN 0 AND 1),
  status             text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'confirmed', 'dismissed')),
  decided_by         bigint REFERENCES users (id) ON DELETE SET NULL,
  decided_at         timestamptz,
  PRIMARY KEY (recommendation_id, earlier_id),
  CHECK (recommendation_id <> earlier_id)
);
CREATE INDEX recommendation_repeats_earlier_idx ON recommendation_repeats (earlier_id);

-- Implementation actions (measures), for one recommendation or for a cluster.
CREATE TABLE implementation_actions (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  recommendation_id   bigint REFERENCES recommendations (id) ON DELETE CASCADE,
  cluster_id          bigint REFERENCES recommendation_clusters (id) ON DELETE CASCADE,
  title               jsonb NOT NULL CHECK (is_required_translated_text(title)),
  description         jsonb NOT NULL DEFAULT '{}' CHECK (is_translated_text(description)),
  responsible_id      bigint NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
  deadline            date,
  indicator           jsonb NOT NULL DEFAULT '{}' CHECK (is_translated_text(indicator)),
  status              text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'completed', 'cancelled')),
  created_by          bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK ((recommendation_id IS NULL) <> (cluster_id IS NULL))
);
CREATE INDEX implementation_actions_recommendation_idx ON implementation_actions (recommendation_id);
CREATE INDEX implementation_actions_cluster_idx ON implementation_actions (cluster_id);
CREATE INDEX implementation_actions_responsible_idx ON implementation_actions (responsible_id);

CREATE TABLE action_progress_reports (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  action_id        bigint NOT NULL REFERENCES implementation_actions (id) ON DELETE CASCADE,
  reported_on      date NOT NULL,
  text             jsonb NOT NULL CHECK (is_required_translated_text(text)),
  links            text[] NOT NULL DEFAULT '{}' CHECK (cardinality(links) <= 20),
  organisation_id  bigint REFERENCES organisations (id) ON DELETE SET NULL,
  created_by       bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX action_progress_reports_action_idx ON action_progress_reports (action_id, reported_on);
CREATE TABLE action_progress_files (
  report_id  bigint NOT NULL REFERENCES action_progress_reports (id) ON DELETE CASCADE,
  file_id    bigint NOT NULL REFERENCES files (id) ON DELETE RESTRICT,
  PRIMARY KEY (report_id, file_id)
);

-- Assessments of a recommendation's implementation on one common scale. One current assessment per
-- organisation (an update replaces it; the audit log keeps the history). `side` is fixed by the
-- organisation's category when it is written: state bodies assess themselves, NGOs are civil
-- society, the NHRI (ombudsman, commission) is the national human-rights institution.
CREATE TABLE recommendation_assessments (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  recommendation_id  bigint NOT NULL REFERENCES recommendations (id) ON DELETE CASCADE,
  organisation_id    bigint NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
  side               text NOT NULL CHECK (side IN ('state', 'civil_society', 'nhri')),
  level              text NOT NULL CHECK (level IN ('not_started', 'in_progress', 'partly_implemented', 'implemented', 'not_applicable')),
  reasons            jsonb NOT NULL CHECK (is_required_translated_text(reasons)),
  assessed_on        date NOT NULL DEFAULT current_date,
  created_by         bigint REFERENCES users (id) ON DELETE SET NULL,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (recommendation_id, organisation_id)
);
CREATE INDEX recommendation_assessments_organisation_idx ON recommendation_assessments (organisation_id);

-- Links to the proposals that would implement a recommendation, the agenda items that discussed
-- it and the tasks decided.
CREATE TABLE recommendation_proposals (
  recommendation_id  bigint NOT NULL REFERENCES recommendations (id) ON DELETE CASCADE,
  proposal_id        bigint NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
  PRIMARY KEY (recommendation_id, proposal_id)
);
CREATE INDEX recommendation_proposals_proposal_idx ON recommendation_proposals (proposal_id);
CREATE TABLE recommendation_agenda_items (
  recommendation_id  bigint NOT NULL REFERENCES recommendations (id) ON DELETE CASCADE,
  agenda_item_id     bigint NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
  PRIMARY KEY (recommendation_id, agenda_item_id)
);
CREATE INDEX recommendation_agenda_items_item_idx ON recommendation_agenda_items (agenda_item_id);
CREATE TABLE recommendation_tasks (
  recommendation_id  bigint NOT NULL REFERENCES recommendations (id) ON DELETE CASCADE,
  task_id            bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  PRIMARY KEY (recommendation_id, task_id)
);
CREATE INDEX recommendation_tasks_task_idx ON recommendation_tasks (task_id);

-- Keep recommendations.status = the latest state self-assessment (or 'not_assessed').
CREATE FUNCTION recommendation_refresh_status(rec bigint) RETURNS void LANGUAGE sql AS $$
  UPDATE recommendations r SET status = coalesce(
    (SELECT a.level FROM recommendation_assessments a
      WHERE a.recommendation_id = rec AND a.side = 'state'
      ORDER BY a.assessed_on DESC, a.updated_at DESC, a.id DESC LIMIT 1),
    'not_assessed')
  WHERE r.id = rec
$$;
CREATE FUNCTION recommendation_assessments_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM recommendation_refresh_status(OLD.recommendation_id); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM recommendation_refresh_status(NEW.recommendation_id); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER recommendation_assessments_sync AFTER INSERT OR UPDATE OR DELETE ON recommendation_assessments
  FOR EACH ROW EXECUTE FUNCTION recommendation_assessments_sync();

-- Keep recommendations.responsible_ids = the bodies responsible for its actions and its cluster's.
CREATE FUNCTION recommendation_refresh_responsible(rec bigint, clu bigint) RETURNS void LANGUAGE sql AS $$
  UPDATE recommendations r SET responsible_ids = coalesce(
    (SELECT array_agg(DISTINCT a.responsible_id ORDER BY a.responsible_id) FROM implementation_actions a
      WHERE a.status <> 'cancelled'
        AND (a.recommendation_id = r.id OR (r.cluster_id IS NOT NULL AND a.cluster_id = r.cluster_id))),
    '{}')
  WHERE r.id = rec OR (clu IS NOT NULL AND r.cluster_id = clu)
$$;
CREATE FUNCTION implementation_actions_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM recommendation_refresh_responsible(OLD.recommendation_id, OLD.cluster_id); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM recommendation_refresh_responsible(NEW.recommendation_id, NEW.cluster_id); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER implementation_actions_sync AFTER INSERT OR UPDATE OR DELETE ON implementation_actions
  FOR EACH ROW EXECUTE FUNCTION implementation_actions_sync();
-- Joining or leaving a cluster changes which cluster actions apply.
CREATE FUNCTION recommendations_cluster_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM recommendation_refresh_responsible(NEW.id, NULL);
  RETURN NULL;
END $$;
CREATE TRIGGER recommendations_cluster_sync AFTER UPDATE OF cluster_id ON recommendations
  FOR EACH ROW WHEN (OLD.cluster_id IS DISTINCT FROM NEW.cluster_id)
  EXECUTE FUNCTION recommendations_cluster_sync();
