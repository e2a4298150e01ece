import type { PageContext } from '../../../core/html/context.ts';
import { Fact } from '../../../core/html/facts.tsx';
import { fieldsOf, Select, TextField, type Values } from '../../../core/html/fields.tsx';
import { ButtonForm, Form, Submit } from '../../../core/html/form.tsx';
import { TitledPage } from '../../../core/html/layout.tsx';
import { plain } from '../../../core/html/text.tsx';
import type { FieldErrors } from '../../../core/http/forms.ts';
import { editionOptions } from '../../../core/http/latin-edition.ts';
import type { Translated } from '../../../core/i18n/translated.ts';
import { CurrentPasswordField, NewPasswordFields } from '../../passwords/views/password-pages.tsx';

export function AccountPage({
  ctx,
  account,
  values = {},
  errors,
  passwordErrors,
  deleteErrors,
}: {
  ctx: PageContext;
  account: {
    email: string;
    displayName: string;
    locale: string;
    role: string;
    organisationName: Translated | null;
    emailConfirmed: boolean;
    commentsOnDeletion: 'anonymise' | 'remove';
  };
  values?: Values;
  errors?: FieldErrors;
  passwordErrors?: FieldErrors | undefined;
  deleteErrors?: FieldErrors | undefined;
}) {
  const { i18n } = ctx;
  const field = fieldsOf(values, errors);
  const lang = i18n.lang;
  return (
    <TitledPage ctx={ctx} title={i18n.t('account.title')} section="account">
      <dl class="facts">
        <Fact term={i18n.t('account.email')}>{account.email}</Fact>
        <Fact term={i18n.t('confirm.status')}>
          {account.emailConfirmed ? i18n.t('confirm.confirmed') : i18n.t('confirm.unconfirmed')}
        </Fact>
        <Fact term={i18n.t('account.role')}>{i18n.t(`role.${account.role}` as 'role.citizen')}</Fact>
        {account.organisationName && (
          <Fact term={i18n.t('account.organisation')}>{plain(account.organisationName, i18n)}</Fact>
        )}
      </dl>
      <Form ctx={ctx} errors={errors} action={`/${lang}/account`}>
        <TextField
          {...field('displayName')}
          value={values.displayName ?? account.displayName}
          label={i18n.t('account.displayName')}
          autocomplete="name"
          required
          maxLength={200}
        />
        <Select
          {...field('locale')}
          value={values.locale ?? account.locale}
          label={i18n.t('account.locale')}
          options={editionOptions()}
        />
        <Submit>{i18n.t('form.save')}</Submit>
      </Form>
      <p>
        <a href={`/${lang}/account/notifications`}>{i18n.t('notificationSettings.title')}</a>
      </p>
      <h2 id="password">{i18n.t('account.changePassword')}</h2>
      <Form ctx={ctx} errors={passwordErrors} action={`/${lang}/account/password`}>
        <CurrentPasswordField {...fieldsOf({}, passwordErrors)('current')} label={i18n.t('account.currentPassword')} />
        <NewPasswordFields ctx={ctx} errors={passwordErrors} prefix="account" />
        <Submit>{i18n.t('account.changePassword')}</Submit>
      </Form>
      {!account.emailConfirmed && (
        <ButtonForm ctx={ctx} action={`/${lang}/account/confirmation`} secondary>
          {i18n.t('confirm.resend')}
        </ButtonForm>
      )}
      <h2 id="delete">{i18n.t('deleteAccount.title')}</h2>
      <p>
        {i18n.t('deleteAccount.intro')}{' '}
        {i18n.t(
          account.commentsOnDeletion === 'remove' ? 'deleteAccount.commentsRemove' : 'deleteAccount.commentsAnonymise',
        )}
      </p>
      <Form ctx={ctx} errors={deleteErrors} action={`/${lang}/account/delete`} idPrefix="delete">
        <CurrentPasswordField {...fieldsOf({}, deleteErrors)('password')} label={i18n.t('deleteAccount.password')} />
        <Submit secondary>{i18n.t('deleteAccount.submit')}</Submit>
      </Form>
    </TitledPage>
  );
}
