import { sql } from 'kysely';
import { type Actor, audit, userActor } from '../../core/audit.ts';
import { hashPassword } from '../../core/auth/password.ts';
import { authorizeUser, can } from '../../core/auth/policy.ts';
import { createSession, newToken, tokenHash } from '../../core/auth/sessions.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { Role } from '../../core/db/schema.ts';
import type { Outcome } from '../../core/http/forms.ts';
import { HttpError } from '../../core/http/http-error.ts';
import { type Edition, localeOfEdition } from '../../core/http/latin-edition.ts';
import { i18nFor } from '../../core/i18n/i18n.ts';
import type { Lang } from '../../core/i18n/locales.ts';
import { queueEmailFor } from '../../core/mail/outbox.ts';
import { addPerson } from '../../organisations/index.ts';
import { passwordErrors } from '../passwords/rules.ts';
import { findOpenInvitation, findUserByEmail } from '../queries.ts';

/** Invitations: who may give which role, the invitation and its e-mail, accepting it, withdrawing it. */

const INVITATION_DAYS = 14;

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
  /** A language, or Kazakh in the Latin script (decision 0018). */
  locale: Edition;
}

/** Invites a person: an invitation with a secret link, and the e-mail that carries it. */
export async function inviteUser(
  db: Db,
  inviter: CurrentUser,
  data: InviteData,
  ctx: { lang: Lang; publicUrl: string; bodyName: string; organisationName: string | undefined },
): Promise<Outcome> {
  const i18n = i18nFor(ctx.lang);
  authorizeUser(inviter, 'invite-users');
  if (!mayGiveRole(inviter, data.role)) return { ok: false, errors: { role: i18n.t('admin.roleNotAllowed') } };
  if (data.role === 'representative' && !data.organisationId) {
    return { ok: false, errors: { organisationId: i18n.t('admin.organisationRequired') } };
  }
  if (data.organisationId && !ctx.organisationName)
    return { ok: false, errors: { organisationId: i18n.t('validation.choice') } };
  if (await findUserByEmail(db, data.email)) return { ok: false, errors: { email: i18n.t('admin.emailTaken') } };
  const token = newToken();
  const { locale, latinScript } = localeOfEdition(data.locale);
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
          locale,
          latin_script: latinScript,
          invited_by: inviter.id,
          expires_at: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await queueEmailFor(trx, { email: data.email, locale, latinScript }, (mail) => ({
        subject: mail.t('email.invite.subject'),
        text: mail.t('email.invite.body', {
          name: data.displayName,
          inviter: inviter.displayName,
          body: ctx.bodyName,
          role: mail.t(`role.${data.role}`),
          organisation: ctx.organisationName
            ? mail.t('email.invite.organisationPart', { organisation: ctx.organisationName })
            : '',
          link: `${ctx.publicUrl}/${locale}/invitations/${token}`,
        }),
      }));
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
    const personId = await addPerson(trx, { [invitation.locale]: invitation.displayName }, invitation.organisationId);
    const user = await trx
      .insertInto('users')
      .values({
        email: invitation.email,
        password_hash: passwordHash,
        display_name: invitation.displayName,
        role: invitation.role,
        organisation_id: invitation.organisationId,
        person_id: personId,
        locale: invitation.locale,
        latin_script: invitation.latinScript,
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

/** Withdraws an open invitation: its link stops working and the address can be invited again. */
export async function revokeInvitation(db: Db, user: CurrentUser, invitationId: string): Promise<string | undefined> {
  authorizeUser(user, 'invite-users');
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
