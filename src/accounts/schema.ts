import { z } from 'zod';
import { ROLES } from '../core/db/schema.ts';
import { checkbox, email, oneLanguage, optionalId, optionalText, text, translatedFields } from '../core/http/forms.ts';
import { EDITIONS } from '../core/http/latin-edition.ts';

// Passwords are checked for length and commonness by passwordProblem(); here only their presence
// and an upper bound on what we accept at all (argon2 would take anything).
const password = z.string({ error: 'validation.required' }).min(1, { error: 'validation.required' }).max(1000);

export const SignInInput = z.object({
  email,
  password,
  remember: checkbox,
  next: z.string().max(2000).optional(),
});

export const ResetRequestInput = z.object({ email });

export const NewPasswordInput = z.object({ password, confirm: z.string().max(1000) });

export const InviteInput = z.object({
  email,
  displayName: text({ max: 200 }),
  role: z.enum(ROLES as [string, ...string[]], { error: 'validation.choice' }),
  organisationId: optionalId,
  locale: z.enum(EDITIONS, { error: 'validation.choice' }),
});

export const UserUpdateInput = z.object({
  role: z.enum(ROLES as [string, ...string[]], { error: 'validation.choice' }),
  organisationId: optionalId,
  disabled: checkbox,
  moderator: checkbox,
});

export const AccountInput = z.object({
  displayName: text({ max: 200 }),
  // A language, or Kazakh in the Latin script (decision 0018).
  locale: z.enum(EDITIONS, { error: 'validation.choice' }),
});

/** A consent checkbox: it must be ticked (decision 0021). */
const consent = z.preprocess((v) => v === 'on' || v === 'true', z.literal(true, { error: 'signUp.consentRequired' }));
/** The version of a legal text the form showed (a hidden field), compared with the current one. */
const shownVersion = z.coerce.number({ error: 'validation.invalid' }).int().min(1).max(1_000_000);

export const SignUpInput = z.object({
  displayName: text({ max: 200 }),
  email,
  password,
  confirm: z.string().max(1000),
  // A language, or Kazakh in the Latin script (decision 0018).
  locale: z.enum(EDITIONS, { error: 'validation.choice' }),
  terms: consent,
  privacy: consent,
  termsVersion: shownVersion,
  privacyVersion: shownVersion,
});
export type SignUpInput = z.output<typeof SignUpInput>;

export const LegalTextInput = translatedFields('body', 50_000, true)
  .extend({ version: shownVersion })
  .refine(...oneLanguage('body'));

export const DeleteAccountInput = z.object({ password });

export const ChangePasswordInput = z.object({ current: password, password, confirm: z.string().max(1000) });

/** A day the audit log is filtered from or to, or none (an empty field); any date PostgreSQL can compare. */
const auditDay = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z.iso
    .date()
    .refine((d) => d >= '0001-01-01')
    .optional(),
);

export const AuditFilter = z.object({
  entity: optionalText({ max: 60 }),
  action: optionalText({ max: 60 }),
  actor: optionalText({ max: 254 }),
  from: auditDay,
  to: auditDay,
  before: optionalId,
});
export type AuditFilter = z.output<typeof AuditFilter>;
