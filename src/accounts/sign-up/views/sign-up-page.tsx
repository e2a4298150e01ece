import type { PageContext } from '../../../core/html/context.ts';
import { fieldsOf, Select, TextField, type Values } from '../../../core/html/fields.tsx';
import { Form, Submit } from '../../../core/html/form.tsx';
import { TitledPage } from '../../../core/html/layout.tsx';
import type { FieldErrors } from '../../../core/http/forms.ts';
import { editionOptions } from '../../../core/http/latin-edition.ts';
import { NewPasswordFields } from '../../passwords/views/password-pages.tsx';

/** A required consent: the box, its label, a link to the text and the error, tied together for screen readers. */
function Consent({
  name,
  label,
  link,
  checked,
  error,
}: {
  name: 'terms' | 'privacy';
  label: string;
  link: { href: string; text: string };
  checked: boolean;
  error?: string | undefined;
}) {
  return (
    <div class={error ? 'field checkbox has-error' : 'field checkbox'}>
      {error && (
        <p class="field-error" id={`error-${name}`}>
          {error}
        </p>
      )}
      <label for={`field-${name}`}>
        <input
          id={`field-${name}`}
          type="checkbox"
          name={name}
          checked={checked}
          required
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `error-${name}` : undefined}
        />{' '}
        {label}
      </label>{' '}
      <a href={link.href}>{link.text}</a>
    </div>
  );
}

/** What a citizen agrees to on signing up: each document, with a link to read it at its page. */
const CONSENTS = [
  { name: 'terms', label: 'signUp.terms', read: 'signUp.readTerms' },
  { name: 'privacy', label: 'signUp.privacy', read: 'signUp.readPrivacy' },
] as const;

/** The sign-up form: name, e-mail, password twice, language, and the two consents (with the versions shown). */
export function SignUpPage({
  ctx,
  versions,
  values = {},
  errors,
}: {
  ctx: PageContext;
  versions: { terms: number; privacy: number };
  values?: Values;
  errors?: FieldErrors | undefined;
}) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const field = fieldsOf(values, errors);
  // A consent is asked again when the text changed since the form was shown.
  const ticked = (name: 'terms' | 'privacy') => values[name] === 'on' && !errors?.[name];
  return (
    <TitledPage ctx={ctx} title={i18n.t('signUp.title')} section="sign-up">
      <p>{i18n.t('signUp.intro')}</p>
      <Form ctx={ctx} errors={errors} action={`/${lang}/sign-up`}>
        <input type="hidden" name="termsVersion" value={String(versions.terms)} />
        <input type="hidden" name="privacyVersion" value={String(versions.privacy)} />
        <TextField
          {...field('displayName')}
          label={i18n.t('signUp.displayName')}
          autocomplete="name"
          required
          maxLength={200}
        />
        <TextField {...field('email')} type="email" label={i18n.t('signIn.email')} autocomplete="email" required />
        <NewPasswordFields ctx={ctx} errors={errors} prefix="signUp" />
        <Select
          {...field('locale')}
          value={values.locale ?? (ctx.latin ? 'kk-latn' : lang)}
          label={i18n.t('signUp.locale')}
          options={editionOptions()}
        />
        {CONSENTS.map((c) => (
          <Consent
            name={c.name}
            label={i18n.t(c.label)}
            link={{ href: `/${lang}/${c.name}`, text: i18n.t(c.read) }}
            checked={ticked(c.name)}
            error={errors?.[c.name]}
          />
        ))}
        <Submit>{i18n.t('signUp.submit')}</Submit>
      </Form>
      <p>
        {i18n.t('signUp.haveAccount')} <a href={`/${lang}/sign-in`}>{i18n.t('signIn.title')}</a>
      </p>
    </TitledPage>
  );
}
