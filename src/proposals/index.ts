/** What other domains may use of proposals. */

/** The public aggregates the dashboards draw (decision 0029). */
export { type BodyAnswers, type ProposalFigures, proposalDashboard } from './dashboard.ts';
/** The home page's figures. */
export { proposalFigures } from './figures.ts';
export { ProposalLinks } from './links/links.tsx';
export {
  isPublicProposal,
  linkableProposals,
  type ProposalLink,
  proposalsOfMeeting,
  proposalsOfOrganisation,
  publicProposalsJson,
} from './links/queries.ts';
/** Who may see a proposal (decision 0014): other domains ask here, never read proposals' tables for it. */
export { mayReadProposalFile, publicProposals, visibleProposals } from './visibility.ts';
