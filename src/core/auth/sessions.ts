import { createHash, randomBytes } from 'node:crypto';
import { CompiledQuery, type InferResult, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { CurrentUser } from './user.ts';

export const SESSION_COOKIE = 'kenes_session';
/** A session without "remember me" ends with the browser, and on the server after 12 idle hours. */
export const SESSION_IDLE_HOURS = 12;
/** "Remember me": 30 days, renewed while used. */
export const REMEMBER_DAYS = 30;

/** SHA-256 of a token, hex: what the database keeps of session, invitation and reset tokens. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new random token (256 bits, URL-safe). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function lifetimeMs(remember: boolean): number {
  return remember ? REMEMBER_DAYS * 86_400_000 : SESSION_IDLE_HOURS * 3_600_000;
}

/** Starts a session; returns the token for the cookie. */
export async function createSession(
  db: Db,
  userId: string,
  remember: boolean,
  meta: { userAgent?: string; ip?: string },
): Promise<string> {
  const token = newToken();
  await db
    .insertInto('sessions')
    .values({
      token_hash: tokenHash(token),
      user_id: userId,
      remember,
      expires_at: new Date(Date.now() + lifetimeMs(remember)),
      user_agent: meta.userAgent?.slice(0, 500) ?? null,
      ip: meta.ip?.slice(0, 100) ?? null,
    })
    .execute();
  // Now and then, sweep sessions that have expired (no job needed; any process may do it).
  if (Math.random() < 0.05) await db.deleteFrom('sessions').where('expires_at', '<', sql<Date>`now()`).execute();
  return token;
}

/** The statement that finds a session's user by the token's hash (its one parameter). */
function sessionUserQuery(db: Db, hash: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      'u.id',
      'u.email',
      'u.display_name as displayName',
      'u.role',
      'u.organisation_id as organisationId',
      'u.locale',
      sql<boolean>`u.email_confirmed_at IS NOT NULL`.as('emailConfirmed'),
      'u.moderator',
      's.remember',
      's.last_seen_at as lastSeenAt',
      's.expires_at as expiresAt',
    ])
    .where('s.token_hash', '=', hash)
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('u.disabled_at', 'is', null);
}

/**
 * Its SQL, compiled once: every signed-in request runs it, and Kysely's building and compiling of it
 * took 50–150 µs each time. Only the hash changes, as its parameter.
 */
let sessionUserSql: string | undefined;

/**
 * The user of a session token, or undefined when the token is unknown, expired or its user is
 * disabled. One query; the expiry is pushed forward at most every five minutes (not on every request).
 */
/** A session's user, whether it is remembered, and when it ends unless used again. */
export type SessionFound = { user: CurrentUser; remember: boolean; expiresAt: Date };

export async function userOfSession(db: Db, token: string): Promise<SessionFound | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const hash = tokenHash(token);
  if (sessionUserSql === undefined) {
    const compiled = sessionUserQuery(db, hash).compile();
    if (compiled.parameters.length !== 1)
      throw new Error('the session statement must have the hash as its only parameter');
    sessionUserSql = compiled.sql;
  }
  type Row = InferResult<ReturnType<typeof sessionUserQuery>>[number];
  const { rows } = await db.executeQuery<Row>(CompiledQuery.raw(sessionUserSql, [hash]));
  const row = rows[0];
  if (!row) return undefined;
  let { expiresAt } = row;
  if (Date.now() - row.lastSeenAt.getTime() > 5 * 60_000) {
    expiresAt = new Date(Date.now() + lifetimeMs(row.remember));
    await db
      .updateTable('sessions')
      .set({ last_seen_at: sql`now()`, expires_at: expiresAt })
      .where('token_hash', '=', hash)
      .execute();
  }
  const { remember, lastSeenAt: _seen, expiresAt: _until, ...user } = row;
  return { user, remember, expiresAt };
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
}

/** Ends every session of a user (password changed or reset, account disabled). */
export async function endAllSessions(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
