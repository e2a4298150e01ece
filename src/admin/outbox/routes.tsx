import type { FastifyInstance } from 'fastify';
import { authorize, langRoute } from '../../core/http/pages.ts';
import { outbox } from './queries.ts';
import { OutboxPage } from './views/outbox-page.tsx';

/** The e-mail outbox, for administrators to see what was sent and what failed. */
export function outboxRoutes(app: FastifyInstance) {
  langRoute(app, 'GET', '/admin/outbox', async (req, _reply, ctx) => {
    authorize(req, 'read-outbox');
    return <OutboxPage ctx={ctx} messages={await outbox(app.db)} />;
  });
}
