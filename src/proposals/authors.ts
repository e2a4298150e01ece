import { sql } from 'kysely';

/** The ids of the organisations that wrote the proposal `p` of the caller's query, as an array (for `organisationsJson`). */
export const authorIds = sql<
  string[]
>`ARRAY(SELECT a.organisation_id FROM proposal_authors a WHERE a.proposal_id = p.id)`;
