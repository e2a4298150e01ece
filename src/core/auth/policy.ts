import type { Role } from '../db/schema.ts';
import { HttpError } from '../http/http-error.ts';
import type { CurrentUser } from './user.ts';

/*
 * Who may do what. One table: each action lists the roles that may do it, optionally narrowed by a
 * rule about the thing acted on. Handlers enforce it (`authorize`), views show only the buttons it
 * allows, and src/core/auth/policy.test.ts checks every role × action pair. Later issues add their
 * actions here.
 */

/** Something that belongs to an organisation (a proposal, an answer, the organisation itself). */
export interface OwnedByOrganisation {
  organisationId: string | null;
}

type Rule = (user: CurrentUser, thing: unknown) => boolean;

interface ActionPolicy {
  roles: readonly Role[];
  /** Extra condition on the thing; without one the role suffices. */
  rule?: Rule;
  /** Anonymous visitors may do it too. */
  anonymous?: boolean;
}

const STAFF = ['platform_admin', 'secretariat'] as const;
const MEMBERS = ['platform_admin', 'secretariat', 'chair', 'representative', 'observer'] as const;
const SIGNED_IN = ['platform_admin', 'secretariat', 'chair', 'representative', 'observer', 'citizen'] as const;

const ownOrganisation: Rule = (user, thing) =>
  user.organisationId !== null && (thing as OwnedByOrganisation | undefined)?.organisationId === user.organisationId;

export const POLICY = {
  /** Read public pages: the directory, published meetings, news. */
  'read-public': { roles: SIGNED_IN, anonymous: true },
  /** See what is visible to members only (members-only meetings, drafts circulated to members). */
  'read-members-only': { roles: MEMBERS },
  /** Manage one's own account: name, language, password, sign out everywhere. */
  'manage-own-account': { roles: SIGNED_IN },
  /** Comment on public content and follow it. */
  comment: { roles: SIGNED_IN },
  /** Act on behalf of an organisation: submit its proposals, answer for it as a state body. */
  'act-for-organisation': { roles: ['representative'], rule: ownOrganisation },
  /** Create and edit organisations, their parents and their membership of the body. */
  'manage-organisations': { roles: STAFF },
  /** Record people and their positions. */
  'manage-people': { roles: STAFF },
  /** Invite a person to an account (any role but platform administrator). */
  'invite-users': { roles: STAFF },
  /** Open the living page of the design system (/design, decision 0027). */
  'read-design-system': { roles: STAFF },
  /** Invite administrators, change roles, disable accounts. */
  'manage-users': { roles: ['platform_admin'] },
  /** Read the e-mail outbox (the whole mail flow on a machine without SMTP). */
  'read-outbox': { roles: ['platform_admin'] },
  'read-backups': { roles: ['platform_admin'] },
  /** Browse, filter and export the audit log. */
  'read-audit-log': { roles: ['platform_admin'] },
  /** Run meetings: schedule, agenda, invitations, attendance, minutes drafts, decisions, communiqué. */
  'run-meetings': { roles: STAFF },
  /** Approve minutes. */
  'approve-minutes': { roles: ['chair'] },
  /**
   * Propose corrections to minutes in review: the chair and the secretariat, and representatives and
   * observers of an organisation that attended (the thing lists the attending organisations).
   */
  'correct-minutes': {
    roles: ['platform_admin', 'secretariat', 'chair', 'representative', 'observer'],
    rule: (user, thing) =>
      ['platform_admin', 'secretariat', 'chair'].includes(user.role) ||
      (user.organisationId !== null &&
        ((thing as { attendingOrganisationIds?: string[] } | undefined)?.attendingOrganisationIds ?? []).includes(
          user.organisationId,
        )),
  },
  /** Register proposals, assign them to state bodies, merge duplicates, record implementation stages. */
  'manage-proposals': { roles: STAFF },
  /**
   * International obligations: mechanisms and ratifications, reporting cycles, their stages and
   * documents, recommendations (by hand and by import), clusters, repeats, actions and links.
   */
  'manage-obligations': { roles: STAFF },
  /**
   * Report progress on an implementation action: staff, and representatives of the state body
   * responsible for it (the thing is the action's responsible organisation).
   */
  'report-progress': {
    roles: ['platform_admin', 'secretariat', 'representative'],
    rule: (user, thing) => user.role !== 'representative' || ownOrganisation(user, thing),
  },
  /** Follow a proposal and be notified of its changes. */
  follow: { roles: SIGNED_IN },
  /**
   * Support a public proposal (decision 0021): a citizen for themselves, a representative for their
   * organisation (once per organisation). Staff, the chair and observers run or watch the process.
   */
  'support-proposals': {
    roles: ['citizen', 'representative'],
    rule: (user) => user.role === 'citizen' || user.organisationId !== null,
  },
  /** Edit the terms of use and the privacy notice (each edit a new version, audited). */
  'edit-legal-texts': { roles: STAFF },
  /** Change the platform's settings (e.g. what becomes of a deleted account's comments). */
  'manage-settings': { roles: ['platform_admin'] },
  /** Choose how comments are moderated: pre- or post-moderation per kind, closing days, the word list. */
  'manage-comment-settings': { roles: STAFF },
  /**
   * Moderate comments: the secretariat and administrators by their role, and anyone signed in to whom
   * an administrator gave the moderator capability (decision 0025).
   */
  moderate: {
    roles: SIGNED_IN,
    rule: (user) => (STAFF as readonly string[]).includes(user.role) || user.moderator === true,
  },
} satisfies Record<string, ActionPolicy>;

export type Action = keyof typeof POLICY;
export const ACTIONS = Object.keys(POLICY) as Action[];

/** May `user` (null: an anonymous visitor) do `action` on `thing`? */
export function can(user: CurrentUser | null, action: Action, thing?: unknown): boolean {
  const policy: ActionPolicy = POLICY[action];
  if (!user) return policy.anonymous === true;
  if (!policy.roles.includes(user.role)) return false;
  return policy.rule ? policy.rule(user, thing) : true;
}

/** A use case refuses what the policy refuses, whatever the route checked: 403 (`can` decides). */
export function authorizeUser(user: CurrentUser, action: Action, thing?: unknown): void {
  if (!can(user, action, thing)) throw new HttpError(403, `${user.email} may not ${action}`);
}
