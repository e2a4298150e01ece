import type { FastifyInstance } from 'fastify';
import { answerUpload, uploadRoute } from '../../core/files/form-upload.ts';
import { receiveUpload } from '../../core/files/upload.ts';
import { ID_PATTERN, withTranslated } from '../../core/http/forms.ts';
import { notFound } from '../../core/http/http-error.ts';
import { authorize, flash, signedIn } from '../../core/http/pages.ts';
import { backTo, recommendationAction, recommendationPage } from '../recommendations/page.tsx';
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

const actionData = (d: ReturnType<typeof ActionInput.parse>): ActionData =>
  withTranslated(d, ['title', 'description', 'indicator']);

/** Implementation of a recommendation: assessments, actions, their status, progress reports and evidence. */
export function implementationRoutes(app: FastifyInstance) {
  const db = app.db;

  recommendationAction(app, '/assessment', AssessmentInput, {
    run: async (user, d, { id }) => {
      await assessRecommendation(db, user, id, withTranslated(d, ['reasons']));
    },
    show: (assessment) => ({ assessment }),
    done: ['obligations.assessmentSaved', 'assessments'],
  });

  recommendationAction(app, '/actions', ActionInput, {
    staff: true,
    run: (user, d, { id }, ctx, body) => addAction(db, user, id, actionData(d), body.forCluster === 'on', ctx.i18n),
    show: (action) => ({ action }),
    done: ['obligations.actionSaved', 'actions'],
  });

  recommendationAction<typeof ActionStatusInput, { id: string; action: string }>(
    app,
    '/actions/:action/status',
    ActionStatusInput,
    {
      run: async (user, d, { action }) => {
        await setActionStatus(db, user, action, d.status);
      },
      done: ['obligations.actionSaved', ({ action }) => `action-${action}`],
    },
  );

  recommendationAction<typeof ProgressInput, { id: string; action: string }>(
    app,
    '/actions/:action/progress',
    ProgressInput,
    {
      run: async (user, d, { action }) => {
        await reportProgress(db, user, action, withTranslated(d, ['text']));
      },
      show: (form, { action }) => ({ progress: { actionId: action, ...form } }),
      done: ['obligations.progressSaved', ({ action }) => `action-${action}`],
    },
  );

  uploadRoute<{ id: string; report: string }>(
    app,
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
      return answerUpload(
        reply,
        result,
        ({ errors }) => recommendationPage(app, ctx, req.params.id, { evidence: { reportId: report.id, errors } }),
        () => {
          flash(reply, 'documents.added');
          return backTo(reply, ctx, req.params.id, `progress-${report.id}`);
        },
      );
    },
  );
}
