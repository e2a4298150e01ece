-- Issue 13 and 17: what an import learns from people, and how its rows find their cycle.
--
-- The distinct values of each column of an imported file (those with few enough to be a vocabulary:
-- themes, States), found while the file is first read, so that the preview can list the themes and
-- State names Kenes does not know yet and ask the person about them before anything is written.
ALTER TABLE recommendation_import_files ADD COLUMN column_values jsonb;

-- A State name an import did not recognise, mapped to a State by a person in the preview; every
-- later import recognises it. `name_key` is the name reduced as state-codes.ts compares names.
CREATE TABLE state_name_aliases (
  name_key    text PRIMARY KEY CHECK (length(name_key) BETWEEN 1 AND 200),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  state_code  text NOT NULL CHECK (state_code ~ '^[A-Z]{2}$'),
  created_by  bigint REFERENCES users (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- The session of the mechanism at which the State was reviewed (the UPR's 34th session, the
-- Committee's 79th): rows of an import that name a session and no symbol join the cycle by it.
ALTER TABLE reporting_cycles ADD COLUMN session smallint CHECK (session BETWEEN 1 AND 999);
CREATE INDEX reporting_cycles_session_idx ON reporting_cycles (state_code, mechanism_id, session)
  WHERE session IS NOT NULL;
