import type { FastifyInstance } from 'fastify';
import {
  AuditFilter,
  findUserById,
  InviteInput,
  inviteUser,
  listOpenInvitations,
  listUsers,
  mayGiveRole,
  organisationChoices,
  revokeInvitation,
  UserUpdateInput,
  updateUser,
} from '../accounts/index.ts';
import { verifyAuditChain } from '../core/audit.ts';
import { ROLES } from '../core/db/schema.ts';
import type { PageContext } from '../core/html/context.ts';
import { plain } from '../core/html/text.tsx';
import { csvStream } from '../core/http/csv.ts';
import { type FieldErrors, formValues, parseForm } from '../core/http/forms.ts';
import { HttpError } from '../core/http/http-error.ts';
import { authorize, flash, langRoute } from '../core/http/pages.ts';
import { i18nFor } from '../core/i18n/i18n.ts';
import { mainBody } from '../meetings/index.ts';
import { sortByName } from '../organisations/index.ts';
import { AUDIT_PAGE, auditPage, auditQuery, outbox } from './queries.ts';
import { AdminPage, AuditPage, OutboxPage, UserEditPage } from './views/pages.tsx';

export function adminRoutes(app: FastifyInstance, deps: { publicUrl: string }) {
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

  langRoute(app, 'GET', '/admin', async (req, _reply, ctx) => {
    authorize(req, 'invite-users');
    return adminPage(ctx);
  });

  langRoute(app, 'POST', '/admin/invitations', async (req, reply, ctx) => {
    authorize(req, 'invite-users');
    const user = req.user;
    if (!user) throw new HttpError(401);
    const values = formValues(req.body);
    const form = parseForm(InviteInput, req.body, ctx.i18n);
    if (!form.ok) {
      reply.code(422);
      return adminPage(ctx, values, form.errors);
    }
    const data = { ...form.data, role: form.data.role as (typeof ROLES)[number] };
    const [body, organisation] = await Promise.all([
      mainBody(db),
      data.organisationId
        ? db.selectFrom('organisations').select('name').where('id', '=', data.organisationId).executeTakeFirst()
        : undefined,
    ]);
    const result = await inviteUser(db, user, data, {
      lang: ctx.i18n.lang,
      publicUrl: deps.publicUrl,
      // Names in the invitee's language: the e-mail is written in it.
      bodyName: body ? plain(body.name, i18nFor(data.locale)) : 'Kenes',
      organisationName: organisation ? plain(organisation.name, i18nFor(data.locale)) : undefined,
    });
    if (!result.ok) {
      reply.code(422);
      return adminPage(ctx, values, result.errors);
    }
    flash(reply, 'admin.invited', { email: data.email });
    return reply.redirect(`/${ctx.i18n.lang}/admin`, 303);
  });

  langRoute<{ id: string }>(app, 'POST', '/admin/invitations/:id/revoke', async (req, reply, ctx) => {
    authorize(req, 'invite-users');
    const user = req.user;
    if (!user) throw new HttpError(401);
    const email = /^\d{1,18}$/.test(req.params.id) ? await revokeInvitation(db, user, req.params.id) : undefined;
    if (!email) throw new HttpError(404, `open invitation ${req.params.id}`);
    flash(reply, 'admin.revoked', { email });
    return reply.redirect(`/${ctx.i18n.lang}/admin`, 303);
  });

  async function userPage(ctx: PageContext, id: string, values?: Record<string, string>, errors?: FieldErrors) {
    const user = /^\d{1,18}$/.test(id) ? await findUserById(db, id) : undefined;
    if (!user) throw new HttpError(404, `user ${id}`);
    const organisations = sortByName(await organisationChoices(db), ctx.i18n);
    const stored = {
      role: user.role,
      organisationId: user.organisationId ?? '',
      disabled: user.disabledAt ? 'on' : '',
    };
    return (
      <UserEditPage ctx={ctx} user={user} organisations={organisations} values={values ?? stored} errors={errors} />
    );
  }

  langRoute<{ id: string }>(app, 'GET', '/admin/users/:id', async (req, _reply, ctx) => {
    authorize(req, 'manage-users');
    return userPage(ctx, req.params.id);
  });

  langRoute<{ id: string }>(app, 'POST', '/admin/users/:id', async (req, reply, ctx) => {
    authorize(req, 'manage-users');
    const admin = req.user;
    if (!admin) throw new HttpError(401);
    if (!/^\d{1,18}$/.test(req.params.id)) throw new HttpError(404, `user ${req.params.id}`);
    const values = formValues(req.body);
    const form = parseForm(UserUpdateInput, req.body, ctx.i18n);
    const result = form.ok
      ? await updateUser(
          db,
          admin,
          req.params.id,
          { ...form.data, role: form.data.role as (typeof ROLES)[number] },
          ctx.i18n.lang,
        )
      : form;
    if (!result.ok) {
      reply.code(422);
      return userPage(ctx, req.params.id, values, result.errors);
    }
    flash(reply, 'admin.userSaved', { email: result.value });
    return reply.redirect(`/${ctx.i18n.lang}/admin`, 303);
  });

  langRoute(app, 'GET', '/admin/outbox', async (req, _reply, ctx) => {
    authorize(req, 'read-outbox');
    return <OutboxPage ctx={ctx} messages={await outbox(db)} />;
  });

  langRoute(app, 'GET', '/admin/audit', async (req, reply, ctx) => {
    authorize(req, 'read-audit-log');
    const form = parseForm(AuditFilter, req.query, ctx.i18n);
    if (!form.ok) throw new HttpError(422, JSON.stringify(form.errors));
    const [rows, chain] = await Promise.all([
      auditPage(db, form.data),
      req.query.verify === '1' ? verifyAuditChain(db) : Promise.resolve(undefined),
    ]);
    const values = formValues(req.query);
    const query = new URLSearchParams(
      Object.entries(values).filter(([k, v]) => v !== '' && ['entity', 'action', 'actor', 'from', 'to'].includes(k)),
    ).toString();
    reply.header('cache-control', 'private, no-store');
    return (
      <AuditPage
        ctx={ctx}
        rows={rows.slice(0, AUDIT_PAGE)}
        hasMore={rows.length > AUDIT_PAGE}
        filter={values}
        query={query}
        chain={chain}
      />
    );
  });

  langRoute(app, 'GET', '/admin/audit.csv', async (req, reply, ctx) => {
    authorize(req, 'read-audit-log');
    const form = parseForm(AuditFilter, req.query, ctx.i18n);
    if (!form.ok) throw new HttpError(422, JSON.stringify(form.errors));
    const filter = form.data;
    // Streamed in keyset batches of 1,000: memory stays flat however long the log is.
    async function* batches() {
      let before: string | undefined;
      for (;;) {
        let q = auditQuery(db, filter);
        if (before) q = q.where('id', '<', before);
        const rows = await q.orderBy('id', 'desc').limit(1000).execute();
        for (const r of rows) {
          yield [
            r.id,
            r.at.toISOString(),
            r.actorLabel,
            r.actorUserId ?? '',
            r.actorOrganisationId ?? '',
            r.entity,
            r.entityId,
            r.action,
            r.before === null ? '' : JSON.stringify(r.before),
            r.after === null ? '' : JSON.stringify(r.after),
            r.hash,
          ];
        }
        if (rows.length < 1000) return;
        before = rows.at(-1)?.id;
      }
    }
    const csv = csvStream(
      [
        'id',
        'at',
        'actor',
        'actor_user_id',
        'actor_organisation_id',
        'entity',
        'entity_id',
        'action',
        'before',
        'after',
        'hash',
      ],
      batches(),
    );
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="kenes-audit-${new Date().toISOString().slice(0, 10)}.csv"`)
      .header('cache-control', 'private, no-store')
      .send(csv);
  });
}
