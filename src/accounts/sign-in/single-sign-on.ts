import type { OidcIdentity } from '../../core/auth/oidc.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import { findUserByEmail } from '../queries.ts';
import { startSession } from './use-cases.ts';

/** Signing in with the organisation's identity provider (decision 0023). */

export type SingleSignOnResult =
  | { ok: true; token: string; user: CurrentUser }
  | { ok: false; reason: 'no-email' | 'unverified' | 'unknown'; email?: string };

/**
 * Opens a session for the account whose e-mail the provider has verified. Nothing else links an
 * identity to an account, and no account is created: an address the provider has not verified
 * could be anyone's (a user who typed the secretariat's address into their own profile), and who
 * may use Kenes with which role is the secretariat's decision, made by an invitation.
 */
export async function signInWithProvider(
  db: Db,
  identity: OidcIdentity & { issuer: string },
  meta: { ip: string; userAgent?: string },
): Promise<SingleSignOnResult> {
  // The same normalisation as the sign-in form's (core/http/forms.ts `email`).
  const email = identity.email?.normalize('NFC').trim().toLowerCase();
  if (!email) return { ok: false, reason: 'no-email' };
  // Decided before the account is looked up: an unverified claim learns nothing about accounts.
  if (!identity.emailVerified) return { ok: false, reason: 'unverified', email };
  const user = await findUserByEmail(db, email);
  if (!user || user.disabledAt) return { ok: false, reason: 'unknown', email };
  // A session like a password's, without "remember me": it ends with the browser or 12 idle hours.
  const session = await startSession(db, user, false, meta, {
    method: 'oidc',
    issuer: identity.issuer,
    subject: identity.subject,
    ip: meta.ip,
  });
  return { ok: true, ...session };
}
