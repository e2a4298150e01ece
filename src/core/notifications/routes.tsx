import type { FastifyInstance } from 'fastify';
import type { NotificationSource } from '../extensions.ts';
import { authorize, langRoute, signedIn } from '../http/pages.ts';
import { NotificationsPage } from './page.tsx';
import { allNotifications, markAllRead } from './sources.ts';

/**
 * A person's notifications from every domain (decision 0016: each domain is a NotificationSource),
 * marked read together. What is e-mailed, and when, is chosen per kind on the account's settings
 * (/{lang}/account/notifications, accounts).
 */
export function notificationRoutes(app: FastifyInstance, sources: readonly NotificationSource[]) {
  const db = app.db;

  langRoute(app, 'GET', '/notifications', async (req, _reply, ctx) => {
    authorize(req, 'follow');
    const items = await allNotifications(db, sources, signedIn(req.user));
    return <NotificationsPage ctx={ctx} items={items} />;
  });

  langRoute(app, 'POST', '/notifications/read', async (req, reply, ctx) => {
    authorize(req, 'follow');
    await markAllRead(db, sources, signedIn(req.user));
    return reply.redirect(`/${ctx.i18n.lang}/notifications`, 303);
  });
}
