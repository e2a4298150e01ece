import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import { listColumns } from '../queries.ts';
import { type Reader, visibleCondition } from '../visibility.ts';

/**
 * How many organisations were invited and how many people attended, each null unless the reader may
 * see it (the invitations go with the register, the attendance with its summary: visibility.ts).
 * Correlated subqueries: the list stays one query however many meetings it holds.
 */
function participationColumns(reader: Reader) {
  return [
    sql<number | null>`CASE WHEN ${visibleCondition(reader, 'attendanceRegister')}
      THEN (SELECT count(*)::int FROM meeting_invitations i WHERE i.meeting_id = m.id) END`.as('invited'),
    sql<number | null>`CASE WHEN ${visibleCondition(reader, 'attendanceSummary')}
      THEN (SELECT count(DISTINCT a.person_id)::int FROM attendance a
             WHERE a.meeting_id = m.id AND a.presence IN ('present', 'online')) END`.as('attended'),
  ] as const;
}

/** Meetings a reader may see (src/meetings/visibility.ts), with what they may see of who took part. */
function visibleMeetings(db: Db, reader: Reader) {
  return db
    .selectFrom('meetings as m')
    .select(listColumns)
    .select(participationColumns(reader))
    .where(visibleCondition(reader));
}

/** Meetings not yet held and not over, soonest first: one query. */
export function upcomingMeetings(db: Db, reader: Reader) {
  return visibleMeetings(db, reader)
    .where(sql<boolean>`coalesce(m.ends_at, m.starts_at + interval '3 hours') >= now()`)
    .where('m.status', 'not in', ['held', 'minutes_review', 'minutes_approved', 'published'])
    .orderBy('m.starts_at')
    .limit(100)
    .execute();
}

/** Meetings held or over, newest first, 51 from `before` (50 shown, one to know there are older): one query. */
export function pastMeetings(db: Db, reader: Reader, opts: { before?: Date | undefined } = {}) {
  let q = visibleMeetings(db, reader).where((eb) =>
    eb.or([
      eb('m.status', 'in', ['held', 'minutes_review', 'minutes_approved', 'published']),
      eb(sql<Date>`coalesce(m.ends_at, m.starts_at + interval '3 hours')`, '<', sql<Date>`now()`),
    ]),
  );
  if (opts.before) q = q.where('m.starts_at', '<', opts.before);
  return q.orderBy('m.starts_at', 'desc').limit(51).execute();
}

/** A meeting as its card in the list shows it. */
export type ListedMeeting = Awaited<ReturnType<typeof upcomingMeetings>>[number];
