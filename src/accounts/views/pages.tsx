import { PASSWORD_MIN } from '../../core/auth/password.ts';
import type { PageContext } from '../../core/html/context.ts';
import { Checkbox, ErrorSummary, Form, Select, Submit, TextField } from '../../core/html/form.tsx';
import { Layout } from '../../core/html/layout.tsx';
import { plain } from '../../core/html/text.tsx';
import type { FieldErrors } from '../../core/http/forms.ts';
import { LANG_NATIVE_NAMES, LANGS } from '../../core/i18n/locales.ts';
import type { Translated } from '../../core/i18n/translated.ts';

type Values = Record<string, string | undefined>;

export function SignInPage({ ctx, values = {}, errors }: { ctx: PageContext; values?: Values; errors?: FieldErrors }) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  return (
    <Layout ctx={ctx} title={i18n.t('signIn.title')} section="sign-in">
      <h1>{i18n.t('signIn.title')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={`/${lang}/sign-in`}>
        <input type="hidden" name="next" value={values.next ?? ''} />
        <TextField
          name="email"
          type="email"
          label={i18n.t('signIn.email')}
          value={values.email}
          error={errors?.email}
          autocomplete="username"
          required
        />
        <TextField
          name="password"
          type="password"
          label={i18n.t('signIn.password')}
          error={errors?.password}
          autocomplete="current-password"
          required
        />
        <Checkbox name="remember" label={i18n.t('signIn.remember')} checked={values.remember === 'on'} />
        <Submit>{i18n.t('signIn.submit')}</Submit>
      </Form>
      <p>
        <a href={`/${lang}/password-reset`}>{i18n.t('signIn.forgot')}</a>
      </p>
    </Layout>
  );
}

export function ResetRequestPage({
  ctx,
  values = {},
  errors,
}: {
  ctx: PageContext;
  values?: Values;
  errors?: FieldErrors;
}) {
  const { i18n } = ctx;
  return (
    <Layout ctx={ctx} title={i18n.t('reset.title')}>
      <h1>{i18n.t('reset.title')}</h1>
      <p>{i18n.t('reset.intro')}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={`/${i18n.lang}/password-reset`}>
        <TextField
          name="email"
          type="email"
          label={i18n.t('signIn.email')}
          value={values.email}
          error={errors?.email}
          autocomplete="email"
          required
        />
        <Submit>{i18n.t('reset.submit')}</Submit>
      </Form>
    </Layout>
  );
}

/** The two new-password fields, with the rule stated up front. */
function NewPasswordFields({
  ctx,
  errors,
  prefix = 'reset',
}: {
  ctx: PageContext;
  errors?: FieldErrors;
  prefix?: 'reset' | 'account';
}) {
  const { i18n } = ctx;
  return (
    <>
      <TextField
        name="password"
        type="password"
        label={i18n.t(`${prefix}.newPassword`)}
        hint={i18n.t('password.help', { count: PASSWORD_MIN })}
        error={errors?.password}
        autocomplete="new-password"
        required
      />
      <TextField
        name="confirm"
        type="password"
        label={i18n.t(`${prefix}.confirmPassword`)}
        error={errors?.confirm}
        autocomplete="new-password"
        required
      />
    </>
  );
}

export function NewPasswordPage({ ctx, action, errors }: { ctx: PageContext; action: string; errors?: FieldErrors }) {
  const { i18n } = ctx;
  return (
    <Layout ctx={ctx} title={i18n.t('reset.newTitle')}>
      <h1>{i18n.t('reset.newTitle')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={action}>
        <NewPasswordFields ctx={ctx} errors={errors} />
        <Submit>{i18n.t('reset.save')}</Submit>
      </Form>
    </Layout>
  );
}

export function InvalidLinkPage({
  ctx,
  messageKey,
}: {
  ctx: PageContext;
  messageKey: 'reset.invalid' | 'invite.invalid';
}) {
  const { i18n } = ctx;
  const title = messageKey === 'reset.invalid' ? i18n.t('reset.title') : i18n.t('invite.title');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{i18n.t(messageKey)}</p>
      {messageKey === 'reset.invalid' && (
        <p>
          <a href={`/${i18n.lang}/password-reset`}>{i18n.t('reset.title')}</a>
        </p>
      )}
    </Layout>
  );
}

export function InvitationPage({
  ctx,
  action,
  invitation,
  errors,
}: {
  ctx: PageContext;
  action: string;
  invitation: { email: string; role: string; organisationName: Translated | null };
  errors?: FieldErrors;
}) {
  const { i18n } = ctx;
  return (
    <Layout ctx={ctx} title={i18n.t('invite.title')}>
      <h1>{i18n.t('invite.title')}</h1>
      <p>
        {i18n.t('invite.intro', { role: i18n.t(`role.${invitation.role}` as 'role.citizen'), email: invitation.email })}
      </p>
      {invitation.organisationName && (
        <p>{i18n.t('invite.organisation', { organisation: plain(invitation.organisationName, i18n) })}</p>
      )}
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={action}>
        <NewPasswordFields ctx={ctx} errors={errors} />
        <Submit>{i18n.t('invite.accept')}</Submit>
      </Form>
    </Layout>
  );
}

export function AccountPage({
  ctx,
  account,
  values = {},
  errors,
  passwordErrors,
}: {
  ctx: PageContext;
  account: { email: string; displayName: string; locale: string; role: string; organisationName: Translated | null };
  values?: Values;
  errors?: FieldErrors;
  passwordErrors?: FieldErrors;
}) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  return (
    <Layout ctx={ctx} title={i18n.t('account.title')} section="account">
      <h1>{i18n.t('account.title')}</h1>
      <dl class="facts">
        <dt>{i18n.t('account.email')}</dt>
        <dd>{account.email}</dd>
        <dt>{i18n.t('account.role')}</dt>
        <dd>{i18n.t(`role.${account.role}` as 'role.citizen')}</dd>
        {account.organisationName && (
          <>
            <dt>{i18n.t('account.organisation')}</dt>
            <dd>{plain(account.organisationName, i18n)}</dd>
          </>
        )}
      </dl>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={`/${lang}/account`}>
        <TextField
          name="displayName"
          label={i18n.t('account.displayName')}
          value={values.displayName ?? account.displayName}
          error={errors?.displayName}
          autocomplete="name"
          required
          maxLength={200}
        />
        <Select
          name="locale"
          label={i18n.t('account.locale')}
          value={values.locale ?? account.locale}
          error={errors?.locale}
          options={LANGS.map((l) => ({ value: l, label: LANG_NATIVE_NAMES[l] }))}
        />
        <Submit>{i18n.t('form.save')}</Submit>
      </Form>
      <h2 id="password">{i18n.t('account.changePassword')}</h2>
      <ErrorSummary ctx={ctx} errors={passwordErrors} />
      <Form ctx={ctx} action={`/${lang}/account/password`}>
        <TextField
          name="current"
          type="password"
          label={i18n.t('account.currentPassword')}
          error={passwordErrors?.current}
          autocomplete="current-password"
          required
        />
        <NewPasswordFields ctx={ctx} errors={passwordErrors} prefix="account" />
        <Submit>{i18n.t('account.changePassword')}</Submit>
      </Form>
    </Layout>
  );
}
