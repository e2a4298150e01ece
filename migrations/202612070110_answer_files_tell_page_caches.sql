-- An answer's official letter is listed on the proposal's public page: its links change what visitors
-- see, so the table tells every process's page cache of its changes (decision 0022), like the others.
SELECT add_content_triggers('proposal_answer_files');
