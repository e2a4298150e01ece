-- What the import of a file of recommendations read from it, and (for a file uploaded on the web)
-- the file itself, so that whichever Kenes process shows the preview or runs the import can read
-- it. The CSV and JSON files imported are not among the document types `files` allows, and an
-- import's file is kept only until the import is done, so it lives apart from `files`.
CREATE TABLE recommendation_import_files (
  import_id    bigint PRIMARY KEY REFERENCES recommendation_imports (id) ON DELETE CASCADE,
  size_bytes   bigint NOT NULL CHECK (size_bytes > 0),
  -- How the encoding was decided: 'bom', 'nul-pattern', 'utf-8', 'guess' or 'user'.
  encoding_by  text CHECK (encoding_by IN ('bom', 'nul-pattern', 'utf-8', 'guess', 'user')),
  delimiter    text CHECK (delimiter IN (',', ';', E'\t')),
  -- The header's cells, and the line it is on (0 for JSON, whose keys are the header).
  header       jsonb NOT NULL CHECK (jsonb_typeof(header) = 'array'),
  header_line  integer NOT NULL CHECK (header_line >= 0),
  -- The first rows, for the preview: [{"line": 2, "cells": ["…", …]}, …].
  sample       jsonb NOT NULL CHECK (jsonb_typeof(sample) = 'array')
);

-- The uploaded file in chunks of at most 1 MiB (as file_chunks); removed once the import is done.
CREATE TABLE recommendation_import_chunks (
  import_id  bigint NOT NULL REFERENCES recommendation_imports (id) ON DELETE CASCADE,
  seq        integer NOT NULL CHECK (seq >= 0),
  data       bytea NOT NULL CHECK (length(data) BETWEEN 1 AND 1048576),
  PRIMARY KEY (import_id, seq)
);

-- The list of past imports, newest first.
CREATE INDEX recommendation_imports_created_idx ON recommendation_imports (created_at DESC);
