import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../core/extensions.ts';
import { auditRoutes } from './audit/routes.tsx';
import { backupRoutes } from './backups/routes.tsx';
import { outboxRoutes } from './outbox/routes.tsx';
import { settingsRoutes } from './settings/routes.tsx';
import { userAdminRoutes } from './users/routes.tsx';

/** The administration pages, feature by feature (src/domains.ts registers this). */
export function adminRoutes(app: FastifyInstance, deps: RouteDeps) {
  userAdminRoutes(app, deps);
  outboxRoutes(app);
  auditRoutes(app);
  settingsRoutes(app);
  backupRoutes(app, deps);
}
