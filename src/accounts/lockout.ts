import { sql } from 'kysely';
import type { Db } from '../core/db/database.ts';

/*
 * Sign-in throttling, shared by every process through PostgreSQL.
 * - Per account: 5 failed attempts within 15 minutes lock the account for what remains of the
 *   15 minutes after the 5th-last failure (the password owner can still reset the password).
 * - Per network address: 20 failed attempts within 15 minutes block that address likewise.
 * - On top, the route allows 30 sign-in requests per minute per address (@fastify/rate-limit).
 * Counting failures (not requests) means a person who types their password right is never slowed.
 */
export const ACCOUNT_FAILURES = 5;
export const ADDRESS_FAILURES = 20;
export const WINDOW_MINUTES = 15;

export type Lock = { kind: 'account' | 'address'; minutes: number } | undefined;

async function lockedFor(db: Db, column: 'email' | 'ip', value: string, limit: number): Promise<number> {
  const row = await db
    .selectFrom('sign_in_failures')
    .select(
      sql<number>`ceil(extract(epoch FROM (at + ${WINDOW_MINUTES} * interval '1 minute' - now())) / 60)::int`.as(
        'minutes',
      ),
    )
    .where(column, '=', value)
    .where('at', '>', sql<Date>`now() - ${WINDOW_MINUTES} * interval '1 minute'`)
    .orderBy('at', 'desc')
    .offset(limit - 1)
    .limit(1)
    .executeTakeFirst();
  return row ? Math.max(1, row.minutes) : 0;
}

/** Whether sign-in is currently refused for this e-mail or address, and for how many more minutes. */
export async function signInLock(db: Db, email: string, ip: string): Promise<Lock> {
  const [account, address] = await Promise.all([
    lockedFor(db, 'email', email, ACCOUNT_FAILURES),
    lockedFor(db, 'ip', ip, ADDRESS_FAILURES),
  ]);
  if (account) return { kind: 'account', minutes: account };
  if (address) return { kind: 'address', minutes: address };
  return undefined;
}

export async function recordFailure(db: Db, email: string, ip: string): Promise<void> {
  await db.insertInto('sign_in_failures').values({ email, ip }).execute();
  if (Math.random() < 0.02) {
    await db.deleteFrom('sign_in_failures').where('at', '<', sql<Date>`now() - interval '1 day'`).execute();
  }
}

/** A successful sign-in clears the account's count (not the address's). */
export async function clearFailures(db: Db, email: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('email', '=', email).execute();
}
