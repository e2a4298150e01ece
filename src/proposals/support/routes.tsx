import type { FastifyInstance } from 'fastify';
import { proposalAction } from '../proposal/page.tsx';
import { SupportInput } from '../schema.ts';
import { setSupport } from './use-cases.ts';

/** Supporting a public proposal, and withdrawing the support. */
export function supportRoutes(app: FastifyInstance) {
  const db = app.db;
  proposalAction(
    app,
    '/support',
    SupportInput,
    'support',
    (req, user, d) => setSupport(db, user, req.params.id, d.support === '1'),
    'proposal.supportSaved',
  );
}
