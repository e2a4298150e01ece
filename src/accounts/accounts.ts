/*
 * The use cases of accounts live in their feature folders (sign-in, passwords, invitations, profile,
 * users); the CLI (src/cli.ts) takes these two from here.
 */
export { createResetLink } from './passwords/use-cases.ts';
export { createAdmin } from './users/use-cases.ts';
