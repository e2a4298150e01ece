import { sql } from 'kysely';
import { audit, userActor } from '../../core/audit.ts';
import { hashPassword, verifyPassword } from '../../core/auth/password.ts';
import { createSession, endSession, newToken } from '../../core/auth/sessions.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import { findUserByEmail } from '../queries.ts';
import { clearFailures, type Lock, recordFailure, signInLock } from '../sign-in/lockout.ts';

/** Signing in (throttled, no account enumeration) and out. */

// A hash of a random password: verifying against it costs as much as a real one, so an unknown
// e-mail answers as slowly as a wrong password (no account enumeration by timing).
let dummyHash: Promise<string> | undefined;

export type SignInResult = { ok: true; token: string; user: CurrentUser } | { ok: false; lock: Lock };

/** Checks the throttle, then the password; starts a session on success. */
export async function signIn(
  db: Db,
  input: { email: string; password: string; remember: boolean },
  meta: { ip: string; userAgent?: string },
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
    const t = await createSession(trx, user.id, input.remember, meta);
    await audit(trx, userActor(current), {
      entity: 'user',
      entityId: user.id,
      action: 'sign_in',
      after: { remember: input.remember, ip: meta.ip },
    });
    return t;
  });
  return { ok: true, token, user: current };
}

export async function signOut(db: Db, user: CurrentUser, token: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await endSession(trx, token);
    await audit(trx, userActor(user), { entity: 'user', entityId: user.id, action: 'sign_out' });
  });
}
