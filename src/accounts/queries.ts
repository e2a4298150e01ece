import { sql } from 'kysely';
import type { Db } from '../core/db/database.ts';
import type { Role } from '../core/db/schema.ts';
import type { Translated } from '../core/i18n/translated.ts';
import { organisationColumn } from '../organisations/index.ts';

export interface UserRow {
  id: string;
  email: string;
  passwordHash: string;
  displayName: string;
  role: Role;
  organisationId: string | null;
  locale: 'kk' | 'ru' | 'en';
  latinScript: boolean;
  disabledAt: Date | null;
  emailConfirmed: boolean;
  moderator: boolean;
}

/** The name of the organisation of a user or an invitation (by its column), null when there is none. */
export const organisationNameOf = (column: 'u.organisation_id' | 'i.organisation_id') =>
  organisationColumn(column, 'name').$castTo<Translated | null>().as('organisationName');

const userColumns = [
  'id',
  'email',
  'password_hash as passwordHash',
  'display_name as displayName',
  'role',
  'organisation_id as organisationId',
  'locale',
  'latin_script as latinScript',
  'disabled_at as disabledAt',
  sql<boolean>`email_confirmed_at IS NOT NULL`.as('emailConfirmed'),
  'moderator',
] as const;

export function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(userColumns).where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
}

export interface UserListRow {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organisationName: Translated | null;
  lastSignInAt: Date | null;
  disabledAt: Date | null;
}

/** All accounts with their organisation's name: one query. */
export function listUsers(db: Db): Promise<UserListRow[]> {
  return db
    .selectFrom('users as u')
    .select([
      'u.id',
      'u.email',
      'u.display_name as displayName',
      'u.role',
      organisationNameOf('u.organisation_id'),
      'u.last_sign_in_at as lastSignInAt',
      'u.disabled_at as disabledAt',
    ])
    .orderBy('u.email')
    .execute();
}

/** Invitations that can still be accepted (neither accepted, revoked nor expired), with their organisation's name. */
function openInvitations(db: Db) {
  return db
    .selectFrom('invitations as i')
    .select(['i.id', 'i.email', 'i.display_name as displayName', 'i.role', organisationNameOf('i.organisation_id')])
    .where('i.accepted_at', 'is', null)
    .where('i.revoked_at', 'is', null)
    .where('i.expires_at', '>', sql<Date>`now()`);
}

export function listOpenInvitations(db: Db) {
  return openInvitations(db).select('i.expires_at as expiresAt').orderBy('i.created_at', 'desc').execute();
}

/** An invitation that can still be accepted, by its token. */
export function findOpenInvitation(db: Db, tokenHash: string) {
  return openInvitations(db)
    .select(['i.organisation_id as organisationId', 'i.locale', 'i.latin_script as latinScript'])
    .where('i.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export function findOpenReset(db: Db, tokenHash: string) {
  return db
    .selectFrom('password_resets as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.id', 'r.user_id as userId', 'u.email'])
    .where('r.token_hash', '=', tokenHash)
    .where('r.used_at', 'is', null)
    .where('r.expires_at', '>', sql<Date>`now()`)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
}
