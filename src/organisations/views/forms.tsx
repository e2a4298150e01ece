import { ORGANISATION_CATEGORIES } from '../../core/db/schema.ts';
import type { PageContext } from '../../core/html/context.ts';
import { ErrorSummary, Form, Select, Submit, TextField } from '../../core/html/form.tsx';
import { Layout } from '../../core/html/layout.tsx';
import { plain } from '../../core/html/text.tsx';
import type { FieldErrors } from '../../core/http/forms.ts';
import { LANG_NATIVE_NAMES, LANGS } from '../../core/i18n/locales.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { sortByName } from '../sort.ts';

export type Values = Record<string, string | undefined>;

/** Three inputs for a text in kk, ru and en, grouped under one legend. */
export function TranslatedInputs({
  prefix,
  legend,
  values,
  errors,
  maxLength,
  hint,
  rows,
}: {
  prefix: string;
  legend: string;
  values: Values;
  errors?: FieldErrors | undefined;
  maxLength: number;
  hint?: string;
  /** Multi-line: a textarea of this many rows per language. */
  rows?: number;
}) {
  const error = LANGS.map((l) => errors?.[`${prefix}_${l}`]).find(Boolean);
  return (
    <fieldset class={error ? 'field translated has-error' : 'field translated'}>
      <legend>{legend}</legend>
      {hint && <p class="hint">{hint}</p>}
      {error && <p class="field-error">{error}</p>}
      {LANGS.map((l) => (
        <div class="field">
          <label for={`field-${prefix}_${l}`} lang={l}>
            {LANG_NATIVE_NAMES[l]}
          </label>
          {rows ? (
            <textarea
              id={`field-${prefix}_${l}`}
              name={`${prefix}_${l}`}
              rows={rows}
              lang={l}
              maxLength={maxLength}
              aria-invalid={errors?.[`${prefix}_${l}`] ? 'true' : undefined}
            >
              {values[`${prefix}_${l}`] ?? ''}
            </textarea>
          ) : (
            <input
              id={`field-${prefix}_${l}`}
              name={`${prefix}_${l}`}
              type="text"
              lang={l}
              value={values[`${prefix}_${l}`]}
              maxLength={maxLength}
              aria-invalid={errors?.[`${prefix}_${l}`] ? 'true' : undefined}
            />
          )}
        </div>
      ))}
    </fieldset>
  );
}

/** Form values from a stored translated text. */
export function translatedValues(prefix: string, value: Translated): Values {
  return Object.fromEntries(LANGS.map((l) => [`${prefix}_${l}`, value[l]]));
}

export function OrganisationFormPage({
  ctx,
  title,
  action,
  values,
  errors,
  organisations,
  selfId,
  submit,
}: {
  ctx: PageContext;
  title: string;
  action: string;
  values: Values;
  errors?: FieldErrors | undefined;
  organisations: { id: string; name: Translated }[];
  selfId?: string;
  submit: string;
}) {
  const { i18n } = ctx;
  return (
    <Layout ctx={ctx} title={title} section="organisations">
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={action}>
        <TranslatedInputs
          prefix="name"
          legend={i18n.t('organisations.name')}
          hint={i18n.t('organisations.translatedHint')}
          values={values}
          errors={errors}
          maxLength={300}
        />
        <TranslatedInputs
          prefix="short"
          legend={i18n.t('organisations.shortName')}
          values={values}
          errors={errors}
          maxLength={60}
        />
        <Select
          name="category"
          label={i18n.t('organisations.category')}
          value={values.category}
          error={errors?.category}
          options={ORGANISATION_CATEGORIES.map((c) => ({ value: c, label: i18n.t(`category.${c}`) }))}
        />
        <TextField
          name="website"
          type="url"
          label={i18n.t('organisations.website')}
          value={values.website}
          error={errors?.website}
          maxLength={500}
        />
        <Select
          name="parentId"
          label={i18n.t('organisations.parent')}
          value={values.parentId}
          error={errors?.parentId}
          options={[
            { value: '', label: i18n.t('organisations.parentNone') },
            ...sortByName(
              organisations.filter((o) => o.id !== selfId),
              i18n,
            ).map((o) => ({ value: o.id, label: plain(o.name, i18n) })),
          ]}
        />
        <Submit>{submit}</Submit>
      </Form>
    </Layout>
  );
}
