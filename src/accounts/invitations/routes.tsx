import type { FastifyInstance } from 'fastify';
import { tokenHash } from '../../core/auth/sessions.ts';
import type { RouteDeps } from '../../core/extensions.ts';
import { parseForm } from '../../core/http/forms.ts';
import { flash, langRoute } from '../../core/http/pages.ts';
import { InvalidLinkPage } from '../passwords/views/password-pages.tsx';
import { findOpenInvitation } from '../queries.ts';
import { NewPasswordInput } from '../schema.ts';
import { meta, setSessionCookie, TOKEN } from '../session-cookie.ts';
import { acceptInvitation } from './use-cases.ts';
import { InvitationPage } from './views/invitation-page.tsx';

/** An invitation's link: the invited person chooses a password and is signed in. */
export function invitationRoutes(app: FastifyInstance, deps: RouteDeps) {
  const db = app.db;
  const openInvitation = (token: string) =>
    TOKEN.test(token) ? findOpenInvitation(db, tokenHash(token)) : Promise.resolve(undefined);

  langRoute<{ token: string }>(app, 'GET', '/invitations/:token', async (req, reply, ctx) => {
    const { token } = req.params;
    const invitation = await openInvitation(token);
    if (!invitation) {
      reply.code(404);
      return <InvalidLinkPage ctx={ctx} messageKey="invite.invalid" />;
    }
    return <InvitationPage ctx={ctx} action={`/${ctx.i18n.lang}/invitations/${token}`} invitation={invitation} />;
  });

  langRoute<{ token: string }>(app, 'POST', '/invitations/:token', async (req, reply, ctx) => {
    const { token } = req.params;
    const invitation = await openInvitation(token);
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
}
