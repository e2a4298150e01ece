/** What other domains may use of organisations. */
export { countMembersByCategory, type OrganisationSummary } from './queries.ts';
export { sortByName } from './sort.ts';
