import { atomFeed, listPageFeed } from '../../core/atom.ts';
import type { Db } from '../../core/db/database.ts';
import type { Feed } from '../../core/extensions.ts';
import { plain } from '../../core/html/text.tsx';
import { i18nFor } from '../../core/i18n/i18n.ts';
import type { Lang } from '../../core/i18n/locales.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { organisationColumn } from '../../organisations/index.ts';
import { eventText, PRIVATE_EVENTS } from '../events.ts';
import { visibleProposals } from '../visibility.ts';

/*
 * Atom feeds of proposals' public timelines: every proposal's changes, and one proposal's. Read as a
 * visitor (a feed reader has no session, and a feed's address is shared): drafts and the timeline's
 * private entries (PRIVATE_EVENTS) never appear, as on the pages (visibility.ts).
 */

const ENTRIES = 50;

/** Where the feeds are, for the pages' heads (core advertises them: decision 0016). */
export const proposalFeeds: Feed[] = [
  { id: 'proposals', format: 'atom', title: 'proposals.changesFeed', path: (lang) => `/${lang}/proposals.atom` },
  {
    id: 'proposal-timeline',
    format: 'atom',
    title: 'proposal.timelineFeed',
    page: /^\/proposals\/(\d{1,18})$/,
    path: (lang, id) => `/${lang}/proposals/${id}/timeline.atom`,
  },
];

interface EventRow {
  id: string;
  proposalId: string;
  title: Translated;
  at: Date;
  kind: string;
  detail: Record<string, unknown>;
  reason: string | null;
  actorName: string;
  organisationName: Translated | null;
}

/** The latest public timeline entries of the proposals a visitor may see (of one, with `proposalId`). */
function publicEvents(db: Db, proposalId?: string): Promise<EventRow[]> {
  let q = db
    .selectFrom('proposal_events as e')
    .innerJoin('proposals as p', 'p.id', 'e.proposal_id')
    .select([
      'e.id',
      'e.proposal_id as proposalId',
      'p.title',
      'e.at',
      'e.kind',
      'e.detail',
      'e.reason',
      'e.actor_name as actorName',
      organisationColumn('e.organisation_id', 'name').$castTo<Translated | null>().as('organisationName'),
    ])
    .where(visibleProposals(null))
    .where('e.kind', 'not in', PRIVATE_EVENTS);
  if (proposalId) q = q.where('e.proposal_id', '=', proposalId);
  return q.orderBy('e.at', 'desc').orderBy('e.id', 'desc').limit(ENTRIES).execute();
}

/** The proposal's title if a visitor may see it; undefined otherwise (the feed is then a 404). */
export async function publicProposalTitle(db: Db, id: string): Promise<Translated | undefined> {
  const row = await db
    .selectFrom('proposals as p')
    .select('p.title')
    .where('p.id', '=', id)
    .where(visibleProposals(null))
    .executeTakeFirst();
  return row?.title;
}

/** What happened, as an entry's text: the event, who did it, and the reason given (if any). */
function entryText(e: EventRow, lang: Lang): string {
  const i18n = i18nFor(lang);
  const who = e.organisationName ? `${e.actorName}, ${plain(e.organisationName, i18n)}` : e.actorName;
  return [`${eventText(e.kind, e.detail, i18n)} (${who})`, e.reason].filter(Boolean).join('\n\n');
}

/** Every proposal's changes, or (with `one`) one proposal's timeline, as Atom in a language. */
export async function proposalsAtom(
  db: Db,
  publicUrl: string,
  lang: Lang,
  one?: { id: string; title: Translated },
): Promise<string> {
  const i18n = i18nFor(lang);
  const events = await publicEvents(db, one?.id);
  const entries = events.map((e) => ({
    id: `${publicUrl}/proposals/${e.proposalId}/events/${e.id}`,
    title: `${plain(e.title, i18n)}: ${eventText(e.kind, e.detail, i18n)}`,
    link: `${publicUrl}/${lang}/proposals/${e.proposalId}#timeline`,
    published: e.at,
    updated: e.at,
    content: entryText(e, lang),
  }));
  if (!one) return listPageFeed(i18n, publicUrl, 'proposals', i18n.t('proposals.changesFeed'), entries);
  const page = `${publicUrl}/${lang}/proposals/${one.id}`;
  return atomFeed({
    id: page,
    title: `${plain(one.title, i18n)} — ${i18n.t('proposal.timeline')}`,
    link: page,
    self: `${page}/timeline.atom`,
    lang,
    author: i18n.t('site.name'),
    updated: entries[0]?.updated ?? new Date(0),
    entries,
  });
}
