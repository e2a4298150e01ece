import type { Domain } from '../core/extensions.ts';
import { meetingsApi } from './api.ts';
import { meetingDocumentFiles } from './files.ts';
import { meetingJobs } from './jobs.ts';
import { meetingsMessages } from './messages/index.ts';
import { meetingRoutes } from './routes.tsx';
import { meetingComments, meetingSearch, newsComments, newsSearch } from './search.ts';

/** Meetings as the app assembles them (src/domains.ts): routes, texts and what they lend to core's extension points. */
export const meetingsDomain: Domain = {
  name: 'meetings',
  messages: meetingsMessages,
  files: [meetingDocumentFiles],
  jobs: meetingJobs,
  feeds: [
    { id: 'news', format: 'atom', title: 'news.title', path: (lang) => `/${lang}/news.atom` },
    { id: 'meetings', format: 'ical', title: 'meetings.calendarFeed', path: (lang) => `/${lang}/meetings.ics` },
  ],
  searchable: [meetingSearch, newsSearch],
  commentable: [newsComments, meetingComments],
  routes: (app, deps) => {
    meetingRoutes(app, deps);
    meetingsApi(app, deps);
  },
};
