import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RouteDeps } from '../../core/extensions.ts';
import type { PageContext } from '../../core/html/context.ts';
import { afterResponse } from '../../core/http/after-response.ts';
import { formValues, parseForm } from '../../core/http/forms.ts';
import { authorize, flash, langRoute, safeNext, signedIn } from '../../core/http/pages.ts';
import { currentVersions } from '../legal/queries.ts';
import { SignUpInput } from '../schema.ts';
import { TOKEN } from '../session-cookie.ts';
import { MAIL_FORM_RATE_LIMIT } from '../sign-in/lockout.ts';
import { checkSignUp, confirmEmail, openConfirmation, registerCitizen, resendConfirmation } from './use-cases.ts';
import { ConfirmPage, InvalidConfirmationPage } from './views/confirm-page.tsx';
import { SignUpPage } from './views/sign-up-page.tsx';

function invalidLink(reply: FastifyReply, ctx: PageContext) {
  reply.code(404);
  return <InvalidConfirmationPage ctx={ctx} />;
}

/** Citizens sign up (/{lang}/sign-up) and confirm their address (/{lang}/confirm/:token). */
export function signUpRoutes(app: FastifyInstance, deps: RouteDeps) {
  const db = app.db;
  const later = afterResponse(app);

  langRoute(app, 'GET', '/sign-up', async (req, reply, ctx) => {
    if (req.user) return reply.redirect(safeNext(undefined, ctx.i18n.lang), 303);
    return <SignUpPage ctx={ctx} versions={await currentVersions(db)} />;
  });

  langRoute(
    app,
    'POST',
    '/sign-up',
    async (req, reply, ctx) => {
      const form = parseForm(SignUpInput, req.body, ctx.i18n);
      const checked = form.ok ? await checkSignUp(db, form.data, ctx.i18n.lang, req.ip) : form;
      if (!checked.ok) {
        const versions = await currentVersions(db);
        const page = (errors: Record<string, string>) => (
          <SignUpPage ctx={ctx} versions={versions} values={formValues(req.body)} errors={errors} />
        );
        if ('lockedMinutes' in checked) {
          reply.code(429).header('retry-after', checked.lockedMinutes * 60);
          return page({ _form: ctx.i18n.t('signIn.lockedAddress', { count: checked.lockedMinutes }) });
        }
        reply.code(422);
        return page(checked.errors);
      }
      // The same answer, at once, whether the address is new or taken (see use-cases.ts).
      if (form.ok) later('sign-up', () => registerCitizen(db, form.data, deps.publicUrl));
      flash(reply, 'signUp.sent');
      return reply.redirect(`/${ctx.i18n.lang}/sign-in`, 303);
    },
    { rateLimit: MAIL_FORM_RATE_LIMIT },
  );

  langRoute<{ token: string }>(app, 'GET', '/confirm/:token', async (req, reply, ctx) => {
    const { token } = req.params;
    const link = TOKEN.test(token) ? await openConfirmation(db, token) : undefined;
    if (!link) return invalidLink(reply, ctx);
    return <ConfirmPage ctx={ctx} email={link.email} action={`/${ctx.i18n.lang}/confirm/${token}`} />;
  });

  langRoute<{ token: string }>(app, 'POST', '/confirm/:token', async (req, reply, ctx) => {
    const { token } = req.params;
    if (!TOKEN.test(token) || !(await confirmEmail(db, token))) return invalidLink(reply, ctx);
    flash(reply, 'confirm.done');
    return reply.redirect(`/${ctx.i18n.lang}/${req.user ? 'account' : 'sign-in'}`, 303);
  });

  langRoute(
    app,
    'POST',
    '/account/confirmation',
    async (req, reply, ctx) => {
      authorize(req, 'manage-own-account');
      await resendConfirmation(db, signedIn(req.user), deps.publicUrl);
      flash(reply, 'confirm.resent');
      return reply.redirect(`/${ctx.i18n.lang}/account`, 303);
    },
    { rateLimit: MAIL_FORM_RATE_LIMIT },
  );
}
