import type { PageContext } from '../../../core/html/context.ts';
import { Checkbox, fieldsOf, TextField, type Values } from '../../../core/html/fields.tsx';
import { ErrorSummary, Form, Submit } from '../../../core/html/form.tsx';
import { TitledPage } from '../../../core/html/layout.tsx';
import type { FieldErrors } from '../../../core/http/forms.ts';
import { CurrentPasswordField } from '../../passwords/views/password-pages.tsx';

/** The single sign-on button (a link: the provider's page is another origin, which forms may not post to). */
export interface SsoButton {
  label: string;
  href: string;
}

export function SignInPage({
  ctx,
  values = {},
  errors,
  sso,
  passwords = true,
}: {
  ctx: PageContext;
  values?: Values;
  errors?: FieldErrors;
  sso?: SsoButton | undefined;
  /** false when no role may sign in with a password. */
  passwords?: boolean;
}) {
  const { i18n } = ctx;
  // The problems come first, above the button too: a refused single sign-on is told there.
  return (
    <TitledPage ctx={ctx} title={i18n.t('signIn.title')} section="sign-in">
      <ErrorSummary ctx={ctx} errors={errors} />
      {sso ? (
        <p>
          <a class="button" href={sso.href}>
            {sso.label}
          </a>
        </p>
      ) : null}
      {passwords ? <PasswordForm ctx={ctx} values={values} errors={errors} withSso={Boolean(sso)} /> : null}
    </TitledPage>
  );
}

function PasswordForm({
  ctx,
  values,
  errors,
  withSso,
}: {
  ctx: PageContext;
  values: Values;
  errors: FieldErrors | undefined;
  withSso: boolean;
}) {
  const { i18n } = ctx;
  const field = fieldsOf(values, errors);
  const lang = i18n.lang;
  return (
    <>
      {withSso ? <p>{i18n.t('signIn.or')}</p> : null}
      <Form ctx={ctx} action={`/${lang}/sign-in`}>
        <input type="hidden" name="next" value={values.next ?? ''} />
        <TextField {...field('email')} type="email" label={i18n.t('signIn.email')} autocomplete="username" required />
        <CurrentPasswordField {...field('password')} label={i18n.t('signIn.password')} />
        <Checkbox name="remember" label={i18n.t('signIn.remember')} checked={values.remember === 'on'} />
        <Submit>{i18n.t('signIn.submit')}</Submit>
      </Form>
      <p>
        <a href={`/${lang}/password-reset`}>{i18n.t('signIn.forgot')}</a>
      </p>
      <p>
        {i18n.t('signUp.noAccount')} <a href={`/${lang}/sign-up`}>{i18n.t('signUp.title')}</a>
      </p>
    </>
  );
}
