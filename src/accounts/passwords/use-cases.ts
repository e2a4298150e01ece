import { sql } from 'kysely';
import { type Actor, audit, systemActor, userActor } from '../../core/audit.ts';
import { hashPassword, verifyPassword } from '../../core/auth/password.ts';
import { createSession, endAllSessions, tokenHash } from '../../core/auth/sessions.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { Outcome } from '../../core/http/forms.ts';
import { i18nFor } from '../../core/i18n/i18n.ts';
import type { Lang } from '../../core/i18n/locales.ts';
import { queueEmailFor } from '../../core/mail/outbox.ts';
import { auditLinkOwner, useLinkOnce } from '../links.ts';
import { findOpenReset, findUserByEmail, findUserById } from '../queries.ts';
import { clearFailures } from '../sign-in/lockout.ts';
import { closeOpenResets, issueResetLink, passwordErrors } from './rules.ts';

/** Passwords: a reset link by e-mail or by the CLI, setting a new password from it, changing it on the account page. */

/** Sends a reset link when the address has an account; says nothing either way (no enumeration). */
export async function requestPasswordReset(db: Db, email: string, publicUrl: string): Promise<void> {
  const user = await findUserByEmail(db, email);
  if (!user || user.disabledAt) return;
  await db.transaction().execute(async (trx) => {
    const link = await issueResetLink(trx, user.id);
    await queueEmailFor(trx, user, (mail) => ({
      subject: mail.t('email.reset.subject'),
      text: mail.t('email.reset.body', {
        name: user.displayName,
        link: `${publicUrl}/${user.locale}/password-reset/${link.token}`,
      }),
    }));
    await audit(trx, systemActor('password reset request'), {
      entity: 'user',
      entityId: user.id,
      action: 'password_reset_requested',
      after: { reset: link.id },
    });
  });
}

/** Creates a reset link without e-mail (for `kenes reset-password`); returns the token. */
export async function createResetLink(db: Db, email: string, actor: Actor): Promise<string | undefined> {
  const user = await findUserByEmail(db, email);
  if (!user) return undefined;
  return db.transaction().execute(async (trx) => {
    const link = await issueResetLink(trx, user.id);
    await audit(trx, actor, { entity: 'user', entityId: user.id, action: 'password_reset_requested' });
    return link.token;
  });
}

export async function isResetValid(db: Db, token: string): Promise<boolean> {
  return (await findOpenReset(db, tokenHash(token))) !== undefined;
}

/** Sets a new password from a reset link; ends every session of the account. */
export async function resetPassword(
  db: Db,
  token: string,
  input: { password: string; confirm: string },
  lang: Lang,
): Promise<Outcome | { ok: false; invalid: true }> {
  const reset = await findOpenReset(db, tokenHash(token));
  if (!reset) return { ok: false, invalid: true };
  const errors = await passwordErrors(input.password, input.confirm, lang, [reset.email]);
  if (errors) return { ok: false, errors };
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    if (!(await useLinkOnce(trx, 'password_resets', reset.id))) return { ok: false as const, invalid: true as const };
    // The link came to the address: that confirms it too (a signed-up account that lost its confirmation).
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, email_confirmed_at: sql`coalesce(email_confirmed_at, now())` })
      .where('id', '=', reset.userId)
      .execute();
    await closeOpenResets(trx, reset.userId);
    // Whoever guessed at the old password made the account wait; the new one owes them nothing.
    await clearFailures(trx, reset.email);
    await endAllSessions(trx, reset.userId);
    await auditLinkOwner(trx, reset, 'password_reset');
    return { ok: true as const, value: undefined };
  });
}

/** Changes the password after checking the current one; other sessions end, a new one is returned. */
export async function changePassword(
  db: Db,
  user: CurrentUser,
  input: { current: string; password: string; confirm: string },
  lang: Lang,
  meta: { ip: string; userAgent?: string },
): Promise<Outcome<{ token: string }>> {
  const row = await findUserById(db, user.id);
  if (!row || !(await verifyPassword(row.passwordHash, input.current))) {
    return { ok: false, errors: { current: i18nFor(lang).t('account.wrongPassword') } };
  }
  const errors = await passwordErrors(input.password, input.confirm, lang, [user.email, user.displayName]);
  if (errors) return { ok: false, errors };
  const passwordHash = await hashPassword(input.password);
  const token = await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', user.id).execute();
    await closeOpenResets(trx, user.id);
    await endAllSessions(trx, user.id);
    await audit(trx, userActor(user), { entity: 'user', entityId: user.id, action: 'password_change' });
    return createSession(trx, user.id, false, meta);
  });
  return { ok: true, value: { token } };
}
