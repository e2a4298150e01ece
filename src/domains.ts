import { sql } from 'kysely';
import { enabledUsers, userDisplayName } from './accounts/index.ts';
import { accountsMessages } from './accounts/messages/index.ts';
import { accountRoutes } from './accounts/routes.tsx';
import { personSearch } from './accounts/search.ts';
import { auditMessages } from './admin/audit/messages.ts';
import { adminRoutes } from './admin/routes.tsx';
import { chartMessages } from './core/charts/messages.ts';
import { commentMessages } from './core/comments/messages.ts';
import type { CommentPeople } from './core/comments/people.ts';
import { designMessages } from './core/design/messages.ts';
import { designRoutes } from './core/design/routes.tsx';
import type { Domain } from './core/extensions.ts';
import { registerMessages } from './core/i18n/i18n.ts';
import { noticeMessages } from './core/notifications/messages.ts';
import { openDataMessages } from './core/open-data/messages.ts';
import { searchMessages } from './core/search/messages.ts';
import { workMessages } from './core/work/messages.ts';
import { dashboardsDomain } from './dashboards/domain.ts';
import { homeMessages } from './home/messages/index.ts';
import { homeRoutes } from './home/routes.tsx';
import { meetingsDomain } from './meetings/domain.ts';
import { obligationsDomain } from './obligations/domain.ts';
import { organisationsApi } from './organisations/api/routes.ts';
import { organisationDatasets } from './organisations/datasets.ts';
import { organisationColumn } from './organisations/index.ts';
import { organisationsMessages } from './organisations/messages/datasets.ts';
import { organisationRoutes } from './organisations/routes.tsx';
import { organisationSearch } from './organisations/search.ts';
import { proposalsDomain } from './proposals/domain.ts';

/**
 * Every domain of Kenes, in one list (decision 0016): app.ts registers their routes in this order and
 * hands their files, feeds, jobs, notifications, search documents and comment targets to core's
 * extension points. A new domain is one line here.
 */
export const DOMAINS: readonly Domain[] = [
  { name: 'home', messages: homeMessages, routes: (app) => homeRoutes(app) },
  {
    name: 'organisations',
    messages: organisationsMessages,
    routes: (app, deps) => {
      organisationRoutes(app);
      organisationsApi(app, deps);
    },
    searchable: [organisationSearch],
    datasets: organisationDatasets,
  },
  meetingsDomain,
  proposalsDomain,
  obligationsDomain,
  {
    name: 'accounts',
    messages: accountsMessages,
    routes: (app, deps) => accountRoutes(app, deps),
    searchable: [personSearch],
  },
  { name: 'admin', messages: auditMessages, routes: (app, deps) => adminRoutes(app, deps) },
  dashboardsDomain,
  // The living page of the design system (core's components, decision 0027).
  { name: 'design', messages: designMessages, routes: (app) => designRoutes(app) },
];

// Interface texts are known as soon as the domains are (the CLI and workers render them too).
for (const domain of DOMAINS) if (domain.messages) registerMessages(domain.messages);
// … and those of core's features that have their own (search: every page's header has its box; comments; "My work", also in the header; open data, in the footer).
registerMessages(searchMessages);
registerMessages(commentMessages);
registerMessages(workMessages);
registerMessages(noticeMessages);
registerMessages(openDataMessages);
registerMessages(chartMessages);

/** What comments (core) need of accounts and organisations: names as fragments of its queries, and whom to write to. */
export const COMMENT_PEOPLE: CommentPeople = {
  userName: (id) => userDisplayName(id),
  organisationName: (id) => organisationColumn(id, 'name'),
  contacts: (db, ids) =>
    ids.length === 0
      ? Promise.resolve([])
      : enabledUsers(db, { roles: [], orIds: sql`(SELECT unnest(${[...ids]}::bigint[]))` }),
};
