import type { PageContext } from '../../core/html/context.ts';
import { fieldsOf, Select, TextField, TranslatedInputs, type Values } from '../../core/html/fields.tsx';
import { Form, Submit } from '../../core/html/form.tsx';
import { TitledPage } from '../../core/html/layout.tsx';
import type { FieldErrors } from '../../core/http/forms.ts';
import type { I18n, MessageKey } from '../../core/i18n/i18n.ts';
import { COMMON_TIME_ZONES, isTimeZone } from '../time.ts';
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
    <TitledPage ctx={ctx} title={title} section="meetings">
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
          options={zones.map((z) => ({ value: z, label: zoneLabel(z, i18n) }))}
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
    </TitledPage>
  );
}

/**
 * A time zone as the reader says it: "Алматы — Қазақстан уақыты (GMT+5)". The zone's name and offset
 * come from Intl (ICU) in the page's language; the city is ours, since zones that share a name
 * (Geneva's and Brussels's) must read differently. A zone we have no city for is named by Intl alone.
 */
function zoneLabel(zone: string, i18n: I18n): string {
  const part = (timeZoneName: 'longGeneric' | 'shortOffset') =>
    new Intl.DateTimeFormat(i18n.lang, { timeZone: zone, timeZoneName })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
  if (!isTimeZone(zone)) return zone; // a refused value, shown back as it was typed
  if (zone === 'UTC') return i18n.t('meeting.zone.UTC');
  const name = part('longGeneric');
  const offset = part('shortOffset');
  if (!COMMON_TIME_ZONES.includes(zone)) return `${name} (${offset})`;
  return i18n.t('meeting.zone', { city: i18n.t(`meeting.zone.${zone}` as MessageKey), name, offset });
}
