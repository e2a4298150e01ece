-- The chain's last hash is kept in a one-row table instead of being looked up in audit_log for
-- every insert. The lookup's plan was cached by PL/pgSQL from statistics of a small table (a
-- sequential scan and sort), so one statement inserting 50,000 entries became quadratic (found by
-- the benchmark). Reading and updating one row is constant time whatever the log holds.
CREATE TABLE audit_chain_head (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  last_hash  text NOT NULL
);
INSERT INTO audit_chain_head (last_hash)
SELECT coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '');

CREATE OR REPLACE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The row lock on the head serialises writers until they commit (as the advisory lock did), and
  -- the id is taken under it, so id order is chain order.
  SELECT last_hash INTO NEW.prev_hash FROM audit_chain_head WHERE singleton FOR UPDATE;
  NEW.id := nextval('audit_log_id_seq');
  NEW.at := date_trunc('microseconds', clock_timestamp());
  NEW.hash := audit_entry_hash(NEW.prev_hash, NEW.id, NEW.at, NEW.actor_user_id, NEW.actor_label,
    NEW.actor_organisation_id, NEW.entity, NEW.entity_id, NEW.action, NEW.before, NEW.after);
  UPDATE audit_chain_head SET last_hash = NEW.hash WHERE singleton;
  RETURN NEW;
END
$$;
