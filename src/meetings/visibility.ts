import { type RawBuilder, sql } from 'kysely';
import { can } from '../core/auth/policy.ts';
import type { CurrentUser } from '../core/auth/user.ts';
import type { MeetingStatus, Role } from '../core/db/schema.ts';
import { MEETING_STATUSES } from './workflow.ts';

/*
 * Who may see a meeting and each of its parts: the one place that decides it (issue 10, decision
 * 0015). Every reader — pages, the API, calendars, news and its feed, file downloads, the tasks list,
 * the home page, filter options and the links other domains show — asks `maySee` (a predicate on a
 * loaded meeting) or `visibleCondition` (the same rule as SQL), both derived from the table below, so
 * they cannot disagree. A reader who may not see a meeting gets 404, as for an id that does not exist.
 */

/** Who is reading: a signed-in user, or null for a visitor (and for feeds fetched without a session). */
export type Reader = CurrentUser | null;

/** How far a reader reaches, from the policy: staff run meetings, members read members-only things. */
export type Audience = 'everyone' | 'members' | 'staff';
const RANK: Record<Audience, number> = { everyone: 0, members: 1, staff: 2 };

/**
 * A reader who is nothing but a role: for what is sent to everyone holding it (e-mail reminders), so
 * that mail shows no more than those people would see signed in.
 */
export function readerWithRole(role: Role): Reader {
  return { id: '0', email: '', displayName: '', role, organisationId: null, locale: 'en', emailConfirmed: false };
}

export function audienceOf(reader: Reader): Audience {
  if (can(reader, 'run-meetings')) return 'staff';
  if (can(reader, 'read-members-only')) return 'members';
  return 'everyone';
}

export type MeetingPart =
  /** The meeting itself: title, time, place, status (and reason), chair; its page, API entry, calendar entry. */
  | 'meeting'
  /** Agenda items with presenters, and the proposals presented. */
  | 'agenda'
  /** Documents attached to the meeting or its items, and their files. */
  | 'documents'
  /** Decisions and the tasks they set (the tasks list, links from recommendations). */
  | 'decisions'
  /** How many attended, by category of organisation (after the meeting). */
  | 'attendanceSummary'
  /** The register: who is expected or attended, by name (and its PDF). */
  | 'attendanceRegister'
  /** Minutes versions and corrections before approval. */
  | 'minutesDrafts'
  /** The minutes the chair approved. */
  | 'approvedMinutes'
  /** The communiqué being drafted. */
  | 'communiqueDraft'
  /** The published communiqué: on the meeting page and as News (and its Atom feed). */
  | 'communique';

type Who = Audience | null; // null: nobody, the part does not exist in that state

const S: Who = 'staff';
const M: Who = 'members';
const E: Who = 'everyone';
const _: Who = null;

// A column per status, in the order of MEETING_STATUSES (which holds every status).
type Row = readonly [Who, Who, Who, Who, Who, Who, Who, Who];

/*
 * The least audience that sees each part in each state of a PUBLIC meeting. A members-only meeting
 * raises "everyone" to "members" (see `audienceFor`); staff see everything that exists.
 * Why: a draft is the secretariat's until announced; minutes versions are the secretariat's working
 * copy until circulated to members for review (minutes_review), and become public only as approved
 * minutes; the register names people, so it stays with members; a cancelled meeting stays visible with
 * its reason, so that those who planned to come learn why.
 *
 *                     draft announced postponed held review approved published cancelled
 */
const TABLE: Record<MeetingPart, Row> = {
  meeting: /*          */ [S, E, E, E, E, E, E, E],
  agenda: /*           */ [S, E, E, E, E, E, E, E],
  documents: /*        */ [S, E, E, E, E, E, E, E],
  decisions: /*        */ [S, E, E, E, E, E, E, E],
  attendanceSummary: /**/ [_, _, _, E, E, E, E, _],
  attendanceRegister: /**/ [S, M, M, M, M, M, M, M],
  minutesDrafts: /*    */ [S, S, S, S, M, M, M, S],
  approvedMinutes: /*  */ [_, _, _, _, _, E, E, _],
  communiqueDraft: /*  */ [S, S, S, S, S, S, S, S],
  communique: /*       */ [_, _, _, _, _, _, E, _],
};

/** The least audience of a part of a meeting in this state and visibility, or null if the part cannot be seen. */
export function audienceFor(
  part: MeetingPart,
  m: { status: MeetingStatus; visibility: 'public' | 'members' },
): Audience | null {
  const who = TABLE[part][MEETING_STATUSES.indexOf(m.status)] ?? null;
  if (who === 'everyone' && m.visibility === 'members') return 'members';
  return who;
}

/** May this reader see this part of the meeting? (The predicate, for a meeting already loaded.) */
export function maySee(
  reader: Reader,
  part: MeetingPart,
  m: { status: MeetingStatus | string; visibility: 'public' | 'members' | string },
): boolean {
  return seenBy(audienceOf(reader), part, m);
}

/**
 * May every reader of this audience see this part of the meeting? maySee's rule, for what is read
 * once per audience and kept (the meeting page's shared part): a reader sees exactly what their
 * audience does.
 */
export function seenBy(
  audience: Audience,
  part: MeetingPart,
  m: { status: MeetingStatus | string; visibility: 'public' | 'members' | string },
): boolean {
  const need = audienceFor(part, m as { status: MeetingStatus; visibility: 'public' | 'members' });
  return need !== null && RANK[audience] >= RANK[need];
}

/** The states in which a reader sees a part of a meeting of this visibility. */
function statusesSeen(reader: Reader, part: MeetingPart, visibility: 'public' | 'members'): MeetingStatus[] {
  return MEETING_STATUSES.filter((status) => maySee(reader, part, { status, visibility }));
}

/**
 * The same rule as a SQL condition on the meetings row aliased `alias` (default `m`): for Kysely's
 * `.where(...)` and for raw `sql` queries alike. Built from `maySee`, so the two cannot disagree.
 */
export function visibleCondition(reader: Reader, part: MeetingPart = 'meeting', alias = 'm'): RawBuilder<boolean> {
  const status = sql.ref(`${alias}.status`);
  const visibility = sql.ref(`${alias}.visibility`);
  const inList = (list: MeetingStatus[]) =>
    list.length === MEETING_STATUSES.length
      ? sql<boolean>`TRUE`
      : list.length === 0
        ? sql<boolean>`FALSE`
        : sql<boolean>`${status} IN (${sql.join(list)})`;
  const pub = statusesSeen(reader, part, 'public');
  const mem = statusesSeen(reader, part, 'members');
  if (pub.join() === mem.join()) return sql<boolean>`(${inList(pub)})`;
  if (mem.length === 0) return sql<boolean>`(${visibility} = 'public' AND ${inList(pub)})`;
  return sql<boolean>`((${visibility} = 'public' AND ${inList(pub)}) OR (${visibility} = 'members' AND ${inList(mem)}))`;
}
