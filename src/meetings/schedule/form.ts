import { translatedValues, type Values } from '../../core/html/fields.tsx';
import { collectTranslated, type FormResult, parseForm } from '../../core/http/forms.ts';
import type { I18n } from '../../core/i18n/i18n.ts';
import type { MeetingDetail } from '../queries.ts';
import { MeetingInput } from '../schema.ts';
import { isTimeZone, utcToZonedInput, zonedToUtc } from '../time.ts';
import type { MeetingData } from './use-cases.ts';

/** The meeting form: parsed into what the use cases take, and filled in from a stored meeting. */

function meetingData(d: Record<string, unknown>, startsAt: Date, endsAt: Date | null): MeetingData {
  return {
    title: collectTranslated(d, 'title'),
    description: collectTranslated(d, 'description'),
    venue: collectTranslated(d, 'venue'),
    startsAt,
    endsAt,
    timeZone: d.timeZone as string,
    onlineUrl: (d.onlineUrl as string | undefined) ?? null,
    format: d.format as MeetingData['format'],
    visibility: d.visibility as MeetingData['visibility'],
    chairPersonId: (d.chairPersonId as string | undefined) ?? null,
    secretaryPersonId: (d.secretaryPersonId as string | undefined) ?? null,
  };
}

/** Parses the meeting form, turning its local times into instants in the chosen zone. */
export function parseMeeting(body: unknown, i18n: I18n): FormResult<MeetingData> {
  const form = parseForm(MeetingInput, body, i18n);
  if (!form.ok) return form;
  const d = form.data;
  if (!isTimeZone(d.timeZone)) return { ok: false, errors: { timeZone: i18n.t('validation.choice') } };
  const startsAt = zonedToUtc(d.startsAt, d.timeZone);
  const endsAt = d.endsAt ? zonedToUtc(d.endsAt, d.timeZone) : null;
  if (!startsAt) return { ok: false, errors: { startsAt: i18n.t('validation.date') } };
  if (endsAt === undefined) return { ok: false, errors: { endsAt: i18n.t('validation.date') } };
  return { ok: true, data: meetingData(d, startsAt, endsAt) };
}

/** The form's values for a stored meeting (its times in its own zone). */
export function storedValues(m: MeetingDetail): Values {
  return {
    ...translatedValues('title', m.title),
    ...translatedValues('description', m.description),
    ...translatedValues('venue', m.venue),
    startsAt: utcToZonedInput(m.startsAt, m.timeZone),
    endsAt: m.endsAt ? utcToZonedInput(m.endsAt, m.timeZone) : '',
    timeZone: m.timeZone,
    onlineUrl: m.onlineUrl ?? '',
    format: m.format,
    visibility: m.visibility,
    chairPersonId: m.chairPersonId ?? '',
    secretaryPersonId: m.secretaryPersonId ?? '',
  };
}
