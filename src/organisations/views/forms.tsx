import { ORGANISATION_CATEGORIES } from '../../core/db/schema.ts';
import type { PageContext } from '../../core/html/context.ts';
import { fieldsOf, Select, TextField, TranslatedInputs, type Values } from '../../core/html/fields.tsx';
import { Form, Submit } from '../../core/html/form.tsx';
import { TitledPage } from '../../core/html/layout.tsx';
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
  const field = fieldsOf(values, errors);
  return (
    <TitledPage ctx={ctx} title={title} section="organisations">
      <Form ctx={ctx} errors={errors} action={action}>
        <TranslatedInputs
          {...field.translated('name')}
          legend={i18n.t('organisations.name')}
          hint={i18n.t('organisations.translatedHint')}
          maxLength={300}
        />
        <TranslatedInputs {...field.translated('short')} legend={i18n.t('organisations.shortName')} maxLength={60} />
        <Select
          {...field('category')}
          label={i18n.t('organisations.category')}
          options={ORGANISATION_CATEGORIES.map((c) => ({ value: c, label: i18n.t(`category.${c}`) }))}
        />
        <TextField {...field('website')} type="url" label={i18n.t('organisations.website')} maxLength={500} />
        <Select
          {...field('parentId')}
          label={i18n.t('organisations.parent')}
          empty={i18n.t('organisations.parentNone')}
          options={sortByName(
            organisations.filter((o) => o.id !== selfId),
            i18n,
          ).map((o) => ({ value: o.id, label: plain(o.name, i18n) }))}
        />
        <Submit>{submit}</Submit>
      </Form>
    </TitledPage>
  );
}
