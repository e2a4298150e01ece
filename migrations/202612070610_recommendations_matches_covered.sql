-- The explorer's search (decision 0018) reads, for every match, the columns its facets count, its
-- filters test and its order sorts by: with the id, the date and the session in the facets' index,
-- the matches' ids are joined to that index alone (an index-only scan of ~60 MB), not to their rows
-- one by one (at 270,000 recommendations "police" probed the rows of 63,510 matches in each pass of
-- the counts: ~250,000 pages a pass).
DROP INDEX recommendations_facets_idx;
CREATE INDEX recommendations_facets_idx ON recommendations
  (response, status, priority, mechanism_id, year, state_code, cycle_id)
  INCLUDE (theme_ids, affected_group_ids, sdg_goals, sdg_targets, responsible_ids, id, adopted_on, session);
