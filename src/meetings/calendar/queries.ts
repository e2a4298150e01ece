import { calendarTokenHashOf, userByCalendarTokenHash } from '../../accounts/index.ts';
import { tokenHash } from '../../core/auth/sessions.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import { type Reader, visibleCondition } from '../visibility.ts';

/** What a calendar entry needs of a meeting. */
const calendarColumns = [
  'm.id',
  'm.number',
  'm.title',
  'm.description',
  'm.starts_at as startsAt',
  'm.ends_at as endsAt',
  'm.time_zone as timeZone',
  'm.venue',
  'm.online_url as onlineUrl',
  'm.format',
  'm.status',
  'm.updated_at as updatedAt',
] as const;

/** The meetings of a calendar feed: those its reader may see, newest first (at most 500). */
export function calendarMeetings(db: Db, reader: Reader) {
  return db
    .selectFrom('meetings as m')
    .select(calendarColumns)
    .where(visibleCondition(reader))
    .orderBy('m.starts_at', 'desc')
    .limit(500)
    .execute();
}

/*
 * The personal calendar's address: a token whose hash is kept on the user's row (the accounts
 * domain's `users` table, read and written here until accounts offers it through its index.ts).
 */

/** Whether the user has made a personal calendar address. */
export async function hasCalendarAddress(db: Db, userId: string): Promise<boolean> {
  return Boolean(await calendarTokenHashOf(db, userId));
}

/** The reader a personal calendar's token stands for (enabled accounts only), if any, and their script. */
export async function calendarReader(
  db: Db,
  token: string,
): Promise<(CurrentUser & { latinScript: boolean }) | undefined> {
  const user = /^[A-Za-z0-9_-]{43}$/.test(token) ? await userByCalendarTokenHash(db, tokenHash(token)) : undefined;
  if (!user) return undefined;
  // The feed's owner is the reader: what they would see signed in, whatever their organisation is invited to.
  return {
    id: user.id,
    email: '',
    displayName: '',
    role: user.role,
    organisationId: user.organisation_id,
    locale: user.locale,
    emailConfirmed: false, // a feed only reads
    latinScript: user.latin_script,
  };
}
