import type { PageContext } from '../../core/html/context.ts';
import { ErrorSummary, Form, Select, Submit, TextField, TranslatedInputs, type Values } from '../../core/html/form.tsx';
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
  const zones =
    COMMON_TIME_ZONES.includes(values.timeZone ?? '') || !values.timeZone
      ? COMMON_TIME_ZONES
      : [values.timeZone, ...COMMON_TIME_ZONES];
  return (
    <Layout ctx={ctx} title={title} section="meetings">
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={action}>
        <TranslatedInputs
          prefix="title"
          legend={i18n.t('meeting.titleField')}
          hint={i18n.t('organisations.translatedHint')}
          values={values}
          errors={errors}
          maxLength={300}
        />
        <TextField
          name="startsAt"
          type={'datetime-local' as 'date'}
          label={i18n.t('meeting.starts')}
          value={values.startsAt}
          error={errors?.startsAt}
          required
        />
        <TextField
          name="endsAt"
          type={'datetime-local' as 'date'}
          label={i18n.t('meeting.ends')}
          value={values.endsAt}
          error={errors?.endsAt}
        />
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
        <TranslatedInputs
          prefix="venue"
          legend={i18n.t('meeting.venue')}
          values={values}
          errors={errors}
          maxLength={300}
        />
        <TextField
          name="onlineUrl"
          type="url"
          label={i18n.t('meeting.onlineUrl')}
          value={values.onlineUrl}
          error={errors?.onlineUrl}
          maxLength={500}
        />
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
          name="chairPersonId"
          label={i18n.t('meeting.chair')}
          value={values.chairPersonId}
          error={errors?.chairPersonId}
          options={personOptions(people, ctx, i18n.t('meeting.nobody'))}
        />
        <Select
          name="secretaryPersonId"
          label={i18n.t('meeting.secretary')}
          value={values.secretaryPersonId}
          error={errors?.secretaryPersonId}
          options={personOptions(people, ctx, i18n.t('meeting.nobody'))}
        />
        <TranslatedInputs
          prefix="description"
          legend={i18n.t('meeting.descriptionField')}
          values={values}
          errors={errors}
          maxLength={5000}
        />
        <Submit>{title}</Submit>
      </Form>
    </Layout>
  );
}
