import type { MeetingStatus } from '../core/db/schema.ts';

/*
 * A meeting's life: draft → announced → held → minutes in review → minutes approved → published;
 * postponed (and back to announced) or cancelled, each with a reason. Minutes and publishing have
 * their own use cases, which make the last three moves; the status form offers the others.
 */
/** Every status, in the order of a meeting's life (cancelled last); tables over statuses follow it. */
export const MEETING_STATUSES = [
  'draft',
  'announced',
  'postponed',
  'held',
  'minutes_review',
  'minutes_approved',
  'published',
  'cancelled',
] as const satisfies readonly MeetingStatus[];
// A new status fails to compile here until it is in the list (and so in every table over it).
const EVERY_STATUS: [Exclude<MeetingStatus, (typeof MEETING_STATUSES)[number]>] extends [never] ? true : never = true;
void EVERY_STATUS;

export const TRANSITIONS: Record<MeetingStatus, readonly MeetingStatus[]> = {
  draft: ['announced', 'cancelled'],
  announced: ['held', 'postponed', 'cancelled'],
  postponed: ['announced', 'cancelled'],
  // held → announced reopens a meeting marked held by mistake (with a reason, REOPENING).
  held: ['minutes_review', 'announced'],
  minutes_review: ['minutes_approved', 'held'],
  minutes_approved: ['published'],
  published: [],
  cancelled: [],
};

/** Moves made with the status form (the others belong to the minutes and communiqué). */
export const MANUAL: readonly MeetingStatus[] = ['announced', 'held', 'postponed', 'cancelled'];

export const NEEDS_REASON: readonly MeetingStatus[] = ['postponed', 'cancelled'];

/** Whether a move undoes a step wrongly taken (a meeting marked held by mistake): staff must say why. */
export function isReopening(from: MeetingStatus, to: MeetingStatus): boolean {
  return from === 'held' && to === 'announced';
}

/** Moves that may happen only once the meeting has started. */
export const ONLY_ONCE_STARTED: readonly MeetingStatus[] = ['held'];

export function canMove(from: MeetingStatus, to: MeetingStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The agenda, invitations and documents may change until the meeting has been held. */
export function agendaOpen(status: MeetingStatus): boolean {
  return status === 'draft' || status === 'announced' || status === 'postponed';
}

/** Past the point where the public sees the meeting as held. */
export function isHeld(status: MeetingStatus): boolean {
  return ['held', 'minutes_review', 'minutes_approved', 'published'].includes(status);
}
