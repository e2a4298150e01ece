import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';

/*
 * Sign-in throttling, shared by every process through PostgreSQL.
 * - Per account and address: 5 failed attempts within 15 minutes lock that account from that
 *   address for what remains of the 15 minutes after the 5th-last failure.
 * - Per account, from anywhere: 50 failed attempts within an hour lock the account for what
 *   remains of that hour. One stranger (one address, at most 20 failures an hour there) can no
 *   longer lock the chair out before a meeting; guessing from many addresses is still capped.
 *   The owner can always reset the password, which clears the count.
 * - Per network address: 20 failed attempts within 15 minutes block that address likewise.
 * - On top, the route allows 30 sign-in requests per minute per address (@fastify/rate-limit).
 * Counting failures (not requests) means a person who types their password right is never slowed.
 */
/** Requests per address on top: signing in, and the visitors' forms that send e-mail (reset, sign-up). */
export const SIGN_IN_RATE_LIMIT = { max: 30, timeWindow: 60_000 };
export const MAIL_FORM_RATE_LIMIT = { max: 10, timeWindow: 15 * 60_000 };
export const ACCOUNT_ADDRESS_FAILURES = 5;
export const ACCOUNT_FAILURES = 50;
export const ADDRESS_FAILURES = 20;
export const WINDOW_MINUTES = 15;
export const ACCOUNT_WINDOW_MINUTES = 60;

export type Lock = { kind: 'account' | 'address'; minutes: number } | undefined;

/** Minutes until fewer than `limit` failures matching `where` lie within the window; 0 when not locked. */
async function lockedFor(
  db: Db,
  where: { email?: string; ip?: string },
  limit: number,
  windowMinutes: number,
): Promise<number> {
  let query = db
    .selectFrom('sign_in_failures')
    .select(
      sql<number>`ceil(extract(epoch FROM (at + ${windowMinutes} * interval '1 minute' - now())) / 60)::int`.as(
        'minutes',
      ),
    )
    .where('at', '>', sql<Date>`now() - ${windowMinutes} * interval '1 minute'`);
  if (where.email !== undefined) query = query.where('email', '=', where.email);
  if (where.ip !== undefined) query = query.where('ip', '=', where.ip);
  const row = await query
    .orderBy('at', 'desc')
    .offset(limit - 1)
    .limit(1)
    .executeTakeFirst();
  return row ? Math.max(1, row.minutes) : 0;
}

/** Whether sign-in is currently refused for this e-mail from this address, and for how many more minutes. */
export async function signInLock(db: Db, email: string, ip: string): Promise<Lock> {
  const [here, everywhere, address] = await Promise.all([
    lockedFor(db, { email, ip }, ACCOUNT_ADDRESS_FAILURES, WINDOW_MINUTES),
    lockedFor(db, { email }, ACCOUNT_FAILURES, ACCOUNT_WINDOW_MINUTES),
    lockedFor(db, { ip }, ADDRESS_FAILURES, WINDOW_MINUTES),
  ]);
  const account = Math.max(here, everywhere);
  if (account) return { kind: 'account', minutes: account };
  if (address) return { kind: 'address', minutes: address };
  return undefined;
}

/** Minutes this network address stays blocked (sign-up shares the block), 0 when it is not. */
export function addressLockMinutes(db: Db, ip: string): Promise<number> {
  return lockedFor(db, { ip }, ADDRESS_FAILURES, WINDOW_MINUTES);
}

export async function recordFailure(db: Db, email: string, ip: string): Promise<void> {
  await db.insertInto('sign_in_failures').values({ email, ip }).execute();
  if (Math.random() < 0.02) {
    await db.deleteFrom('sign_in_failures').where('at', '<', sql<Date>`now() - interval '1 day'`).execute();
  }
}

/** A successful sign-in or a password reset clears the account's count (not the address's). */
export async function clearFailures(db: Db, email: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('email', '=', email).execute();
}
