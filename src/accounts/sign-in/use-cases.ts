import { sql } from 'kysely';
import { audit, userActor } from '../../core/audit.ts';
import { hashPassword, verifyPassword } from '../../core/auth/password.ts';
import { createSession, endSession, newToken } from '../../core/auth/sessions.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import { ROLES, type Role } from '../../core/db/schema-accounts.ts';
import { findUserByEmail, type UserRow } from '../queries.ts';
import { clearFailures, type Lock, recordFailure, signInLock } from '../sign-in/lockout.ts';

/** Signing in (throttled, no account enumeration) and out. */

// A hash of a random password: verifying against it costs as much as a real one, so an unknown
// e-mail answers as slowly as a wrong password (no account enumeration by timing).
let dummyHash: Promise<string> | undefined;

export type SignInResult =
  | { ok: true; token: string; user: CurrentUser }
  /** passwordOff: the password was right, but this role signs in only through single sign-on. */
  | { ok: false; lock: Lock; passwordOff?: Role };

/** Checks the throttle, then the password, then whether the role may use a password; starts a session on success. */
export async function signIn(
  db: Db,
  input: { email: string; password: string; remember: boolean },
  meta: { ip: string; userAgent?: string },
  passwordRoles: readonly Role[] = ROLES,
): Promise<SignInResult> {
  const lock = await signInLock(db, input.email, meta.ip);
  if (lock) return { ok: false, lock };
  const user = await findUserByEmail(db, input.email);
  dummyHash ??= hashPassword(newToken());
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);
  if (!user || !valid || user.disabledAt) {
    await recordFailure(db, input.email, meta.ip);
    return { ok: false, lock: undefined };
  }
  // Told only to whoever knows the password: the role of an address is not given away.
  if (!passwordRoles.includes(user.role)) return { ok: false, lock: undefined, passwordOff: user.role };
  return {
    ok: true,
    ...(await startSession(db, user, input.remember, meta, { remember: input.remember, ip: meta.ip })),
  };
}

/**
 * Opens a session for a user whose identity has been established (a password, or the identity
 * provider): one transaction with the audit entry, whatever the way in (decision 0023).
 */
export async function startSession(
  db: Db,
  user: UserRow,
  remember: boolean,
  meta: { ip: string; userAgent?: string },
  audited: Record<string, unknown>,
): Promise<{ token: string; user: CurrentUser }> {
  const current: CurrentUser = {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    organisationId: user.organisationId,
    locale: user.locale,
    emailConfirmed: user.emailConfirmed,
    moderator: user.moderator,
  };
  const token = await db.transaction().execute(async (trx) => {
    await clearFailures(trx, user.email);
    await trx.updateTable('users').set({ last_sign_in_at: sql`now()` }).where('id', '=', user.id).execute();
    const t = await createSession(trx, user.id, remember, meta);
    await audit(trx, userActor(current), { entity: 'user', entityId: user.id, action: 'sign_in', after: audited });
    return t;
  });
  return { token, user: current };
}

export async function signOut(db: Db, user: CurrentUser, token: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await endSession(trx, token);
    await audit(trx, userActor(user), { entity: 'user', entityId: user.id, action: 'sign_out' });
  });
}
