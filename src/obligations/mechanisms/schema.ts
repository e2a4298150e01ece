import { z } from 'zod';
import { optionalDate, translatedFields } from '../../core/http/forms.ts';

/** The form that records a treaty's ratification by the home State ('' status: not recorded). */
export const RatificationInput = translatedFields('note', 2000, true).extend({
  status: z.enum(['', 'not_signed', 'signed', 'ratified', 'acceded', 'succeeded'], { error: 'validation.choice' }),
  signedOn: optionalDate,
  ratifiedOn: optionalDate,
});
