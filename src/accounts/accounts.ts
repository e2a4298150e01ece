import { sql } from 'kysely';
import { type Actor, audit, systemActor, userActor } from '../core/audit.ts';
import { hashPassword, PASSWORD_MAX, PASSWORD_MIN, passwordProblem, verifyPassword } from '../core/auth/password.ts';
import { can } from '../core/auth/policy.ts';
import { createSession, endAllSessions, endSession, newToken, tokenHash } from '../core/auth/sessions.ts';
import type { CurrentUser } from '../core/auth/user.ts';
import type { Db } from '../core/db/database.ts';
import type { Role } from '../core/db/schema.ts';
import type { FieldErrors } from '../core/http/forms.ts';
import { HttpError } from '../core/http/http-error.ts';
import { i18nFor } from '../core/i18n/i18n.ts';
import type { Lang } from '../core/i18n/locales.ts';
import { queueEmail } from '../core/mail/outbox.ts';
import { clearFailures, type Lock, recordFailure, signInLock } from './lockout.ts';
import { findOpenInvitation, findOpenReset, findUserByEmail, findUserById } from './queries.ts';

/** Use cases of accounts. Each write checks the policy, runs in one transaction and is audited. */

export type Outcome<T = undefined> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const INVITATION_DAYS = 14;
const RESET_HOURS = 1;

// A hash of a random password: verifying against it costs as much as a real one, so an unknown
// e-mail answers as slowly as a wrong password (no account enumeration by timing).
let dummyHash: Promise<string> | undefined;

async function passwordErrors(
  password: string,
  confirm: string,
  lang: Lang,
  context: string[],
): Promise<FieldErrors | undefined> {
  const i18n = i18nFor(lang);
  const problem = await passwordProblem(password, context);
  if (problem === 'tooShort') return { password: i18n.t('password.tooShort', { count: PASSWORD_MIN }) };
  if (problem === 'tooLong') return { password: i18n.t('password.tooLong', { count: PASSWORD_MAX }) };
  if (problem === 'common') return { password: i18n.t('password.common') };
  if (password !== confirm) return { confirm: i18n.t('password.mismatch') };
  return undefined;
}

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

/** Roles a user may give by invitation: staff invite any role but administrator; administrators any. */
export function mayGiveRole(inviter: CurrentUser, role: Role): boolean {
  if (!can(inviter, 'invite-users')) return false;
  return role !== 'platform_admin' || can(inviter, 'manage-users');
}

export interface InviteData {
  email: string;
  displayName: string;
  role: Role;
  organisationId?: string | undefined;
  locale: Lang;
}

/** Invites a person: an invitation with a secret link, and the e-mail that carries it. */
export async function inviteUser(
  db: Db,
  inviter: CurrentUser,
  data: InviteData,
  ctx: { lang: Lang; publicUrl: string; bodyName: string; organisationName: string | undefined },
): Promise<Outcome> {
  const i18n = i18nFor(ctx.lang);
  if (!can(inviter, 'invite-users')) throw new HttpError(403, 'invite-users');
  if (!mayGiveRole(inviter, data.role)) return { ok: false, errors: { role: i18n.t('admin.roleNotAllowed') } };
  if (data.role === 'representative' && !data.organisationId) {
    return { ok: false, errors: { organisationId: i18n.t('admin.organisationRequired') } };
  }
  if (data.organisationId && !ctx.organisationName)
    return { ok: false, errors: { organisationId: i18n.t('validation.choice') } };
  if (await findUserByEmail(db, data.email)) return { ok: false, errors: { email: i18n.t('admin.emailTaken') } };
  const token = newToken();
  try {
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('invitations')
        .values({
          token_hash: tokenHash(token),
          email: data.email,
          display_name: data.displayName,
          role: data.role,
          organisation_id: data.organisationId ?? null,
          locale: data.locale,
          invited_by: inviter.id,
          expires_at: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const mail = i18nFor(data.locale);
      await queueEmail(trx, {
        to: data.email,
        subject: mail.t('email.invite.subject'),
        text: mail.t('email.invite.body', {
          name: data.displayName,
          inviter: inviter.displayName,
          body: ctx.bodyName,
          role: mail.t(`role.${data.role}`),
          organisation: ctx.organisationName
            ? mail.t('email.invite.organisationPart', { organisation: ctx.organisationName })
            : '',
          link: `${ctx.publicUrl}/${data.locale}/invitations/${token}`,
        }),
      });
      await audit(trx, userActor(inviter), {
        entity: 'invitation',
        entityId: row.id,
        action: 'create',
        after: { ...data },
      });
    });
  } catch (err) {
    if ((err as { constraint?: string }).constraint === 'invitations_open_email_uq') {
      return { ok: false, errors: { email: i18n.t('admin.invitationExists') } };
    }
    throw err;
  }
  return { ok: true, value: undefined };
}

