import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../core/extensions.ts';
import { answerUpload, uploadRoute } from '../../core/files/form-upload.ts';
import { ID_PATTERN } from '../../core/http/forms.ts';
import { notFound } from '../../core/http/http-error.ts';
import { flash, signedIn } from '../../core/http/pages.ts';
import { proposalAction, proposalPage } from '../proposal/page.tsx';
import { AddresseesInput, AssessInput, DeadlineInput, MergeInput, ReasonInput } from '../schema.ts';
import { changeAddressees } from './addressees.ts';
import { receiveAnswer } from './answer-form.ts';
import { assessAnswer, assignProposal, markDuplicate, registerProposal } from './use-cases.ts';

/** Review: the secretariat registers, assigns and merges; state bodies answer; the authors assess. */
export function reviewRoutes(app: FastifyInstance, deps: RouteDeps) {
  const db = app.db;
  const url = deps.publicUrl;
  proposalAction(
    app,
    '/register',
    ReasonInput,
    'register',
    (req, user, _d, ctx) => registerProposal(db, user, req.params.id, ctx.i18n, url),
    'proposal.registered',
  );
  proposalAction(
    app,
    '/assign',
    DeadlineInput,
    'assign',
    (req, user, d, ctx) => assignProposal(db, user, req.params.id, d.deadline, ctx.i18n, url),
    'proposal.assigned',
  );
  proposalAction(
    app,
    '/addressees',
    AddresseesInput,
    'addressees',
    (req, user, d, ctx) => changeAddressees(db, user, req.params.id, d.addresseeIds, ctx.i18n, url),
    'proposal.addresseesChanged',
  );
  // The answer comes with the official letter (a streamed upload), or without a file.
  uploadRoute<{ id: string }>(app, '/proposals/:id/answer', async (req, reply, ctx) => {
    if (!ID_PATTERN.test(req.params.id)) throw notFound();
    const user = signedIn(req.user);
    const result = await receiveAnswer(app, req, reply, user, ctx.i18n, url);
    return answerUpload(
      reply,
      result,
      (answer) => proposalPage(req, ctx, req.params.id, { answer }),
      () => {
        flash(reply, 'proposal.answered');
        return reply.redirect(`/${ctx.i18n.lang}/proposals/${req.params.id}`, 303);
      },
    );
  });
  proposalAction(
    app,
    '/answers/:a/assessment',
    AssessInput,
    'assess',
    (req, user, d, ctx) => assessAnswer(db, user, req.params.id, req.params.a ?? '', d, ctx.i18n, url),
    'proposal.assessed',
  );
  proposalAction(
    app,
    '/merge',
    MergeInput,
    'merge',
    (req, user, d, ctx) => markDuplicate(db, user, req.params.id, d.into, d.reason, ctx.i18n, url),
    'proposal.merged',
  );
}
