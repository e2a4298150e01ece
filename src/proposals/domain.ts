import type { Domain } from '../core/extensions.ts';
import { proposalsApi } from './api.ts';
import { digestJob } from './digest.ts';
import { proposalsMessages } from './messages/index.ts';
import { proposalRoutes } from './routes.tsx';
import { proposalComments, proposalSearch } from './search.ts';
import { mayReadProposalFile } from './visibility.ts';

/** Proposals as the app assembles them (src/domains.ts): routes, texts and what they lend to core's extension points. */
export const proposalsDomain: Domain = {
  name: 'proposals',
  messages: proposalsMessages,
  // Attachments: whoever may see the proposal, as its visibility decides (visibility.ts).
  files: [{ kind: 'proposal-attachment', mayDownload: mayReadProposalFile }],
  jobs: [digestJob],
  searchable: [proposalSearch],
  commentable: [proposalComments],
  routes: (app, deps) => {
    proposalRoutes(app, deps);
    proposalsApi(app, deps);
  },
};
