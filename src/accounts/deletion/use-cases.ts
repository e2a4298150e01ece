import { sql } from 'kysely';
import { audit } from '../../core/audit.ts';
import { verifyPassword } from '../../core/auth/password.ts';
import { authorizeUser } from '../../core/auth/policy.ts';
import { endAllSessions } from '../../core/auth/sessions.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { AccountDeletedHook } from '../../core/extensions.ts';
import type { Outcome } from '../../core/http/forms.ts';
import { i18nFor } from '../../core/i18n/i18n.ts';
import type { Lang } from '../../core/i18n/locales.ts';
import { platformSettings } from '../../core/settings.ts';
import { closeOpenLinks } from '../links.ts';
import { closeOpenResets } from '../passwords/rules.ts';
import { findUserById } from '../queries.ts';
import { clearFailures } from '../sign-in/lockout.ts';

/** What a deleted account's name becomes in the table (views show `deletedUser` in the reader's language). */
export const DELETED_NAME = 'deleted user';

/**
 * A person deletes their own account, after typing their password (decision 0021). In one
 * transaction: every domain's hook (comments kept as "deleted user" or removed, by the body's
 * setting; follows dropped…), then the personal data of accounts' own tables — the name, the
 * e-mail (a placeholder on the reserved .invalid domain), the password, the calendar address,
 * the open links and every session — and an audit entry without them. The row stays, disabled and
 * marked deleted, so that what refers to it keeps a (nameless) author. The last active platform
 * administrator cannot delete themselves (under the same lock as role changes).
 */
export async function deleteOwnAccount(
  db: Db,
  user: CurrentUser,
  password: string,
  lang: Lang,
  hooks: readonly AccountDeletedHook[],
): Promise<Outcome> {
  authorizeUser(user, 'manage-own-account');
  const i18n = i18nFor(lang);
  const row = await findUserById(db, user.id);
  if (!row || !(await verifyPassword(row.passwordHash, password))) {
    return { ok: false, errors: { password: i18n.t('account.wrongPassword') } };
  }
  return db.transaction().execute(async (trx) => {
    // The lock of administrators' changes (users/use-cases.ts): two last administrators cannot both leave.
    await sql`SELECT pg_advisory_xact_lock(4205197304)`.execute(trx);
    if (row.role === 'platform_admin') {
      const others = await trx
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'platform_admin')
        .where('disabled_at', 'is', null)
        .where('id', '!=', user.id)
        .executeTakeFirst();
      if (!others) return { ok: false as const, errors: { password: i18n.t('deleteAccount.lastAdmin') } };
    }
    const { comments_on_account_deletion: comments } = await platformSettings(trx);
    for (const hook of hooks) await hook.run(trx, { userId: user.id, comments });
    await closeOpenResets(trx, user.id);
    await closeOpenLinks(trx, 'email_confirmations', user.id);
    await clearFailures(trx, row.email);
    await trx
      .updateTable('users')
      .set({
        display_name: DELETED_NAME,
        email: `deleted-${user.id}@deleted.invalid`,
        // No password verifies against this (not an argon2 hash).
        password_hash: 'deleted',
        calendar_token_hash: null,
        notify: 'never',
        disabled_at: sql`coalesce(disabled_at, now())`,
        deleted_at: sql`now()`,
      })
      .where('id', '=', user.id)
      .execute();
    await endAllSessions(trx, user.id);
    await audit(
      trx,
      { userId: user.id, label: `deleted user ${user.id}`, organisationId: user.organisationId },
      {
        entity: 'user',
        entityId: user.id,
        action: 'delete',
        before: { role: row.role },
        after: { comments, hooks: hooks.map((h) => h.name) },
      },
    );
    return { ok: true as const, value: undefined };
  });
}
