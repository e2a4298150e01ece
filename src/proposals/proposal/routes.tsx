import type { FastifyInstance } from 'fastify';
import { langRoute } from '../../core/http/pages.ts';
import { proposalPage } from './page.tsx';

/** One proposal's page (its forms post to the routes of drafting, review, stages and follow). */
export function proposalRoutes(app: FastifyInstance) {
  langRoute<{ id: string }>(app, 'GET', '/proposals/:id', async (req, _reply, ctx) =>
    proposalPage(req, ctx, req.params.id),
  );
}
