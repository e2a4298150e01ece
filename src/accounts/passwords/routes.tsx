import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../../core/auth/sessions.ts';
import type { RouteDeps } from '../../core/extensions.ts';
import { afterResponse } from '../../core/http/after-response.ts';
import { formValues, parseForm } from '../../core/http/forms.ts';
import { flash, langRoute } from '../../core/http/pages.ts';
import { NewPasswordInput, ResetRequestInput } from '../schema.ts';
import { TOKEN } from '../session-cookie.ts';
import { MAIL_FORM_RATE_LIMIT } from '../sign-in/lockout.ts';
import { isResetValid, requestPasswordReset, resetPassword } from './use-cases.ts';
import { InvalidLinkPage, NewPasswordPage, ResetRequestPage } from './views/password-pages.tsx';

/** A forgotten password: a reset link by e-mail, and a new password from it. */
export function passwordRoutes(app: FastifyInstance, deps: RouteDeps) {
  const db = app.db;
  const later = afterResponse(app);

  langRoute(app, 'GET', '/password-reset', async (_req, _reply, ctx) => <ResetRequestPage ctx={ctx} />);

  langRoute(
    app,
    'POST',
    '/password-reset',
    async (req, reply, ctx) => {
      const form = parseForm(ResetRequestInput, req.body, ctx.i18n);
      if (!form.ok) {
        reply.code(422);
        return <ResetRequestPage ctx={ctx} values={formValues(req.body)} errors={form.errors} />;
      }
      // Answered before the work, so that the answer's timing says nothing of whether the address
      // has an account (the work differs: a link, an e-mail and an audit entry, or nothing).
      later('password reset request', () => requestPasswordReset(db, form.data.email, deps.publicUrl));
      flash(reply, 'reset.sent');
      return reply.redirect(`/${ctx.i18n.lang}/sign-in`, 303);
    },
    { rateLimit: MAIL_FORM_RATE_LIMIT },
  );

  langRoute<{ token: string }>(app, 'GET', '/password-reset/:token', async (req, reply, ctx) => {
    const { token } = req.params;
    if (!TOKEN.test(token) || !(await isResetValid(db, token))) {
      reply.code(404);
      return <InvalidLinkPage ctx={ctx} messageKey="reset.invalid" />;
    }
    return <NewPasswordPage ctx={ctx} action={`/${ctx.i18n.lang}/password-reset/${token}`} />;
  });

  langRoute<{ token: string }>(app, 'POST', '/password-reset/:token', async (req, reply, ctx) => {
    const { token } = req.params;
    const form = parseForm(NewPasswordInput, req.body, ctx.i18n);
    const action = `/${ctx.i18n.lang}/password-reset/${token}`;
    if (!form.ok) {
      reply.code(422);
      return <NewPasswordPage ctx={ctx} action={action} errors={form.errors} />;
    }
    const result = TOKEN.test(token)
      ? await resetPassword(db, token, form.data, ctx.i18n.lang)
      : ({ ok: false, invalid: true } as const);
    if (!result.ok) {
      if ('invalid' in result) {
        reply.code(404);
        return <InvalidLinkPage ctx={ctx} messageKey="reset.invalid" />;
      }
      reply.code(422);
      return <NewPasswordPage ctx={ctx} action={action} errors={result.errors} />;
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    flash(reply, 'reset.done');
    return reply.redirect(`/${ctx.i18n.lang}/sign-in`, 303);
  });
}
