-- Files attached to a proposal by its authors (drafts of laws, studies), stored like meeting documents.
CREATE TABLE proposal_attachments (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  proposal_id  bigint NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
  file_id      bigint NOT NULL REFERENCES files (id) ON DELETE RESTRICT,
  title        jsonb NOT NULL CHECK (is_required_translated_text(title)),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX proposal_attachments_proposal_idx ON proposal_attachments (proposal_id);
CREATE INDEX proposal_attachments_file_idx ON proposal_attachments (file_id);
