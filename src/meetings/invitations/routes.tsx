import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../core/db/database.ts';
import type { RouteDeps } from '../../core/extensions.ts';
import type { PageContext } from '../../core/html/context.ts';
import { type FieldErrors, formValues, parseForm } from '../../core/http/forms.ts';
import { flash, getPage, langRoute, signedIn } from '../../core/http/pages.ts';
import { meetingToRun, readableMeeting, runMeetingRoute } from '../route-support.ts';
import { meetingPage } from '../schedule/page.tsx';
import { InviteOrganisationsInput, ResponseInput } from '../schema.ts';
import { invitationsPageData } from './queries.ts';
import { inviteToMeeting, respondToInvitation } from './use-cases.ts';
import { InvitationsPage } from './views.tsx';

async function invitationsPage(db: Db, req: FastifyRequest, ctx: PageContext, id: string, errors?: FieldErrors) {
  const meeting = await meetingToRun(db, req, id);
  const lists = await invitationsPageData(db, meeting);
  return <InvitationsPage ctx={ctx} meeting={meeting} {...lists} errors={errors} />;
}

/** Invitations: the secretariat invites organisations; an invited organisation answers. */
export function invitationRoutes(app: FastifyInstance, deps: RouteDeps) {
  const db = app.db;

  getPage<{ id: string }>(app, '/meetings/:id/invitations', (req, ctx) => invitationsPage(db, req, ctx, req.params.id));

  runMeetingRoute(app, 'POST', '/meetings/:id/invitations', async (req, reply, ctx, m) => {
    const form = parseForm(InviteOrganisationsInput, req.body, ctx.i18n);
    if (!form.ok || form.data.organisationIds.length === 0) {
      reply.code(422);
      const errors = form.ok ? { organisationIds: ctx.i18n.t('invitations.chooseOne') } : form.errors;
      return invitationsPage(db, req, ctx, m.id, errors);
    }
    const { organisationIds, role } = form.data;
    const count = await inviteToMeeting(db, signedIn(req.user), m, organisationIds, role, deps.publicUrl);
    flash(reply, 'invitations.sent', { count });
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/invitations`, 303);
  });

  langRoute<{ id: string }>(app, 'POST', '/meetings/:id/response', async (req, reply, ctx) => {
    const user = signedIn(req.user);
    const m = await readableMeeting(db, user, req.params.id);
    const values = formValues(req.body);
    const form = parseForm(ResponseInput, req.body, ctx.i18n);
    const result = form.ok ? await respondToInvitation(db, user, m.id, form.data, ctx.i18n) : form;
    if (!result.ok) {
      reply.code(422);
      return meetingPage(app, req.user, ctx, m.id, { response: { values, errors: result.errors } });
    }
    flash(reply, 'invitations.answered');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}`, 303);
  });
}
