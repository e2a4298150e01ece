import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../core/extensions.ts';
import { proposalAction } from '../proposal/page.tsx';
import { RemoveStageInput, StageInput } from '../schema.ts';
import { recordStage, removeLastStage } from './use-cases.ts';

/** Implementation: the secretariat records the stages of an accepted proposal, in order. */
export function stageRoutes(app: FastifyInstance, deps: RouteDeps) {
  proposalAction(
    app,
    '/stages',
    StageInput,
    'stage',
    (req, user, d, ctx) => recordStage(app.db, user, req.params.id, d, ctx.i18n, deps.publicUrl),
    'proposal.stageRecorded',
  );
  proposalAction(
    app,
    '/stages/remove-last',
    RemoveStageInput,
    'removeStage',
    (req, user, d, ctx) => removeLastStage(app.db, user, req.params.id, d.reason, ctx.i18n),
    'proposal.stageRemoved',
  );
}
