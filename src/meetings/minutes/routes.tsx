import type { FastifyInstance } from 'fastify';
import { formValues, ID_PATTERN, parseForm } from '../../core/http/forms.ts';
import { HttpError } from '../../core/http/http-error.ts';
import { authorize, flash, langRoute, signedIn } from '../../core/http/pages.ts';
import { readableMeeting, runMeetingRoute } from '../route-support.ts';
import { CorrectionDecisionInput, CorrectionInput } from '../schema.ts';
import { parseMinutes } from './form.ts';
import { minutesPage } from './page.tsx';
import {
  approveMinutes,
  circulateMinutes,
  decideCorrection,
  proposeCorrection,
  saveMinutesVersion,
} from './use-cases.ts';

/** Minutes: versions and their comparison, circulation, corrections, and the chair's approval. */
export function minutesRoutes(app: FastifyInstance) {
  const db = app.db;

  langRoute<{ id: string }>(app, 'GET', '/meetings/:id/minutes', async (req, _reply, ctx) =>
    minutesPage(db, req, ctx, req.params.id),
  );

  runMeetingRoute(app, 'POST', '/meetings/:id/minutes', async (req, reply, ctx, m) => {
    const { sections, note } = parseMinutes(req.body, ctx.i18n);
    const version = await saveMinutesVersion(db, signedIn(req.user), m.id, ctx.i18n.lang, sections, note);
    flash(reply, 'minutes.saved', { version });
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/minutes`, 303);
  });

  runMeetingRoute(app, 'POST', '/meetings/:id/minutes/circulate', async (req, reply, ctx, m) => {
    const result = await circulateMinutes(db, signedIn(req.user), m.id, ctx.i18n);
    if (!result.ok) {
      reply.code(422);
      return minutesPage(db, req, ctx, m.id, { approve: result.errors });
    }
    flash(reply, 'minutes.circulated');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/minutes`, 303);
  });

  langRoute<{ id: string }>(app, 'POST', '/meetings/:id/minutes/corrections', async (req, reply, ctx) => {
    const user = signedIn(req.user);
    const m = await readableMeeting(db, user, req.params.id, 'minutesDrafts');
    const values = formValues(req.body);
    const form = parseForm(CorrectionInput, req.body, ctx.i18n);
    const result = form.ok ? await proposeCorrection(db, user, m.id, form.data, ctx.i18n) : form;
    if (!result.ok) {
      reply.code(422);
      return minutesPage(db, req, ctx, m.id, { correction: { values, errors: result.errors } });
    }
    flash(reply, 'minutes.correctionSent');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/minutes#corrections`, 303);
  });

  runMeetingRoute<'correction'>(
    app,
    'POST',
    '/meetings/:id/minutes/corrections/:correction',
    async (req, reply, ctx, m) => {
      const form = parseForm(CorrectionDecisionInput, req.body, ctx.i18n);
      if (!form.ok || !ID_PATTERN.test(req.params.correction)) throw new HttpError(422);
      await decideCorrection(db, signedIn(req.user), m.id, req.params.correction, form.data.status);
      flash(reply, 'minutes.correctionDecided', { status: ctx.i18n.t(`minutes.correction.${form.data.status}`) });
      return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/minutes#corrections`, 303);
    },
  );

  langRoute<{ id: string }>(app, 'POST', '/meetings/:id/minutes/approve', async (req, reply, ctx) => {
    authorize(req, 'approve-minutes');
    const m = await readableMeeting(db, req.user, req.params.id);
    const result = await approveMinutes(db, signedIn(req.user), m.id, ctx.i18n);
    if (!result.ok) {
      reply.code(422);
      return minutesPage(db, req, ctx, m.id, { approve: result.errors });
    }
    flash(reply, 'minutes.approved');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}`, 303);
  });
}
