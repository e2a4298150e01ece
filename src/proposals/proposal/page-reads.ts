import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { SharedReads } from '../../core/http/shared-reads.ts';
import { meetingAudience } from '../../meetings/index.ts';
import { recommendationsOfProposal } from '../../obligations/index.ts';
import { reachOf } from '../visibility.ts';
import {
  answerDeadlineDays,
  deadlineAfter,
  type ProposalDetail,
  proposalById,
  readerRelation,
  stateBodies,
  timelineOf,
} from './queries.ts';

/*
 * The proposal page's reads (issue 15, decision 0022). A PUBLIC proposal (visibility.ts: everyone
 * sees it) is read once while nothing changes, with its recommendations and its timeline; the meeting
 * it was presented at is named as the reader's meeting audience may see it (meetings decide), so the
 * key names that audience; the timeline with the events only authors and invitees see is kept under
 * a key of its own, read only by them. A proposal that is not public is read for each request, as
 * before. The reader's own relation (support, follow) is kept under a key naming the reader.
 */

/** The proposal (without the reader's support), or undefined when it does not exist; the page checks canSeeProposal. */
export async function proposalOfPage(shared: SharedReads, db: Db, id: string, user: CurrentUser | null) {
  // proposalById depends on the reader only through the meeting number, shown as meetings/visibility.ts
  // lets the reader's meeting audience see it: the key names that audience.
  const kept = await shared.read(`proposals:page:${id}:meetings:${meetingAudience(user)}`, async () => {
    const p = await proposalById(db, id, user, { supported: false });
    return p && reachOf(p) === 'public' ? p : null;
  });
  return kept ?? proposalById(db, id, user, { supported: false });
}

/** The rest of the page for a reader who may see `proposal`: a fixed few queries, fewer while nothing changes. */
export function proposalPageReads(
  shared: SharedReads,
  db: Db,
  user: CurrentUser | null,
  proposal: ProposalDetail,
  opts: { includePrivate: boolean; addressable: boolean },
) {
  const id = proposal.id;
  const keep = <T>(key: string, load: () => Promise<T>) =>
    reachOf(proposal) === 'public' ? shared.read(`proposals:page:${id}:${key}`, load) : load();
  const timelineKey = opts.includePrivate ? 'timeline:authors' : 'timeline';
  return Promise.all([
    keep(timelineKey, () => timelineOf(db, id, opts.includePrivate)),
    user
      ? shared.read(`proposals:page:${id}:reader:${user.id}`, () => readerRelation(db, user, id))
      : readerRelation(db, user, id),
    shared.read('proposals:answer-deadline-days', () => answerDeadlineDays(db)).then(deadlineAfter),
    keep('recommendations', () => recommendationsOfProposal(db, id)),
    opts.addressable ? shared.read('proposals:state-bodies', () => stateBodies(db)) : Promise.resolve(undefined),
  ]);
}
