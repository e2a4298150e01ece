import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/database.ts';
import { keptSessions } from './kept-sessions.ts';
import { SESSION_COOKIE } from './sessions.ts';
import type { CurrentUser } from './user.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, or null. */
    user: CurrentUser | null;
  }
}

/**
 * Reads the session cookie on every request that may render a page or change something (one
 * query, only when the cookie is present, and none while the session is kept: kept-sessions.ts;
 * static files and health checks skip it).
 */
export function registerCurrentUser(app: FastifyInstance, db: Db) {
  const { shared } = app;
  const sessions = keptSessions(db, () => {
    const ended = shared.tableVersion('sessions');
    const users = shared.tableVersion('users');
    return ended === undefined || users === undefined ? undefined : `${ended} ${users}`;
  });
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token || req.url.startsWith('/assets/') || req.url === '/healthz' || req.url === '/readyz') return;
    const found = await sessions.find(token);
    if (found) req.user = found.user;
    else reply.clearCookie(SESSION_COOKIE, { path: '/' });
  });
}
