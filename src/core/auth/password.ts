import { hash, verify } from '@node-rs/argon2';

/*
 * argon2id with OWASP's second recommended setting (19 MiB, 2 passes, 1 lane): 11 ms per verification here.
 * Length 10–200 characters; the 49,233 most common passwords of zxcvbn-ts are refused, compared
 * case-insensitively and with the digits and symbols people add at the end removed ("Password123!").
 */
// algorithm 2 is Algorithm.Argon2id (a const enum, which verbatimModuleSyntax cannot import).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let common: Set<string> | undefined;
async function commonPasswords(): Promise<Set<string>> {
  if (!common) {
    const { dictionary } = await import('@zxcvbn-ts/language-common');
    common = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  }
  return common;
}

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common';

/** Why a new password is not acceptable, or undefined when it is. */
export async function passwordProblem(password: string, context: string[] = []): Promise<PasswordProblem | undefined> {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return 'tooShort';
  if (length > PASSWORD_MAX) return 'tooLong';
  const lower = password.toLowerCase();
  const stripped = lower.replace(/[\d\W_]+$/u, '');
  const list = await commonPasswords();
  if (list.has(lower) || list.has(stripped) || /^(.)\1+$/u.test(password)) return 'common';
  // The user's own e-mail or name as the password.
  for (const c of context) {
    const v = c.toLowerCase().trim();
    if (v.length >= 4 && (lower.includes(v) || v.includes(lower))) return 'common';
  }
  return undefined;
}
