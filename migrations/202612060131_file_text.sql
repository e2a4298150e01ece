-- The text of uploaded PDF and DOCX files, for search (decision 0018): read after the upload by a job
-- (core/files/text.ts). 'none' for the other types; 'pending' until read; 'reading' while a process
-- holds it (since text_claimed_at); 'done' or 'failed'.
ALTER TABLE files
  ADD COLUMN text text,
  ADD COLUMN text_state text NOT NULL DEFAULT 'none'
    CHECK (text_state IN ('none', 'pending', 'reading', 'done', 'failed')),
  ADD COLUMN text_claimed_at timestamptz;
UPDATE files SET text_state = 'pending'
 WHERE content_type IN ('application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
CREATE INDEX files_text_pending ON files (id) WHERE text_state = 'pending';
