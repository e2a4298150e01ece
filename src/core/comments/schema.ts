import { z } from 'zod';
import { id, text } from '../http/forms.ts';
import { LANGS } from '../i18n/locales.ts';

/* The forms of comments and moderation. */

export const BODY_MAX = 5000;
export const LINKS_MAX = 3;
export const EDIT_MINUTES = 15;
export const HIDE_REASONS = ['insults', 'spam', 'off-topic', 'personal-data', 'unlawful'] as const;

export const CommentInput = z.object({
  body: text({ max: BODY_MAX, multiline: true }),
  lang: z.enum(LANGS, { error: 'validation.choice' }),
  as: z.enum(['self', 'organisation'], { error: 'validation.choice' }).default('self'),
  parent: z.preprocess((v) => (v === '' ? undefined : v), id().optional()),
  /** The honeypot: people leave it empty (it is hidden from them); robots fill it. */
  website: z.string().max(2000).optional(),
});
export type CommentInput = z.output<typeof CommentInput>;

export const EditInput = z.object({ body: text({ max: BODY_MAX, multiline: true }) });

export const FlagInput = z.object({ reason: text({ max: 500, multiline: true }) });

export const HideInput = z.object({ reason: z.enum(HIDE_REASONS, { error: 'validation.choice' }) });

export const BlockInput = z.object({
  days: z.coerce.number({ error: 'validation.invalid' }).int().min(1).max(3650),
  reason: z.enum(HIDE_REASONS, { error: 'validation.choice' }),
});

export const Kind = z.string().regex(/^[a-z][a-z-]{0,39}$/);
export const RecordId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);
export const PageNumber = z.coerce.number().int().min(1).max(100_000).catch(1);
