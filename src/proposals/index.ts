/** What other domains may use of proposals. */
export {
  isPublicProposal,
  linkableProposals,
  type ProposalLink,
  proposalsOfMeeting,
  proposalsOfOrganisation,
} from './queries.ts';
export { ProposalLinks } from './views/links.tsx';
/** Who may see a proposal (decision 0014): other domains ask here, never read proposals' tables for it. */
export { mayReadProposalFile, publicProposals, visibleProposals } from './visibility.ts';
