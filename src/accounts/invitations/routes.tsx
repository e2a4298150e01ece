import type { FastifyInstance, FastifyReply } from 'fastify';
import { tokenHash } from '../../core/auth/sessions.ts';
import type { RouteDeps } from '../../core/extensions.ts';
import type { PageContext } from '../../core/html/context.ts';
import { parseForm } from '../../core/http/forms.ts';
import { flash, langRoute } from '../../core/http/pages.ts';
import { InvalidLinkPage } from '../passwords/views/password-pages.tsx';
import { findOpenInvitation } from '../queries.ts';
import { NewPasswordInput } from '../schema.ts';
import { meta, setSessionCookie, TOKEN } from '../session-cookie.ts';
import { acceptInvitation } from './use-cases.ts';
import { InvitationPage } from './views/invitation-page.tsx';

/** A link that is unknown, used or expired: 404 and a page that says so. */
function invalidLink(reply: FastifyReply, ctx: PageContext) {
  reply.code(404);
  return <InvalidLinkPage ctx={ctx} messageKey="invite.invalid" />;
}

/** An invitation's link: the invited person chooses a password and is signed in. */
export function invitationRoutes(app: FastifyInstance, deps: RouteDeps) {
  const db = app.db;
  const openInvitation = (token: string) =>
    TOKEN.test(token) ? findOpenInvitation(db, tokenHash(token)) : Promise.resolve(undefined);

  langRoute<{ token: string }>(app, 'GET', '/invitations/:token', async (req, reply, ctx) => {
    const { token } = req.params;
    const invitation = await openInvitation(token);
    if (!invitation) return invalidLink(reply, ctx);
    return <InvitationPage ctx={ctx} action={`/${ctx.i18n.lang}/invitations/${token}`} invitation={invitation} />;
  });

  langRoute<{ token: string }>(app, 'POST', '/invitations/:token', async (req, reply, ctx) => {
    const { token } = req.params;
    const invitation = await openInvitation(token);
    if (!invitation) return invalidLink(reply, ctx);
    const action = `/${ctx.i18n.lang}/invitations/${token}`;
    const form = parseForm(NewPasswordInput, req.body, ctx.i18n);
    const result = form.ok
      ? await acceptInvitation(db, token, form.data, ctx.i18n.lang, meta(req))
      : ({ ok: false, errors: form.errors } as const);
    if (!result.ok) {
      if ('invalid' in result) return invalidLink(reply, ctx);
      reply.code(422);
      return <InvitationPage ctx={ctx} action={action} invitation={invitation} errors={result.errors} />;
    }
    setSessionCookie(req, reply, result.value.token, false, deps.publicUrl);
    flash(reply, 'invite.done');
    return reply.redirect(`/${ctx.i18n.lang}/account`, 303);
  });
}
