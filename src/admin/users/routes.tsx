import type { FastifyInstance } from 'fastify';
import {
  findUserById,
  InviteInput,
  inviteUser,
  listOpenInvitations,
  listUsers,
  mayGiveRole,
  revokeInvitation,
  UserUpdateInput,
  updateUser,
} from '../../accounts/index.ts';
import { ROLES } from '../../core/db/schema.ts';
import type { RouteDeps } from '../../core/extensions.ts';
import type { PageContext } from '../../core/html/context.ts';
import { type FieldErrors, formValues, ID_PATTERN, parseForm } from '../../core/http/forms.ts';
import { HttpError } from '../../core/http/http-error.ts';
import { localeOfEdition } from '../../core/http/latin-edition.ts';
import { authorize, flash, langRoute, signedIn } from '../../core/http/pages.ts';
import { organisationChoices, sortByName } from '../../organisations/index.ts';
import { invitationNames } from './queries.ts';
import { AdminPage, UserEditPage } from './views/user-pages.tsx';

/** Accounts as administrators see them: the list, invitations, and one account's role and organisation. */
export function userAdminRoutes(app: FastifyInstance, deps: RouteDeps) {
  const db = app.db;

  async function adminPage(ctx: PageContext, values?: Record<string, string>, errors?: FieldErrors) {
    const user = ctx.user;
    const [users, invitations, organisations] = await Promise.all([
      listUsers(db),
      listOpenInvitations(db),
      organisationChoices(db),
    ]);
    const roles = ROLES.filter((r) => user && mayGiveRole(user, r));
    return (
      <AdminPage
        ctx={ctx}
        users={users}
        invitations={invitations}
        organisations={sortByName(organisations, ctx.i18n)}
        roles={roles}
        values={values}
        errors={errors}
      />
    );
  }

  async function userPage(ctx: PageContext, id: string, values?: Record<string, string>, errors?: FieldErrors) {
    const user = ID_PATTERN.test(id) ? await findUserById(db, id) : undefined;
    if (!user) throw new HttpError(404, `user ${id}`);
    const organisations = sortByName(await organisationChoices(db), ctx.i18n);
    const stored = {
      role: user.role,
      organisationId: user.organisationId ?? '',
      disabled: user.disabledAt ? 'on' : '',
      moderator: user.moderator ? 'on' : '',
    };
    return (
      <UserEditPage ctx={ctx} user={user} organisations={organisations} values={values ?? stored} errors={errors} />
    );
  }

  langRoute(app, 'GET', '/admin', async (req, _reply, ctx) => {
    authorize(req, 'invite-users');
    return adminPage(ctx);
  });

  langRoute(app, 'POST', '/admin/invitations', async (req, reply, ctx) => {
    authorize(req, 'invite-users');
    const user = signedIn(req.user);
    const values = formValues(req.body);
    const form = parseForm(InviteInput, req.body, ctx.i18n);
    if (!form.ok) {
      reply.code(422);
      return adminPage(ctx, values, form.errors);
    }
    const data = { ...form.data, role: form.data.role as (typeof ROLES)[number] };
    const names = await invitationNames(db, data.organisationId, localeOfEdition(data.locale).locale);
    const result = await inviteUser(db, user, data, { lang: ctx.i18n.lang, publicUrl: deps.publicUrl, ...names });
    if (!result.ok) {
      reply.code(422);
      return adminPage(ctx, values, result.errors);
    }
    flash(reply, 'admin.invited', { email: data.email });
    return reply.redirect(`/${ctx.i18n.lang}/admin`, 303);
  });

  langRoute<{ id: string }>(app, 'POST', '/admin/invitations/:id/revoke', async (req, reply, ctx) => {
    authorize(req, 'invite-users');
    const user = signedIn(req.user);
    const email = ID_PATTERN.test(req.params.id) ? await revokeInvitation(db, user, req.params.id) : undefined;
    if (!email) throw new HttpError(404, `open invitation ${req.params.id}`);
    flash(reply, 'admin.revoked', { email });
    return reply.redirect(`/${ctx.i18n.lang}/admin`, 303);
  });

  langRoute<{ id: string }>(app, 'GET', '/admin/users/:id', async (req, _reply, ctx) => {
    authorize(req, 'manage-users');
    return userPage(ctx, req.params.id);
  });

  langRoute<{ id: string }>(app, 'POST', '/admin/users/:id', async (req, reply, ctx) => {
    authorize(req, 'manage-users');
    const admin = signedIn(req.user);
    const { id } = req.params;
    if (!ID_PATTERN.test(id)) throw new HttpError(404, `user ${id}`);
    const form = parseForm(UserUpdateInput, req.body, ctx.i18n);
    const result = form.ok
      ? await updateUser(db, admin, id, { ...form.data, role: form.data.role as (typeof ROLES)[number] }, ctx.i18n.lang)
      : form;
    if (!result.ok) {
      reply.code(422);
      return userPage(ctx, id, formValues(req.body), result.errors);
    }
    flash(reply, 'admin.userSaved', { email: result.value });
    return reply.redirect(`/${ctx.i18n.lang}/admin`, 303);
  });
}