/** Accepts an invitation: the account, the person and their position, in one transaction; signs in. */
export async function acceptInvitation(
  db: Db,
  token: string,
  input: { password: string; confirm: string },
  lang: Lang,
  meta: { ip: string; userAgent?: string },
): Promise<Outcome<{ token: string }> | { ok: false; invalid: true }> {
  const invitation = await findOpenInvitation(db, tokenHash(token));
  if (!invitation) return { ok: false, invalid: true };
  const errors = await passwordErrors(input.password, input.confirm, lang, [invitation.email, invitation.displayName]);
  if (errors) return { ok: false, errors };
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    // Lock the invitation: two tabs submitting at once create one account.
    const still = await trx
      .selectFrom('invitations')
      .select('id')
      .where('id', '=', invitation.id)
      .where('accepted_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (!still || (await findUserByEmail(trx, invitation.email))) return { ok: false as const, invalid: true as const };
    const person = await trx
      .insertInto('people')
      .values({ full_name: JSON.stringify({ [invitation.locale]: invitation.displayName }) })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (invitation.organisationId) {
      await trx
        .insertInto('positions')
        .values({ person_id: person.id, organisation_id: invitation.organisationId })
        .execute();
    }
    const user = await trx
      .insertInto('users')
      .values({
        email: invitation.email,
        password_hash: passwordHash,
        display_name: invitation.displayName,
        role: invitation.role,
        organisation_id: invitation.organisationId,
        person_id: person.id,
        locale: invitation.locale,
        last_sign_in_at: sql`now()`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.updateTable('invitations').set({ accepted_at: sql`now()` }).where('id', '=', invitation.id).execute();
    const actor: Actor = { userId: user.id, label: invitation.email, organisationId: invitation.organisationId };
    await audit(trx, actor, {
      entity: 'user',
      entityId: user.id,
      action: 'create',
      after: {
        email: invitation.email,
        role: invitation.role,
        organisationId: invitation.organisationId,
        invitation: invitation.id,
      },
    });
    const session = await createSession(trx, user.id, false, meta);
    return { ok: true as const, value: { token: session } };
  });
}

/**
 * A new reset link for a user, in the caller's transaction. Only the newest link works: issuing one
 * closes the earlier ones (a link in an old e-mail, perhaps read by someone else, stops working).
 * The user row is locked so that two requests at once still leave one open link.
 */
async function issueResetLink(trx: Db, userId: string): Promise<{ id: string; token: string }> {
  await trx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().execute();
  await closeOpenResets(trx, userId);
  const token = newToken();
  const row = await trx
    .insertInto('password_resets')
    .values({
      token_hash: tokenHash(token),
      user_id: userId,
      expires_at: new Date(Date.now() + RESET_HOURS * 3_600_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token };
}

/**
 * Closes every open reset link of a user: when a newer one is issued and whenever the password
 * changes (by a link, on the account page, by `kenes create-admin`). Marked as used: no link is
 * deleted, so the audit's references to them stay meaningful.
 */
async function closeOpenResets(trx: Db, userId: string): Promise<void> {
  await trx
    .updateTable('password_resets')
    .set({ used_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}

/** Sends a reset link when the address has an account; says nothing either way (no enumeration). */
export async function requestPasswordReset(db: Db, email: string, publicUrl: string): Promise<void> {
  const user = await findUserByEmail(db, email);
  if (!user || user.disabledAt) return;
  await db.transaction().execute(async (trx) => {
    const link = await issueResetLink(trx, user.id);
    const mail = i18nFor(user.locale);
    await queueEmail(trx, {
      to: user.email,
      subject: mail.t('email.reset.subject'),
      text: mail.t('email.reset.body', {
        name: user.displayName,
        link: `${publicUrl}/${user.locale}/password-reset/${link.token}`,
      }),
    });
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
    const used = await trx
      .updateTable('password_resets')
      .set({ used_at: sql`now()` })
      .where('id', '=', reset.id)
      .where('used_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!used) return { ok: false as const, invalid: true as const };
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', reset.userId).execute();
    await closeOpenResets(trx, reset.userId);
    // Whoever guessed at the old password made the account wait; the new one owes them nothing.
    await clearFailures(trx, reset.email);
    await endAllSessions(trx, reset.userId);
    await audit(
      trx,
      { userId: reset.userId, label: reset.email, organisationId: null },
      {
        entity: 'user',
        entityId: reset.userId,
        action: 'password_reset',
      },
    );
    return { ok: true as const, value: undefined };
  });
}

export async function updateAccount(
  db: Db,
  user: CurrentUser,
  data: { displayName: string; locale: Lang },
): Promise<void> {
  if (!can(user, 'manage-own-account')) throw new HttpError(403);
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('users')
      .select(['display_name', 'locale'])
      .where('id', '=', user.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('users')
      .set({ display_name: data.displayName, locale: data.locale })
      .where('id', '=', user.id)
      .execute();
    await audit(trx, userActor(user), {
      entity: 'user',
      entityId: user.id,
      action: 'update',
      before,
      after: { display_name: data.displayName, locale: data.locale },
    });
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

/** `kenes create-admin`: a platform administrator, or the password of an existing account set anew. */
export async function createAdmin(
  db: Db,
  email: string,
  password: string,
  displayName: string,
): Promise<'created' | 'updated'> {
  const problem = await passwordProblem(password, [email]);
  if (problem)
    throw new Error(
      `The password is not acceptable: ${i18nFor('en').t(`password.${problem}`, { count: problem === 'tooShort' ? PASSWORD_MIN : PASSWORD_MAX })}`,
    );
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const existing = await findUserByEmail(trx, email);
    const actor = systemActor('kenes create-admin');
    if (existing) {
      await trx
        .updateTable('users')
        .set({ password_hash: passwordHash, role: 'platform_admin', disabled_at: null })
        .where('id', '=', existing.id)
        .execute();
      await closeOpenResets(trx, existing.id);
      await endAllSessions(trx, existing.id);
      await audit(trx, actor, {
        entity: 'user',
        entityId: existing.id,
        action: 'update',
        before: { role: existing.role },
        after: { role: 'platform_admin', password: 'changed' },
      });
      return 'updated' as const;
    }
    const user = await trx
      .insertInto('users')
      .values({ email, password_hash: passwordHash, display_name: displayName, role: 'platform_admin' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, actor, {
      entity: 'user',
      entityId: user.id,
      action: 'create',
      after: { email, role: 'platform_admin' },
    });
    return 'created' as const;
  });
}

/**
 * An administrator changes an account's role, organisation or disables it. Disabling ends its
 * sessions. Kenes always keeps at least one active administrator (checked under a lock).
 */
export async function updateUser(
  db: Db,
  admin: CurrentUser,
  userId: string,
  data: { role: Role; organisationId?: string | undefined; disabled: boolean },
  lang: Lang,
): Promise<Outcome<string>> {
  if (!can(admin, 'manage-users')) throw new HttpError(403, 'manage-users');
  const i18n = i18nFor(lang);
  if (data.role === 'representative' && !data.organisationId) {
    return { ok: false, errors: { organisationId: i18n.t('admin.organisationRequired') } };
  }
  if (data.organisationId) {
    const org = await db
      .selectFrom('organisations')
      .select('id')
      .where('id', '=', data.organisationId)
      .executeTakeFirst();
    if (!org) return { ok: false, errors: { organisationId: i18n.t('validation.choice') } };
  }
  return db.transaction().execute(async (trx) => {
    // Serialise changes of administrators, so two of them cannot demote each other at once.
    await sql`SELECT pg_advisory_xact_lock(4205197304)`.execute(trx);
    const before = await trx
      .selectFrom('users')
      .select(['email', 'role', 'organisation_id', 'disabled_at'])
      .where('id', '=', userId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new HttpError(404, `user ${userId}`);
    const stillAdmin = data.role === 'platform_admin' && !data.disabled;
    if (before.role === 'platform_admin' && !before.disabled_at && !stillAdmin) {
      const others = await trx
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'platform_admin')
        .where('disabled_at', 'is', null)
        .where('id', '!=', userId)
        .executeTakeFirst();
      if (!others) return { ok: false as const, errors: { role: i18n.t('admin.lastAdmin') } };
    }
    const after = {
      role: data.role,
      organisation_id: data.organisationId ?? null,
      disabled_at: data.disabled ? (before.disabled_at ?? new Date()) : null,
    };
    await trx.updateTable('users').set(after).where('id', '=', userId).execute();
    if (data.disabled) await endAllSessions(trx, userId);
    await audit(trx, userActor(admin), {
      entity: 'user',
      entityId: userId,
      action: 'update',
      before: { role: before.role, organisation_id: before.organisation_id, disabled: before.disabled_at !== null },
      after: { role: after.role, organisation_id: after.organisation_id, disabled: data.disabled },
    });
    return { ok: true as const, value: before.email };
  });
}

/** Withdraws an open invitation: its link stops working and the address can be invited again. */
export async function revokeInvitation(db: Db, user: CurrentUser, invitationId: string): Promise<string | undefined> {
  if (!can(user, 'invite-users')) throw new HttpError(403, 'invite-users');
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('invitations')
      .set({ revoked_at: sql`now()` })
      .where('id', '=', invitationId)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .returning(['id', 'email', 'role'])
      .executeTakeFirst();
    if (!row) return undefined;
    if (row.role === 'platform_admin' && !can(user, 'manage-users')) throw new HttpError(403, 'manage-users');
    await audit(trx, userActor(user), {
      entity: 'invitation',
      entityId: row.id,
      action: 'revoke',
      before: { email: row.email },
    });
    return row.email;
  });
}
