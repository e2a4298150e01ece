import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../core/extensions.ts';
import { deletionRoutes } from './deletion/routes.tsx';
import { invitationRoutes } from './invitations/routes.tsx';
import { legalRoutes } from './legal/routes.tsx';
import { passwordRoutes } from './passwords/routes.tsx';
import { profileRoutes } from './profile/routes.tsx';
import { signInRoutes } from './sign-in/routes.tsx';
import { signUpRoutes } from './sign-up/routes.tsx';

/** The routes of accounts, feature by feature (src/domains.ts registers this). */
export function accountRoutes(app: FastifyInstance, deps: RouteDeps) {
  signInRoutes(app, deps);
  passwordRoutes(app, deps);
  invitationRoutes(app, deps);
  profileRoutes(app, deps);
  signUpRoutes(app, deps);
  legalRoutes(app);
  deletionRoutes(app, deps);
}
