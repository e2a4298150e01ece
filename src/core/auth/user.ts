import type { Role } from '../db/schema.ts';

/** The signed-in user of a request, as handlers, policies and views see them. */
export interface CurrentUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  /** The organisation a representative or observer acts for. */
  organisationId: string | null;
  locale: 'kk' | 'ru' | 'en';
  /**
   * Whether the owner confirmed the e-mail address (decision 0021). A signed-up citizen may sign in
   * before confirming, but features that publish what a person writes (comments) require it.
   * Accounts created by invitation (staff, representatives) are confirmed by the invitation's link.
   */
  emailConfirmed: boolean;
  /** Moderates comments besides the role (decision 0025): given by an administrator. */
  moderator?: boolean;
}
