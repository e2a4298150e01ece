import type { PageContext } from '../../core/html/context.ts';
import { fieldsOf, Select, TextField, TranslatedInputs, type Values } from '../../core/html/fields.tsx';
import { Form, Submit } from '../../core/html/form.tsx';
import { Layout } from '../../core/html/layout.tsx';
import type { FieldErrors } from '../../core/http/forms.ts';
import { COMMON_TIME_ZONES } from '../time.ts';
import { type Person, personOptions } from '../views/manage-parts.tsx';

export function MeetingFormPage({
  ctx,
  title,
  action,
  values,
  errors,
  people,
}: {
  ctx: PageContext;
  title: string;
  action: string;
  values: Values;
  errors?: FieldErrors | undefined;
  people: Person[];
}) {
  const { i18n } = ctx;
  const field = fieldsOf(values, errors);
  const zones =
    COMMON_TIME_ZONES.includes(values.timeZone ?? '') || !values.timeZone
      ? COMMON_TIME_ZONES
      : [values.timeZone, ...COMMON_TIME_ZONES];
  return (
    <Layout ctx={ctx} title={title} section="meetings">
      <h1>{title}</h1>
      <Form ctx={ctx} errors={errors} action={action}>
        <TranslatedInputs
          {...field.translated('title')}
          legend={i18n.t('meeting.titleField')}
          hint={i18n.t('organisations.translatedHint')}
          maxLength={300}
        />
        <TextField {...field('startsAt')} type="datetime-local" label={i18n.t('meeting.starts')} required />
        <TextField {...field('endsAt')} type="datetime-local" label={i18n.t('meeting.ends')} />
        <Select
          name="timeZone"
          label={i18n.t('meeting.timeZone')}
          value={values.timeZone ?? 'Asia/Almaty'}
          error={errors?.timeZone}
          options={zones.map((z) => ({ value: z, label: z }))}
        />
        <Select
          name="format"
          label={i18n.t('meeting.format')}
          value={values.format ?? 'in_person'}
          error={errors?.format}
          options={(['in_person', 'online', 'hybrid'] as const).map((f) => ({
            value: f,
            label: i18n.t(`meeting.format.${f}`),
          }))}
        />
        <TranslatedInputs {...field.translated('venue')} legend={i18n.t('meeting.venue')} maxLength={300} />
        <TextField {...field('onlineUrl')} type="url" label={i18n.t('meeting.onlineUrl')} maxLength={500} />
        <Select
          name="visibility"
          label={i18n.t('meeting.visibility')}
          value={values.visibility ?? 'public'}
          error={errors?.visibility}
          options={(['public', 'members'] as const).map((v) => ({
            value: v,
            label: i18n.t(`meeting.visibility.${v}`),
          }))}
        />
        <Select
          {...field('chairPersonId')}
          label={i18n.t('meeting.chair')}
          options={personOptions(people, ctx, i18n.t('meeting.nobody'))}
        />
        <Select
          {...field('secretaryPersonId')}
          label={i18n.t('meeting.secretary')}
          options={personOptions(people, ctx, i18n.t('meeting.nobody'))}
        />
        <TranslatedInputs
          {...field.translated('description')}
          legend={i18n.t('meeting.descriptionField')}
          maxLength={5000}
        />
        <Submit>{title}</Submit>
      </Form>
    </Layout>
  );
}
