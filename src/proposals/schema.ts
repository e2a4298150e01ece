import { z } from 'zod';
import {
  date,
  ID_PATTERN,
  ids,
  oneLanguage,
  optionalDate,
  optionalId,
  optionalText,
  optionalUrl,
  pastDate,
  text,
  translatedFields,
} from '../core/http/forms.ts';

/** The kinds of proposal. */
export const PROPOSAL_KINDS = ['amend_law', 'new_law', 'bylaw', 'practice', 'other'] as const;

/** The statuses the tracker lists and filters by (every one but 'draft', which only its authors see). */
export const TRACKED_STATUSES = [
  'submitted',
  'registered',
  'assigned',
  'answered',
  'in_implementation',
  'implemented',
  'withdrawn',
  'merged',
] as const;

export const ProposalInput = translatedFields('title', 300)
  .extend(translatedFields('body', 20_000, true).shape)
  .extend(translatedFields('actName', 300).shape)
  .extend({
    kind: z.enum(PROPOSAL_KINDS, { error: 'validation.choice' }),
    addresseeIds: ids(500),
    coAuthorIds: ids(500),
    themeIds: ids(500),
    meetingId: optionalId,
    agendaItemId: optionalId,
    actNumber: optionalText({ max: 100 }),
    actArticle: optionalText({ max: 100 }),
    actUrl: optionalUrl,
    intent: z.enum(['save', 'similar']).default('save'),
  })
  .refine(
    (d: Record<string, unknown>) =>
      ['kk', 'ru', 'en'].some((l) => typeof d[`title_${l}`] === 'string' && (d[`title_${l}`] as string).trim() !== ''),
    { path: ['title_kk'], message: 'validation.translatedRequired', when: () => true },
  );

/** A filter's id: an unknown or malformed one filters nothing. */
const filterId = z.string().regex(ID_PATTERN).optional().catch(undefined);

export const TrackerQuery = z.object({
  status: z.enum(TRACKED_STATUSES).optional().catch(undefined),
  body: filterId,
  author: filterId,
  theme: filterId,
  kind: z.enum(PROPOSAL_KINDS).optional().catch(undefined),
  meeting: filterId,
  overdue: z.preprocess((v) => v === '1' || v === 'on' || v === 'true', z.boolean()),
  q: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 200) : undefined),
    z.string().optional(),
  ),
  sort: z.enum(['newest', 'waiting', 'support']).catch('newest'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/** A state body's answer: its position and the reasons, Markdown in one language at least (the letter is a file). */
export const AnswerInput = translatedFields('reasons', 5000, true)
  .extend({
    answer: z.enum(['accepted', 'partly_accepted', 'rejected', 'needs_study', 'not_competent'], {
      error: 'validation.choice',
    }),
  })
  .refine(...oneLanguage('reasons'));

/** The state bodies a proposal is addressed to, as the secretariat sets them. */
export const AddresseesInput = z.object({ addresseeIds: ids(500) });

export const AssessInput = z.object({
  assessment: z.enum(['satisfied', 'partly_satisfied', 'not_satisfied'], { error: 'validation.choice' }),
  comment: optionalText({ max: 5000, multiline: true }),
});

export const StageInput = z.object({
  stage: z.enum(
    ['drafted', 'government', 'mazhilis', 'senate', 'signed', 'in_force', 'planned', 'in_progress', 'implemented'],
    { error: 'validation.choice' },
  ),
  // A stage is recorded once reached: a future date would mark a proposal implemented today.
  date: pastDate,
  url: optionalUrl,
});

export const ReasonInput = z.object({ reason: optionalText({ max: 5000, multiline: true }) });
export const MergeInput = ReasonInput.extend({
  into: z.string().trim().regex(ID_PATTERN, { error: 'validation.choice' }),
});
/** Removing the last stage recorded by mistake: why, for the audit log. */
export const RemoveStageInput = z.object({ reason: text({ max: 1000, multiline: true }) });

export const DeadlineInput = z.object({ deadline: date });
export const FollowInput = z.object({ follow: z.enum(['0', '1']) });
export const SupportInput = z.object({ support: z.enum(['0', '1']) });
export { optionalDate };

export const AttachmentFields = translatedFields('title', 300).refine(
  (d: Record<string, unknown>) =>
    ['kk', 'ru', 'en'].some((l) => typeof d[`title_${l}`] === 'string' && (d[`title_${l}`] as string).trim() !== ''),
  { path: ['title_kk'], message: 'validation.translatedRequired', when: () => true },
);

export const CoAuthorshipInput = z.object({ answer: z.enum(['accept', 'decline'], { error: 'validation.choice' }) });
