import type { FastifyInstance } from 'fastify';
import { receiveUpload } from '../../core/files/upload.ts';
import { collectTranslated, formValues, ID_PATTERN, parseForm } from '../../core/http/forms.ts';
import { HttpError, notFound } from '../../core/http/http-error.ts';
import { authorize, flash, langRoute, signedIn } from '../../core/http/pages.ts';
import { backTo, recommendationPage } from '../recommendations/page.tsx';
import { ActionInput, ActionStatusInput, AssessmentInput, ProgressInput } from '../schema.ts';
import { progressReportOwner } from './queries.ts';
import {
  type ActionData,
  addAction,
  assessRecommendation,
  attachEvidence,
  reportProgress,
  setActionStatus,
} from './use-cases.ts';

function actionData(d: ReturnType<typeof ActionInput.parse>): ActionData {
  return {
    title: collectTranslated(d, 'title'),
    description: collectTranslated(d, 'description'),
    indicator: collectTranslated(d, 'indicator'),
    responsibleId: d.responsibleId,
    deadline: d.deadline,
    status: d.status,
  };
}

/** Implementation of a recommendation: assessments, actions, their status, progress reports and evidence. */
export function implementationRoutes(app: FastifyInstance) {
  const db = app.db;

  langRoute<{ id: string }>(app, 'POST', '/recommendations/:id/assessment', async (req, reply, ctx) => {
    const user = signedIn(req.user);
    if (!ID_PATTERN.test(req.params.id)) throw notFound(`recommendation ${req.params.id}`);
    const form = parseForm(AssessmentInput, req.body, ctx.i18n);
    if (!form.ok) {
      reply.code(422);
      const assessment = { values: formValues(req.body), errors: form.errors };
      return recommendationPage(db, ctx, req.params.id, { assessment });
    }
    const reasons = collectTranslated(form.data, 'reasons');
    await assessRecommendation(db, user, req.params.id, { level: form.data.level, reasons });
    flash(reply, 'obligations.assessmentSaved');
    return backTo(reply, ctx, req.params.id, 'assessments');
  });

  langRoute<{ id: string }>(app, 'POST', '/recommendations/:id/actions', async (req, reply, ctx) => {
    const user = signedIn(req.user);
    authorize(req, 'manage-obligations');
    if (!ID_PATTERN.test(req.params.id)) throw notFound(`recommendation ${req.params.id}`);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = parseForm(ActionInput, body, ctx.i18n);
    const forCluster = body.forCluster === 'on';
    const result = form.ok
      ? await addAction(db, user, req.params.id, actionData(form.data), forCluster, ctx.i18n)
      : form;
    if (!result.ok) {
      reply.code(422);
      return recommendationPage(db, ctx, req.params.id, {
        action: { values: formValues(body), errors: result.errors },
      });
    }
    flash(reply, 'obligations.actionSaved');
    return backTo(reply, ctx, req.params.id, 'actions');
  });

  langRoute<{ id: string; action: string }>(
    app,
    'POST',
    '/recommendations/:id/actions/:action/status',
    async (req, reply, ctx) => {
      const user = signedIn(req.user);
      if (!ID_PATTERN.test(req.params.id) || !ID_PATTERN.test(req.params.action)) throw notFound('action');
      const form = parseForm(ActionStatusInput, req.body, ctx.i18n);
      if (!form.ok) throw new HttpError(422, 'bad status');
      await setActionStatus(db, user, req.params.action, form.data.status);
      flash(reply, 'obligations.actionSaved');
      return backTo(reply, ctx, req.params.id, `action-${req.params.action}`);
    },
  );

  langRoute<{ id: string; action: string }>(
    app,
    'POST',
    '/recommendations/:id/actions/:action/progress',
    async (req, reply, ctx) => {
      const user = signedIn(req.user);
      const { id, action } = req.params;
      if (!ID_PATTERN.test(id) || !ID_PATTERN.test(action)) throw notFound('action');
      const form = parseForm(ProgressInput, req.body, ctx.i18n);
      if (!form.ok) {
        reply.code(422);
        const progress = { actionId: action, values: formValues(req.body), errors: form.errors };
        return recommendationPage(db, ctx, id, { progress });
      }
      const { reportedOn, links } = form.data;
      await reportProgress(db, user, action, { reportedOn, text: collectTranslated(form.data, 'text'), links });
      flash(reply, 'obligations.progressSaved');
      return backTo(reply, ctx, id, `action-${action}`);
    },
  );

  langRoute<{ id: string; report: string }>(
    app,
    'POST',
    '/recommendations/:id/progress/:report/files',
    async (req, reply, ctx) => {
      const user = signedIn(req.user);
      if (!ID_PATTERN.test(req.params.id) || !ID_PATTERN.test(req.params.report)) throw notFound('progress report');
      const report = await progressReportOwner(db, req.params.report);
      if (!report) throw notFound(`progress report ${req.params.report}`);
      authorize(req, 'report-progress', { organisationId: report.responsible_id });
      const result = await receiveUpload(app, req, reply, {
        db,
        i18n: ctx.i18n,
        uploadedBy: user.id,
        validate: () => undefined,
        attach: (trx, file) => attachEvidence(trx, user, report, file),
      });
      if ('sent' in result) return reply;
      if (!result.ok) {
        reply.code(422);
        return recommendationPage(db, ctx, req.params.id, { evidence: { reportId: report.id, errors: result.errors } });
      }
      flash(reply, 'documents.added');
      return backTo(reply, ctx, req.params.id, `progress-${report.id}`);
    },
    { csrfInHandler: true },
  );
}
