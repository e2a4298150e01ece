/** What other domains (the administration pages) may use of accounts. */
export * from './fragments.ts';

export { inviteUser, mayGiveRole, revokeInvitation } from './invitations/use-cases.ts';
export { findUserById, listOpenInvitations, listUsers, type UserListRow } from './queries.ts';
export { AuditFilter, InviteInput, UserUpdateInput } from './schema.ts';
export { updateUser } from './users/use-cases.ts';
