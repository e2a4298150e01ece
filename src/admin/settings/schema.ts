import { z } from 'zod';
import { PLATFORM_SETTINGS } from '../../core/settings.ts';

export const PlatformSettingsInput = z.object({
  comments_on_account_deletion: z.enum(PLATFORM_SETTINGS.comments_on_account_deletion, { error: 'validation.choice' }),
});
