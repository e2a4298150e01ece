import type { Domain } from '../core/extensions.ts';
import { obligationsApi } from './api.ts';
import { explorerRoutes } from './explorer/routes.tsx';
import { importRoutes } from './import/index.ts';
import { mechanismRoutes } from './mechanisms/routes.tsx';
import { obligationsMessages } from './messages/index.ts';
import { reportRoutes } from './report/routes.tsx';
import { obligationRoutes } from './routes.tsx';

/** International obligations as the app assembles them (src/domains.ts): routes, texts and what they lend to core's extension points. */
export const obligationsDomain: Domain = {
  name: 'obligations',
  messages: obligationsMessages,
  routes: (app, deps) => {
    explorerRoutes(app, deps);
    obligationsApi(app, deps);
    mechanismRoutes(app);
    importRoutes(app);
    obligationRoutes(app, deps);
    reportRoutes(app);
  },
};
