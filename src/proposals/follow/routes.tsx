import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../core/extensions.ts';
import { proposalAction } from '../proposal/page.tsx';
import { FollowInput, ReasonInput } from '../schema.ts';
import { endorseProposal, setFollow } from './use-cases.ts';

/** Following a proposal (notifications) and endorsing it on behalf of one's organisation. */
export function followRoutes(app: FastifyInstance, deps: RouteDeps) {
  const db = app.db;
  proposalAction(
    app,
    '/endorse',
    ReasonInput,
    'endorse',
    (req, user) => endorseProposal(db, user, req.params.id, deps.publicUrl),
    'proposal.endorsed',
  );
  proposalAction(
    app,
    '/follow',
    FollowInput,
    'follow',
    (req, user, d) => setFollow(db, user, req.params.id, d.follow === '1'),
    'proposal.followed',
  );
}
