-- The proposals tracker and the recommendations explorer search through the one index of core search
-- (search_documents, decision 0018): their own tsvector columns (Kazakh as whole words only) and the
-- trigram index of proposal titles (fuzzy matching with false hits: "ат" found "атап") go. pg_trgm
-- stays: the suggestions of similar titles while a proposal is written compare titles with it.
DROP INDEX IF EXISTS proposals_title_trgm_idx;
ALTER TABLE proposals DROP COLUMN search_ru, DROP COLUMN search_en, DROP COLUMN search_kk;
ALTER TABLE recommendations DROP COLUMN search_ru, DROP COLUMN search_en, DROP COLUMN search_kk;
