import type { UserListRow } from '../../../accounts/index.ts';
import { ROLES, type Role } from '../../../core/db/schema.ts';
import type { PageContext } from '../../../core/html/context.ts';
import { Checkbox, fieldsOf, Select, TextField, type Values } from '../../../core/html/fields.tsx';
import { ButtonForm, Form, Submit } from '../../../core/html/form.tsx';
import { Layout, TitledPage } from '../../../core/html/layout.tsx';
import { Table } from '../../../core/html/table.tsx';
import { plain } from '../../../core/html/text.tsx';
import type { FieldErrors } from '../../../core/http/forms.ts';
import { editionOptions, LATIN_PREFIX } from '../../../core/http/latin-edition.ts';
import type { Translated } from '../../../core/i18n/translated.ts';

import { AdminNav } from '../../views/admin-nav.tsx';

/** The role and organisation of an account (invitation and account edit forms). */
function RoleAndOrganisation({
  ctx: { i18n },
  roles,
  role,
  organisationId,
  organisations,
  errors,
}: {
  ctx: PageContext;
  roles: readonly Role[];
  role: string | undefined;
  organisationId: string | undefined;
  organisations: { id: string; name: Translated }[];
  errors?: FieldErrors | undefined;
}) {
  return (
    <>
      <Select
        name="role"
        label={i18n.t('admin.userRole')}
        value={role}
        error={errors?.role}
        options={roles.map((r) => ({ value: r, label: i18n.t(`role.${r}`) }))}
      />
      <Select
        name="organisationId"
        label={i18n.t('admin.userOrganisation')}
        value={organisationId}
        error={errors?.organisationId}
        empty={i18n.t('admin.organisationNone')}
        options={organisations.map((o) => ({ value: o.id, label: plain(o.name, i18n) }))}
      />
    </>
  );
}

/** The first columns of the tables of accounts and of invitations. */
function userColumns({ i18n }: PageContext) {
  return (['userEmail', 'userName', 'userRole', 'userOrganisation'] as const).map((k) => i18n.t(`admin.${k}`));
}

export function AdminPage({
  ctx,
  users,
  invitations,
  organisations,
  roles,
  values = {},
  errors,
}: {
  ctx: PageContext;
  users: UserListRow[];
  invitations: {
    id: string;
    email: string;
    displayName: string;
    role: Role;
    organisationName: Translated | null;
    expiresAt: Date;
  }[];
  organisations: { id: string; name: Translated }[];
  roles: readonly Role[];
  values?: Values;
  errors?: FieldErrors;
}) {
  const { i18n } = ctx;
  const field = fieldsOf(values, errors);
  const lang = i18n.lang;
  const dash = '—';
  return (
    <TitledPage ctx={ctx} title={i18n.t('admin.title')} section="admin">
      <AdminNav ctx={ctx} />
      <h2 id="invite">{i18n.t('admin.inviteTitle')}</h2>
      <Form ctx={ctx} errors={errors} action={`/${lang}/admin/invitations`}>
        <TextField {...field('email')} type="email" label={i18n.t('admin.userEmail')} required />
        <TextField {...field('displayName')} label={i18n.t('admin.userName')} required maxLength={200} />
        <RoleAndOrganisation
          ctx={ctx}
          roles={roles}
          role={values.role ?? 'representative'}
          organisationId={values.organisationId}
          organisations={organisations}
          errors={errors}
        />
        <Select
          name="locale"
          label={i18n.t('account.locale')}
          value={values.locale ?? (ctx.latin ? LATIN_PREFIX : lang)}
          error={errors?.locale}
          options={editionOptions()}
        />
        <Submit>{i18n.t('admin.inviteSubmit')}</Submit>
      </Form>

      <h2>{i18n.t('admin.pendingInvitations')}</h2>
      {invitations.length === 0 ? (
        <p>{i18n.t('admin.noInvitations')}</p>
      ) : (
        <Table className="data" columns={[...userColumns(ctx), i18n.t('admin.expires'), null]}>
          {invitations.map((inv) => (
            <tr>
              <td>{inv.email}</td>
              <td>{inv.displayName}</td>
              <td>{i18n.t(`role.${inv.role}`)}</td>
              <td>{inv.organisationName ? plain(inv.organisationName, i18n) : dash}</td>
              <td>{i18n.date(inv.expiresAt)}</td>
              <td>
                <ButtonForm
                  ctx={ctx}
                  action={`/${lang}/admin/invitations/${inv.id}/revoke`}
                  link
                  label={`${i18n.t('admin.revoke')}: ${inv.email}`}
                >
                  {i18n.t('admin.revoke')}
                </ButtonForm>
              </td>
            </tr>
          ))}
        </Table>
      )}

      <h2>{i18n.t('admin.users')}</h2>
      <Table
        className="data"
        columns={[...userColumns(ctx), i18n.t('admin.userLastSignIn'), i18n.t('admin.userStatus')]}
      >
        {users.map((u) => (
          <tr id={`user-${u.id}`}>
            <td>
              {ctx.can('manage-users') ? (
                <a href={`/${lang}/admin/users/${u.id}`} aria-label={`${i18n.t('admin.userChange')}: ${u.email}`}>
                  {u.email}
                </a>
              ) : (
                u.email
              )}
            </td>
            <td>{u.displayName}</td>
            <td>{i18n.t(`role.${u.role}`)}</td>
            <td>{u.organisationName ? plain(u.organisationName, i18n) : dash}</td>
            <td>{u.lastSignInAt ? i18n.dateTime(u.lastSignInAt, 'Asia/Almaty') : i18n.t('admin.never')}</td>
            <td>{u.disabledAt ? i18n.t('admin.userDisabled') : i18n.t('admin.userActive')}</td>
          </tr>
        ))}
      </Table>
    </TitledPage>
  );
}

export function UserEditPage({
  ctx,
  user,
  organisations,
  values,
  errors,
}: {
  ctx: PageContext;
  user: { id: string; email: string; displayName: string };
  organisations: { id: string; name: Translated }[];
  values: Values;
  errors?: FieldErrors | undefined;
}) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  return (
    <Layout ctx={ctx} title={user.email} section="admin">
      <h1>
        {user.displayName} <span class="muted">({user.email})</span>
      </h1>
      <AdminNav ctx={ctx} />
      <Form ctx={ctx} errors={errors} action={`/${lang}/admin/users/${user.id}`}>
        <RoleAndOrganisation
          ctx={ctx}
          roles={ROLES}
          role={values.role}
          organisationId={values.organisationId}
          organisations={organisations}
          errors={errors}
        />
        <Checkbox name="disabled" label={i18n.t('admin.userDisabled')} checked={values.disabled === 'on'} />
        <Checkbox name="moderator" label={i18n.t('admin.userModerator')} checked={values.moderator === 'on'} />
        <Submit>{i18n.t('form.save')}</Submit>
      </Form>
    </Layout>
  );
}
