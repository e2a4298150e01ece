import { z } from 'zod';
import { optionalText } from '../../core/http/forms.ts';
import { PLATFORM_SETTINGS } from '../../core/settings.ts';

export const PlatformSettingsInput = z.object({
  comments_on_account_deletion: z.enum(PLATFORM_SETTINGS.comments_on_account_deletion, { error: 'validation.choice' }),
  open_data_licence: z.enum(PLATFORM_SETTINGS.open_data_licence, { error: 'validation.choice' }),
});

/** The most days a body may keep comments open after a record's publication (ten years). */
export const CLOSE_DAYS_MAX = 3650;
const WORDS_MAX = 500;
const WORD_LENGTH_MAX = 100;

/**
 * The comment settings' form for these kinds of record: per kind `moderation_<kind>` (pre or post)
 * and `close_<kind>` (days after publication, empty: never); `words`, one word or phrase per line.
 */
export function commentSettingsInput(kinds: readonly string[]) {
  const perKind = Object.fromEntries(
    kinds.flatMap((k) => [
      [`moderation_${k}`, z.enum(['pre', 'post'], { error: 'validation.choice' })],
      [
        `close_${k}`,
        z.preprocess(
          (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? Number(v.trim()) : v),
          z
            .number({ error: 'admin.settings.comments.days' })
            .int({ error: 'admin.settings.comments.days' })
            .min(0, { error: 'admin.settings.comments.days' })
            .max(CLOSE_DAYS_MAX, { error: 'admin.settings.comments.days' })
            .optional(),
        ),
      ],
    ]),
  );
  return z
    .object({
      ...perKind,
      words: optionalText({ max: WORDS_MAX * (WORD_LENGTH_MAX + 1), multiline: true }).refine(
        (s) => {
          const words = String(s ?? '')
            .split('\n')
            .filter((w) => w.trim());
          return words.length <= WORDS_MAX && words.every((w) => w.trim().length <= WORD_LENGTH_MAX);
        },
        { message: 'admin.settings.comments.words.tooMany' },
      ),
    })
    .transform((form) => {
      const f = form as Record<string, unknown>;
      return {
        moderation: Object.fromEntries(kinds.map((k) => [k, f[`moderation_${k}`] as 'pre' | 'post'])),
        closeAfterDays: Object.fromEntries(
          kinds.flatMap((k) => (typeof f[`close_${k}`] === 'number' ? [[k, f[`close_${k}`] as number]] : [])),
        ),
        words: [
          ...new Set(
            String(form.words ?? '')
              .split('\n')
              .map((w) => w.trim())
              .filter(Boolean),
          ),
        ],
      };
    });
}
