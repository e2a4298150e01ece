import type { Domain } from '../core/extensions.ts';
import { noticeSource } from '../core/notifications/notices.ts';
import { agendaRoutes } from './agenda/routes.tsx';
import { meetingsApi } from './api/routes.ts';
import { attendanceRoutes } from './attendance/routes.tsx';
import { calendarRoutes } from './calendar/routes.tsx';
import { communiqueRoutes } from './communique/routes.tsx';
import { meetingDatasets } from './datasets.ts';
import { decisionRoutes } from './decisions/routes.tsx';
import { meetingsFeedRoutes } from './feeds/meetings-atom.ts';
import { meetingDocumentFiles } from './files.ts';
import { invitationRoutes } from './invitations/routes.tsx';
import { meetingJobs } from './jobs.ts';
import { meetingsMessages } from './messages/index.ts';
import { MINUTES_KINDS } from './minutes/notices.ts';
import { minutesRoutes } from './minutes/routes.tsx';
import { newsRoutes } from './news/routes.tsx';
import { scheduleRoutes } from './schedule/routes.tsx';
import { meetingComments, meetingSearch, newsComments, newsSearch } from './search.ts';
import {
  agendaItemSearch,
  decisionSearch,
  meetingDocumentSearch,
  minutesSearch,
  taskSearch,
} from './search-records.ts';
import { meetingWork } from './work.ts';

/** Meetings as the app assembles them (src/domains.ts): routes, texts and what they lend to core's extension points. */
export const meetingsDomain: Domain = {
  name: 'meetings',
  work: [meetingWork],
  messages: meetingsMessages,
  files: [meetingDocumentFiles],
  jobs: meetingJobs,
  // The minutes' notices (circulated, approval due, a correction proposed): core's notices of these kinds.
  notifications: [noticeSource('meetings', Object.values(MINUTES_KINDS))],
  feeds: [
    { id: 'news', format: 'atom', title: 'news.title', path: (lang) => `/${lang}/news.atom` },
    { id: 'meetings', format: 'ical', title: 'meetings.calendarFeed', path: (lang) => `/${lang}/meetings.ics` },
    { id: 'meetings-atom', format: 'atom', title: 'meetings.feed', path: (lang) => `/${lang}/meetings.atom` },
  ],
  searchable: [
    meetingSearch,
    newsSearch,
    agendaItemSearch,
    minutesSearch,
    decisionSearch,
    taskSearch,
    meetingDocumentSearch,
  ],
  commentable: [newsComments, meetingComments],
  datasets: meetingDatasets,
  routes: (app, deps) => {
    scheduleRoutes(app);
    decisionRoutes(app);
    agendaRoutes(app);
    invitationRoutes(app, deps);
    attendanceRoutes(app);
    minutesRoutes(app);
    communiqueRoutes(app);
    newsRoutes(app, deps);
    calendarRoutes(app, deps);
    meetingsApi(app, deps);
    meetingsFeedRoutes(app, deps);
  },
};
