import { sql } from 'kysely';
import { audit, systemActor, userActor } from '../../core/audit.ts';
import { lockedRow } from '../../core/audited-writes.ts';
import { hashPassword, PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from '../../core/auth/password.ts';
import { authorizeUser } from '../../core/auth/policy.ts';
import { endAllSessions } from '../../core/auth/sessions.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { Role } from '../../core/db/schema.ts';
import type { Outcome } from '../../core/http/forms.ts';
import { i18nFor } from '../../core/i18n/i18n.ts';
import type { Lang } from '../../core/i18n/locales.ts';
import { organisationById } from '../../organisations/index.ts';
import { closeOpenResets } from '../passwords/rules.ts';
import { findUserByEmail } from '../queries.ts';

/** Accounts as administrators manage them: the first administrator (CLI) and changes to any account. */

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
  data: { role: Role; organisationId?: string | undefined; disabled: boolean; moderator?: boolean },
  lang: Lang,
): Promise<Outcome<string>> {
  authorizeUser(admin, 'manage-users');
  const i18n = i18nFor(lang);
  if (data.role === 'representative' && !data.organisationId) {
    return { ok: false, errors: { organisationId: i18n.t('admin.organisationRequired') } };
  }
  if (data.organisationId) {
    const org = await organisationById(db, data.organisationId);
    if (!org) return { ok: false, errors: { organisationId: i18n.t('validation.choice') } };
  }
  return db.transaction().execute(async (trx) => {
    // Serialise changes of administrators, so two of them cannot demote each other at once.
    await sql`SELECT pg_advisory_xact_lock(4205197304)`.execute(trx);
    const columns = ['email', 'role', 'organisation_id', 'disabled_at', 'moderator'] as const;
    const before = await lockedRow(trx, 'users', userId, columns, 'user');
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
      moderator: data.moderator ?? before.moderator,
    };
    await trx.updateTable('users').set(after).where('id', '=', userId).execute();
    if (data.disabled) await endAllSessions(trx, userId);
    await audit(trx, userActor(admin), {
      entity: 'user',
      entityId: userId,
      action: 'update',
      before: {
        role: before.role,
        organisation_id: before.organisation_id,
        disabled: before.disabled_at !== null,
        moderator: before.moderator,
      },
      after: {
        role: after.role,
        organisation_id: after.organisation_id,
        disabled: data.disabled,
        moderator: after.moderator,
      },
    });
    return { ok: true as const, value: before.email };
  });
}
