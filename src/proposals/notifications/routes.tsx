import type { FastifyInstance } from 'fastify';
import { notificationPreference, setNotificationPreference } from '../../accounts/index.ts';
import { parseForm } from '../../core/http/forms.ts';
import { HttpError } from '../../core/http/http-error.ts';
import { authorize, flash, langRoute, signedIn } from '../../core/http/pages.ts';
import { NotifyInput } from '../schema.ts';
import { notificationsOf } from './queries.ts';
import { markAllRead } from './use-cases.ts';
import { NotificationsPage } from './views/notifications-page.tsx';

/** A person's notifications about what they follow, and how often they are e-mailed. */
export function notificationRoutes(app: FastifyInstance) {
  const db = app.db;

  langRoute(app, 'GET', '/notifications', async (req, _reply, ctx) => {
    authorize(req, 'follow');
    const user = signedIn(req.user);
    const [items, preference] = await Promise.all([notificationsOf(db, user), notificationPreference(db, user.id)]);
    return <NotificationsPage ctx={ctx} items={items} preference={preference} />;
  });

  langRoute(app, 'POST', '/notifications/read', async (req, reply, ctx) => {
    authorize(req, 'follow');
    await markAllRead(db, signedIn(req.user));
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
