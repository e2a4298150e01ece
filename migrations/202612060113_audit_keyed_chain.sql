-- The audit chain is now keyed (decision 0013): each entry's hash is an HMAC whose key is in the
-- Kenes process (DATA_DIR or AUDIT_KEY), never in the database, so whoever controls the database
-- can no longer write or re-chain entries that verify. The hash is therefore computed by Kenes, not
-- by a trigger: the triggers that chained entries go, the ones that refuse UPDATE/DELETE/TRUNCATE stay.

-- Which key signed the entry (its id, not the key). NULL only for the entries written before this
-- migration, which were chained with plain SHA-256 by the database (audit_entry_hash, kept so that
-- they can still be checked). They are not re-signed: nobody can vouch for them with the key.
ALTER TABLE audit_log ADD COLUMN key_id text CHECK (key_id ~ '^[0-9a-f]{16}$');
-- New entries must carry a key id; the entries before the boundary are exempt (NOT VALID).
ALTER TABLE audit_log ADD CONSTRAINT audit_log_keyed CHECK (key_id IS NOT NULL) NOT VALID;

DROP TRIGGER audit_log_chain ON audit_log;
DROP TRIGGER audit_log_store_head ON audit_log;
DROP FUNCTION audit_log_chain();
DROP FUNCTION audit_log_store_head();

-- The head now also holds the last id: Kenes takes id = last_id + 1 under the row lock, so ids are
-- gapless and id order is chain order. keyed_from records the boundary: the first id of the keyed
-- chain; everything before it is the old, unkeyed chain. The first keyed entry's prev_hash is the
-- last unkeyed hash, so the old entries are pinned by the first keyed one from then on.
ALTER TABLE audit_chain_head ADD COLUMN last_id bigint NOT NULL DEFAULT 0;
ALTER TABLE audit_chain_head ADD COLUMN keyed_from bigint;
UPDATE audit_chain_head
   SET last_id = coalesce((SELECT max(id) FROM audit_log), 0),
       keyed_from = coalesce((SELECT max(id) FROM audit_log), 0) + 1,
       last_hash = coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '');
ALTER TABLE audit_chain_head ALTER COLUMN keyed_from SET NOT NULL;

DROP SEQUENCE audit_log_id_seq;
