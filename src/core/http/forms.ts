import { z } from 'zod';
import { isCalendarDate, isLocalDateTime, notAfterToday } from '../dates.ts';
import { type I18n, MESSAGES, type MessageKey } from '../i18n/i18n.ts';

/*
 * Form input: parsed at the edge with a zod schema; a failure is not an exception but a map of
 * field → message in the user's language, shown next to each field (422, form re-rendered with
 * what the user typed).
 */

export type FieldErrors = Record<string, string>;
export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };
/** What a use case answers: its value, or the field errors to show beside the form (422). */
export type Outcome<T = undefined> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** A record id as it appears in a path or a form (a PostgreSQL bigint written in decimal). */
export const ID_PATTERN = /^\d{1,18}$/;

/** A form field that may be posted once, many times or not at all (checkboxes, multiple selects), as strings. */
export const asArray = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)];

/**
 * A field posted once, many times or not at all (checkboxes, multiple selects): its values but the
 * empty ones, each matching `pattern` (else `error`, when given), at most `max` of them.
 */
export function many(pattern: RegExp, max: number, error?: string) {
  return z.preprocess(
    (v) => asArray(v).filter((x) => x !== ''),
    z.array(z.string().regex(pattern, error === undefined ? undefined : { error })).max(max),
  );
}

/** Ids from checkboxes or a multiple select, as `many` reads them. */
export const ids = (max: number, error?: string) => many(ID_PATTERN, max, error);

/** A required id from a select box or a hidden field. */
export const id = (error = 'validation.choice') => z.string({ error }).regex(ID_PATTERN, { error });

// Control characters other than tab and newlines: exactly what this pattern must match.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// A UTF-16 surrogate without its pair: not a character (String.prototype.isWellFormed is ES2024).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Characters that change how a text is shown without being seen: bidirectional controls, which make
 * "фото\u202Efdp.exe" read as "фотоexe.pdf" or reorder a name, and zero-width characters, which make
 * "Kadyr\u200B-Kasiyet" a second organisation that looks like the first. They are removed from what
 * users type; the joiners (U+200C, U+200D), which some scripts and emoji need, only from one-line
 * texts (names, titles), where a disguise matters most.
 */
const INVISIBLE = /[\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;
const JOINERS = /[\u200C\u200D]/gu;

/** The text without the invisible characters that could disguise it (see INVISIBLE). */
export function withoutInvisible(s: string, opts: { joiners?: boolean } = {}): string {
  const out = s.replace(INVISIBLE, '');
  return opts.joiners ? out.replace(JOINERS, '') : out;
}

/** A user-typed text: NFC-normalised, trimmed, well-formed Unicode, no control characters, at most `max` characters. */
export function text(opts: { max: number; min?: number; multiline?: boolean }) {
  return (
    z
      .string({ error: (i) => (i.input === undefined ? 'validation.required' : 'validation.invalid') })
      .refine((s) => !LONE_SURROGATE.test(s), { message: 'validation.badCharacters' })
      .transform((s) =>
        withoutInvisible(s.normalize('NFC'), { joiners: !opts.multiline }).replace(/\r\n?/g, '\n').trim(),
      )
      // U+FFFD is what a broken UTF-8 byte decodes to: refuse rather than store the damage.
      .refine((s) => !CONTROL.test(s) && !s.includes('\uFFFD') && (opts.multiline || !/\n/.test(s)), {
        message: 'validation.badCharacters',
      })
      .pipe(
        z
          .string()
          .min(opts.min ?? 1)
          .max(opts.max),
      )
  );
}

/** An optional text: empty means undefined. */
export function optionalText(opts: { max: number; multiline?: boolean }) {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), text(opts).optional());
}

/** An e-mail address, lower-cased. */
export const email = z.preprocess(
  (v) => (typeof v === 'string' ? v.normalize('NFC').trim().toLowerCase() : v),
  z
    .email({ error: (i) => (i.input === undefined || i.input === '' ? 'validation.required' : 'validation.email') })
    .max(254),
);

/** A checkbox: present means true. */
export const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());

function messageFor(issue: z.core.$ZodIssue, i18n: I18n): string {
  // core's validation messages, and any other message key a domain's schema names (e.g. a consent's).
  if (issue.message?.startsWith('validation.') || (issue.message && issue.message in MESSAGES.en))
    return i18n.t(issue.message as MessageKey);
  switch (issue.code) {
    case 'too_small':
      return Number(issue.minimum) <= 1
        ? i18n.t('validation.required')
        : i18n.t('validation.tooShort', { count: Number(issue.minimum) });
    case 'too_big':
      return i18n.t('validation.tooLong', { count: Number(issue.maximum) });
    case 'invalid_value':
      return i18n.t('validation.choice');
    case 'invalid_type':
      return i18n.t('validation.required');
    default:
      return i18n.t('validation.invalid');
  }
}

