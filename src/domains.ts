import { sql } from 'kysely';
import { enabledUsers, userDisplayName } from './accounts/index.ts';
import { accountsMessages } from './accounts/messages/index.ts';
import { accountRoutes } from './accounts/routes.tsx';
import { personSearch } from './accounts/search.ts';
import { adminRoutes } from './admin/routes.tsx';
import { commentMessages } from './core/comments/messages.ts';
import type { CommentPeople } from './core/comments/people.ts';
import { designMessages } from './core/design/messages.ts';
import { designRoutes } from './core/design/routes.tsx';
import type { Domain } from './core/extensions.ts';
import { registerMessages } from './core/i18n/i18n.ts';
import { noticeMessages } from './core/notifications/messages.ts';
import { searchMessages } from './core/search/messages.ts';
import { workMessages } from './core/work/messages.ts';
import { homeRoutes } from './home/routes.tsx';
import { meetingsDomain } from './meetings/domain.ts';
import { obligationsDomain } from './obligations/domain.ts';
import { organisationColumn } from './organisations/index.ts';
import { organisationRoutes } from './organisations/routes.tsx';
import { organisationSearch } from './organisations/search.ts';
import { proposalsDomain } from './proposals/domain.ts';

/**
 * Every domain of Kenes, in one list (decision 0016): app.ts registers their routes in this order and
 * hands their files, feeds, jobs, notifications, search documents and comment targets to core's
 * extension points. A new domain is one line here.
 */
export const DOMAINS: readonly Domain[] = [
  { name: 'home', routes: (app) => homeRoutes(app) },
  { name: 'organisations', routes: (app) => organisationRoutes(app), searchable: [organisationSearch] },
  meetingsDomain,
  proposalsDomain,
  obligationsDomain,
  {
    name: 'accounts',
    messages: accountsMessages,
    routes: (app, deps) => accountRoutes(app, deps),
    searchable: [personSearch],
  },
  { name: 'admin', routes: (app, deps) => adminRoutes(app, deps) },
  // The living page of the design system (core's components, decision 0027).
  { name: 'design', messages: designMessages, routes: (app) => designRoutes(app) },
];

// Interface texts are known as soon as the domains are (the CLI and workers render them too).
for (const domain of DOMAINS) if (domain.messages) registerMessages(domain.messages);
// … and those of core's features that have their own (search: every page's header has its box; comments; "My work", also in the header).
registerMessages(searchMessages);
registerMessages(commentMessages);
registerMessages(workMessages);
registerMessages(noticeMessages);

/** What comments (core) need of accounts and organisations: names as fragments of its queries, and whom to write to. */
export const COMMENT_PEOPLE: CommentPeople = {
  userName: (id) => userDisplayName(id),
  organisationName: (id) => organisationColumn(id, 'name'),
  contacts: (db, ids) =>
    ids.length === 0
      ? Promise.resolve([])
      : enabledUsers(db, { roles: [], orIds: sql`(SELECT unnest(${[...ids]}::bigint[]))` }),
};
