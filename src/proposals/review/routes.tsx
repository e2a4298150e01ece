import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../core/extensions.ts';
import { collectTranslated } from '../../core/http/forms.ts';
import { proposalAction } from '../proposal/page.tsx';
import { AnswerInput, AssessInput, DeadlineInput, MergeInput, ReasonInput } from '../schema.ts';
import { answerProposal, assessAnswer, assignProposal, markDuplicate, registerProposal } from './use-cases.ts';

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
    '/answer',
    AnswerInput,
    'answer',
    (req, user, d, ctx) =>
      answerProposal(
        db,
        user,
        req.params.id,
        { answer: d.answer, reasons: collectTranslated(d, 'reasons') },
        ctx.i18n,
        url,
      ),
    'proposal.answered',
  );
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
