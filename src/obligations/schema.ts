import { z } from 'zod';
import {
  ACTION_STATUSES,
  ASSESSMENT_LEVELS,
  CYCLE_DOCUMENT_KINDS,
  CYCLE_STAGE_KINDS,
  RESPONSES,
} from '../core/db/schema-obligations.ts';
import {
  checkbox,
  date,
  ID_PATTERN,
  ids,
  many,
  oneLanguage,
  optionalDate,
  optionalId,
  optionalText,
  optionalUrl,
  translatedFields,
} from '../core/http/forms.ts';

/** Form inputs of cycles, recommendations and their implementation, parsed at the edge. */

const ID = z.string().regex(ID_PATTERN, { error: 'validation.choice' });
/** SDG targets ("16.2", "4.a"). */
const targets = many(/^\d{1,2}\.[0-9a-z]{1,2}$/, 200, 'validation.choice');
const stateCode = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
  z.string().regex(/^[A-Z]{2}$/, { error: 'validation.choice' }),
);
const optionalStateCode = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim().toUpperCase()) : v),
  z
    .string()
    .regex(/^[A-Z]{2}$/, { error: 'validation.choice' })
    .optional(),
);

/** A translated text that must exist: at least one language (core's rule, once). */
function requireTranslated<S extends z.ZodType>(schema: S, prefix: string) {
  const [check, params] = oneLanguage(prefix);
  return schema.refine(check as (d: z.output<S>) => boolean, params);
}

export const CycleInput = requireTranslated(
  translatedFields('title', 300)
    .extend(translatedFields('description', 5000, true).shape)
    .extend({
      mechanismId: ID,
      stateCode,
      number: z.preprocess(
        (v) => (v === '' || v === undefined ? undefined : v),
        z.coerce.number({ error: 'validation.invalid' }).int().min(1).max(99).optional(),
      ),
      session: z.preprocess(
        (v) => (v === '' || v === undefined ? undefined : v),
        z.coerce.number({ error: 'validation.invalid' }).int().min(1).max(999).optional(),
      ),
    }),
  'title',
);

/** The stages form: for each kind, `${kind}_due`, `${kind}_done`, (dialogue) `_ends`, `_note`. */
export const StagesInput = z.object(
  Object.fromEntries(
    CYCLE_STAGE_KINDS.flatMap((k) => [
      [`${k}_due`, optionalDate],
      [`${k}_done`, optionalDate],
      [`${k}_ends`, optionalDate],
      [`${k}_note`, optionalText({ max: 1000, multiline: true })],
    ]),
  ) as Record<string, typeof optionalDate | ReturnType<typeof optionalText>>,
);

export const DocumentInput = requireTranslated(
  translatedFields('title', 300).extend({
    kind: z.enum(CYCLE_DOCUMENT_KINDS, { error: 'validation.choice' }),
    symbol: z.preprocess(
      (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v),
      z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9/.()\- ]{0,99}$/, { error: 'validation.unSymbol' })
        .optional(),
    ),
    issuedOn: optionalDate,
    url: optionalUrl,
    organisationId: optionalId,
  }),
  'title',
);

export const RecommendationInput = requireTranslated(
  translatedFields('text', 10_000, true).extend({
    stateCode,
    mechanismId: ID,
    cycleId: optionalId,
    symbol: optionalText({ max: 100 }),
    paragraph: optionalText({ max: 40 }),
    adoptedOn: optionalDate,
    session: optionalText({ max: 200 }),
    recommendingState: optionalStateCode,
    response: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.enum(RESPONSES, { error: 'validation.choice' }).optional(),
    ),
    themeIds: ids(200, 'validation.choice'),
    groupIds: ids(200, 'validation.choice'),
    sdgTargets: targets,
    priority: checkbox,
  }),
  'text',
);

export const ClusterInput = z.object({
  clusterId: optionalId,
  ...translatedFields('clusterTitle', 300).shape,
});

export const RepeatDecisionInput = z.object({
  earlierId: ID,
  decision: z.enum(['confirmed', 'dismissed'], { error: 'validation.choice' }),
});

export const ActionInput = requireTranslated(
  translatedFields('title', 300)
    .extend(translatedFields('description', 5000, true).shape)
    .extend(translatedFields('indicator', 1000).shape)
    .extend({
      responsibleId: ID,
      deadline: optionalDate,
      status: z.enum(ACTION_STATUSES, { error: 'validation.choice' }).default('planned'),
    }),
  'title',
);

export const ActionStatusInput = z.object({ status: z.enum(ACTION_STATUSES, { error: 'validation.choice' }) });

export const ProgressInput = requireTranslated(
  translatedFields('text', 10_000, true).extend({
    reportedOn: date,
    links: z.preprocess(
      (v) =>
        typeof v === 'string'
          ? v
              .split(/\s+/)
              .map((s) => s.trim())
              .filter(Boolean)
          : [],
      z.array(z.url({ protocol: /^https?$/, error: 'validation.url' }).max(500)).max(20),
    ),
  }),
  'text',
);

export const AssessmentInput = requireTranslated(
  translatedFields('reasons', 5000, true).extend({
    level: z.enum(ASSESSMENT_LEVELS, { error: 'validation.choice' }),
  }),
  'reasons',
);

export const LinkInput = z.object({
  kind: z.enum(['proposal', 'agenda_item', 'task'], { error: 'validation.choice' }),
  targetId: ID,
  remove: checkbox,
});
