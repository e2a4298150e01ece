import { ORGANISATION_CATEGORIES } from '../../core/db/schema.ts';
import type { PageContext } from '../../core/html/context.ts';
import { ErrorSummary, Form, Select, Submit, TextField, TranslatedInputs, type Values } from '../../core/html/form.tsx';
import { Layout } from '../../core/html/layout.tsx';
import { plain } from '../../core/html/text.tsx';
import type { FieldErrors } from '../../core/http/forms.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { sortByName } from '../sort.ts';

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
