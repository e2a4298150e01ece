-- The files a state body sends with its answer to a proposal (the official letter, as a rule), stored in
-- core's file store like the proposal's own attachments; seen by whoever may see the proposal.
CREATE TABLE proposal_answer_files (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  addressee_id  bigint NOT NULL REFERENCES proposal_addressees (id) ON DELETE CASCADE,
  file_id       bigint NOT NULL REFERENCES files (id) ON DELETE RESTRICT,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX proposal_answer_files_addressee_idx ON proposal_answer_files (addressee_id);
CREATE INDEX proposal_answer_files_file_idx ON proposal_answer_files (file_id);
