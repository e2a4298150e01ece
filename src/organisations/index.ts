/** What other domains may use of organisations. */
export * from './fragments.ts';
export { countMembersByCategory, type OrganisationSummary, organisationName } from './queries.ts';
export { sortByName } from './sort.ts';
