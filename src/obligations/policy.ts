import { type Action, can } from '../core/auth/policy.ts';
import type { CurrentUser } from '../core/auth/user.ts';
import { HttpError } from '../core/http/http-error.ts';

/** The use case refuses what the policy refuses, whatever the route checked. */
export function authorizeUser(user: CurrentUser, action: Action, thing?: unknown): void {
  if (!can(user, action, thing)) throw new HttpError(403, `${user.email} may not ${action}`);
}
