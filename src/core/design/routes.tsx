import type { FastifyInstance } from 'fastify';
import { authorize, getPage } from '../http/pages.ts';
import { DesignPage } from './page.tsx';

/** /{lang}/design: the living page of the design system, for staff (decision 0027). */
export function designRoutes(app: FastifyInstance) {
  getPage(app, '/design', async (req, ctx) => {
    authorize(req, 'read-design-system');
    return <DesignPage ctx={ctx} />;
  });
}
