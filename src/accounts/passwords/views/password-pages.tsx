import { PASSWORD_MIN } from '../../../core/auth/password.ts';
import type { PageContext } from '../../../core/html/context.ts';
import { fieldsOf, TextField, type Values } from '../../../core/html/fields.tsx';
import { Form, Submit } from '../../../core/html/form.tsx';
import { TitledPage } from '../../../core/html/layout.tsx';
import type { FieldErrors } from '../../../core/http/forms.ts';

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
  const field = fieldsOf(values, errors);
  return (
    <TitledPage ctx={ctx} title={i18n.t('reset.title')}>
      <p>{i18n.t('reset.intro')}</p>
      <Form ctx={ctx} errors={errors} action={`/${i18n.lang}/password-reset`}>
        <TextField {...field('email')} type="email" label={i18n.t('signIn.email')} autocomplete="email" required />
        <Submit>{i18n.t('reset.submit')}</Submit>
      </Form>
    </TitledPage>
  );
}

// The two fields' labels on each page that sets a password.
const LABELS = {
  reset: ['reset.newPassword', 'reset.confirmPassword'],
  account: ['account.newPassword', 'account.confirmPassword'],
  signUp: ['signUp.password', 'signUp.confirm'],
} as const;

/** The two new-password fields, with the rule stated up front (never filled in again: see formValues). */
export function NewPasswordFields({
  ctx,
  errors,
  prefix = 'reset',
}: {
  ctx: PageContext;
  errors?: FieldErrors | undefined;
  prefix?: keyof typeof LABELS;
}) {
  const { i18n } = ctx;
  const field = fieldsOf({}, errors);
  const [password, confirm] = LABELS[prefix];
  return (
    <>
      <TextField
        {...field('password')}
        type="password"
        label={i18n.t(password)}
        hint={i18n.t('password.help', { count: PASSWORD_MIN })}
        autocomplete="new-password"
        required
      />
      <TextField {...field('confirm')} type="password" label={i18n.t(confirm)} autocomplete="new-password" required />
    </>
  );
}

/** The field of the password a person has now: to sign in, or to confirm a change to their account. */
export function CurrentPasswordField(props: { name: string; label: string; error?: string | undefined }) {
  return (
    <TextField
      name={props.name}
      error={props.error}
      type="password"
      label={props.label}
      autocomplete="current-password"
      required
    />
  );
}

export function NewPasswordPage({ ctx, action, errors }: { ctx: PageContext; action: string; errors?: FieldErrors }) {
  const { i18n } = ctx;
  return (
    <TitledPage ctx={ctx} title={i18n.t('reset.newTitle')}>
      <Form ctx={ctx} errors={errors} action={action}>
        <NewPasswordFields ctx={ctx} errors={errors} />
        <Submit>{i18n.t('reset.save')}</Submit>
      </Form>
    </TitledPage>
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
    <TitledPage ctx={ctx} title={title}>
      <p>{i18n.t(messageKey)}</p>
      {messageKey === 'reset.invalid' && (
        <p>
          <a href={`/${i18n.lang}/password-reset`}>{i18n.t('reset.title')}</a>
        </p>
      )}
    </TitledPage>
  );
}
