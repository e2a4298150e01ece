import { lockedRow } from '../core/audited-writes.ts';
import { type Action, authorizeUser } from '../core/auth/policy.ts';
import type { CurrentUser } from '../core/auth/user.ts';
import type { Db } from '../core/db/database.ts';

/** What every use case of meetings shares: the meeting's row lock (and the policy check before it, authorizeUser). */

/** Locks the meeting's row for the rest of the transaction (404 if there is no such meeting). */
export async function lockMeeting(trx: Db, meetingId: string) {
  return lockedRow(
    trx,
    'meetings',
    meetingId,
    ['id', 'status', 'number', 'body_id', 'visibility', 'title', 'starts_at', 'time_zone', 'venue', 'online_url'],
    'meeting',
  );
}

/** Whether an agenda item belongs to the meeting (a form may name an item of another meeting). */
export async function isAgendaItemOf(trx: Db, meetingId: string, itemId: string): Promise<boolean> {
  const item = await trx
    .selectFrom('agenda_items')
    .select('id')
    .where('id', '=', itemId)
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  return item !== undefined;
}

export type LockedMeeting = Awaited<ReturnType<typeof lockMeeting>>;

/**
 * The frame of a use case that changes a meeting: the policy check, then `work` in one transaction
 * that holds the meeting's row lock, so that changes to one meeting follow one another.
 */
export async function inLockedMeeting<T>(
  db: Db,
  user: CurrentUser,
  action: Action,
  meetingId: string,
  work: (trx: Db, meeting: LockedMeeting) => Promise<T>,
): Promise<T> {
  authorizeUser(user, action);
  return db.transaction().execute(async (trx) => work(trx, await lockMeeting(trx, meetingId)));
}
