import type { Domain } from '../core/extensions.ts';
import { afterResponse } from '../core/http/after-response.ts';
import { noticeSource } from '../core/notifications/notices.ts';
import { implementationApi } from './api/implementation.ts';
import { obligationsApi } from './api/routes.ts';
import { cycleCalendarRoutes, cycleRoutes } from './cycles/routes.tsx';
import { obligationDatasets } from './datasets.ts';
import { keptFacetIndex } from './explorer/kept-index.ts';
import { explorerRoutes } from './explorer/routes.tsx';
import { progressFeedRoutes, recommendationProgressFeed } from './implementation/feed.ts';
import { implementationRoutes } from './implementation/routes.tsx';
import { importRoutes } from './import/index.ts';
import { isPublicObligationFile } from './index.ts';
import { ACTION_REMINDER, obligationJobs } from './jobs.ts';
import { mechanismRoutes } from './mechanisms/routes.tsx';
import { obligationsMessages } from './messages/index.ts';
import { recommendationRoutes } from './recommendations/routes.tsx';
import { reportRoutes } from './report/routes.tsx';
import { cycleDocumentSearch, cycleSearch, recommendationComments, recommendationSearch } from './search.ts';
import { obligationWork } from './work.ts';

/** International obligations as the app assembles them (src/domains.ts): routes, texts and what they lend to core's extension points. */
export const obligationsDomain: Domain = {
  name: 'obligations',
  work: [obligationWork],
  messages: obligationsMessages,
  // A cycle's documents and a progress report's evidence are public, as their pages are.
  files: [{ kind: 'obligation-document', mayDownload: (db, _reader, fileId) => isPublicObligationFile(db, fileId) }],
  jobs: obligationJobs,
  // The reminders of actions due: core's notices of these kinds.
  notifications: [noticeSource('obligations', ACTION_REMINDER.kinds)],
  feeds: [
    { id: 'cycles', format: 'ical', title: 'obligations.calendarFeed', path: (lang) => `/${lang}/cycles.ics` },
    recommendationProgressFeed,
  ],
  searchable: [recommendationSearch, cycleSearch, cycleDocumentSearch],
  commentable: [recommendationComments],
  datasets: obligationDatasets,
  routes: (app, deps) => {
    // The explorer's facet index, kept while the recommendations are unchanged (decision 0030), built
    // after the answer of the request that found it stale.
    const after = afterResponse(app);
    const facets = keptFacetIndex(
      app.db,
      (table) => app.shared.tableVersion(table),
      (msg, err) => app.log.warn({ err }, msg),
      { run: (work) => after('the explorer’s facet index', work) },
    );
    explorerRoutes(app, deps, facets);
    obligationsApi(app, deps, facets);
    implementationApi(app, deps);
    progressFeedRoutes(app, deps);
    mechanismRoutes(app);
    importRoutes(app);
    cycleRoutes(app);
    cycleCalendarRoutes(app, deps);
    recommendationRoutes(app);
    implementationRoutes(app);
    reportRoutes(app);
  },
};
