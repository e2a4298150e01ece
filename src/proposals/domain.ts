import type { Domain } from '../core/extensions.ts';
import { proposalsApi } from './api.ts';
import { proposalsMessages } from './messages/index.ts';
import { proposalRoutes } from './routes.tsx';

/** Proposals as the app assembles them (src/domains.ts): routes, texts and what they lend to core's extension points. */
export const proposalsDomain: Domain = {
  name: 'proposals',
  messages: proposalsMessages,
  routes: (app, deps) => {
    proposalRoutes(app, deps);
    proposalsApi(app, deps);
  },
};
