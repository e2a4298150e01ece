/** What other domains (the administration pages) may use of accounts. */

export { inviteUser, mayGiveRole, revokeInvitation, updateUser } from './accounts.ts';
/** Notification preferences (the proposals' notifications page asks here). */
export { notificationPreference, setNotificationPreference } from './preferences.ts';
export { findUserById, listOpenInvitations, listUsers, organisationChoices, type UserListRow } from './queries.ts';
export { AuditFilter, InviteInput, UserUpdateInput } from './schema.ts';
