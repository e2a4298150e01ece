import { z } from 'zod';
import { ORGANISATION_CATEGORIES } from '../core/db/schema.ts';
import { date, ID_PATTERN, optionalDate, optionalId, optionalUrl, translatedFields } from '../core/http/forms.ts';

/** At least one language filled in; checked even when other fields are wrong, so every problem shows at once. */
const oneLanguage = (
  prefix: string,
): [(data: Record<string, unknown>) => boolean, { path: string[]; message: string; when: () => boolean }] => [
  (data) =>
    ['kk', 'ru', 'en'].some((l) => {
      const v = data[`${prefix}_${l}`];
      return typeof v === 'string' && v.trim() !== '';
    }),
  { path: [`${prefix}_kk`], message: 'validation.translatedRequired', when: () => true },
];

export const OrganisationInput = translatedFields('name', 300)
  .extend(translatedFields('short', 60).shape)
  .extend({
    category: z.enum(ORGANISATION_CATEGORIES as [string, ...string[]], { error: 'validation.choice' }),
    website: optionalUrl,
    parentId: optionalId,
  })
  .refine(...oneLanguage('name'));

export const MembershipInput = z.object({
  status: z.enum(['member', 'observer', 'guest', 'none'], { error: 'validation.choice' }),
  since: date,
});

export const PersonInput = translatedFields('name', 200)
  .extend(translatedFields('title', 200).shape)
  .extend({ since: optionalDate })
  .refine(...oneLanguage('name'));

export const PositionInput = translatedFields('title', 200).extend({
  organisationId: z.string({ error: 'validation.choice' }).regex(ID_PATTERN, { error: 'validation.choice' }),
  since: optionalDate,
});

export const EndPositionInput = z.object({ until: date });
