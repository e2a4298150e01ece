import type { PageContext } from '../../../core/html/context.ts';
import { Checkbox, fieldsOf, TextField, type Values } from '../../../core/html/fields.tsx';
import { Form, Submit } from '../../../core/html/form.tsx';
import { Layout } from '../../../core/html/layout.tsx';
import type { FieldErrors } from '../../../core/http/forms.ts';

export function SignInPage({ ctx, values = {}, errors }: { ctx: PageContext; values?: Values; errors?: FieldErrors }) {
  const { i18n } = ctx;
  const field = fieldsOf(values, errors);
  const lang = i18n.lang;
  return (
    <Layout ctx={ctx} title={i18n.t('signIn.title')} section="sign-in">
      <h1>{i18n.t('signIn.title')}</h1>
      <Form ctx={ctx} errors={errors} action={`/${lang}/sign-in`}>
        <input type="hidden" name="next" value={values.next ?? ''} />
        <TextField {...field('email')} type="email" label={i18n.t('signIn.email')} autocomplete="username" required />
        <TextField
          {...field('password')}
          type="password"
          label={i18n.t('signIn.password')}
          autocomplete="current-password"
          required
        />
        <Checkbox name="remember" label={i18n.t('signIn.remember')} checked={values.remember === 'on'} />
        <Submit>{i18n.t('signIn.submit')}</Submit>
      </Form>
      <p>
        <a href={`/${lang}/password-reset`}>{i18n.t('signIn.forgot')}</a>
      </p>
      <p>
        {i18n.t('signUp.noAccount')} <a href={`/${lang}/sign-up`}>{i18n.t('signUp.title')}</a>
      </p>
    </Layout>
  );
}