/** Parses a form body; on failure, one localized message per field (the first problem of each). */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown, i18n: I18n): FormResult<z.output<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '_form');
    errors[field] ??= messageFor(issue, i18n);
  }
  return { ok: false, errors };
}

/** The raw values a user typed, to put back into a re-rendered form (never passwords). */
export function formValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) {
      if (typeof v === 'string' && !/password|_csrf/.test(k)) out[k] = v.slice(0, 10_000);
    }
  }
  return out;
}

/** The three language fields of a translated text: `${prefix}_kk`, `${prefix}_ru`, `${prefix}_en`. */
export function translatedFields<P extends string>(prefix: P, max: number, multiline = false) {
  const field = optionalText({ max, multiline });
  return z.object({ [`${prefix}_kk`]: field, [`${prefix}_ru`]: field, [`${prefix}_en`]: field } as Record<
    `${P}_kk` | `${P}_ru` | `${P}_en`,
    typeof field
  >);
}

/**
 * The rule of every translated text that must exist: at least one language filled in (the others fall
 * back to it). A zod refinement, checked even when other fields are wrong so that every problem shows
 * at once; the message goes on the first language's field. Use as `schema.refine(...oneLanguage('title'))`.
 */
export function oneLanguage(
  prefix: string,
  message = 'validation.translatedRequired',
): [(data: Record<string, unknown>) => boolean, { path: string[]; message: string; when: () => boolean }] {
  return [
    (data) =>
      ['kk', 'ru', 'en'].some((l) => {
        const v = data[`${prefix}_${l}`];
        return typeof v === 'string' && v.trim() !== '';
      }),
    { path: [`${prefix}_kk`], message, when: () => true },
  ];
}

/** Collects a translated text from its three fields (blank languages left out). */
export function collectTranslated(
  data: Record<string, unknown>,
  prefix: string,
): { kk?: string; ru?: string; en?: string } {
  const out: { kk?: string; ru?: string; en?: string } = {};
  for (const lang of ['kk', 'ru', 'en'] as const) {
    const v = data[`${prefix}_${lang}`];
    if (typeof v === 'string' && v !== '') out[lang] = v;
  }
  return out;
}

/** A form's data for its use case: each field as parsed (every one present), and each translated text (`title_kk`, `title_ru`, `title_en`) as one (`title`). */
export type WithTranslated<D, P extends string> = {
  [K in Exclude<keyof D, `${P}_${'kk' | 'ru' | 'en'}`>]-?: undefined extends D[K] ? D[K] | undefined : D[K];
} & { [K in P]: { kk?: string; ru?: string; en?: string } };

/** A parsed form as its use case takes it: the translated texts named by `prefixes` collected (collectTranslated), the other fields as they are. */
export function withTranslated<D extends Record<string, unknown>, P extends string>(
  data: D,
  prefixes: readonly P[],
): WithTranslated<D, P> {
  const out: Record<string, unknown> = { ...data };
  for (const prefix of prefixes) {
    for (const lang of ['kk', 'ru', 'en'] as const) delete out[`${prefix}_${lang}`];
    out[prefix] = collectTranslated(data, prefix);
  }
  return out as WithTranslated<D, P>;
}

/** A date (YYYY-MM-DD): a day that exists, years 1900–2200 (core/dates.ts); the one date schema of Kenes. */
export const date = z
  .string({ error: (i) => (i.input === undefined ? 'validation.required' : 'validation.date') })
  .refine(isCalendarDate, { message: 'validation.date' });

/** A date that has come (YYYY-MM-DD, not after today in the body's time zone): when something happened. */
export const pastDate = date.refine((d) => notAfterToday(d), { message: 'validation.dateInFuture' });

/** A date field (YYYY-MM-DD), optional. */
export const optionalDate = z.preprocess((v) => (v === '' ? undefined : v), date.optional());

/** A date and time as <input type="datetime-local"> sends it (YYYY-MM-DDTHH:MM), on a date `date` accepts. */
export const localDateTime = z
  .string({ error: 'validation.required' })
  .refine(isLocalDateTime, { message: 'validation.date' });

/** An optional web address (http or https). */
export const optionalUrl = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
  z
    .url({ protocol: /^https?$/, error: 'validation.url' })
    .max(500)
    .optional(),
);

/** An optional id from a select box. */
export const optionalId = z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(ID_PATTERN).optional());
