import type { Domain } from '../core/extensions.ts';
import { meetingsApi } from './api.ts';
import { meetingDocumentFiles } from './files.ts';
import { meetingJobs } from './jobs.ts';
import { meetingsMessages } from './messages/index.ts';
import { meetingRoutes } from './routes.tsx';

/** Meetings as the app assembles them (src/domains.ts): routes, texts and what they lend to core's extension points. */
export const meetingsDomain: Domain = {
  name: 'meetings',
  messages: meetingsMessages,
  files: [meetingDocumentFiles],
  jobs: meetingJobs,
  routes: (app, deps) => {
    meetingRoutes(app, deps);
    meetingsApi(app, deps);
  },
};
