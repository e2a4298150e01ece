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
  /** Whether the e-mail address is confirmed (only then may they comment); absent means confirmed (accounts made before sign-up). */
  emailConfirmed?: boolean;
}
