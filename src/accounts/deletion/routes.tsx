import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../../core/auth/sessions.ts';
import type { RouteDeps } from '../../core/extensions.ts';
import { parseForm } from '../../core/http/forms.ts';
import { authorize, flash, langRoute, signedIn } from '../../core/http/pages.ts';
import { accountView } from '../profile/queries.ts';
import { AccountPage } from '../profile/views/account-page.tsx';
import { DeleteAccountInput } from '../schema.ts';
import { deleteOwnAccount } from './use-cases.ts';

/** Deleting one's own account from the account page, with the password. */
export function deletionRoutes(app: FastifyInstance, deps: RouteDeps) {
  const db = app.db;
  langRoute(app, 'POST', '/account/delete', async (req, reply, ctx) => {
    authorize(req, 'manage-own-account');
    const user = signedIn(req.user);
    const form = parseForm(DeleteAccountInput, req.body, ctx.i18n);
    const result = form.ok
      ? await deleteOwnAccount(db, user, form.data.password, ctx.i18n.lang, deps.accountDeleted)
      : form;
    if (!result.ok) {
      reply.code(422);
      return <AccountPage ctx={ctx} account={await accountView(db, user.id)} deleteErrors={result.errors} />;
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    flash(reply, 'deleteAccount.done');
    return reply.redirect(`/${ctx.i18n.lang}/`, 303);
  });
}
