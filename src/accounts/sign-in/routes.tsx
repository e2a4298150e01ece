import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../../core/auth/sessions.ts';
import { ROLES } from '../../core/db/schema-accounts.ts';
import type { RouteDeps } from '../../core/extensions.ts';
import type { PageContext } from '../../core/html/context.ts';
import type { Values } from '../../core/html/fields.tsx';
import { type FieldErrors, formValues, parseForm } from '../../core/http/forms.ts';
import { flash, langRoute, safeNext } from '../../core/http/pages.ts';
import { SignInInput } from '../schema.ts';
import { meta, setSessionCookie } from '../session-cookie.ts';
import { SIGN_IN_RATE_LIMIT } from './lockout.ts';
import { singleSignOnRoutes } from './single-sign-on-routes.tsx';
import { signIn, signOut } from './use-cases.ts';
import { SignInPage } from './views/sign-in-page.tsx';

/** Signing in (throttled per account and per address) and out. */
export function signInRoutes(app: FastifyInstance, deps: RouteDeps) {
  const db = app.db;
  const passwordRoles = deps.signIn?.passwordRoles ?? ROLES;
  // The sign-in page, with the single sign-on button when there is a provider (decision 0023).
  const sso = singleSignOnRoutes(app, deps);
  const page = (ctx: PageContext, values: Values, errors?: FieldErrors) => (
    <SignInPage
      ctx={ctx}
      values={values}
      {...(errors ? { errors } : {})}
      sso={sso?.(ctx, values.next)}
      passwords={passwordRoles.length > 0}
    />
  );

  langRoute(app, 'GET', '/sign-in', async (req, reply, ctx) => {
    if (req.user) return reply.redirect(safeNext(req.query.next, ctx.i18n.lang), 303);
    return page(ctx, { next: req.query.next });
  });

  langRoute(
    app,
    'POST',
    '/sign-in',
    async (req, reply, ctx) => {
      const values = formValues(req.body);
      const form = parseForm(SignInInput, req.body, ctx.i18n);
      if (!form.ok) {
        reply.code(422);
        return page(ctx, values, form.errors);
      }
      const result = await signIn(db, form.data, meta(req), passwordRoles);
      if (!result.ok) {
        const lock = result.lock;
        if (lock) {
          reply.code(429).header('retry-after', lock.minutes * 60);
          const key = lock.kind === 'account' ? 'signIn.lockedAccount' : 'signIn.lockedAddress';
          return page(ctx, values, { _form: ctx.i18n.t(key, { count: lock.minutes }) });
        }
        if (result.passwordOff) {
          reply.code(403);
          const role = ctx.i18n.t(`role.${result.passwordOff}`);
          const button = sso?.(ctx, values.next).label ?? ctx.i18n.t('sso.defaultName');
          return page(ctx, values, { _form: ctx.i18n.t('sso.passwordOff', { role, button }) });
        }
        reply.code(422);
        return page(ctx, values, { _form: ctx.i18n.t('signIn.failed') });
      }
      setSessionCookie(req, reply, result.token, form.data.remember, deps.publicUrl);
      flash(reply, 'signIn.welcome');
      return reply.redirect(safeNext(form.data.next, ctx.i18n.lang), 303);
    },
    { rateLimit: SIGN_IN_RATE_LIMIT },
  );

  langRoute(app, 'POST', '/sign-out', async (req, reply, ctx) => {
    const token = req.cookies[SESSION_COOKIE];
    if (req.user && token) await signOut(db, req.user, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    flash(reply, 'signIn.signedOut');
    return reply.redirect(`/${ctx.i18n.lang}/`, 303);
  });
}
