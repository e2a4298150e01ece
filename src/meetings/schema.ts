import { z } from 'zod';
import {
  checkbox,
  ID_PATTERN,
  id,
  localDateTime,
  oneLanguage,
  optionalDate,
  optionalId,
  optionalText,
  optionalUrl,
  text,
  translatedFields,
} from '../core/http/forms.ts';

export const MeetingInput = translatedFields('title', 300)
  .extend(translatedFields('description', 5000, true).shape)
  .extend(translatedFields('venue', 300).shape)
  .extend({
    startsAt: localDateTime,
    endsAt: z.preprocess((v) => (v === '' ? undefined : v), localDateTime.optional()),
    timeZone: z.string().min(1).max(60),
    onlineUrl: optionalUrl,
    format: z.enum(['in_person', 'online', 'hybrid'], { error: 'validation.choice' }),
    visibility: z.enum(['public', 'members'], { error: 'validation.choice' }),
    chairPersonId: optionalId,
    secretaryPersonId: optionalId,
  })
  .refine(...oneLanguage('title'));

export const StatusInput = translatedFields('reason', 1000, true).extend({
  status: z.enum(['announced', 'held', 'postponed', 'cancelled'], { error: 'validation.choice' }),
});

export const AgendaItemInput = translatedFields('title', 500)
  .extend(translatedFields('description', 5000, true).shape)
  .extend({
    plannedMinutes: z.preprocess(
      (v) => (v === '' || v === undefined ? undefined : Number(v)),
      z.number({ error: 'validation.invalid' }).int().min(1).max(1440).optional(),
    ),
  })
  .refine(...oneLanguage('title'));

export const PresenterInput = z.object({
  organisationId: id(),
  personId: optionalId,
  role: z.enum(['report', 'co_report', 'proposals', 'comment'], { error: 'validation.choice' }),
});

export const MoveInput = z.object({ direction: z.enum(['up', 'down']) });

export const DocumentFields = translatedFields('title', 300)
  .extend({ agendaItemId: optionalId })
  .refine(...oneLanguage('title'));

const idList = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string().regex(ID_PATTERN)).max(1000),
);

/** The roles an organisation is invited in; in the register, a presenter may come too. */
export const INVITATION_ROLES = ['member', 'observer', 'guest'] as const;
export const ATTENDANCE_ROLES = [...INVITATION_ROLES, 'presenter'] as const;

export const InviteOrganisationsInput = z.object({
  organisationIds: idList,
  role: z.enum(INVITATION_ROLES, { error: 'validation.choice' }),
});

export const ResponseInput = z.object({
  response: z.enum(['confirmed', 'declined'], { error: 'validation.choice' }),
  delegateIds: idList,
  newDelegate: optionalText({ max: 200 }),
});

export const AttendanceAddInput = z.object({
  organisationId: id(),
  personId: optionalId,
  newPerson: optionalText({ max: 200 }),
  role: z.enum(ATTENDANCE_ROLES, { error: 'validation.choice' }),
});

export const CorrectionInput = z.object({
  agendaItemId: optionalId,
  text: text({ max: 10_000, multiline: true }),
});

export const CorrectionDecisionInput = z.object({ status: z.enum(['accepted', 'rejected']) });

export const DecisionInput = translatedFields('text', 3000, true)
  .extend(translatedFields('task', 3000, true).shape)
  .extend({
    agendaItemId: optionalId,
    taskOrganisationId: optionalId,
    taskDeadline: optionalDate,
  })
  .refine(...oneLanguage('text'));

export const CommuniqueInput = translatedFields('title', 300)
  .extend(translatedFields('body', 30_000, true).shape)
  .refine(...oneLanguage('title'))
  .refine(...oneLanguage('body'));

/** Publishing: the passages in other languages (communique/marks.ts) confirmed as they are, or not. */
export const PublishCommuniqueInput = z.object({ confirmOtherLanguages: checkbox });
