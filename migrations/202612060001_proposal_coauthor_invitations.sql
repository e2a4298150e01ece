-- Co-authorship is offered, not imposed: an organisation named as co-author is invited, and only
-- when its representative accepts does it join proposal_authors (which therefore keeps meaning
-- "authors who agreed", for every reader that already uses it).
CREATE TABLE proposal_coauthor_invitations (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  proposal_id      bigint NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
  organisation_id  bigint NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
  invited_by       bigint REFERENCES users (id) ON DELETE SET NULL,
  invited_at       timestamptz NOT NULL DEFAULT now(),
  answer           text CHECK (answer IN ('accepted', 'declined')),
  answered_by      bigint REFERENCES users (id) ON DELETE SET NULL,
  answered_at      timestamptz,
  UNIQUE (proposal_id, organisation_id),
  CHECK ((answer IS NULL) = (answered_at IS NULL))
);
CREATE INDEX proposal_coauthor_invitations_organisation_idx
  ON proposal_coauthor_invitations (organisation_id) WHERE answer IS NULL;

-- Visibility (src/proposals/visibility.ts) reads "was it ever submitted?" from submitted_at: a proposal
-- past the draft stage that was never submitted can only be one withdrawn as a draft.
ALTER TABLE proposals ADD CONSTRAINT proposals_submitted_at_set
  CHECK (status IN ('draft', 'withdrawn') OR submitted_at IS NOT NULL);
