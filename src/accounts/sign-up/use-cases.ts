import { sql } from 'kysely';
import { audit, systemActor, userActor } from '../../core/audit.ts';
import { hashPassword } from '../../core/auth/password.ts';
import { newToken, tokenHash } from '../../core/auth/sessions.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { Outcome } from '../../core/http/forms.ts';
import { localeOfEdition } from '../../core/http/latin-edition.ts';
import { i18nFor } from '../../core/i18n/i18n.ts';
import type { Lang } from '../../core/i18n/locales.ts';
import { queueEmailFor } from '../../core/mail/outbox.ts';
import { currentVersions } from '../legal/queries.ts';
import { auditLinkOwner, closeOpenLinks, useLinkOnce } from '../links.ts';
import { passwordErrors } from '../passwords/rules.ts';
import { findUserByEmail } from '../queries.ts';
import type { SignUpInput } from '../schema.ts';
import { addressLockMinutes } from '../sign-in/lockout.ts';

/*
 * A citizen signs up (decision 0021). The form is checked at once (the password rules, the consents,
 * the versions of the texts agreed to): none of that depends on whether the address has an account.
 * The rest runs after the answer (core/http/after-response.ts), like a reset request, so that neither
 * the answer nor its timing tells whether the address is taken: a new address gets an unconfirmed
 * account and a confirmation link, a taken one an e-mail to its owner, and the visitor the same page.
 */

export const CONFIRMATION_HOURS = 48;

/** Checks a sign-up before it is accepted: the network's sign-in lock, the password, the consented versions. */
export async function checkSignUp(
  db: Db,
  input: SignUpInput,
  lang: Lang,
  ip: string,
): Promise<Outcome | { ok: false; lockedMinutes: number }> {
  // The same throttle as sign-in: a network that is locked out of signing in cannot sign up either.
  const lockedMinutes = await addressLockMinutes(db, ip);
  if (lockedMinutes) return { ok: false, lockedMinutes };
  const errors = await passwordErrors(input.password, input.confirm, lang, [input.email, input.displayName]);
  if (errors) return { ok: false, errors };
  const versions = await currentVersions(db);
  const i18n = i18nFor(lang);
  const stale = {
    ...(input.termsVersion !== versions.terms ? { terms: i18n.t('signUp.textChanged') } : {}),
    ...(input.privacyVersion !== versions.privacy ? { privacy: i18n.t('signUp.textChanged') } : {}),
  };
  if (Object.keys(stale).length > 0) return { ok: false, errors: stale };
  return { ok: true, value: undefined };
}

/** After the answer: the account and its confirmation link, or a word to the owner of a taken address. */
export async function registerCitizen(db: Db, input: SignUpInput, publicUrl: string): Promise<void> {
  const existing = await findUserByEmail(db, input.email);
  const passwordHash = await hashPassword(input.password);
  if (existing) {
    if (existing.disabledAt) return;
    const base = `${publicUrl}/${existing.locale}`;
    await queueEmailFor(db, existing, (mail) => ({
      subject: mail.t('email.signUpExisting.subject'),
      text: mail.t('email.signUpExisting.body', {
        name: existing.displayName,
        signIn: `${base}/sign-in`,
        reset: `${base}/password-reset`,
      }),
    }));
    return;
  }
  const { locale, latinScript } = localeOfEdition(input.locale);
  try {
    await db.transaction().execute(async (trx) => {
      const versions = await currentVersions(trx);
      const user = await trx
        .insertInto('users')
        .values({
          email: input.email,
          password_hash: passwordHash,
          display_name: input.displayName,
          role: 'citizen',
          locale,
          latin_script: latinScript,
          email_confirmed_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // The versions checked before the answer (a newer one saved in between is not what was read).
      await trx
        .insertInto('consents')
        .values([
          { user_id: user.id, kind: 'terms', version: Math.min(input.termsVersion, versions.terms) },
          { user_id: user.id, kind: 'privacy', version: Math.min(input.privacyVersion, versions.privacy) },
        ])
        .execute();
      await audit(trx, systemActor('sign-up'), {
        entity: 'user',
        entityId: user.id,
        action: 'sign_up',
        after: { role: 'citizen', locale, terms: input.termsVersion, privacy: input.privacyVersion },
      });
      await sendConfirmation(
        trx,
        { id: user.id, email: input.email, displayName: input.displayName, locale, latinScript },
        publicUrl,
      );
    });
  } catch (err) {
    // Two sign-ups with one address at once: the second finds it taken, as if it came later.
    if ((err as { constraint?: string }).constraint === 'users_email_key') return;
    throw err;
  }
}

/** A new confirmation link (earlier open ones closed) and its e-mail, in the caller's transaction. */
async function sendConfirmation(
  trx: Db,
  user: { id: string; email: string; displayName: string; locale: Lang; latinScript: boolean },
  publicUrl: string,
): Promise<void> {
  await closeOpenLinks(trx, 'email_confirmations', user.id);
  const token = newToken();
  await trx
    .insertInto('email_confirmations')
    .values({
      token_hash: tokenHash(token),
      user_id: user.id,
      expires_at: new Date(Date.now() + CONFIRMATION_HOURS * 3_600_000),
    })
    .execute();
  await queueEmailFor(trx, user, (mail) => ({
    subject: mail.t('email.confirm.subject'),
    text: mail.t('email.confirm.body', {
      name: user.displayName,
      link: `${publicUrl}/${user.locale}/confirm/${token}`,
    }),
  }));
}

/** The account page's "send the link again": only for an unconfirmed account. */
export async function resendConfirmation(db: Db, user: CurrentUser, publicUrl: string): Promise<boolean> {
  if (user.emailConfirmed) return false;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('users')
      .select(['email', 'display_name', 'locale', 'latin_script', 'email_confirmed_at'])
      .where('id', '=', user.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (row.email_confirmed_at) return false;
    await sendConfirmation(
      trx,
      {
        id: user.id,
        email: row.email,
        displayName: row.display_name,
        locale: row.locale,
        latinScript: row.latin_script,
      },
      publicUrl,
    );
    await audit(trx, userActor(user), { entity: 'user', entityId: user.id, action: 'confirmation_sent' });
    return true;
  });
}

/** The address a confirmation link is for, if the link is open (unused, unexpired, account enabled). */
export async function openConfirmation(db: Db, token: string) {
  return db
    .selectFrom('email_confirmations as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select(['c.id', 'c.user_id as userId', 'u.email'])
    .where('c.token_hash', '=', tokenHash(token))
    .where('c.used_at', 'is', null)
    .where('c.expires_at', '>', sql<Date>`now()`)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
}

/** Confirms the address of a link's account; the link is used up. False if the link is not open. */
export async function confirmEmail(db: Db, token: string): Promise<boolean> {
  const link = await openConfirmation(db, token);
  if (!link) return false;
  return db.transaction().execute(async (trx) => {
    if (!(await useLinkOnce(trx, 'email_confirmations', link.id))) return false;
    await trx
      .updateTable('users')
      .set({ email_confirmed_at: sql`coalesce(email_confirmed_at, now())` })
      .where('id', '=', link.userId)
      .execute();
    await auditLinkOwner(trx, link, 'email_confirmed');
    return true;
  });
}
