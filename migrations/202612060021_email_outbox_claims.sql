-- Each message in the outbox is claimed on its own by the process that sends it. claimed_by names
-- the latest claim ("host:pid:random"): the sender renews its lease (locked_until) only while the
-- claim is still its own, and an administrator can see which process holds, or sent, a message.
-- A claim whose lease has passed (its sender died) may be taken by any process; the message keeps
-- its Message-ID (derived from id and created_at), so a repeat after a crash can be recognised.
ALTER TABLE email_outbox ADD COLUMN claimed_by text CHECK (length(claimed_by) <= 200);
