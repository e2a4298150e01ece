import type { MessageKey } from '../i18n/i18n.ts';

/**
 * An error the user is meant to see: a status and, optionally, a message key. Its `detail` is for
 * the log only and never reaches the user. Use cases and routes throw it; errors.tsx renders it.
 */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly statusCode: number,
    readonly detail?: string,
    /** A precise message for the user instead of the status's general one. */
    readonly messageKey?: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(detail ?? `HTTP ${statusCode}`);
  }
}

export const notFound = (detail?: string) => new HttpError(404, detail);
export const forbidden = (detail?: string) => new HttpError(403, detail);
