import type { Domain } from '../core/extensions.ts';
import { noticeSource } from '../core/notifications/notices.ts';
import { proposalDatasets } from './datasets.ts';
import { draftingRoutes } from './drafting/routes.tsx';
import { proposalFeeds } from './feeds/feeds.ts';
import { proposalFeedRoutes } from './feeds/routes.ts';
import { followRoutes } from './follow/routes.tsx';
import { proposalsMessages } from './messages/index.ts';
import { ANSWER_REMINDER } from './notifications/kinds.ts';
import { proposalNotifications } from './notifications/source.ts';
import { proposalRoutes } from './proposal/routes.tsx';
import { answerReminderJob } from './review/reminders.ts';
import { reviewRoutes } from './review/routes.tsx';
import { answerSearch, proposalComments, proposalSearch } from './search.ts';
import { stageRoutes } from './stages/routes.tsx';
import { supportRoutes } from './support/routes.tsx';
import { proposalsOnAccountDeleted } from './support/use-cases.ts';
import { proposalsApi } from './tracker/api.ts';
import { trackerRoutes } from './tracker/routes.tsx';
import { mayReadProposalFile } from './visibility.ts';
import { proposalWork } from './work.ts';

/** Proposals as the app assembles them (src/domains.ts): routes, texts and what they lend to core's extension points. */
export const proposalsDomain: Domain = {
  name: 'proposals',
  work: [proposalWork],
  messages: proposalsMessages,
  // Attachments: whoever may see the proposal, as its visibility decides (visibility.ts).
  files: [{ kind: 'proposal-attachment', mayDownload: mayReadProposalFile }],
  jobs: [answerReminderJob],
  feeds: proposalFeeds,
  // Timeline notifications, and the reminders of answers due (core's notices of these kinds).
  notifications: [proposalNotifications, noticeSource('proposal-reminder', ANSWER_REMINDER.kinds)],
  searchable: [proposalSearch, answerSearch],
  commentable: [proposalComments],
  accountDeleted: [proposalsOnAccountDeleted],
  datasets: proposalDatasets,
  routes: (app, deps) => {
    trackerRoutes(app);
    draftingRoutes(app, deps);
    proposalRoutes(app);
    reviewRoutes(app, deps);
    stageRoutes(app, deps);
    followRoutes(app, deps);
    supportRoutes(app);
    proposalsApi(app, deps);
    proposalFeedRoutes(app, deps);
  },
};
