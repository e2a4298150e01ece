import type { FastifyInstance } from 'fastify';
import type { NotificationSource } from '../extensions.ts';
import { parseForm } from '../http/forms.ts';
import { HttpError } from '../http/http-error.ts';
import { authorize, flash, langRoute, signedIn } from '../http/pages.ts';
import { NotificationsPage } from './page.tsx';
import { NotifyInput, notificationPreference, setNotificationPreference } from './preference.ts';
import { allNotifications, markAllRead } from './sources.ts';

/**
 * A person's notifications from every domain (decision 0016: each domain is a NotificationSource),
 * and how often they are e-mailed.
 */
export function notificationRoutes(app: FastifyInstance, sources: readonly NotificationSource[]) {
  const db = app.db;

  langRoute(app, 'GET', '/notifications', async (req, _reply, ctx) => {
    authorize(req, 'follow');
    const user = signedIn(req.user);
    const [items, preference] = await Promise.all([
      allNotifications(db, sources, user),
      notificationPreference(db, user.id),
    ]);
    return <NotificationsPage ctx={ctx} items={items} preference={preference} />;
  });

  langRoute(app, 'POST', '/notifications/read', async (req, reply, ctx) => {
    authorize(req, 'follow');
    await markAllRead(db, sources, signedIn(req.user));
    return reply.redirect(`/${ctx.i18n.lang}/notifications`, 303);
  });

  langRoute(app, 'POST', '/notifications/preference', async (req, reply, ctx) => {
    authorize(req, 'follow');
    const user = signedIn(req.user);
    const form = parseForm(NotifyInput, req.body, ctx.i18n);
    if (!form.ok) throw new HttpError(422, 'notify');
    await setNotificationPreference(db, user, form.data.notify);
    flash(reply, 'account.saved');
    return reply.redirect(`/${ctx.i18n.lang}/notifications`, 303);
  });
}
