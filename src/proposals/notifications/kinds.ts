import type { NotificationKind } from '../../core/extensions.ts';
import { deadlineReminder } from '../../core/notifications/deadline-reminders.ts';

/*
 * The kinds of notification proposals write (issue 13): each person chooses, per kind, e-mail at once,
 * in a daily or weekly digest, or none (core/notifications/choices.ts). What asks someone to act
 * comes at once by default; news of what one follows comes in digests.
 */

export const PROPOSAL_KINDS = {
  /** A submission, to the secretariat, which registers it. */
  submitted: {
    key: 'proposal-submitted',
    label: 'notify.kind.proposalSubmitted',
    default: 'immediately',
    roles: ['secretariat'],
  },
  /** An assignment, to the representatives of the state bodies that must answer. */
  assigned: {
    key: 'proposal-assigned',
    label: 'notify.kind.proposalAssigned',
    default: 'immediately',
    roles: ['representative'],
  },
  /** An invitation to co-author, to the invited organisation. */
  coauthorInvited: {
    key: 'proposal-coauthor-invited',
    label: 'notify.kind.proposalCoauthorInvited',
    default: 'immediately',
    roles: ['representative'],
  },
  /** An answer, to the authors, endorsers and followers. */
  answered: {
    key: 'proposal-answered',
    label: 'notify.kind.proposalAnswered',
    default: 'immediately',
    byRole: { observer: 'daily', citizen: 'daily', secretariat: 'daily', chair: 'daily' },
  },
  /** Every other change of a proposal one wrote, endorses or follows (stages, assessments…). */
  updates: {
    key: 'proposal-updates',
    label: 'notify.kind.proposalUpdates',
    default: 'daily',
    byRole: { observer: 'weekly', citizen: 'weekly' },
  },
} as const satisfies Record<string, NotificationKind>;

/** The kinds of the proposals' timeline notifications (source.ts). */
export const proposalEventKinds: readonly NotificationKind[] = [
  PROPOSAL_KINDS.submitted,
  PROPOSAL_KINDS.assigned,
  PROPOSAL_KINDS.coauthorInvited,
  PROPOSAL_KINDS.answered,
  PROPOSAL_KINDS.updates,
];

/**
 * The reminders of answers due (notices, review/reminders.ts): a state body's answer is due within
 * seven days, or its deadline has passed.
 */
export const ANSWER_REMINDER = deadlineReminder('answer');

/** The kind of a timeline notification: what it asks of the person, else what they are told of. */
export function eventNotificationKind(event: string, asked: boolean): string {
  if (asked && event === 'submitted') return PROPOSAL_KINDS.submitted.key;
  // A body added to (or removed from) the addressees of an assigned proposal is told as at assignment.
  if (asked && (event === 'assigned' || event === 'addressees_changed')) return PROPOSAL_KINDS.assigned.key;
  if (event === 'coauthor_invited') return PROPOSAL_KINDS.coauthorInvited.key;
  if (event === 'answered') return PROPOSAL_KINDS.answered.key;
  return PROPOSAL_KINDS.updates.key;
}
