import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { REMEMBER_DAYS, SESSION_COOKIE, tokenHash } from '../core/auth/sessions.ts';
import { afterResponse } from '../core/http/after-response.ts';
import { formValues, parseForm } from '../core/http/forms.ts';
import { HttpError } from '../core/http/http-error.ts';
import { authorize, flash, langRoute, safeNext } from '../core/http/pages.ts';
import {
  acceptInvitation,
  changePassword,
  isResetValid,
  requestPasswordReset,
  resetPassword,
  signIn,
  signOut,
  updateAccount,
} from './accounts.ts';
import { findOpenInvitation } from './queries.ts';
import { AccountInput, ChangePasswordInput, NewPasswordInput, ResetRequestInput, SignInInput } from './schema.ts';
import {
  AccountPage,
  InvalidLinkPage,
  InvitationPage,
  NewPasswordPage,
  ResetRequestPage,
  SignInPage,
} from './views/pages.tsx';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

function setSessionCookie(
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

function meta(req: FastifyRequest) {
  return { ip: req.ip, userAgent: req.headers['user-agent'] };
}

export function accountRoutes(app: FastifyInstance, deps: { publicUrl: string }) {
  const db = app.db;
  const later = afterResponse(app);

  langRoute(app, 'GET', '/sign-in', async (req, reply, ctx) => {
    if (req.user) return reply.redirect(safeNext(req.query.next, ctx.i18n.lang), 303);
    return <SignInPage ctx={ctx} values={{ next: req.query.next }} />;
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
        return <SignInPage ctx={ctx} values={values} errors={form.errors} />;
      }
      const result = await signIn(db, form.data, meta(req));
      if (!result.ok) {
        const lock = result.lock;
        if (lock) {
          reply.code(429).header('retry-after', lock.minutes * 60);
          const key = lock.kind === 'account' ? 'signIn.lockedAccount' : 'signIn.lockedAddress';
          return <SignInPage ctx={ctx} values={values} errors={{ _form: ctx.i18n.t(key, { count: lock.minutes }) }} />;
        }
        reply.code(422);
        return <SignInPage ctx={ctx} values={values} errors={{ _form: ctx.i18n.t('signIn.failed') }} />;
      }
      setSessionCookie(req, reply, result.token, form.data.remember, deps.publicUrl);
      flash(reply, 'signIn.welcome');
      return reply.redirect(safeNext(form.data.next, ctx.i18n.lang), 303);
    },
    { rateLimit: { max: 30, timeWindow: 60_000 } },
  );

  langRoute(app, 'POST', '/sign-out', async (req, reply, ctx) => {
    const token = req.cookies[SESSION_COOKIE];
    if (req.user && token) await signOut(db, req.user, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    flash(reply, 'signIn.signedOut');
    return reply.redirect(`/${ctx.i18n.lang}/`, 303);
  });

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
    { rateLimit: { max: 10, timeWindow: 15 * 60_000 } },
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

  langRoute<{ token: string }>(app, 'GET', '/invitations/:token', async (req, reply, ctx) => {
    const { token } = req.params;
    const invitation = TOKEN.test(token) ? await findOpenInvitation(db, tokenHash(token)) : undefined;
    if (!invitation) {
      reply.code(404);
      return <InvalidLinkPage ctx={ctx} messageKey="invite.invalid" />;
    }
    return <InvitationPage ctx={ctx} action={`/${ctx.i18n.lang}/invitations/${token}`} invitation={invitation} />;
  });

  langRoute<{ token: string }>(app, 'POST', '/invitations/:token', async (req, reply, ctx) => {
    const { token } = req.params;
    const invitation = TOKEN.test(token) ? await findOpenInvitation(db, tokenHash(token)) : undefined;
    if (!invitation) {
      reply.code(404);
      return <InvalidLinkPage ctx={ctx} messageKey="invite.invalid" />;
    }
    const action = `/${ctx.i18n.lang}/invitations/${token}`;
    const form = parseForm(NewPasswordInput, req.body, ctx.i18n);
    const result = form.ok
      ? await acceptInvitation(db, token, form.data, ctx.i18n.lang, meta(req))
      : ({ ok: false, errors: form.errors } as const);
    if (!result.ok) {
      if ('invalid' in result) {
        reply.code(404);
        return <InvalidLinkPage ctx={ctx} messageKey="invite.invalid" />;
      }
      reply.code(422);
      return <InvitationPage ctx={ctx} action={action} invitation={invitation} errors={result.errors} />;
    }
    setSessionCookie(req, reply, result.value.token, false, deps.publicUrl);
    flash(reply, 'invite.done');
    return reply.redirect(`/${ctx.i18n.lang}/account`, 303);
  });

  async function accountView(userId: string) {
    const row = await db
      .selectFrom('users as u')
      .leftJoin('organisations as o', 'o.id', 'u.organisation_id')
      .select(['u.email', 'u.display_name as displayName', 'u.locale', 'u.role', 'o.name as organisationName'])
      .where('u.id', '=', userId)
      .executeTakeFirst();
    if (!row) throw new HttpError(404);
    return row;
  }

  langRoute(app, 'GET', '/account', async (req, _reply, ctx) => {
    authorize(req, 'manage-own-account');
    return <AccountPage ctx={ctx} account={await accountView(req.user?.id ?? '')} />;
  });

  langRoute(app, 'POST', '/account', async (req, reply, ctx) => {
    authorize(req, 'manage-own-account');
    const user = req.user;
    if (!user) throw new HttpError(401);
    const form = parseForm(AccountInput, req.body, ctx.i18n);
    if (!form.ok) {
      reply.code(422);
      return (
        <AccountPage
          ctx={ctx}
          account={await accountView(user.id)}
          values={formValues(req.body)}
          errors={form.errors}
        />
      );
    }
    await updateAccount(db, user, form.data);
    flash(reply, 'account.saved');
    return reply.redirect(`/${ctx.i18n.lang}/account`, 303);
  });

  langRoute(app, 'POST', '/account/password', async (req, reply, ctx) => {
    authorize(req, 'manage-own-account');
    const user = req.user;
    if (!user) throw new HttpError(401);
    const form = parseForm(ChangePasswordInput, req.body, ctx.i18n);
    const result = form.ok ? await changePassword(db, user, form.data, ctx.i18n.lang, meta(req)) : form;
    if (!result.ok) {
      reply.code(422);
      return <AccountPage ctx={ctx} account={await accountView(user.id)} passwordErrors={result.errors} />;
    }
    setSessionCookie(req, reply, result.value.token, false, deps.publicUrl);
    flash(reply, 'account.passwordChanged');
    return reply.redirect(`/${ctx.i18n.lang}/account`, 303);
  });
}
