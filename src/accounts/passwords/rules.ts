import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from '../../core/auth/password.ts';
import { newToken, tokenHash } from '../../core/auth/sessions.ts';
import type { Db } from '../../core/db/database.ts';
import type { FieldErrors } from '../../core/http/forms.ts';
import { i18nFor } from '../../core/i18n/i18n.ts';
import type { Lang } from '../../core/i18n/locales.ts';
import { closeOpenLinks } from '../links.ts';

/** The password rules and the reset links every password change shares. */

export const RESET_HOURS = 1;

export async function passwordErrors(
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

/**
 * A new reset link for a user, in the caller's transaction. Only the newest link works: issuing one
 * closes the earlier ones (a link in an old e-mail, perhaps read by someone else, stops working).
 * The user row is locked so that two requests at once still leave one open link.
 */
export async function issueResetLink(trx: Db, userId: string): Promise<{ id: string; token: string }> {
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
export async function closeOpenResets(trx: Db, userId: string): Promise<void> {
  await closeOpenLinks(trx, 'password_resets', userId);
}
