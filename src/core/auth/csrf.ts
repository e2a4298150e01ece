import { createHmac } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { SESSION_COOKIE, tokenHash } from './sessions.ts';

/*
 * What a CSRF token is bound to, besides the browser's secret (the signed `kenes_csrf` cookie):
 * the session it was issued in. A token seen by someone else (a shared computer after sign-out, a
 * page saved before signing in) does not work in another session; an anonymous visitor's forms
 * (sign-in, sign-up, password reset) are bound to the pre-session secret cookie alone.
 */

/** The key that mixes the binding into tokens: derived from SESSION_SECRET, the same in every process. */
export function csrfHmacKey(sessionSecret: string): Buffer {
  return createHmac('sha256', sessionSecret).update('kenes csrf token binding').digest();
}

/**
 * The session a token belongs to: the hash of a valid session's cookie, or "visitor". Only a session
 * the database accepted counts (req.user is set), so an expired cookie renders and checks as a visitor.
 */
export function csrfBinding(req: FastifyRequest): string {
  const token = req.cookies?.[SESSION_COOKIE];
  return req.user && token ? `session:${tokenHash(token)}` : 'visitor';
}

/**
 * Whether a state-changing request was sent by a page of another site. Browsers say so in
 * `Sec-Fetch-Site` and `Origin`, which a page cannot forge. Without either header (old browsers,
 * scripts) the token alone decides. A browser that calls the request same-origin is believed even
 * when Kenes is reached under another name than PUBLIC_URL (127.0.0.1 in development).
 */
export function fromAnotherSite(req: FastifyRequest, publicOrigin: string): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site') return true;
  const origin = req.headers.origin;
  if (origin === undefined || origin === publicOrigin || site === 'same-origin') return false;
  return true;
}
