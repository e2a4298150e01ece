import type { FastifyReply, FastifyRequest } from 'fastify';
import { REMEMBER_DAYS, SESSION_COOKIE } from '../core/auth/sessions.ts';

/** A secret link's token (32 random bytes, base64url). */
export const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function setSessionCookie(
  req: FastifyRequest,
  reply: FastifyReply,
  token: string,
  remember: boolean,
  publicUrl: string,
) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    // An https PUBLIC_URL says how users reach Kenes, whatever the hop to Kenes itself is (a proxy
    // that TRUST_PROXY does not name looks like plain http): the session never travels unencrypted.
    secure: publicUrl.startsWith('https:') || req.protocol === 'https',
    // Without "remember me" a browser-session cookie; the server also ends it after 12 idle hours.
    ...(remember ? { maxAge: REMEMBER_DAYS * 86_400 } : {}),
  });
}

/** What a session records of the request that started it. */
export function meta(req: FastifyRequest) {
  return { ip: req.ip, userAgent: req.headers['user-agent'] };
}
