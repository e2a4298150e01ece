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
    async (req, user) => {
      await endorseProposal(db, user, req.params.id, deps.publicUrl);
      return undefined;
    },
    'proposal.endorsed',
  );
  proposalAction(
    app,
    '/follow',
    FollowInput,
    'follow',
    async (req, user, d) => {
      await setFollow(db, user, req.params.id, d.follow === '1');
      return undefined;
    },
    'proposal.followed',
  );
}
