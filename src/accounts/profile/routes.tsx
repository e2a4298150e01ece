import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../core/extensions.ts';
import { formValues, parseForm } from '../../core/http/forms.ts';
import { authorize, flash, langRoute, signedIn } from '../../core/http/pages.ts';
import { kindsFor, mailChoices, mailChoicesInput, saveMailChoices } from '../../core/notifications/choices.ts';
import { changePassword } from '../passwords/use-cases.ts';
import { AccountInput, ChangePasswordInput } from '../schema.ts';
import { meta, setSessionCookie } from '../session-cookie.ts';
import { accountView } from './queries.ts';
import { updateAccount } from './use-cases.ts';
import { AccountPage } from './views/account-page.tsx';
import { NotificationSettingsPage } from './views/notification-settings.tsx';

/** One's own account: name and language, the password, and which notifications are e-mailed when. */
export function profileRoutes(app: FastifyInstance, deps: RouteDeps) {
  const db = app.db;
  const allKinds = deps.notificationKinds ?? [];

  langRoute(app, 'GET', '/account', async (req, _reply, ctx) => {
    authorize(req, 'manage-own-account');
    return <AccountPage ctx={ctx} account={await accountView(db, req.user?.id ?? '')} />;
  });

  langRoute(app, 'POST', '/account', async (req, reply, ctx) => {
    authorize(req, 'manage-own-account');
    const user = signedIn(req.user);
    const form = parseForm(AccountInput, req.body, ctx.i18n);
    if (!form.ok) {
      reply.code(422);
      const account = await accountView(db, user.id);
      return <AccountPage ctx={ctx} account={account} values={formValues(req.body)} errors={form.errors} />;
    }
    await updateAccount(db, user, form.data);
    flash(reply, 'account.saved');
    return reply.redirect(`/${ctx.i18n.lang}/account`, 303);
  });

  langRoute(app, 'POST', '/account/password', async (req, reply, ctx) => {
    authorize(req, 'manage-own-account');
    const user = signedIn(req.user);
    const form = parseForm(ChangePasswordInput, req.body, ctx.i18n);
    const result = form.ok ? await changePassword(db, user, form.data, ctx.i18n.lang, meta(req)) : form;
    if (!result.ok) {
      reply.code(422);
      return <AccountPage ctx={ctx} account={await accountView(db, user.id)} passwordErrors={result.errors} />;
    }
    setSessionCookie(req, reply, result.value.token, false, deps.publicUrl);
    flash(reply, 'account.passwordChanged');
    return reply.redirect(`/${ctx.i18n.lang}/account`, 303);
  });

  langRoute(app, 'GET', '/account/notifications', async (req, _reply, ctx) => {
    authorize(req, 'manage-own-account');
    const user = signedIn(req.user);
    const chosen = await mailChoices(db, user, allKinds);
    return <NotificationSettingsPage ctx={ctx} kinds={kindsFor(allKinds, user.role)} chosen={chosen} />;
  });

  langRoute(app, 'POST', '/account/notifications', async (req, reply, ctx) => {
    authorize(req, 'manage-own-account');
    const user = signedIn(req.user);
    const kinds = kindsFor(allKinds, user.role);
    const form = parseForm(mailChoicesInput(kinds), req.body, ctx.i18n);
    if (!form.ok) {
      reply.code(422);
      const chosen = { ...(await mailChoices(db, user, allKinds)), ...formValues(req.body) };
      return <NotificationSettingsPage ctx={ctx} kinds={kinds} chosen={chosen} errors={form.errors} />;
    }
    await saveMailChoices(db, user, form.data);
    flash(reply, 'notificationSettings.saved');
    return reply.redirect(`/${ctx.i18n.lang}/account/notifications`, 303);
  });
}
