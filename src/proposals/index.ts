/** What other domains may use of proposals. */
export { type ProposalLink, proposalsOfMeeting, proposalsOfOrganisation } from './queries.ts';
export { ProposalLinks } from './views/links.tsx';
