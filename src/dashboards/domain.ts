import type { Domain } from '../core/extensions.ts';
import { dashboardsMessages } from './messages/index.ts';
import { dashboardRoutes } from './routes.tsx';

/** Public dashboards (issue 17, decision 0029): charts of every domain's public figures, drawn on the server. */
export const dashboardsDomain: Domain = {
  name: 'dashboards',
  messages: dashboardsMessages,
  routes: (app) => dashboardRoutes(app),
};
